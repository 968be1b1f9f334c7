"""The Items page under AppTest: the search box finds an item by what its row shows in the page's
language (the sessions' names, a session id, the paragraph as the page words it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.columns import SMALL, label_width
from dashboard.items_view import HEADING_LEAST
from dashboard.ui import plain
from transforms.database.queries import Filters, item_list, labels
from transforms.presentation.i18n import t

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
    for n in (13, 6, 5):  # "paragraph 13" listed rec-wg1-13 (at paragraph 5) too, "第 13 段" likewise
        at_n = set(items[items.source_paragraph == str(n)].item_id)
        spaced = t(lang, "paragraph_number", n=n)  # as the provenance writes it: "paragraph 13", "第 13 段"
        assert at_n and listed(at, spaced) == at_n == listed(at, {"en": f"para. {n}", "zh": f"第{n}段"}[lang])
    requirement = items[items.kind == "requirement"].iloc[0]
    plan = t(lang, "plan_paragraph", n=int(requirement.plan_paragraph))  # "《全球行动计划》第 16 段"
    assert listed(at, plan) == {requirement.item_id}


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
    for column, field in (("kind_label", "kind"), ("status_label", "status")):
        header = config[column]["label"]
        assert config[column]["width"] == label_width(names[field].values(), header, SMALL), column
    # a heading wraps between its words (a Chinese one kept on one line: "加强防止贩运人口方面的伙伴关/系"
    # when sized by its first rows), in what the other columns leave of the page (dashboard.grid_widths)
    heading = config["heading_label"]
    assert heading["width"] >= label_width(names["heading"].values(), heading["label"], HEADING_LEAST)
    # an id is one word: "rec-wg1-0" / "4" when the column was "small"
    ids = item_list(shipped, Filters(lang=lang)).item_id
    assert config["item_id"]["width"] == label_width(ids, config["item_id"]["label"]) > SMALL
    at.selectbox(key="item").set_value("rec-wg3-01").run()  # its provenance: the documents' symbols
    (links,) = [d for d in at.dataframe if "document_symbol" in d.value.columns]
    config = json.loads(links.proto.columns)
    symbols = links.value.document_symbol
    assert config["document_symbol"]["width"] == label_width(symbols, config["document_symbol"]["label"]) > SMALL


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_download_holds_what_the_search_and_switch_list_the_same_as_the_command_line(
    shipped_db, monkeypatch, media, capsysbinary, lang
):
    """Searched, open only or both, the Items page's download is the list on screen, and the same
    bytes as `gaptrack export items --search ... --open-only`; the file name says it was narrowed."""
    import csv
    import io

    from transforms.cli import main

    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = items_page(lang)
    paragraph = {"en": "paragraph 13", "zh": "第 13 段"}[lang]
    for words, open_only in (("wg-4", False), ("", True), ("wg-4", True), (paragraph, False)):
        at.toggle(key="item_open_only").set_value(open_only).run()
        on_screen = listed(at, words)
        (button,) = [d for d in at.get("download_button") if "items" in d.proto.id]
        payload = media.of(button)
        rows = list(csv.DictReader(io.StringIO(payload.decode("utf-8-sig"), newline="")))
        assert {r["item_id"] for r in rows} == on_screen and 0 < len(rows) < 38
        args = ["export", "items", "--lang", lang, "--db", str(shipped_db), "--out", "-"]
        args += (["--search", words] if words else []) + (["--open-only"] if open_only else [])
        assert main(args) == 0
        assert capsysbinary.readouterr().out == payload
    at.text_input(key="item_search").input("").run()
    at.toggle(key="item_open_only").set_value(False).run()
    (button,) = [d for d in at.get("download_button") if "items" in d.proto.id]
    assert len(list(csv.DictReader(io.StringIO(media.of(button).decode("utf-8-sig"), newline="")))) == 38


def test_search_and_open_only_are_for_the_items_export_only(shipped_db, capsys):
    from transforms.cli import main

    assert main(["export", "sessions", "--open-only", "--db", str(shipped_db), "--out", "-"]) == 2
    assert "--search and --open-only narrow the items export only" in capsys.readouterr().err


def test_a_narrowed_items_file_says_so_in_its_name_and_command(shipped_db):
    import datetime as dt

    from transforms.database.export import export_command, export_file_name

    day = dt.date(2026, 11, 30)
    assert export_file_name("items", Filters(), day) == "gaptrack-items-all-en-2026-11-30.csv"
    assert export_file_name("items", Filters(lang="zh"), day, "wg-4", True) == (
        "gaptrack-items-all-searched-open-only-zh-2026-11-30.csv"
    )
    assert export_command("items", Filters(), "f.csv", "victims' rights", True) == (
        "gaptrack export items --search 'victims'\"'\"' rights' --open-only --lang en --out f.csv"
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_linked_item_the_filters_leave_out_says_so_above_its_provenance(shipped_db, shipped, monkeypatch, lang):
    """/items?item=rec-wg3-01&heading=prevention showed the full provenance of an item not in the
    list, with nothing said: one line says which filters it does not match; the provenance stays."""
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    title = item_list(shipped, Filters(lang=lang)).set_index("item_id").title["rec-wg3-01"]  # protection, pending
    for query, missed in (
        ({"heading": "prevention"}, ["filter_heading"]),
        ({"heading": "prevention", "status": "done"}, ["filter_heading", "filter_status"]),
        ({"heading": "protection", "kind": "recommendation"}, []),
    ):
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in {"lang": lang, "item": "rec-wg3-01", **query}.items():
            at.query_params[key] = value
        at.run()
        at.switch_page("app_pages/items.py").run()
        assert not at.exception, [e.value for e in at.exception]
        assert plain(title) in [h.value for h in at.header]  # the provenance is still shown
        said = t(lang, "item_outside_filters", filters=t(lang, "list_separator").join(t(lang, k) for k in missed))
        notices = [i.value for i in at.main.info]
        assert notices == ([plain(said)] if missed else []), notices


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_advice_when_nothing_is_listed_names_what_is_applied(shipped_db, monkeypatch, lang):
    """/items?status=done with "Open items only" on and the search box empty was told to clear the
    search box: the advice names the switch and the filters, and the search box once something is typed."""
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"], at.query_params["status"] = lang, "done"
    at.run()
    at.switch_page("app_pages/items.py").run()
    at.toggle(key="item_open_only").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    said = " ".join(m.value for m in at.main.markdown)
    search, switch, filters = (plain(t(lang, f"items_advice_{w}")) for w in ("search", "open", "filters"))
    assert switch in said and filters in said and search not in said, said
    at.toggle(key="item_open_only").set_value(False).run()
    at.text_input(key="item_search").input("zzzznotthere").run()
    said = " ".join(m.value for m in at.main.markdown)
    assert search in said and filters in said and switch not in said, said


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_search_finding_nothing_draws_no_empty_grid(shipped_db, monkeypatch, lang):
    """Streamlit's grid of no rows writes "empty" in English on its canvas (no page script can
    translate it): a list that finds nothing is said in words, and no grid is drawn; found again,
    the grid is back."""
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = items_page(lang)
    assert [d for d in at.dataframe if "item_id" in d.value.columns]
    at.text_input(key="item_search").input("zzzz").run()
    assert not at.exception, [e.value for e in at.exception]
    assert [d.value for d in at.dataframe] == []
    said = " ".join(m.value for m in at.main.markdown)
    assert plain(t(lang, "items_found_search", found=0, count=38)) in said, said
    assert listed(at, "rec-wg1-12") == {"rec-wg1-12"}
