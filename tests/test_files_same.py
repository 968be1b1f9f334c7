"""The files a reader downloads (the briefing, the CSV exports) are made from kept pieces, not
differently: for many views in both languages, on the shipped record and on one whose every free
text is hostile (markup, quotes, commas, line breaks, formula-like text), the briefing made with
pieces kept from earlier views equals the one made afresh, on a plain Store and on the dashboard's
MemoStore (the bytes were also checked equal to the code before the pieces were kept, over the
same views, when they were introduced); each CSV, however it is written (by DuckDB from the SQL,
or in Python from rows kept: transforms.record.csvio), is DuckDB's writing of the SQL (the coverage
CSV: of the marts' frame), through either store."""

from __future__ import annotations

import random
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fixtures import SHIPPED_DATA, every_free_text

from dashboard.data import MemoStore
from transforms.database import marts
from transforms.database.build import build
from transforms.database.coverage import QUESTIONS, headings_label
from transforms.database.export import EXPORTS, export_bytes
from transforms.database.queries import Filters, Store
from transforms.database.scope import EXPORT_VIEW, applied
from transforms.record.csvio import duckdb_people_csv_bytes
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
def test_a_briefing_from_kept_pieces_is_the_briefing_made_afresh(record, shipped_db, hostile_db):
    path = shipped_db if record == "shipped" else hostile_db
    with Store(path) as plain:
        memo = MemoStore(path)
        try:
            for filters in views(session_ids(plain), 14 if record == "shipped" else 4, seed=21):
                kept = report_html(plain, filters, WHEN)  # pieces kept from the views before, if any
                assert report_html(memo, filters, WHEN) == kept, filters
                report._KEPT.clear()
                assert report_html(plain, filters, WHEN) == kept, filters  # every piece made again
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
                        expected = duckdb_people_csv_bytes(frame[columns])
                    else:  # the SQL written by DuckDB
                        expected = plain.csv(query, applied(filters, EXPORT_VIEW[table]), columns)
                    assert export_bytes(plain, table, filters) == expected, (table, filters)
                    assert export_bytes(memo, table, filters) == expected, (table, filters)
        finally:
            memo.close()


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
            report._KEPT.clear()
            assert made[-1] == report_html(store, filters, WHEN)  # as made afresh on that record
    assert made[0] != made[1] and made[0] == made[2]  # the changed record shows, then the first again
