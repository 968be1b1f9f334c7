"""Column settings shared by the pages' tables: dates written as the page's language writes them
(kept as dates, so a click on the header sorts by date), and room for columns holding sentences."""

from __future__ import annotations

import pandas as pd
import streamlit as st

# Moment.js formats (Streamlit's DateColumn): "14 Apr 2009", "2009年4月14日".
DATE_FORMAT = {"en": "D MMM YYYY", "zh": "YYYY年M月D日"}
SENTENCE_WIDTH = 360  # px: a quote, note or "not given in the source" reads without being cut


def date_column(lang: str, label: str) -> st.column_config.Column:
    """A date column in the page's language; an empty cell where the source gives no date."""
    return st.column_config.DateColumn(label, format=DATE_FORMAT[lang])


def sentence_column(label: str, width: int = SENTENCE_WIDTH) -> st.column_config.Column:
    """A text column wide enough for a sentence (notes, quotes)."""
    return st.column_config.TextColumn(label, width=width)


def with_dates(shown: pd.DataFrame, raw: pd.DataFrame) -> pd.DataFrame:
    """A display frame (dashboard.data.shown: dates as text) with raw's date columns put back as
    dates, for date_column; same rows in the same order."""
    dates = [c for c in raw.columns if pd.api.types.is_datetime64_any_dtype(raw[c]) and c in shown]
    return shown.assign(**{c: raw[c].to_numpy() for c in dates})
