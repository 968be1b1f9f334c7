"""The grids' columns in the page's width (dashboard/grid_widths.py): on the shipped record, in both
languages, every grid of the Items, Sessions, Checks and Plan view pages (the list, each item's
links, the list of sessions, the items recorded at each session, each check, the relations) has
columns whose widths add up to no more than the page's main column at 1400 px (less an
expander's frame for a grid in one), every column at least its header's width (a grid cuts a
header) and each sentence column between its least and its most. The browser test
(tests/browser/test_layout_in_browser.py) measures the same grids in Chromium."""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st

from dashboard import checks_view, items_view, plan_page_view, provenance, sessions_view
from dashboard.columns import header_width
from dashboard.data import displayed, for_display
from dashboard.grid_widths import EXPANDER_PX, PAGE_PX, PIN_PX, SELECT_PX, fit
from dashboard.ui import plain
from transforms.database.listing import session_names
from transforms.database.queries import Filters, item_detail, item_list, labels, link_list, plan_view, session_list
from transforms.presentation.i18n import t
from transforms.reports.check import CHECKS, DEFAULT_WAITED


def label(setting: dict) -> str:
    return setting.get("label") or ""


def grids(store, lang: str):
    """(name, column settings, px drawn before the columns) of every grid the pages draw on the record."""
    named = labels(store, lang)
    f = Filters(lang=lang)
    items = session_names(for_display(item_list(store, f), lang), named["session"], t(lang, "session_separator"))
    yield "items", items_view.list_columns(lang, items, named), SELECT_PX
    for item_id in items.item_id:
        links = item_detail(store, item_id, f)[1]
        links = links.assign(quote_language=[t(lang, f"language_{c}") for c in links.quote_language])
        yield f"links of {item_id}", provenance.link_columns(lang, links, named), 0
    headers = {c: t(lang, key) for c, key in sessions_view.SESSION_HEADERS.items()}
    listed = displayed(session_list(store, f), list(headers), lang, ("start_date", "end_date"))
    yield "sessions", sessions_view.session_columns(listed, headers), 0
    for session_id in named["session"]:
        recorded = displayed(link_list(store, f, session_id=session_id), list(sessions_view.LINK_HEADERS), lang)
        if len(recorded):
            recorded["quote_language"] = [t(lang, f"language_{c}") for c in recorded.quote_language]
            yield f"recorded at {session_id}", sessions_view.recorded_columns(lang, recorded, named), 0
    relations = plan_view(store, f)
    relations = relations[relations.item_id.notna()][list(plan_page_view.RELATIONS)]
    relations["basis"] = [t(lang, f"plan_basis_{b}") for b in relations.basis]
    yield "plan relations", plan_page_view.relation_columns(lang, relations, named), EXPANDER_PX  # in an expander
    for check in CHECKS:
        found = check.rows(store, None, lang, DEFAULT_WAITED)
        if len(found):
            yield f"check {check.name}", checks_view.listed(found, lang, named)[1], 0


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_grid_fits_the_page_with_its_headers_whole(shipped, lang):
    seen = 0
    for name, columns, before in grids(shipped, lang):
        widths = {c: s["width"] for c, s in columns.items()}
        assert all(isinstance(w, int) for w in widths.values()), (name, widths)
        assert before + sum(widths.values()) <= PAGE_PX, (name, widths)
        short = {c: w for c, w in widths.items() if w < header_width(label(columns[c]))}
        assert not short, (name, short)
        first = next(iter(columns.values()))
        assert first.get("pinned") is (True if first["width"] <= PIN_PX else None), (name, first)
        seen += 1
    assert seen > 40


def test_sentences_share_what_the_others_leave():
    frame = pd.DataFrame({"id": ["rec-wg1-01"], "title": ["A title"], "note": ["A note"]})
    headers = {"id": "Item id", "title": "Title", "note": "Note"}
    roomy = fit(frame, headers, sentences={"title": (100, 300), "note": (100, 200)})
    assert roomy["title"]["width"] == 300 and roomy["note"]["width"] == 200  # all they can take
    tight = fit(frame, headers, sentences={"title": (200, 900), "note": (100, 600)})
    assert sum(s["width"] for s in tight.values()) in range(PAGE_PX - 2, PAGE_PX + 1)  # the page, to the px
    spare = PAGE_PX - tight["id"]["width"] - 300
    assert tight["title"]["width"] - 200 == spare * 700 // 1200 and tight["note"]["width"] - 100 == spare * 500 // 1200
    crowded = fit(frame, headers, sentences={"title": (500, 900), "note": (500, 600)})
    assert crowded["title"]["width"] == crowded["note"]["width"] == 500  # their least: the grid scrolls
    checkbox = fit(frame.assign(counted=[True]), {**headers, "counted": st.column_config.CheckboxColumn("Counted")})
    assert checkbox["counted"]["type_config"]["type"] == "checkbox" and checkbox["counted"]["width"] >= 50


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_plan_relations_grid_has_every_column_in_the_page_and_each_reason_in_full(shipped, lang):
    """Session, Relation and Why stood beyond the grid's edge at 1400 px and Why was cut on one
    line with nowhere else to read it: now every column is inside the page, the basis whole by its
    longest word, the session's name and the reason wrapping, and every reason given whole below."""
    relations = plan_view(shipped, Filters(lang=lang))
    relations = relations[relations.item_id.notna()][list(plan_page_view.RELATIONS)]
    relations["basis"] = [t(lang, f"plan_basis_{b}") for b in relations.basis]
    columns = plan_page_view.relation_columns(lang, relations, labels(shipped, lang))
    assert list(columns) == list(plan_page_view.RELATIONS)
    assert EXPANDER_PX + sum(s["width"] for s in columns.values()) <= PAGE_PX  # the grid is in an expander
    assert columns["rationale"]["width"] >= 160 and columns["item_status_at"]["width"] >= 150
    reasons = plan_page_view.relation_reasons(lang, relations)
    said = [why for why in relations.rationale if isinstance(why, str) and why.strip()]
    assert len(reasons) == len(said) > 0
    assert all(plain(why) in line for why, line in zip(said, reasons))
