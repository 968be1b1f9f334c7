"""The shipped record carries what the source document says, each fact traced to its paragraph."""

from __future__ import annotations

import re

import pytest
from fixtures import SHIPPED_DATA

from transforms.database.queries import Filters, coverage_by_heading, item_list, session_list
from transforms.record.load import load
from transforms.record.source_text import split_paragraphs

RECORD = load(SHIPPED_DATA)
SOURCE = (SHIPPED_DATA / "sources" / "bg-2011-future-work.zh.txt").read_text(encoding="utf-8")
PARAGRAPHS = split_paragraphs(SOURCE)
QUOTED = [(table, row) for table, rows in RECORD.tables.items() for row in rows if row.get("quote_zh")]


def test_source_paragraphs_are_found():
    assert [label for label in PARAGRAPHS if label.isdigit()] == [str(n) for n in range(1, 14)]
    assert {"header", "fn*", "fn1", "fn2", "fn3", "fn4", "fn5"} <= set(PARAGRAPHS)
    # page furniture is not part of the paragraph it interrupts
    assert "CTOC/COP/WG.4/2009/2" not in PARAGRAPHS["5"]
    assert "在业务层面开展国际合作" in PARAGRAPHS["5"]
    assert "三. 拟议的未来工作领域" not in PARAGRAPHS["8"]


@pytest.mark.parametrize(
    "table, row",
    QUOTED,
    ids=[
        f"{t}:{r.get('item_id') or r.get('session_id') or r.get('document_id') or r.get('heading')}" for t, r in QUOTED
    ],
)
def test_every_quote_stands_in_the_paragraph_it_cites(table, row):
    assert row["quote_zh"] in PARAGRAPHS[row["source_paragraph"]]


def test_source_headings_match_the_heading_they_stand_under():
    """Where the document places an item under a heading (basis=source), it really does."""
    para13 = PARAGRAPHS["13"]
    heading_quote = {h["heading"]: h["quote_zh"] for h in RECORD.tables["headings"] if h["basis"] == "source"}
    positions = sorted((para13.index(q), h) for h, q in heading_quote.items())
    for item in RECORD.tables["items"]:
        if item["heading_basis"] != "source":
            continue
        at = para13.index(item["quote_zh"])
        under = [h for pos, h in positions if pos < at][-1]
        assert under == item["heading"], item["item_id"]


def test_plan_paragraphs_are_the_ones_the_source_names():
    named = sorted(int(n) for n in re.findall(r"第 (\d+) 条", PARAGRAPHS["13"]))
    requirements = [i for i in RECORD.tables["items"] if i["kind"] == "requirement"]
    assert sorted(i["plan_paragraph"] for i in requirements) == named == [16, 22, 30, 34, 44, 48, 53, 54]
    for item in requirements:
        assert f"（第 {item['plan_paragraph']} 条）" in item["quote_zh"]


def test_every_bullet_of_the_source_is_an_item():
    """Each bullet line in paragraphs 5, 6, 10, 11 and 13 is the quote of exactly one item."""
    quotes = {}
    for item in RECORD.tables["items"]:
        quotes.setdefault(item["source_paragraph"], []).append(item["quote_zh"])
    for label in ("5", "6", "10", "11", "13"):
        bullets = [
            line.strip().lstrip("-").strip().rstrip("。")
            for line in PARAGRAPHS[label].splitlines()
            if line.strip().startswith("-") and line.strip() != "-"
        ]
        assert bullets, label
        for bullet in bullets:
            assert sum(q.rstrip("。") == bullet for q in quotes[label]) == 1, (label, bullet)


def test_every_document_symbol_is_carried():
    symbols = set(re.findall(r"(?:CTOC/COP(?:/WG\.4)?/\d{4}/\d+|A/RES/\d+/\d+)", SOURCE))
    carried = {d["symbol"] for d in RECORD.tables["documents"] if d["symbol"]}
    assert (
        symbols
        == carried
        == {
            "CTOC/COP/WG.4/2011/1",
            "CTOC/COP/WG.4/2009/2",
            "CTOC/COP/WG.4/2010/6",
            "CTOC/COP/WG.4/2010/7",
            "CTOC/COP/2010/17",
            "A/RES/64/293",
        }
    )


def test_sessions_with_their_dates_and_venues(shipped):
    sessions = session_list(shipped, Filters()).set_index("session_id")
    dated = {
        s: (str(r.start_date.date()), str(r.end_date.date())) for s, r in sessions.iterrows() if not r.isna().start_date
    }
    assert dated == {
        "wg-1": ("2009-04-14", "2009-04-15"),
        "wg-2": ("2010-01-27", "2010-01-29"),
        "wg-3": ("2010-10-19", "2010-10-19"),
        "wg-4": ("2011-10-10", "2011-10-12"),
        "ga-64": ("2010-08-12", "2010-08-12"),
        "bureau-6": ("2011-03-07", "2011-03-07"),
        "bureau-8": ("2011-06-29", "2011-06-29"),
    }
    assert set(sessions.index) - set(dated) == {"cop-4", "cop-5", "cop-6"}  # the source gives no dates
    assert {s for s, r in sessions.iterrows() if r.venue == "Vienna"} == {"wg-1", "wg-2", "wg-3", "wg-4"}
    assert "30 July 2010" in sessions.loc["ga-64", "note"]


def test_statuses_of_the_shipped_record(shipped):
    items = item_list(shipped, Filters())
    by_prefix = items.groupby(items.item_id.str.extract(r"^([a-z]+-[a-z0-9]+)")[0]).status.agg(lambda s: sorted(set(s)))
    assert by_prefix["rec-wg1"] == ["done"] and by_prefix["rec-wg2"] == ["done"]
    assert by_prefix["rec-wg3"] == ["pending"]
    assert by_prefix["req-gpa"] == ["proposed"]
    assert (items.item_id.str.startswith("rec-wg1")).sum() == 17  # the overall call and 16 bullets
    assert (items.item_id.str.startswith("rec-wg2")).sum() == 5
    assert (items.kind == "topic").sum() == 7  # paragraph 9, two in paragraph 10, four in paragraph 11
    coverage = coverage_by_heading(shipped, Filters())
    assert int(coverage.total.sum()) == len(items) == 38
