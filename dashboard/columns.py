"""Column settings shared by the pages' tables: dates written as the page's language writes them,
room for columns holding sentences, and label columns no word of which is broken."""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Iterable

import pandas as pd
import streamlit as st

from transforms.presentation.i18n import date_text, short_date, t

SENTENCE_WIDTH = 360  # px: a quote, note or "not given in the source" reads without being cut
# Row height (px) of a table holding sentences: above 4rem Streamlit wraps a cell's text (three
# lines here) instead of cutting it at the column's edge.
WRAP_ROWS = 76
# A list's box shows this many rows at once: Streamlit's "auto" height shows ten rows of its own
# 35 px, which left five rows of WRAP_ROWS (the Items list). Its header row, and its border, in px.
LIST_ROWS = 15
HEADER_PX = 35
BORDER_PX = 2


def list_height(rows: int, shown: int = LIST_ROWS) -> int:
    """The height (px) of a table of `rows` rows of WRAP_ROWS px that shows `shown` of them at once
    (all of them, if fewer) under its header: st.dataframe's height. On a screen lower than that,
    the page's style caps the box to the window (dashboard.ui, _PAGE_STYLE)."""
    return HEADER_PX + max(1, min(rows, shown)) * WRAP_ROWS + BORDER_PX


def sentence_column(label: str, width: int = SENTENCE_WIDTH) -> st.column_config.Column:
    """A text column wide enough for a sentence (notes, quotes)."""
    return st.column_config.TextColumn(label, width=width)


# Babel takes ~15 us a date; the same few dates are written for view after view
day_in_table = functools.lru_cache(maxsize=8192)(short_date)  # short_date(lang, day), kept
day_in_words = functools.lru_cache(maxsize=8192)(date_text)  # date_text(lang, day), kept


def dates_in_words(frame: pd.DataFrame, lang: str, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """frame with its date columns (datetime columns, or `columns` holding YYYY-MM-DD text) written
    as lang writes a date in a table ("14 Apr 2009", "2009年4月14日"), and "not given in the
    source" (in lang) where there is no date. Streamlit's DateColumn would print a grey English
    "None" for a missing date, so the cells are text; the rows keep the record's (chronological) order."""
    names = columns or [c for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c])]
    missing = t(lang, "not_given")
    out = frame.copy()
    for name in names:
        days = pd.to_datetime(out[name].astype(str), format="ISO8601", errors="coerce")
        out[name] = [missing if pd.isna(d) else short_date(lang, d) for d in days]
    return out


# A grid cell's text (Streamlit's grid theme): its size and the padding on each side of it.
FONT_PX = 14
CELL_PADDING = 8
SMALL = 75  # px: Streamlit's width "small", the least a label column is given
MEDIUM = 200  # px: Streamlit's width "medium", for longer labels (a heading) read on two lines at most


def _em(char: str) -> float:
    """An upper bound of a character's width in the grid's font (Source Sans; Han in Noto CJK), in em."""
    if unicodedata.east_asian_width(char) in "WF":
        return 1.0
    if char in "mwMW@%":
        return 0.9
    return 0.7 if char.isupper() else 0.55


@functools.lru_cache(maxsize=65536)  # the same labels and ids are measured for view after view
def _word_em(word: str) -> float:
    return sum(_em(c) for c in word)


def label_width(labels: Iterable[str], header: str = "", least: int = SMALL) -> int:
    """The width (px) of a table column of short labels (a kind, a status) in which no word of
    any of `labels` is broken across lines: a grid cell wraps between words, but breaks a word
    wider than the column mid-word ("Recommenda-tion"). A word is what stands between spaces;
    Chinese, written without them, is kept whole ("《全球行动计划》要求"). At least `least`, and
    wide enough for `header` (a header is cut, not wrapped). Measured from an upper bound of each
    character's width, so never too narrow (tests/browser/test_table_words_in_browser.py)."""
    words = [w for label in labels for w in str(label).split()] + header.split()
    widest = max((_word_em(w) for w in words), default=0.0)
    return max(least, math.ceil(widest * FONT_PX) + 2 * CELL_PADDING + 4)  # 4: the border, a pixel's rounding


def header_width(header: str) -> int:
    """The width (px) in which `header` stands whole on one line (a grid cuts a header; it does not
    wrap it), from the same upper bound of each character's width as label_width, spaces included."""
    return math.ceil(sum(_em(c) for c in header) * FONT_PX) + 2 * CELL_PADDING + 4


def label_column(header: str, labels: Iterable[str], least: int = SMALL) -> st.column_config.Column:
    """A text column of labels (a kind, a status, a heading: every value it may hold in `labels`)
    or of ids (an item id, a document symbol: one word each), no word of which is broken across
    lines (label_width); at least `least` px wide."""
    return st.column_config.TextColumn(header, width=label_width(labels, header, least))
