"""Column settings shared by the pages' tables: dates written as the page's language writes them,
and room for columns holding sentences."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from transforms.presentation.i18n import short_date, t

SENTENCE_WIDTH = 360  # px: a quote, note or "not given in the source" reads without being cut
# Row height (px) of a table holding sentences: above 4rem Streamlit wraps a cell's text (three
# lines here) instead of cutting it at the column's edge.
WRAP_ROWS = 76


def sentence_column(label: str, width: int = SENTENCE_WIDTH) -> st.column_config.Column:
    """A text column wide enough for a sentence (notes, quotes)."""
    return st.column_config.TextColumn(label, width=width)


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
