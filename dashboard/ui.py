"""Small drawing helpers shared by the pages. Text from the data goes through `plain` (or a
table widget) so it is never read as Markdown or HTML."""

from __future__ import annotations

import datetime as dt
import re
from functools import partial

import pandas as pd
import streamlit as st

from transforms.database.export import export_command, export_file_name
from transforms.database.scope import EXPORT_VIEW, not_applied_sentence, scope_line
from transforms.presentation.i18n import t

from . import data
from .context import Context

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: object) -> str:
    """Text safe to put inside st.markdown: every Markdown and HTML character escaped."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def day(value, lang: str) -> str:
    """A date as YYYY-MM-DD, or the words saying the source gives none."""
    return t(lang, "not_given") if pd.isna(value) else f"{value:%Y-%m-%d}"


def scope_caption(ctx: Context, view: str) -> None:
    """What the page shows: the as-of point and the filters it applies (transforms.scope); then,
    if any filter in force is not applied here, which and why."""
    st.caption(plain(scope_line(ctx.lang, ctx.view.filters, view, ctx.labels)))
    not_applied_note(ctx, view)


def not_applied_note(ctx: Context, view: str) -> None:
    """Which filters in force this view (or part of a page) does not apply, and why; nothing if none."""
    sentence = not_applied_sentence(ctx.lang, ctx.view.filters, view)
    if sentence:
        st.caption(plain(sentence))


DOWNLOAD_LIMIT = 100_000  # rows; larger tables come from the command line


def download(ctx: Context, table: str, label_key: str, rows: int, filters=None, key: str | None = None) -> None:
    """A download button for one export table under the current filters (or the `filters`
    given); for a table too large to hand over from a web page, the command that writes it instead."""
    filters = filters or ctx.view.filters
    name = export_file_name(table, filters, dt.date.today())
    dropped = not_applied_sentence(ctx.lang, filters, EXPORT_VIEW[table])
    if dropped:
        st.caption(plain(dropped))
    if rows > DOWNLOAD_LIMIT:
        st.caption(t(ctx.lang, "download_too_large", rows=rows))
        st.code(export_command(table, filters, name), language="bash")
        return
    st.download_button(
        t(ctx.lang, label_key),
        data.on_request(partial(data.download, table, ctx.db, filters), "text/csv", name),  # made when clicked
        file_name=name,
        mime="text/csv",
        icon=":material/download:",
        key=key or f"download_{table}",
        on_click="ignore",
    )


def counts(lang: str, prefix: str = "status") -> dict[str, str]:
    """Headers for the done, pending, proposed and total columns of a coverage table."""
    return {**{s: t(lang, f"{prefix}_{s}") for s in ("done", "pending", "proposed")}, "total": t(lang, "total")}


def table(frame: pd.DataFrame, columns: dict, **kwargs):
    """A read-only table showing `columns` of frame (name -> header text or column config)."""
    return st.dataframe(frame[list(columns)], hide_index=True, width="stretch", column_config=columns, **kwargs)
