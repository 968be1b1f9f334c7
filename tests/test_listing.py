"""The Items page's search box and "open items only" switch (transforms.database.listing), on the
shipped record, and session ids shown as names."""

from __future__ import annotations

from transforms.database.listing import OPEN, search_items, session_names
from transforms.database.queries import Filters, item_list


def test_blank_search_keeps_every_item(shipped):
    items = item_list(shipped, Filters())
    assert search_items(items, "  ").item_id.tolist() == items.item_id.tolist()


def test_every_word_must_be_found_case_and_width_ignored(shipped):
    items = item_list(shipped, Filters())
    victims = search_items(items, "VICTIMS")
    assert len(victims) and all(
        "victims" in " ".join(str(v) for v in row).lower() for row in victims.drop(columns=["sessions"]).values
    )
    narrower = search_items(items, "victims ｒｅｃ")  # full-width letters are the same letters
    assert set(narrower.item_id) <= set(victims.item_id)
    assert search_items(items, "victims zzzznotthere").empty
    one = items.item_id.iloc[3]
    assert one in search_items(items, one.upper()).item_id.tolist()


def test_open_only_keeps_pending_and_proposed(shipped):
    items = item_list(shipped, Filters())
    open_items = search_items(items, open_only=True)
    assert set(open_items.status) <= set(OPEN) and len(open_items) == items.status.isin(OPEN).sum()
    assert 0 < len(open_items) < len(items)


def test_chinese_search(shipped):
    items = item_list(shipped, Filters(lang="zh"))
    word = items.title.iloc[0][:3]
    assert items.item_id.iloc[0] in search_items(items, word).item_id.tolist()


def test_sessions_are_named(shipped):
    items = item_list(shipped, Filters())
    named = session_names(items, {"wg-1": "First session"})
    assert "wg-1" in " ".join(items.sessions)
    assert "wg-1" not in " ".join(named.sessions) and "First session" in " ".join(named.sessions)
    assert named.item_id.tolist() == items.item_id.tolist()


def test_titles_are_searched_in_both_languages_whatever_the_page_language(shipped):
    """A reader on the Chinese page finds an item by its English title, and the other way round;
    a search term kept across a language switch finds the same items."""
    en, zh = item_list(shipped, Filters()), item_list(shipped, Filters(lang="zh"))
    titled = set(en[en.title.str.contains("victims")].item_id)
    assert titled and set(search_items(zh, "victims").item_id) >= titled
    word = zh.title.iloc[0][:3]
    assert zh.item_id.iloc[0] in search_items(en, word).item_id.tolist()
