"""The Items page draws its list and an item's provenance made once per view
(dashboard/items_view.py, dashboard/provenance.py): the list is what the page made of the shared
results on every rerun before (data.shown or the export's found_items, the sessions named), the
picker's labels are "title (id)", and the provenance's links are the item's links."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from fixtures import shown_quotes
from streamlit.testing.v1 import AppTest

from dashboard.data import for_display
from transforms.database.export import found_items
from transforms.database.listing import session_names
from transforms.database.queries import Filters, item_detail, item_list, labels
from transforms.presentation.i18n import t

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
COLUMNS = ["status_label", "title", "heading_label", "kind_label", "sessions", "source_paragraph", "item_id"]


@pytest.mark.parametrize(
    "query, filters, search, open_only",
    [
        ({}, Filters(), "", False),
        ({"lang": "zh", "heading": "protection"}, Filters(headings=("protection",), lang="zh"), "", False),
        ({"as_of": "wg-4"}, Filters(as_of="wg-4"), "victims", False),
        ({"lang": "zh"}, Filters(lang="zh"), "", True),
    ],
)
def test_the_items_page_lists_and_shows_what_it_made_on_every_rerun_before(
    shipped_db, shipped, monkeypatch, query, filters, search, open_only
):
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("app_pages/items.py").run()
    if search:
        at.text_input(key="item_search").set_value(search).run()
    if open_only:
        at.toggle(key="item_open_only").set_value(True).run()
    lang = filters.lang
    names = labels(shipped, lang)["session"]
    if search or open_only:
        listed = for_display(found_items(shipped, filters, search, open_only), lang)
    else:
        listed = for_display(item_list(shipped, filters), lang)
    listed = session_names(listed, names, t(lang, "session_separator")).head(500)
    pd.testing.assert_frame_equal(at.dataframe[0].value, listed[COLUMNS])
    assert at.session_state["item_table_ids"] == listed.item_id.tolist()
    picker = at.selectbox(key="item")
    assert picker.options == [t(lang, "pick_item")] + [
        t(lang, "punct_paren", text=title, inner=i) for i, title in zip(listed.item_id, listed.title)
    ]

    chosen = listed.item_id.iloc[-1]
    picker.set_value(chosen).run()
    assert not at.exception, [e.value for e in at.exception]
    item, links = item_detail(shipped, chosen, filters)
    assert at.main.header[0].value.replace("\\", "") == item.iloc[0][f"title_{lang}"]
    links = for_display(links, lang)
    links = links.assign(quote_language=[t(lang, f"language_{c}") for c in links.quote_language])
    columns = ["session_title", "status_label", "document_symbol", "source_paragraph", "quote", "quote_language"]
    pd.testing.assert_frame_equal(at.dataframe[1].value[columns], links[columns], check_dtype=False)
    assert shown_quotes(at) == [item.iloc[0].quote, *links.quote]
