"""The two writers of CSV for people give the same bytes: a small frame is written in Python
(transforms.record.csvio.python_csv_text, no DuckDB statement), a large one or one with a column
type not written there by DuckDB (duckdb_people_csv_bytes). Checked on frames made to be awkward
(every ASCII character inside and at the start of a text, empty and missing text, formula-like
text, Chinese, numbers of every size, NaN and infinities, nullable types, no rows) and by
hypothesis on random frames; the exports of whole records are compared with DuckDB writing the
SQL in tests/test_files_same.py."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.record import csvio
from transforms.record.csvio import (
    FORMULA_TRIGGERS,
    duckdb_people_csv_bytes,
    people_csv_bytes,
    python_csv_text,
)

ASCII = [chr(i) for i in range(1, 128)]
AWKWARD = [
    *("a" + c + "b" for c in ASCII),
    *(c + "x" for c in ASCII),
    *(t + "1" for t in FORMULA_TRIGGERS),
    "",
    " ",
    " lead",
    "trail ",
    '"',
    '""',
    "'quoted'",
    "NULL",
    "nan",
    "\\N",
    "中文，标点：句子。",
    "\u00a0\u2028\u3000\ufeff\x85",
    "😀",
    "line one\r\nline two",
]


def same(frame: pd.DataFrame) -> None:
    text = python_csv_text(frame)
    assert text is not None, frame.dtypes
    assert text.encode("utf-8") == duckdb_people_csv_bytes(frame)


def test_text_as_duckdb_writes_it():
    values = AWKWARD + [None]
    same(pd.DataFrame({"t": pd.array(values, dtype="string")}))
    same(pd.DataFrame({"t": pd.Series(values, dtype="str")}))  # pandas' default string type
    same(pd.DataFrame({"t": pd.Series(values, dtype=object)}))
    same(pd.DataFrame({"t": pd.Series([None, None], dtype=object)}))


def test_numbers_and_truth_values_as_duckdb_writes_them():
    rng = np.random.default_rng(7)
    floats = np.concatenate(
        [
            rng.standard_normal(3000) * 10.0 ** rng.integers(-30, 30, 3000),
            np.round(rng.random(3000), 4),
            [0.0, -0.0, 1.0, 1e15, 1e16, 1e21, 1e-5, 5e-324, 1.7976931348623157e308, np.inf, -np.inf, np.nan],
        ]
    )
    n = len(floats)
    ints = rng.integers(-(2**62), 2**62, n)
    same(
        pd.DataFrame(
            {
                "f": floats,
                "i": ints,
                "small": (ints % 200).astype("int8"),
                "u": np.abs(ints).astype("uint64"),
                "n": pd.array([None if k % 7 == 0 else int(v) for k, v in enumerate(ints % 10**6)], dtype="Int32"),
                "b": ints % 2 == 0,
                "nb": pd.array([None if k % 5 == 0 else bool(k % 2) for k in range(n)], dtype="boolean"),
            }
        )
    )


def test_names_no_rows_one_row():
    same(pd.DataFrame({"a,b": pd.Series([], dtype="string"), 'say "x"': pd.Series([], dtype="Int64"), "#": []}))
    same(pd.DataFrame({"only": ["=1"]}))
    same(pd.DataFrame({"one": [1.5], "two": ["x\ny"]}))


@pytest.mark.parametrize(
    "column",
    [
        pd.to_datetime(["2019-05-06", None]),
        pd.Series(["a", "b"], dtype="category"),
        pd.Series([1.5, 2.5], dtype="float32"),
        pd.Series(["a", 1], dtype=object),
        pd.Series([pd.Timestamp("2020-01-01").date(), None], dtype=object),
    ],
    ids=["datetime", "category", "float32", "mixed", "dates"],
)
def test_other_types_are_left_to_duckdb(column):
    frame = pd.DataFrame({"c": column, "t": ["x", "=y"]})
    assert python_csv_text(frame) is None
    assert people_csv_bytes(frame) == duckdb_people_csv_bytes(frame)


def test_repeated_names_are_left_to_duckdb():
    frame = pd.DataFrame([[1, 2]], columns=["a", "a"])
    assert python_csv_text(frame) is None


def test_a_large_frame_is_written_by_duckdb(monkeypatch):
    frame = pd.DataFrame({"t": ["=x", "y"] * 10, "n": range(20)})
    monkeypatch.setattr(csvio, "PYTHON_CELLS", 10)
    monkeypatch.setattr(csvio, "python_csv_text", lambda _: pytest.fail("a large frame went to the Python writer"))
    assert people_csv_bytes(frame) == duckdb_people_csv_bytes(frame)


TEXT = st.one_of(st.none(), st.text(alphabet=st.sampled_from([*ASCII, "中", "，", "\u2028", "😀"]), max_size=8))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(TEXT, st.one_of(st.none(), st.integers(-(2**31) + 1, 2**31 - 1)), st.floats(), st.booleans()),
        max_size=12,
    )
)
def test_random_frames(rows):
    text, whole, decimal, truth = zip(*rows) if rows else ((), (), (), ())
    same(
        pd.DataFrame(
            {
                "text": pd.array(list(text), dtype="string"),
                "whole": pd.array(list(whole), dtype="Int32"),
                "decimal": np.array(decimal, dtype="float64"),
                "truth": np.array(truth, dtype=bool),
            }
        )
    )
