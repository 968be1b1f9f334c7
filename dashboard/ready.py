"""Tables made ready to draw once per view and drawn as they are on every rerun.

st.dataframe turns the pandas frame it is given into an Arrow table on every call (100 us to a
few ms of pandas and pyarrow work per table, on every rerun of every session). A `Ready` holds
that Arrow table, made once with Streamlit's own conversion when a view is first asked (the
caches of dashboard/*_view.py), so a rerun hands it over as it is: st.dataframe then writes the
same bytes (tests/test_ready.py), with the same column settings."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit.dataframe_util import convert_pandas_df_to_arrow_table

# A frame of more rows than this is handed over as the frame (Streamlit may then send it in
# pieces, lazily, which it decides for a frame and an Arrow table alike, far above this size).
MOST_ROWS = 10_000


@dataclass(frozen=True)
class Ready:
    """A table ready to draw: `rows` (a pyarrow.Table of the columns shown, or the pandas frame
    when it has more than MOST_ROWS rows), `columns` (column name -> header text or column
    config, in the order shown) and `count`, its number of rows. Shared between sessions: never
    modify."""

    rows: object
    columns: dict
    count: int


def ready(frame: pd.DataFrame, columns: dict) -> Ready:
    """`columns` of frame (name -> header text or column config, as dashboard.ui.table takes
    them) made ready to draw (Ready)."""
    names = list(columns)
    shown = frame if frame.columns.tolist() == names else frame[names]  # the same frame either way
    rows = convert_pandas_df_to_arrow_table(shown) if len(shown) <= MOST_ROWS else shown
    return Ready(rows, columns, len(shown))


def draw(table: Ready, **kwargs):
    """The table drawn as dashboard.ui.table draws its frame (read-only, no index, full width),
    with st.dataframe's other arguments (key, row_height, on_select, ...) as given; nothing drawn
    (None) for a table of no rows, as ui.table: Streamlit's grid writes "empty" in its one row, in
    English on a Chinese page (drawn on its canvas, beyond ui.streamlit_words); the page says in
    words that nothing is listed."""
    if not table.count:
        return None
    return st.dataframe(table.rows, hide_index=True, width="stretch", column_config=table.columns, **kwargs)
