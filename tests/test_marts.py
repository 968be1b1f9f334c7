"""The aggregate queries summed from the marts in memory (transforms/database/marts.py) give the
very frames their SQL files give (columns, order, dtypes, values), for many filters, on the
shipped record and on a synthetic one, and on a record where a share rounds at a half."""

from __future__ import annotations

import random

import duckdb
import numpy as np
import pandas as pd
import pytest
from fixtures import shipped_and_synthetic

from transforms.database import marts
from transforms.database.queries import Filters, Store
from transforms.record.schema import HEADINGS, KINDS, STATUSES

QUERIES = ("coverage_by_heading", "coverage_timeline", "session_outcomes", "heading_session_grid")


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    paths = shipped_and_synthetic(tmp_path_factory.mktemp("marts"))
    opened = {name: Store(path) for name, path in paths.items()}
    yield opened
    for store in opened.values():
        store.close()


def some_filters(store: Store, count: int, seed: int) -> list[Filters]:
    """Every single filter, then random combinations (unknown as-of and heading included)."""
    sessions = store.con.execute("SELECT session_id FROM record.sessions").df()["session_id"].tolist()
    out = [Filters(), Filters(lang="zh"), Filters(as_of="no-such-session"), Filters(headings=("no-such",))]
    out += [Filters(headings=(h,)) for h in HEADINGS] + [Filters(statuses=(s,)) for s in STATUSES]
    out += [Filters(kinds=(k,)) for k in KINDS] + [Filters(as_of=s) for s in sessions]
    rng = random.Random(seed)
    for _ in range(count):
        out.append(
            Filters(
                headings=tuple(rng.sample(HEADINGS, rng.randint(0, 3))),
                statuses=tuple(rng.sample(STATUSES, rng.randint(0, 3))),
                kinds=tuple(rng.sample(KINDS, rng.randint(0, 3))),  # in any order: kinds_counted keeps it
                as_of=rng.choice([None, *sessions]),
                lang=rng.choice(["en", "zh"]),
            )
        )
    return out


@pytest.mark.parametrize("record", ["shipped", "synth"])
@pytest.mark.parametrize("query", QUERIES)
def test_the_marts_give_the_frames_of_the_sql(stores, record, query):
    store = stores[record]
    held = store.marts()
    for filters in some_filters(store, 60, seed=len(query)):
        expected = store.frame(query, filters)
        got = getattr(marts, query)(held, filters)
        # no rows: DuckDB types an empty text column as object, pandas as str; nothing reads it
        pd.testing.assert_frame_equal(
            got, expected, check_exact=True, check_dtype=len(expected) > 0, obj=f"{query} {filters}"
        )


def test_a_share_at_a_half_rounds_away_from_zero_as_duckdb_does():
    values = [1 / 32, 3 / 32, 117 / 160, 2 / 3, 0.0, 1.0]
    listed = ", ".join(f"round({v!r}::DOUBLE, 4)" for v in values)
    assert marts._rounded(np.array(values)).tolist() == list(duckdb.connect().execute(f"SELECT {listed}").fetchone())
    assert np.isnan(marts._rounded(np.array([np.nan]))[0])


def test_the_marts_are_read_once_per_store(stores):
    store = stores["shipped"]
    assert store.marts() is store.marts()


@pytest.mark.parametrize("record", ["shipped", "synth"])
def test_timeline_totals_are_the_timeline_summed_over_its_headings(stores, record):
    store = stores[record]
    for filters in some_filters(store, 40, seed=3):
        timeline = store.frame("coverage_timeline", filters)
        expected = (
            timeline.groupby(["sequence", "session_id", "session_title"], sort=False)[
                ["done", "pending", "proposed", "total"]
            ]
            .sum()
            .reset_index()
        )
        got = marts.coverage_timeline_totals(store.marts(), filters)
        pd.testing.assert_frame_equal(got, expected, check_exact=True, check_dtype=len(expected) > 0, obj=str(filters))


@pytest.mark.parametrize("record", ["shipped", "synth"])
def test_the_coverage_export_summed_from_the_marts_is_the_sql_file_written(stores, record):
    from transforms.database.coverage import QUESTIONS, headings_label
    from transforms.database.export import EXPORTS, export_bytes

    store = stores[record]
    columns = EXPORTS["coverage"][1]
    for filters in some_filters(store, 40, seed=5):
        label = headings_label(filters.lang, filters)  # the total row's label: the headings it sums
        expected = store.frame("coverage_export", filters, all_headings=label)
        got = marts.coverage_export(store.marts(), filters, QUESTIONS, label)
        pd.testing.assert_frame_equal(got, expected, check_exact=True, check_dtype=False, obj=str(filters))
        written = export_bytes(store, "coverage", filters)
        assert written == store.csv("coverage_export", filters, columns, all_headings=label), filters


