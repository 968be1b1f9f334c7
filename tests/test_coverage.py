"""The coverage queries on a small record built in code, with exact expected numbers.

The fixture record (tests/fixtures.py):
  a (prevention)    done at s1
  b (prevention)    proposed at s1, done at s2
  c (protection)    pending at s2, proposed again at s3
  d (protection)    proposed at s3
  e (partnerships)  pending at s1, proposed at s2
"""

from __future__ import annotations

import pandas as pd
import pytest

from transforms.database.queries import (
    Filters,
    coverage_by_heading,
    coverage_timeline,
    coverage_totals,
    heading_session_grid,
    item_detail,
    item_list,
    link_list,
    session_list,
    session_outcomes,
)

COLUMNS = ["done", "pending", "proposed", "total"]


def counts(frame: pd.DataFrame, key: str = "heading") -> dict[str, tuple[int, ...]]:
    return {row[key]: tuple(int(row[c]) for c in COLUMNS) for _, row in frame.iterrows()}


def test_rollup_keeps_the_furthest_status(store):
    status = dict(item_list(store, Filters())[["item_id", "status"]].itertuples(index=False))
    # b: proposed then done -> done; c: pending then proposed -> pending; e: pending then proposed -> pending
    assert status == {"a": "done", "b": "done", "c": "pending", "d": "proposed", "e": "pending"}


@pytest.mark.parametrize(
    "as_of, expected",
    [
        (None, {"a": "done", "b": "done", "c": "pending", "d": "proposed", "e": "pending"}),
        ("s1", {"a": "done", "b": "proposed", "e": "pending"}),
        ("s2", {"a": "done", "b": "done", "c": "pending", "e": "pending"}),
        ("s3", {"a": "done", "b": "done", "c": "pending", "d": "proposed", "e": "pending"}),
    ],
)
def test_rollup_as_of_a_session(store, as_of, expected):
    items = item_list(store, Filters(as_of=as_of))
    assert dict(items[["item_id", "status"]].itertuples(index=False)) == expected


def test_coverage_per_heading(store):
    coverage = coverage_by_heading(store, Filters())
    assert counts(coverage) == {
        "prevention": (2, 0, 0, 2),
        "protection": (0, 1, 1, 2),
        "prosecution": (0, 0, 0, 0),
        "partnerships": (0, 1, 0, 1),
        "cross_cutting": (0, 0, 0, 0),
    }
    shares = coverage.set_index("heading")
    assert shares.loc["protection", "pending_share"] == 0.5
    assert shares.loc["prevention", "done_share"] == 1.0
    assert pd.isna(shares.loc["prosecution", "done_share"])
    assert coverage_totals(coverage) == {"done": 2, "pending": 2, "proposed": 1, "total": 5, "on_record": 5}


def test_coverage_after_first_session(store):
    assert counts(coverage_by_heading(store, Filters(as_of="s1"))) == {
        "prevention": (1, 0, 1, 2),
        "protection": (0, 0, 0, 0),
        "prosecution": (0, 0, 0, 0),
        "partnerships": (0, 1, 0, 1),
        "cross_cutting": (0, 0, 0, 0),
    }


@pytest.mark.parametrize(
    "filters, expected",
    [
        (Filters(headings=("protection",)), {"protection": (0, 1, 1, 2)}),
        (Filters(headings=("protection", "prevention")), {"prevention": (2, 0, 0, 2), "protection": (0, 1, 1, 2)}),
        (
            Filters(statuses=("pending",)),
            {
                "prevention": (0, 0, 0, 0),
                "protection": (0, 1, 0, 1),
                "prosecution": (0, 0, 0, 0),
                "partnerships": (0, 1, 0, 1),
                "cross_cutting": (0, 0, 0, 0),
            },
        ),
        (Filters(kinds=("topic",), headings=("protection",)), {"protection": (0, 0, 1, 1)}),
        (Filters(kinds=("requirement",), as_of="s2", headings=("partnerships",)), {"partnerships": (0, 1, 0, 1)}),
    ],
)
def test_coverage_filters(store, filters, expected):
    assert counts(coverage_by_heading(store, filters)) == expected


