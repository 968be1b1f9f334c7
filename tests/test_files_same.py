"""The files a reader downloads (the briefing, the CSV exports) are made faster, not differently:
for many views in both languages, on the shipped record and on one whose every free text is
hostile (markup, quotes, commas, line breaks, formula-like text), the bytes equal those of the
path they replaced: the briefing as tests/briefing_before.py made it (the code before), on a plain
Store and on the dashboard's MemoStore; each CSV as DuckDB writes it from the SQL (the coverage
CSV: from the marts' frame), through either store."""

from __future__ import annotations

import random
import shutil
from datetime import UTC, datetime
from pathlib import Path

import briefing_before
import pandas as pd
import pytest
from fixtures import SHIPPED_DATA, every_free_text

from dashboard.data import MemoStore
from transforms.database import marts
from transforms.database.build import build
from transforms.database.coverage import QUESTIONS, headings_label
from transforms.database.export import EXPORTS, export_bytes
from transforms.database.queries import Filters, Store
from transforms.database.scope import EXPORT_VIEW, applied
from transforms.record.csvio import duckdb_csv_bytes, people_csv_bytes, python_csv_bytes
from transforms.record.schema import HEADINGS, KINDS, STATUSES
from transforms.reports import report
from transforms.reports.report import report_html

WHEN = datetime(2026, 11, 30, 5, 30, tzinfo=UTC)
TRICKY = [
    '<b>bold</b> & "quoted", comma',
    "=SUM(A1:A2)",
    "+1 -2 @x",
    "line one\nline two\r\nthree",
    "spaces  inside",
    'a "" b',
    "tab\there",
    "plain",
    "-minus",
    "日本語，中文：句子",
]


def views(sessions: list[str], count: int, seed: int) -> list[Filters]:
    """Every filter at its default, then `count` random views in each language."""
    rng = random.Random(seed)
    chosen = [Filters(lang="en"), Filters(lang="zh"), Filters(lang="zh", curated=False)]
    for lang in ("en", "zh"):
        for _ in range(count):
            chosen.append(
                Filters(
                    headings=tuple(rng.sample(HEADINGS, rng.choice([0, 0, 1, 2, 3]))),
                    statuses=tuple(rng.sample(STATUSES, rng.choice([0, 0, 1, 2]))),
                    kinds=tuple(rng.sample(KINDS, rng.choice([0, 0, 1, 2]))),
                    as_of=rng.choice([None, None, *sessions]),
                    lang=lang,
                    curated=rng.random() < 0.8,
                )
            )
    return chosen


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-files")
    every_free_text(folder / "data", lambda table, column, row: f"{TRICKY[row % len(TRICKY)]} {table}.{column}")
    build(folder / "data", folder / "hostile.duckdb")
    return folder / "hostile.duckdb"


def session_ids(store: Store) -> list[str]:
    return store.con.execute("SELECT session_id FROM record.sessions ORDER BY session_id").df()["session_id"].tolist()


@pytest.mark.parametrize("record", ["shipped", "hostile"])
def test_briefing_bytes_are_the_old_codes(record, shipped_db, hostile_db):
    path = shipped_db if record == "shipped" else hostile_db
    with Store(path) as plain:
        memo = MemoStore(path)
        try:
            for number, filters in enumerate(views(session_ids(plain), 14 if record == "shipped" else 4, seed=21)):
                if number % 2:  # made afresh; else some pieces kept from earlier views (the same for them)
                    report._KEPT.clear()
                expected = briefing_before.report_html(plain, filters, WHEN)
                assert report_html(plain, filters, WHEN) == expected, filters
                assert report_html(memo, filters, WHEN) == expected, filters
        finally:
            memo.close()


@pytest.mark.parametrize("record", ["shipped", "hostile"])
def test_csv_bytes_are_duckdbs_from_the_sql(record, shipped_db, hostile_db):
    path = shipped_db if record == "shipped" else hostile_db
    with Store(path) as plain:
        memo = MemoStore(path)
        try:
            for filters in views(session_ids(plain), 6, seed=14):
                for table, (query, columns) in EXPORTS.items():
                    if table == "coverage":  # summed from the marts (transforms.database.marts), written by DuckDB
                        label = headings_label(filters.lang, applied(filters, "coverage"))
                        frame = marts.coverage_export(plain.marts(), applied(filters, "coverage"), QUESTIONS, label)
                        expected = duckdb_csv_bytes(frame[columns])
                    else:  # the SQL written by DuckDB
                        expected = plain.csv(query, applied(filters, EXPORT_VIEW[table]), columns)
                    assert export_bytes(plain, table, filters) == expected, (table, filters)
                    assert export_bytes(memo, table, filters) == expected, (table, filters)
        finally:
            memo.close()


