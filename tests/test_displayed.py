"""data.displayed gives the very frame for_display and dates_in_words made of the same columns
(values, dtypes, index, the Arrow table drawn of it), for the lists the pages show under many
views, both languages, on the shipped and a synthetic record, and on awkward frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from fixtures import shipped_and_synthetic, some_views
from streamlit.dataframe_util import convert_pandas_df_to_arrow_table

from dashboard.columns import dates_in_words
from dashboard.data import DISPLAYED_ROWS, displayed, for_display
from transforms.database import queries
from transforms.database.queries import Store


def old_way(frame, names, lang, dates=()):
    shown = for_display(frame[names], lang)
    return dates_in_words(shown, lang, dates) if dates else shown


def same(frame, names, lang, dates=()):
    expected, got = old_way(frame, names, lang, dates), displayed(frame, names, lang, dates)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got.columns.dtype == expected.columns.dtype
    assert arrow_bytes(got) == arrow_bytes(expected)  # what st.dataframe sends, byte for byte


def arrow_bytes(frame: pd.DataFrame) -> bytes:
    table = convert_pandas_df_to_arrow_table(frame)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


@pytest.fixture(scope="module")
def paths(tmp_path_factory):
    return shipped_and_synthetic(tmp_path_factory.mktemp("displayed"))


SHOWN = {
    "session_list": (
        ["title", "body", "start_date", "end_date", "venue", "document_symbols", "source_paragraph", "note"],
        ("start_date", "end_date"),
    ),
    "session_outcomes": (["title", "done", "pending", "proposed", "total"], ()),
    "heading_session_grid": (["session_title", "heading_label", "done", "pending", "proposed", "total"], ()),
    "link_list": (
        [
            "status_label",
            "item_title",
            "item_id",
            "document_symbol",
            "source_paragraph",
            "quote",
            "quote_language",
            "note",
        ],
        (),
    ),
    "item_list": (
        [
            "status_label",
            "title",
            "heading_label",
            "kind_label",
            "sessions",
            "source_paragraph",
            "item_id",
            "plan_paragraph",
        ],
        (),
    ),
}


@pytest.mark.parametrize("record", ["shipped", "synth"])
def test_the_pages_lists_are_displayed_as_before(paths, record):
    with Store(paths[record]) as store:
        for filters in some_views(store, 8, seed=3):
            for query, (names, dates) in SHOWN.items():
                frame = getattr(queries, query)(store, filters)
                same(frame, names, filters.lang, dates)
                same(frame.head(DISPLAYED_ROWS), names, filters.lang, dates)  # values read as lists
                same(frame.head(3), names, filters.lang, dates)  # rows picked: an index not from 0
                same(frame.iloc[1:4], names, filters.lang, dates)


def test_awkward_frames_are_displayed_as_before():
    days = pd.to_datetime(["2009-04-14", None, "2020-02-29"]).as_unit("us")
    frame = pd.DataFrame(
        {
            "start_date": days,
            "end_date": pd.Series([pd.NaT] * 3, dtype="datetime64[us]"),
            "ancient": pd.Series(
                [pd.Timestamp("0999-01-01"), pd.NaT, pd.Timestamp("2001-01-01")], dtype="datetime64[us]"
            ),
            "note": pd.array(["a", None, "c"], dtype="str"),
            "document_symbol": pd.array([None, None, "S/1"], dtype="str"),
            "quote": pd.array(["一", None, "<b>"], dtype="str"),
            "empty": pd.Series([None, None, None], dtype=object),
            "mixed": pd.Series(["x", None, 3], dtype=object),
            "number": pd.array([1, None, 3], dtype="Int32"),
            "share": np.array([0.5, np.nan, 1.0]),
            "flag": np.array([True, False, True]),
            "text_date": pd.array(["2009-04-14", None, "nonsense"], dtype="str"),
        },
        index=pd.RangeIndex(4, 7),
    )
    for lang in ("en", "zh"):
        for dates in ((), ("start_date", "end_date", "ancient"), ("text_date", "start_date")):
            same(frame, list(frame.columns), lang, dates)
            same(frame.iloc[:0], list(frame.columns), lang, dates)
            some = ["note", "start_date", "number"]
            same(frame.iloc[[2, 0]], some, lang, tuple(d for d in dates if d in some))
