"""Column widths for a grid in the page's width: at 1400 px every column of a page's grid shows
inside it (none reachable only by scrolling the grid sideways), in either language.

Columns of labels and ids are as wide as their longest word (dashboard.columns.label_width),
numbers, dates and other short values as their widest word with their header whole; columns
holding sentences (a title, a quote, a note) share what the others leave of the page's main
column, each between the least it reads in and the most it needs, and wrap on the rows' lines
(their full text is on the page beside the grid: a provenance, "notes in full"). On a phone a grid
may scroll sideways; its first column, if no wider than PIN_PX, is pinned and stays in view, whole
(Streamlit draws a pinned column's text grey, as an index: 4.9:1 against white measured, AA)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
import streamlit as st

from .columns import header_width, label_width, sentence_column

# px: the page's main column at 1400 px wide (wide layout, sidebar open), which a grid fills
PAGE_PX = 936
# px: a first column up to this wide is pinned: half the grid on a 390 px phone (356 px), the other
# half left for the columns scrolling past it
PIN_PX = 178
# px: the column of row checkboxes a grid whose rows can be selected draws before its first column
SELECT_PX = 32
# px: what an expander takes of the page's width around a grid in it (its padding and border: a
# grid sized to PAGE_PX in one stood 31 px beyond its edge, measured in Chromium)
EXPANDER_PX = 34


def fit(
    frame: pd.DataFrame,
    headers: Mapping[str, object],
    *,
    labels: Mapping[str, tuple[Iterable[str], int]] | None = None,
    sentences: Mapping[str, tuple[int, int]] | None = None,
    selectable: bool = False,
    pin_first: bool = True,
    page_px: int = PAGE_PX,
) -> dict[str, object]:
    """The column configuration (column name -> st.column_config setting, in the order of
    `headers`) of a grid showing `frame`'s columns named in `headers` (name -> header text, or a
    column config whose kind, label and help are kept: a checkbox) in `page_px` px. Every column is
    at least as wide as its header on one line (a grid cuts a header, it does not wrap it).

    - `labels`: name -> (every value the column may hold, least px): the width in which no word of
      any value, nor of the header, is broken (an id column: its own values);
    - `sentences`: name -> (least px, most px): the columns sharing what the others leave, each
      its least and of the rest in proportion to what it could still take, up to its most (when
      the leasts pass what is left, the grid scrolls);
    - any other column: its widest word, its header whole (a number column stays a number column);
    - `selectable`: the grid draws a column of row checkboxes (SELECT_PX) before its first column;
    - `page_px`: the width the grid has (PAGE_PX less EXPANDER_PX for a grid in an expander).
    The first column, if no wider than PIN_PX, is pinned (`pin_first`): on a screen narrower than
    the grid it stays in view as the others scroll."""
    labels, sentences = labels or {}, sentences or {}
    out: dict[str, object] = {}
    for column, header in headers.items():
        # a grid cuts a header, it does not wrap it: every column is at least its header's width
        label = str(header.get("label") or "") if isinstance(header, dict) else header
        whole = header_width(label)
        if column in sentences:
            continue
        if column in labels:
            values, least = labels[column]
            kind, width = st.column_config.TextColumn, label_width(values, label, max(least, whole))
        else:
            values = frame[column]
            numeric = pd.api.types.is_numeric_dtype(values)
            kind = st.column_config.NumberColumn if numeric else st.column_config.TextColumn
            width = label_width(values.astype(str), label, whole)
        # a column config made by the page (a checkbox, a header's help) keeps its kind
        out[column] = {**header, "width": width} if isinstance(header, dict) else kind(header, width=width)
    left = page_px - (SELECT_PX if selectable else 0) - sum(setting["width"] for setting in out.values())
    spare = max(0, left - sum(least for least, _ in sentences.values()))
    room = sum(high - least for least, high in sentences.values()) or 1
    for column, (least, high) in sentences.items():
        width = least + min(high - least, spare * (high - least) // room)
        header = headers[column]
        out[column] = {**header, "width": width} if isinstance(header, dict) else sentence_column(header, width)
    ordered = {column: out[column] for column in headers}
    first = next(iter(ordered), None)
    if pin_first and first is not None and ordered[first]["width"] <= PIN_PX:
        ordered[first] = {**ordered[first], "pinned": True}
    return ordered
