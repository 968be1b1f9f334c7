"""Small drawing helpers shared by the pages. Text from the data goes through `plain` (or a
table widget) so it is never read as Markdown or HTML."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import streamlit as st

from transforms.database.export import export_command, export_file_name
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


def scope_caption(ctx: Context) -> None:
    """One line saying what the page shows: the as-of point and the filters in force."""
    f, lang, labels = ctx.view.filters, ctx.lang, ctx.labels
    scope = t(lang, "scope_as_of", session=labels["session"][f.as_of]) if f.as_of else t(lang, "scope_whole")
    parts = [
        t(lang, "list_separator").join(labels[field][k] for k in keys)
        for field, keys in (("heading", f.headings), ("status", f.statuses), ("kind", f.kinds))
        if keys
    ]
    narrowed = " · ".join(parts) if parts else t(lang, "scope_unfiltered")
    st.caption(plain(f"{scope} — {narrowed}"))


DOWNLOAD_LIMIT = 100_000  # rows; larger tables come from the command line


def download(ctx: Context, table: str, label_key: str, rows: int) -> None:
    """A download button for one export table under the current filters; for a table too large
    to hand over from a web page, the command that writes it instead."""
    filters = ctx.view.filters
    name = export_file_name(table, filters, dt.date.today())
    if rows > DOWNLOAD_LIMIT:
        st.caption(t(ctx.lang, "download_too_large", rows=rows))
        st.code(export_command(table, filters, name), language="bash")
        return
    st.download_button(
        t(ctx.lang, label_key),
        data.download(table, ctx.db, filters),
        file_name=name,
        mime="text/csv",
        icon=":material/download:",
        key=f"download_{table}",
        on_click="ignore",
    )


def counts(lang: str, prefix: str = "status") -> dict[str, str]:
    """Headers for the done, pending, proposed and total columns of a coverage table."""
    return {**{s: t(lang, f"{prefix}_{s}") for s in ("done", "pending", "proposed")}, "total": t(lang, "total")}


def table(frame: pd.DataFrame, columns: dict, **kwargs):
    """A read-only table showing `columns` of frame (name -> header text or column config)."""
    return st.dataframe(frame[list(columns)], hide_index=True, width="stretch", column_config=columns, **kwargs)
