"""Filters mean the same everywhere: for every download and every page, each filter either narrows
the result (exact expected rows on the fixture record) or is said on screen not to apply.

Fixture (tests/fixtures.py): a, b done (prevention); c pending, d proposed (protection; d a topic);
e pending (partnerships, the one Plan requirement); c addresses e (curated). Links: s1: a, b, e;
s2: b, c, e; s3: c, d.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from fixtures import make_record

from transforms.database.build import build
from transforms.database.export import EXPORTS, export_bytes, export_file_name
from transforms.database.queries import Filters
from transforms.database.scope import APPLIES, EXPORT_VIEW, FILTERS
from transforms.presentation.i18n import t
from transforms.reports.report import report_file_name, report_html

ONE = {  # one value per filter
    "heading": Filters(headings=("protection",)),
    "status": Filters(statuses=("proposed",)),
    "kind": Filters(kinds=("topic",)),
    "as_of": Filters(as_of="s1"),
    "curated": Filters(curated=False),
}
URL = {"heading": "protection", "status": "proposed", "kind": "topic", "as_of": "s1", "curated": "0"}
SLUG = {
    "heading": "protection",
    "status": "proposed",
    "kind": "topic",
    "as_of": "as-of-s1",
    "curated": "source-relations-only",
}


def keys(table: str, payload: bytes) -> list:
    rows = list(csv.DictReader(io.StringIO(payload.decode("utf-8-sig"), newline="")))
    if table == "coverage":
        # the two questions apart; their total rows (heading empty) are checked in test_cli
        return [
            (r["question"], r["heading"], r["done"], r["pending"], r["proposed"])
            for r in rows
            if r["total"] != "0" and r["heading"]
        ]
    if table == "items":
        return [r["item_id"] for r in rows]
    if table == "sessions":
        return [r["session_id"] for r in rows]
    if table == "links":
        return [(r["item_id"], r["session_id"]) for r in rows]
    return [(r["requirement_id"], r["item_id"]) for r in rows]


EXPECTED = {
    "coverage": {
        None: [
            ("plan", "partnerships", "0", "1", "0"),
            ("own", "prevention", "2", "0", "0"),
            ("own", "protection", "0", "1", "1"),
        ],
        "heading": [("own", "protection", "0", "1", "1")],
        "status": [("own", "protection", "0", "0", "1")],
        "kind": [("own", "protection", "0", "0", "1")],
        "as_of": [("plan", "partnerships", "0", "1", "0"), ("own", "prevention", "1", "0", "1")],
    },
    "items": {
        None: ["a", "b", "c", "d", "e"],
        "heading": ["c", "d"],
        "status": ["d"],
        "kind": ["d"],
        "as_of": ["a", "b", "e"],
    },
    "sessions": {None: ["s1", "s2", "s3"], "as_of": ["s1"]},
    "links": {
        None: [("a", "s1"), ("b", "s1"), ("e", "s1"), ("b", "s2"), ("c", "s2"), ("e", "s2"), ("c", "s3"), ("d", "s3")],
        "heading": [("c", "s2"), ("c", "s3"), ("d", "s3")],
        "status": [("b", "s1"), ("e", "s2"), ("c", "s3"), ("d", "s3")],  # the status recorded at the session
        "kind": [("d", "s3")],
        "as_of": [("a", "s1"), ("b", "s1"), ("e", "s1")],
    },
    "plan": {
        None: [("e", "c")],
        "heading": [],
        "status": [],
        "kind": [("e", "")],
        "as_of": [("e", "")],
        "curated": [("e", "")],
    },
}


def test_every_download_and_filter_is_covered():
    assert set(EXPECTED) == set(EXPORTS)
    for table in EXPORTS:
        assert set(EXPECTED[table]) - {None} == set(APPLIES[EXPORT_VIEW[table]]), table


@pytest.mark.parametrize("table", list(EXPORTS))
@pytest.mark.parametrize("name", FILTERS)
def test_each_filter_narrows_a_download_or_is_left_out_of_it_and_its_name(store, table, name):
    whole = export_bytes(store, table, Filters())
    assert keys(table, whole) == EXPECTED[table][None]
    narrowed = export_bytes(store, table, ONE[name])
    file_name = export_file_name(table, ONE[name])
    if name in APPLIES[EXPORT_VIEW[table]]:
        assert keys(table, narrowed) == EXPECTED[table][name]
        assert SLUG[name] in file_name
    else:
        assert narrowed == whole
        assert SLUG[name] not in file_name and "-all-" in file_name


@pytest.mark.parametrize("name", FILTERS)
def test_each_filter_narrows_the_briefing(store, name):
    whole, narrowed = report_html(store, Filters()), report_html(store, ONE[name])
    listed = lambda text: re.findall(r'data-item="([a-z])"', text)  # noqa: E731
    expected = {
        "heading": ["c", "d"],
        "status": ["d"],
        "kind": ["d"],
        "as_of": ["b", "e"],
        "curated": ["c", "d", "e"],
    }
    assert listed(whole) == ["c", "d", "e"]
    assert listed(narrowed) == expected[name]
    assert narrowed != whole and SLUG[name] in report_file_name(ONE[name])
    if name == "curated":
        named = "Recommendation “Rec C” (c)"  # the addressing item by its title, its id after it
        assert named in whole and named not in narrowed


PAGES = ["overview", "sessions", "plan", "items", "checks", "changes", "about"]


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory):
    folder = make_record(tmp_path_factory.mktemp("scope") / "data")
    db = folder.parent / "scope.duckdb"
    build(folder, db)
    return folder, db


def signature(at) -> tuple:
    """What the page shows from the data: its tables, figures and figures' numbers."""
    tables = tuple(d.value.to_csv() for d in at.dataframe)
    charts = tuple(c.proto.spec for c in at.get("plotly_chart"))
    metrics = tuple((m.label, m.value) for m in at.metric)
    return tables, charts, metrics


def notes(at) -> str:
    return " ".join(c.value.replace("\\", "") for c in at.caption)


@pytest.mark.parametrize("page", PAGES)
def test_each_filter_narrows_a_page_or_the_page_says_it_does_not(fixture_db, monkeypatch, page):
    from test_dashboard import open_app

    folder, db = fixture_db
    monkeypatch.setenv("GAPTRACK_DB", str(db))
    monkeypatch.setenv("GAPTRACK_DATA", str(folder))
    whole = open_app(page)
    assert "Not applied here" not in notes(whole)
    own_reason = t("en", f"scope_why_{page}")
    for name in FILTERS:
        at = open_app(page, **{name: URL[name]})
        label = t("en", f"scope_filter_{name}")
        # notes about the page as a whole (a part of a page, such as the sessions list, has its own reason)
        said = [c.value.replace("\\", "") for c in at.caption if c.value.replace("\\", "").endswith(own_reason)]
        said = [n for n in said if n.startswith("Not applied here:")]
        if name in APPLIES[page]:
            assert signature(at) != signature(whole), (page, name)
            assert not any(label in n for n in said), (page, name)
        else:
            assert any(label in n for n in said), (page, name, notes(at))
    if page == "sessions":  # the list of sessions applies only as-of, and says so
        at = open_app(page, heading="protection")
        assert "This list holds every session and meeting up to the as-of session" in notes(at)
        assert "The sessions file lists every session up to the as-of session" in notes(at)
        assert "Counted together here: Requirement, Recommendation, Topic." in notes(at)  # what each chart counts
        assert "Counted together here: Topic." in notes(open_app(page, kind="topic"))
