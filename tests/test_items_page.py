"""The Items page under AppTest: the search box finds an item by what its row shows in the page's
language (the sessions' names, a session id, the paragraph as the page words it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.columns import MEDIUM, SMALL, label_width
from transforms.database.queries import Filters, item_list, labels

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")


def items_page(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("app_pages/items.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def listed(at: AppTest, asked: str) -> set[str]:
    at.text_input(key="item_search").input(asked).run()
    assert not at.exception, [e.value for e in at.exception]
    (grid,) = [d.value for d in at.dataframe if "item_id" in d.value.columns]
    return set(grid.item_id)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_search_finds_what_the_row_shows(shipped_db, shipped, monkeypatch, lang):
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    items = item_list(shipped, Filters(lang=lang))
    linked = {i for i, s in zip(items.item_id, items.sessions) if "bureau-6" in s.split("; ")}
    at = items_page(lang)
    assert linked and listed(at, "bureau-6") == linked
    assert listed(at, labels(shipped, lang)["session"]["bureau-6"]) >= linked
    from_13 = set(items[items.source_paragraph == "13"].item_id)
    wording = {"en": "paragraph 13", "zh": "第13段"}[lang]
    assert from_13 and listed(at, wording) >= from_13
    if lang == "zh":
        assert listed(at, "第13段") == from_13


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_label_columns_are_as_wide_as_their_longest_word(shipped_db, shipped, monkeypatch, lang):
    """A grid cell breaks a word that does not fit its column ("Recommenda-tion", "《全球行/动计划》"):
    the Kind, Status and Heading columns are given the width label_width finds for every label of theirs
    in the page's language (tests/browser/test_table_words_in_browser.py measures it in Chromium)."""
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = items_page(lang)
    (grid,) = [d for d in at.dataframe if "item_id" in d.value.columns]
    config = json.loads(grid.proto.columns)
    names = labels(shipped, lang)
    for column, field, least in (("kind_label", "kind", SMALL), ("status_label", "status", SMALL), *HEADING):
        header = config[column]["label"]
        assert config[column]["width"] == label_width(names[field].values(), header, least), column


HEADING = [("heading_label", "heading", MEDIUM)]  # "加强防止贩运人口方面的伙伴关/系" when sized by its first rows