def test_python_writer_writes_duckdbs_bytes():
    """Frames of every column type the Python writer takes (text as string and object columns,
    with missing values, empty text, formula-like text, quotes, commas, '#', line breaks and every
    ASCII control; integers, nullable integers, floats with NaN, -0.0, tiny and huge values): the
    bytes DuckDB's writer gives. Other column types are left to DuckDB."""
    rng = random.Random(21)
    chars = [chr(c) for c in range(1, 128)] + list("中文，：·\u2028\u00a0é\ufeff")
    specials = [None, "", "=x", '"', "a,b", "#", "x#y", "-1", "\r=2", "NULL", " lead", "trail "]

    def text() -> str | None:
        return rng.choice([*specials, "".join(rng.choice(chars) for _ in range(rng.randint(1, 6)))])

    def column(kind: str, n: int) -> pd.Series:
        if kind in ("str", "object"):
            values = [text() for _ in range(n)]
            if kind == "object" and rng.random() < 0.3:
                values = [float("nan") if v is None else v for v in values]
            return pd.Series(values, dtype=kind)
        if kind == "Int32":
            return pd.Series([rng.choice([None, rng.randint(-5, 5000)]) for _ in range(n)], dtype="Int32")
        if kind == "float64":
            floats = [float("nan"), 0.0, -0.0, 1.0, 1e-05, 1e20]
            return pd.Series(
                [rng.choice([*floats, round(rng.random(), 4), rng.random()]) for _ in range(n)], dtype=kind
            )
        return pd.Series([rng.randint(-(10**9), 10**9) for _ in range(n)], dtype=kind)

    written = 0
    for _ in range(300):
        n = rng.randint(0, 8)
        kinds = ["str", "object", "int64", "int32", "Int32", "float64"]
        frame = pd.DataFrame({f"c{i}": column(rng.choice(kinds), n) for i in range(rng.randint(1, 5))})
        fast = python_csv_bytes(frame)
        assert fast is not None, frame.dtypes
        assert fast == duckdb_csv_bytes(frame), frame.to_dict("list")
        written += 1
    assert written == 300
    # left to DuckDB: dates, booleans, infinities, repeated or unusual column names
    for other in (
        pd.DataFrame({"d": pd.to_datetime(["2026-01-02"])}),
        pd.DataFrame({"b": [True]}),
        pd.DataFrame({"f": [float("inf")]}),
        pd.DataFrame([[1, 2]], columns=["a", "a"]),
        pd.DataFrame({"a,b": [1]}),
    ):
        assert python_csv_bytes(other) is None
        assert people_csv_bytes(other) == duckdb_csv_bytes(other)
    # a column named a date (as the sessions export's) is written as a DATE only if it holds days
    days = pd.DataFrame({"d": pd.to_datetime(["2026-01-02", None, "1999-12-31"])})
    assert python_csv_bytes(days, ("d",)) == "\ufeffd\r\n2026-01-02\r\n\r\n1999-12-31\r\n".encode()
    assert python_csv_bytes(pd.DataFrame({"d": pd.to_datetime(["2026-01-02 10:00"])}), ("d",)) is None


def test_kept_pieces_follow_the_record(tmp_path):
    """The briefing's kept pieces are keyed on what the database holds: after the record changes
    (a rebuild at the same path), the briefing shows the new record, and the old one again after
    it comes back."""
    changed = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, changed)
    links = changed / "links.csv"
    links.write_text(links.read_text(encoding="utf-8").replace(",pending,", ",done,"), encoding="utf-8")
    served = tmp_path / "served.duckdb"
    filters = Filters(lang="zh")
    made = []
    for folder in (SHIPPED_DATA, changed, SHIPPED_DATA):
        build(folder, served)
        with Store(served) as store:
            made.append(report_html(store, filters, WHEN))
            assert made[-1] == briefing_before.report_html(store, filters, WHEN)
    assert made[0] != made[1]  # the changed record shows (each equal to the code before on its record)
