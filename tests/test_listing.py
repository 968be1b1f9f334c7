"""The Items page's search box and "open items only" switch (transforms.database.listing), on the
shipped record, and session ids shown as names."""

from __future__ import annotations

from transforms.database.listing import OPEN, filters_missed, nothing_listed, search_items, session_names
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


def _at_paragraph(items, n: int) -> set[str]:
    """The items whose own source paragraph is n, read from the frame (not through the search)."""
    return {i for i, p in zip(items.item_id, items.source_paragraph) if str(p).isdigit() and int(p) == n}


def test_a_paragraph_phrase_finds_exactly_the_items_at_that_paragraph(shipped):
    """Seen in a trial: "paragraph 13" found 9 items where 8 stand at paragraph 13 (rec-wg1-13,
    at paragraph 5, through its id); "paragraph 6" 12 where 5 do (bureau-6, rec-wg1-06,
    req-gpa-16...); "paragraph 5" every item linked to cop-5; "第 13 段", as the page writes it,
    9. A paragraph phrase, however the reader writes it and in either language, is the row's
    source paragraph, exactly."""
    for lang in ("en", "zh"):
        items = item_list(shipped, Filters(lang=lang))
        names = labels(shipped, lang)["session"]
        sizes = {n: len(_at_paragraph(items, n)) for n in (13, 6, 5)}
        assert sizes == {13: 8, 6: 5, 5: 17}, sizes  # the shipped record these numbers were seen on
        for n in (13, 6, 5):
            expected = _at_paragraph(items, n)
            for asked in (f"paragraph {n}", f"Para. {n}", f"para {n}", f"paragraphs {n}", f"第{n}段", f"第 {n} 段"):
                found = search_items(items, asked, lang=lang, session_names=names)
                assert set(found.item_id) == expected, (lang, asked)
        wide = search_items(items, "第\uff11\uff13段", lang=lang)  # full-width figures
        assert set(wide.item_id) == _at_paragraph(items, 13)
        assert search_items(items, "paragraph 99", lang=lang).empty
        assert search_items(items, "paragraph 1", lang=lang).empty  # not the start of 13
        shown = t(lang, "source_at", title="T", document="D", paragraph="13")  # the provenance's wording
        found = search_items(items, t(lang, "paragraph_number", n="13"), lang=lang)
        assert t(lang, "paragraph_number", n="13") in shown and set(found.item_id) == _at_paragraph(items, 13)


def test_other_words_keep_their_rule_beside_a_paragraph_phrase(shipped):
    """The words around a phrase are searched as before: each anywhere in what the row shows."""
    items = item_list(shipped, Filters())
    names = labels(shipped, "en")["session"]
    both = search_items(items, "victims paragraph 5", session_names=names)
    victims = set(search_items(items, "victims", session_names=names).item_id)
    assert 0 < len(both) < len(victims) and set(both.item_id) == victims & _at_paragraph(items, 5)
    assert set(search_items(items, "rec-wg1-13").item_id) == {"rec-wg1-13"}
    assert len(search_items(items, "13")) > len(_at_paragraph(items, 13))  # a bare figure is a word


def test_a_plan_paragraph_phrase_finds_exactly_that_requirement(shipped):
    """A Plan paragraph phrase, "Plan paragraph 16", "《全球行动计划》第 16 段" (the provenance's
    wording), "第16条" (the sources'): the requirement whose Plan paragraph is 16, not the items at source
    paragraph 16 or with 16 in their id."""
    for lang in ("en", "zh"):
        items = item_list(shipped, Filters(lang=lang))
        for row in items[items.kind == "requirement"].itertuples():
            n = int(row.plan_paragraph)
            wording = t(lang, "plan_paragraph", n=n)  # "Plan paragraph 16", "《全球行动计划》第 16 段"
            unspaced = wording.replace(" ", "") if lang == "zh" else wording.upper()
            for asked in (wording, unspaced, f"plan paragraph {n}", f"第{n}条", f"《全球行动计划》第{n}条"):
                assert search_items(items, asked, lang=lang).item_id.tolist() == [row.item_id], (lang, asked)
        assert search_items(items, "Plan paragraph 5", lang=lang).empty  # no requirement of paragraph 5
        assert len(search_items(items, "16", lang=lang)) > 1  # a bare figure is still a word


def test_which_filters_an_item_does_not_pass(shipped):
    """A shared link may show the provenance of an item the filters leave out of the list: the
    filters it misses (heading, status, kind) are exactly what keeps it out of item_list's SQL."""
    for as_of in (None, "wg-2"):
        items = item_list(shipped, Filters(as_of=as_of))  # no filter but as-of: each item's status then
        narrowed = (
            Filters(headings=("prevention",), as_of=as_of),
            Filters(statuses=("done",), as_of=as_of),
            Filters(kinds=("topic", "requirement"), as_of=as_of),
            Filters(("prevention", "protection"), ("pending",), ("recommendation",), as_of),
        )
        for filters in narrowed:
            listed = set(item_list(shipped, filters).item_id)
            assert len(listed) < len(items) and (listed or as_of)  # the whole record lists some of each
            for row in items.itertuples():
                assert (not filters_missed(row, filters)) == (row.item_id in listed), (filters, row.item_id)
    row = next(item_list(shipped, Filters()).query("item_id == 'rec-wg3-01'").itertuples())  # protection, pending
    assert filters_missed(row, Filters(headings=("prevention",))) == ("heading",)
    assert filters_missed(row, Filters(("prevention",), ("done",), ("recommendation",))) == ("heading", "status")
    assert filters_missed(row, Filters(statuses=("done",), kinds=("topic",))) == ("status", "kind")
    assert filters_missed(row, Filters()) == ()


def test_the_advice_when_nothing_is_listed_names_only_what_is_applied(shipped):
    """ "/items?status=done" with "Open items only" on and the search box empty was told to clear the
    search box: the advice names the search, the switch and the filters only when applied."""
    for lang in ("en", "zh"):
        words = {w: t(lang, f"items_advice_{w}") for w in ("search", "open", "filters")}
        for searched in (False, True):
            for open_only in (False, True):
                for filters in (Filters(lang=lang), Filters(statuses=("done",), lang=lang), Filters(as_of="wg-1")):
                    if not (searched or open_only):
                        continue  # nothing narrows the list but the filters: items_none says so
                    said = nothing_listed(lang, searched, open_only, filters)
                    filtered = filters != Filters(lang=lang)
                    applied = {"search": searched, "open": open_only, "filters": filtered}
                    assert {w for w, text in words.items() if text in said} == {w for w, on in applied.items() if on}
    assert nothing_listed("en", False, True, Filters(statuses=("done",))) == (
        " Nothing is listed: turn off “Open items only” or widen the filters in the sidebar to see more."
    )