def test_headings_come_in_their_order_with_labels(store):
    coverage = coverage_by_heading(store, Filters(lang="zh"))
    assert list(coverage.heading) == ["prevention", "protection", "prosecution", "partnerships", "cross_cutting"]
    assert list(coverage.heading_label)[:2] == ["防止", "保护"]


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(statuses=("pending",)),
        Filters(kinds=("recommendation",)),
        Filters(headings=("protection", "partnerships"), statuses=("done", "proposed")),
    ],
)
def test_timeline_equals_point_in_time_after_every_session(store, filters):
    timeline = coverage_timeline(store, filters)
    for session in ("s1", "s2", "s3"):
        after = timeline[timeline.session_id == session]
        point = coverage_by_heading(store, Filters(filters.headings, filters.statuses, filters.kinds, session))
        assert counts(after) == counts(point), session


def test_timeline_stops_at_as_of(store):
    assert list(coverage_timeline(store, Filters(as_of="s2")).session_id.unique()) == ["s1", "s2"]


def test_session_outcomes(store):
    outcomes = session_outcomes(store, Filters())
    assert counts(outcomes, "session_id") == {"s1": (1, 1, 1, 3), "s2": (1, 1, 1, 3), "s3": (0, 0, 2, 2)}
    narrowed = session_outcomes(store, Filters(headings=("prevention",), statuses=("done",)))
    assert counts(narrowed, "session_id") == {"s1": (1, 0, 0, 1), "s2": (1, 0, 0, 1), "s3": (0, 0, 0, 0)}


def test_heading_session_grid(store):
    grid = heading_session_grid(store, Filters(headings=("prevention", "protection")))
    cells = {(r.heading, r.session_id): (r.done, r.pending, r.proposed, r.total) for r in grid.itertuples()}
    assert cells == {
        ("prevention", "s1"): (1, 0, 1, 2),
        ("prevention", "s2"): (1, 0, 0, 1),
        ("prevention", "s3"): (0, 0, 0, 0),
        ("protection", "s1"): (0, 0, 0, 0),
        ("protection", "s2"): (0, 1, 0, 1),
        ("protection", "s3"): (0, 0, 2, 2),
    }


def test_link_list_filters_on_the_status_recorded_at_the_session(store):
    links = link_list(store, Filters(statuses=("proposed",)))
    assert sorted(zip(links.item_id, links.session_id)) == [("b", "s1"), ("c", "s3"), ("d", "s3"), ("e", "s2")]
    assert link_list(store, Filters(as_of="s1")).session_id.unique().tolist() == ["s1"]


def test_item_list_columns_and_language(store):
    items = item_list(store, Filters(lang="zh", headings=("prevention",)))
    assert items.title.tolist() == ["建议甲", "建议乙"]
    assert items.sessions.tolist() == ["s1", "s1; s2"]
    assert set(items.status_label) == {"已完成"}


def test_item_detail(store):
    item, links = item_detail(store, "b", Filters(as_of="s1"))
    assert item.iloc[0].title_en == "Rec B"
    assert links.session_id.tolist() == ["s1", "s2"]
    assert links.counted.tolist() == [True, False]
    assert links.document_symbol.tolist()[1] == "SYM/2020/1"
    assert item_detail(store, "nope", Filters())[0].empty


def test_session_list(store):
    sessions = session_list(store, Filters(as_of="s2"))
    assert sessions.session_id.tolist() == ["s1", "s2"]
    assert sessions.document_symbols.tolist()[1] == "SYM/2020/1"


def test_timeline_totals_sum_the_headings(store):
    from transforms.database.queries import coverage_timeline_totals

    totals = coverage_timeline_totals(store, Filters())
    assert counts(totals, "session_id") == {"s1": (1, 1, 1, 3), "s2": (2, 2, 0, 4), "s3": (2, 2, 1, 5)}
    assert totals.session_id.tolist() == ["s1", "s2", "s3"]
