"""The Items page's search box and "open items only" switch (transforms.database.listing), on the
shipped record, and session ids shown as names."""

from __future__ import annotations

from transforms.database.listing import OPEN, search_items, session_names
from transforms.database.queries import Filters, item_list, labels
from transforms.presentation.i18n import t


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


def _linked_to(items, session_id: str) -> set[str]:
    return {i for i, s in zip(items.item_id, items.sessions) if session_id in s.split("; ")}


def test_sessions_searched_by_id_and_by_name_in_the_page_language(shipped):
    """What the reader sees in the row's sessions column (the names, in the page's language) and
    the ids a link or the Sessions page shows find the items linked to that session."""
    for lang in ("en", "zh"):
        items = item_list(shipped, Filters(lang=lang))
        names = labels(shipped, lang)["session"]
        linked = _linked_to(items, "wg-4")
        assert 0 < len(linked) < len(items)
        assert set(search_items(items, "wg-4", lang=lang, session_names=names).item_id) == linked
        found = search_items(items, names["wg-4"], lang=lang, session_names=names)
        assert set(found.item_id) >= linked
        assert set(search_items(items, "bureau-6", lang=lang, session_names=names).item_id) == _linked_to(
            items, "bureau-6"
        )
    zh = item_list(shipped, Filters(lang="zh"))
    names = labels(shipped, "zh")["session"]
    assert set(search_items(zh, "工作组第四届会议", lang="zh", session_names=names).item_id) == _linked_to(zh, "wg-4")


def test_source_paragraph_searched_as_the_page_words_it(shipped):
    """A search for "第 13 段" on a Chinese page, "paragraph 13" on an English one, find the items from paragraph 13
    (every word typed, so also an item with 13 in its id); "第13段", typed without the spaces, finds
    exactly them. The wording is the one the provenance sentence shows."""
    for lang, spaced in (("zh", "第 13 段"), ("en", "paragraph 13")):
        items = item_list(shipped, Filters(lang=lang))
        from_13 = set(items[items.source_paragraph == "13"].item_id)
        assert 0 < len(from_13) < len(items)
        assert set(search_items(items, spaced, lang=lang).item_id) >= from_13
        shown = t(lang, "source_at", title="T", document="D", paragraph="13")
        assert t(lang, "paragraph_number", n="13") in shown
    zh = item_list(shipped, Filters(lang="zh"))
    assert set(search_items(zh, "第13段", lang="zh").item_id) == set(zh[zh.source_paragraph == "13"].item_id)
    assert search_items(zh, "第13段", lang="en").empty  # the words of the page's language


def test_plan_paragraph_searched_as_the_page_words_it(shipped):
    items = item_list(shipped, Filters(lang="zh"))
    row = items[items.kind == "requirement"].iloc[0]
    wording = t("zh", "plan_paragraph", n=int(row.plan_paragraph))  # "《全球行动计划》第 16 条"
    assert row.item_id in search_items(items, wording, lang="zh").item_id.tolist()
    assert row.item_id in search_items(items, wording.replace(" ", ""), lang="zh").item_id.tolist()