def test_a_share_in_the_coverage_export_is_the_share_the_overview_shows(stores):
    """Under a status filter the counts narrow, the denominator does not: the file's share of
    done items is the Overview's (done of the items on the record), and a status the filter
    leaves out has no share, as on screen."""
    import csv
    import io

    from transforms.database.coverage import answer
    from transforms.database.export import export_bytes

    store = stores["shipped"]
    filters = Filters(statuses=("done",))
    rows = list(csv.DictReader(io.StringIO(export_bytes(store, "coverage", filters).decode("utf-8-sig"))))
    own = answer(store, filters, "own")
    on_screen = dict(zip(own.coverage["heading"], own.coverage["done_share"]))
    in_file = {r["heading"]: float(r["done_share"]) for r in rows if r["question"] == "own" and r["heading"]}
    assert in_file == on_screen
    assert any(share < 1 for share in in_file.values())  # not done / done
    assert {r["pending_share"] for r in rows} == {""}
    total = next(r for r in rows if r["question"] == "own" and not r["heading"])
    assert int(total["on_record"]) == own.totals["on_record"] > int(total["done"]) == own.totals["done"]


def _total_row_by_hand(rows: pd.DataFrame, statuses: tuple[str, ...], label: str) -> pd.DataFrame:
    """The total row as sql/coverage_export.sql defines it, column by column (the reference)."""
    total = {"heading": [None], "heading_label": [label]}
    for name in ("done", "pending", "proposed", "total", "on_record"):
        total[name] = [int(rows[name].sum())]
    for status in STATUSES:
        on_record = total["on_record"][0]
        shown = not statuses or status in statuses
        share = marts._rounded(np.array([total[status][0] / on_record if on_record else np.nan]))[0]
        total[f"{status}_share"] = [share if shown else np.nan]
    return pd.DataFrame(total).astype(
        {name: np.int64 for name in ("done", "pending", "proposed", "total", "on_record")}
    )


@pytest.mark.parametrize("record", ["shipped", "synth"])
def test_a_coverage_table_with_its_total_row_is_the_rows_then_the_total_concatenated(stores, record):
    """coverage.with_total (the Overview's numbers table, the summary, the briefing) makes the frame
    in one go: the same columns, order, dtypes and values as the rows and the total row
    concatenated, and the same rows and total as the coverage CSV's SQL for that question."""
    from transforms.database.coverage import QUESTIONS, answer, headings_label, with_total

    store = stores[record]
    for filters in some_filters(store, 40, seed=11):
        label = headings_label(filters.lang, filters)
        exported = store.frame("coverage_export", filters, all_headings=label)
        for question in QUESTIONS:
            found = answer(store, filters, question)
            if found is None:
                continue
            got = with_total(found)
            rows = found.coverage.drop(columns="kinds_counted")
            concatenated = pd.concat(
                [rows, _total_row_by_hand(found.coverage, found.filters.statuses, label)], ignore_index=True
            )
            pd.testing.assert_frame_equal(got, concatenated[got.columns], check_exact=True, obj=f"{question} {filters}")
            assert list(got.columns) == list(rows.columns)
            if rows.empty:
                continue  # the SQL writes no total row for no heading listed
            sql = exported[exported["question"] == question].drop(columns=["question", "kinds_counted"])
            pd.testing.assert_frame_equal(
                got, sql.reset_index(drop=True), check_exact=True, check_dtype=False, obj=f"SQL {question} {filters}"
            )


@pytest.mark.parametrize("record", ["shipped", "synth"])
def test_a_questions_timeline_is_its_totals_with_the_denominator_and_shares(stores, record):
    """coverage.timeline, made from arrays, equals the timeline totals frame (checked against the
    SQL above) with on_record (every status), new_items and the rounded shares added column by column."""
    from dataclasses import replace

    from transforms.database.coverage import timeline

    store = stores[record]
    for filters in some_filters(store, 40, seed=13):
        expected = marts.coverage_timeline_totals(store.marts(), filters)
        every = marts.coverage_timeline_totals(store.marts(), replace(filters, statuses=()))
        on_record = every["total"].to_numpy(dtype=np.int64)
        expected["on_record"] = on_record
        expected["new_items"] = np.diff(on_record, prepend=0)
        base = np.where(on_record > 0, on_record, np.nan)
        for status in STATUSES:
            with np.errstate(divide="ignore", invalid="ignore"):
                share = np.round(expected[status].to_numpy() / base, 4)
            expected[f"{status}_share"] = share if not filters.statuses or status in filters.statuses else np.nan
        pd.testing.assert_frame_equal(timeline(store, filters), expected, check_exact=True, obj=str(filters))
