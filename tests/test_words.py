"""The words the pages assemble (the real app, AppTest, on the shipped record): Chinese punctuation,
the Items sentence saying what was applied, sessions named in tables, dates in the page's
language, and an empty-state sentence instead of an empty chart."""

from __future__ import annotations

import json
import re

import pytest
from fixtures import shown_quotes
from streamlit.testing.v1 import AppTest
from test_dashboard import open_app  # the tests share one way to open the app

from transforms.database.listing import nothing_listed
from transforms.database.queries import Filters
from transforms.presentation.i18n import t


@pytest.fixture
def db(shipped_db, monkeypatch):
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))


def texts(at: AppTest) -> list[str]:
    return [m.value.replace("\\", "") for m in [*at.markdown, *at.caption, *at.info]]


def frame_with(at: AppTest, column: str):
    return next(d for d in at.dataframe if column in d.value.columns)


def column_settings(at: AppTest, column: str) -> dict:
    return json.loads(frame_with(at, column).proto.columns)[column]


def test_chinese_provenance_and_method_lines_use_full_width_punctuation(db):
    at = open_app("items", lang="zh", item="rec-wg3-01")
    lines = [m.value for m in at.markdown]
    assert any(m.startswith("**条目编号**：") for m in lines), lines
    assert any("（" in m and "**标题**：" in m for m in lines) or any(m.startswith("**标题**：") for m in lines)
    assert not [m for m in lines if re.search(r"\*\*[^*]*[\u4e00-\u9fff]\*\*:|[\u4e00-\u9fff] \(", m)], lines
    choices = at.selectbox(key="item").options
    assert all("（" in c for c in choices[1:]) and not any(" (" in c for c in choices[1:])
    about = open_app("about", lang="zh")
    sources = [m for m in texts(about) if "印发日期" in m]
    assert sources and all("——印发日期" in m and "（原文：" in m and " — " not in m for m in sources), sources
    assert not [m.value for m in about.markdown if m.value.startswith("*") and not m.value.startswith("**")]


def test_chinese_segment_choices_and_chart_names_use_full_width_punctuation(db):
    at = open_app(lang="zh")
    picker = next(s for s in at.selectbox if s.key and s.key.startswith("segment_pick"))
    assert picker.options and all("——" in c and "（" in c and " — " not in c for c in picker.options), picker.options
    label = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["meta"]["label"]
    assert "：" in label and not re.search(r"[\u4e00-\u9fff]: ", label), label


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_items_sentence_says_what_was_applied(db, lang):
    at = open_app("items", lang=lang)
    plain = lambda key, **v: t(lang, key, **v)  # noqa: E731
    at.toggle(key="item_open_only").set_value(True).run()
    said = texts(at)
    assert any(plain("items_found_open", found=0, count=0)[:6] in m for m in said) or any(
        "open" in m or "未完成" in m for m in said
    )
    assert not any(plain("items_found_search", found=1, count=1)[-12:] in m for m in said), said
    at.text_input(key="item_search").input("zzzznotthere").run()
    said = texts(at)
    assert any(nothing_listed(lang, True, True, Filters(lang=lang)).strip() in m for m in said), said
    assert not any(plain("items_select_row").strip() in m for m in said), said
    at.toggle(key="item_open_only").set_value(False).run()
    said = texts(at)
    assert any(plain("items_found_search", found=0, count=38) in m for m in said), said


def test_the_items_sentence_when_nothing_matches_the_filters(db):
    at = open_app("items", status="done", kind="topic", heading="prosecution")
    said = texts(at)
    assert t("en", "items_none") in said and not any("Select a row" in m for m in said), said


@pytest.mark.parametrize("lang, day", [("en", "14 Apr 2009"), ("zh", "2009年4月14日")])
def test_session_dates_in_the_pages_language_and_sentences_readable(db, lang, day):
    at = open_app("sessions", lang=lang)
    starts = frame_with(at, "start_date").value.start_date.tolist()
    assert starts[:2] == [t(lang, "not_given"), day], starts
    assert not any(d is None or str(d) in ("None", "NaT") or "-" in str(d) for d in starts), starts
    # the note wraps in what the other columns leave of the page (dashboard.grid_widths), and reads in
    # full under the table
    assert column_settings(at, "note")["width"] >= 110
    assert t(lang, "notes_in_full") in [e.label for e in at.expander]
    label = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["meta"]["label"]
    assert "2009-04-14" not in label and ("14 April 2009" in label or "2009年4月14日" in label), label
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["xaxis"]["tickformat"] != "%Y-%m"


