"""The dashboard's store keeps the item and link lists whole per as-of and language and picks each
view's rows from them (transforms.database.queries.narrowed): the very frames the SQL gives with
the filters, session and limit, for many views; and a record too big to keep whole is asked as before."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest
from fixtures import shipped_and_synthetic

from dashboard.data import MemoStore
from transforms.database.build import build
from transforms.database.queries import SELECTIONS, Filters, Store
from transforms.record.schema import HEADINGS, KINDS, STATUSES

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("narrowing") / "shipped.duckdb"
    build(REPO / "data", path)
    return path


def views(sessions: list[str], count: int, seed: int):
    rng = random.Random(seed)
    yield Filters(), {}
    for _ in range(count):
        filters = Filters(
            headings=tuple(rng.sample(HEADINGS, rng.randint(0, 2))),
            statuses=tuple(rng.sample(STATUSES, rng.randint(0, 2))),
            kinds=tuple(rng.sample(KINDS, rng.randint(0, 2))),
            as_of=rng.choice([None, "no-such-session", *sessions]),
            lang=rng.choice(["en", "zh"]),
        )
        extra = {"limit": rng.choice([None, 0, 1, 5, 40])}
        yield filters, extra
        yield filters, {**extra, "session_id": rng.choice(sessions)}


@pytest.mark.parametrize("query", sorted(SELECTIONS))
def test_picked_rows_are_the_rows_the_sql_gives(db, query):
    with Store(db) as plain:
        sessions = plain.con.execute("SELECT session_id FROM record.sessions").df()["session_id"].tolist()
        memo = MemoStore(db)
        try:
            for filters, extra in views(sessions, 50, seed=len(query)):
                if "session_id" not in SELECTIONS[query]:
                    extra.pop("session_id", None)
                if query == "plan_view":
                    extra.pop("limit", None)
                expected = plain.frame(query, filters, **extra)
                got = memo.frame(query, filters, **extra)
                # the same values; a column's dtype is the whole list's (DuckDB types a column by the
                # rows it returns: Int32 with a missing number among them, int32 without)
                pd.testing.assert_frame_equal(
                    got, expected, check_exact=True, check_dtype=False, obj=f"{query} {filters} {extra}"
                )
            kept = [key for key in memo._frames if key[0] == query]
            # whole lists per as-of and language (and, for the Plan view, kinds), not one per view
            kind_sets = 1 if "kinds" in SELECTIONS[query] else 2 ** len(KINDS)
            assert 1 <= len(kept) <= 2 * (len(sessions) + 2) * kind_sets
        finally:
            memo.close()


def test_a_record_too_big_to_keep_whole_is_asked_per_view(db):
    memo = MemoStore(db, most_rows=3)
    try:
        filters = Filters(statuses=("pending",))
        with Store(db) as plain:
            pd.testing.assert_frame_equal(memo.frame("item_list", filters), plain.frame("item_list", filters))
        kept = [dict(key[1:]) for key in memo._frames if key[0] == "item_list"]
        assert [key["statuses"] for key in kept] == [("pending",)]  # this view's rows, not the whole list
    finally:
        memo.close()


@pytest.mark.parametrize("table", ["items", "links", "sessions", "plan"])
def test_downloads_written_from_the_kept_rows_are_the_same_bytes(db, table):
    from transforms.database.export import export_bytes

    with Store(db) as plain:
        sessions = plain.con.execute("SELECT session_id FROM record.sessions").df()["session_id"].tolist()
        memo = MemoStore(db)
        try:
            for filters, _ in views(sessions, 25, seed=11):
                assert export_bytes(memo, table, filters) == export_bytes(plain, table, filters), filters
        finally:
            memo.close()


@pytest.fixture(scope="module")
def records(db, tmp_path_factory):
    """The shipped record and a synthetic one (900 items, 14 sessions)."""
    paths = shipped_and_synthetic(tmp_path_factory.mktemp("narrowing-synth"))
    return {"shipped": db, "synth": paths["synth"]}


@pytest.mark.parametrize("record", ["shipped", "synth"])
def test_an_items_provenance_picked_from_every_items_rows_is_what_the_sql_gives_for_it(records, record):
    """queries.item_detail through the dashboard's store (every item's rows and links kept per
    as-of and language, one item's picked) gives the very frames, dtypes included, that the SQL
    gives asked for that item alone; and so the same links ready for a table."""
    from dashboard.data import for_display
    from transforms.database.queries import item_detail

    with Store(records[record]) as plain:
        sessions = plain.con.execute("SELECT session_id FROM record.sessions").df()["session_id"].tolist()
        items = plain.con.execute("SELECT item_id FROM record.items ORDER BY item_id").df()["item_id"].tolist()
        memo = MemoStore(records[record])
        rng = random.Random(5)
        try:
            for filters, _ in views(sessions, 12, seed=3):
                for item_id in [*rng.sample(items, 4), "no-such-item"]:
                    expected, got = item_detail(plain, item_id, filters), item_detail(memo, item_id, filters)
                    for want, have in zip(expected, got):
                        pd.testing.assert_frame_equal(have, want, check_exact=True, obj=f"{item_id} {filters}")
                    pd.testing.assert_frame_equal(
                        for_display(got[1], filters.lang), for_display(expected[1], filters.lang), check_exact=True
                    )
            assert {key[0] for key in memo._frames} >= {"item_detail", "item_links"}
            assert len([key for key in memo._frames if key[0] == "item_links"]) <= 2 * (len(sessions) + 2)
        finally:
            memo.close()