@pytest.mark.parametrize(
    "page, query",
    [
        ("sessions", {"as_of": "cop-4"}),
        ("sessions", {"status": "done", "kind": "topic", "heading": "prosecution"}),
        ("overview", {"as_of": "cop-4"}),
        ("overview", {"status": "done", "kind": "topic", "heading": "prosecution"}),
        ("plan", {"as_of": "cop-4"}),
    ],
)
def test_no_empty_chart_with_invented_axes(db, page, query):
    at = open_app(page, **query)
    if page == "sessions" and "as_of" in query:
        assert t("en", "no_dated_sessions") in texts(at)
    for chart in at.get("plotly_chart"):  # whatever is drawn has something in it
        spec = json.loads(chart.proto.spec)
        drawn = [v for trace in spec["data"] for v in (trace.get("x") or trace.get("z") or [])]
        assert any(v for v in drawn), spec["layout"].get("meta")


def test_checks_name_the_session_a_proposal_was_first_made_at(db):
    at = open_app("checks")
    waiting = frame_with(at, "first_proposed_at").value
    assert len(waiting) and not waiting.first_proposed_at.str.fullmatch(r"[a-z]+-\d+").any(), waiting
    assert "Working Group, first session" in waiting.first_proposed_at.tolist()


def test_chinese_messages_use_chinese_dashes_no_italics_and_no_redundant_as_of():
    from transforms.presentation.i18n import catalog

    zh = catalog("zh")
    lone_dash = {k: v for k, v in zh.items() if re.search(r"(?<!—)—(?!—)", v) and k != "empty_cell"}
    italic = {k: v for k, v in zh.items() if re.search(r"(?<![*\w])\*[^*\s][^*]*[\u4e00-\u9fff][^*]*\*(?!\*)", v)}
    redundant = {k: v for k, v in zh.items() if re.search(r"截至[^，。：；]*之后", v)}
    assert not lone_dash and not italic and not redundant, (lone_dash, italic, redundant)
    assert t("zh", "punct_dash", text="甲", more="乙") == "甲——乙"


def test_the_scope_line_and_edit_choices_use_the_languages_dash(shipped):
    from transforms.database.queries import Filters, labels
    from transforms.database.scope import scope_line

    line = scope_line("zh", Filters(lang="zh"), "items", labels(shipped, "zh"))
    assert "——" in line and " — " not in line, line
    assert " — " in scope_line("en", Filters(), "items", labels(shipped, "en"))


def test_the_items_quotes_and_notes_are_shown_in_full_and_sessions_joined_in_the_pages_language(db):
    at = open_app("items", lang="zh", item="rec-wg3-01")
    links = frame_with(at, "quote").value
    assert links.quote.iloc[0] in shown_quotes(at)  # the whole quote, wrapped
    assert links.note.iloc[0] in [c.value.replace("\\", "") for c in at.caption]
    sessions = frame_with(at, "sessions").value.sessions
    assert not sessions.str.contains("; ").any() and sessions.str.contains("；").any()


def test_dates_in_words_whatever_form_the_dates_come_in():
    import datetime as dt

    import pandas as pd

    from dashboard.columns import dates_in_words

    frame = pd.DataFrame(
        {
            "start_date": ["2009-04-14", None, "not given in the source"],
            "end_date": [pd.Timestamp("2011-10-12"), pd.NaT, dt.date(2010, 1, 29)],
        }
    )
    zh = dates_in_words(frame, "zh", ("start_date", "end_date"))
    assert zh.start_date.tolist() == ["2009年4月14日", "来源未提供", "来源未提供"]
    assert zh.end_date.tolist() == ["2011年10月12日", "来源未提供", "2010年1月29日"]
    assert dates_in_words(frame, "en", ("end_date",)).end_date.tolist()[0] == "12 Oct 2011"


def test_session_notes_read_in_full_and_table_text_wraps(db):
    at = open_app("sessions", lang="zh")
    table = frame_with(at, "note")
    notes = [n for n in table.value.note if n]
    shown = [m.value.replace("\\", "") for m in at.markdown]
    assert notes and all(any(n in m for m in shown) for n in notes)
    assert table.proto.row_height > 64  # above 4rem Streamlit wraps a cell's text
