"""The real Streamlit app under AppTest: every page, figures against the shared queries,
filters from widgets and from the URL, downloads, languages, and a database that is missing,
corrupt or rebuilt under it."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from fixtures import BASE, SHIPPED_DATA, copy_shipped, make_record, shown_quotes
from streamlit.testing.v1 import AppTest

from transforms.database.build import build
from transforms.database.export import export_bytes
from transforms.database.queries import Filters, coverage_by_heading, coverage_totals, item_list, session_outcomes
from transforms.presentation.i18n import t
from transforms.reports.check import CHECKS, WAITED_RANGE
from transforms.reports.report import report_html

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
PAGES = ["overview", "sessions", "plan", "items", "checks", "changes", "about"]


@pytest.fixture
def app(shipped_db, monkeypatch):
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    return open_app()


def open_app(page: str = "overview", **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def figure(at: AppTest, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def bars(at: AppTest, index: int = 0) -> dict[str, list[int]]:
    """Status label -> bar lengths, as drawn."""
    return {trace["name"]: list(trace["x"]) for trace in figure(at, index)["data"]}


def table(at: AppTest, *columns: str):
    """The data of the first table drawn with these columns."""
    found = [d.value for d in at.dataframe if set(columns) <= set(d.value.columns)]
    assert found, [list(d.value.columns) for d in at.dataframe]
    return found[0]


def number_tables(at: AppTest) -> list[list[dict[str, str]]]:
    """The numbers behind the charts, drawn as plain tables (dashboard.ui.number_markdown): each table
    as its rows, header -> cell text (Markdown escapes and a total row's bold removed, a header's
    no-break space as a space)."""

    def cells(line: str) -> list[str]:
        return [
            c.strip().replace("\\", "").removeprefix("**").removesuffix("**").replace("\u00a0", " ")
            for c in line.strip().strip("|").split(" | ")
        ]

    found = []
    for m in at.markdown:
        lines = m.value.splitlines()
        if len(lines) >= 2 and lines[0].startswith("| ") and set(lines[1]) <= set("|-: "):
            found.append([dict(zip(cells(lines[0]), cells(line))) for line in lines[2:]])
    return found


def by_heading(at: AppTest, header: str) -> list[int]:
    """One column of the first table of numbers per heading drawn (the Plan's question), its
    total row left out."""
    drawn = [rows for rows in number_tables(at) if "Heading" in rows[0]]
    assert drawn, "no table of numbers per heading"
    return [int(r[header]) for r in drawn[0][:-1]]


def param(at: AppTest, key: str) -> list[str]:
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def rows(payload: bytes) -> list[dict]:
    assert payload.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(payload.decode("utf-8-sig"), newline="")))


TITLES = {
    "en": "The Plan's requirements and the Working Group's own recommendations",
    "zh": "《全球行动计划》的要求与工作组自身的建议",
}


@pytest.mark.parametrize("lang, title", list(TITLES.items()))
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_in_both_languages(page, lang, title, shipped_db, monkeypatch):
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = open_app(page, lang=lang)
    assert at.title
    if page == "overview":
        assert at.title[0].value == title
    assert not at.error
    # every code block wraps: one that scrolls sideways on a phone is a region a keyboard cannot reach
    assert all(c.proto.wrap_lines for c in at.get("code")), page


def metric_list(at: AppTest) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in at.metric]


def expected_metrics(totals: dict) -> list[tuple[str, str]]:
    """Count as the value, the denominator in the label (so no value is ever cut)."""
    return [(f"{s.title()} (of {totals['total']})", str(totals[s])) for s in ("done", "pending", "proposed")]


def test_overview_answers_two_questions_with_their_own_denominators(app, shipped):
    """Plan requirements and the Working Group's own items are counted apart, never summed."""
    plan = coverage_by_heading(shipped, Filters(kinds=("requirement",)))
    own = coverage_by_heading(shipped, Filters(kinds=("recommendation", "topic")))
    # figures: plan by heading, plan after each session, own by heading, own after each session
    assert bars(app, 0) == {
        "Done": plan.done.tolist(),
        "Pending": plan.pending.tolist(),
        "Proposed": plan.proposed.tolist(),
    }
    assert bars(app, 2) == {
        "Done": own.done.tolist(),
        "Pending": own.pending.tolist(),
        "Proposed": own.proposed.tolist(),
    }
    assert metric_list(app) == expected_metrics(coverage_totals(plan)) + expected_metrics(coverage_totals(own))
    assert metric_list(app)[0] == ("Done (of 8)", "0") and metric_list(app)[3] == ("Done (of 30)", "22")
    assert [m.proto.delta for m in app.metric][3] == "73%"
    headers = [h.value for h in app.main.header]
    assert headers == [
        "How far the Working Group has taken up the Plan's requirements",
        "What has become of the Working Group's own recommendations and proposed topics",
    ]
    text = " ".join(m.value for m in app.markdown)
    assert "the 8 Plan requirements on the record" in text and "0 of 8 done" in text
    assert "22 of 30 done" in text and "None of them is a Plan requirement" in text
    assert "38" not in " ".join(v for _, v in metric_list(app))  # nothing adds the two sets together
    drawn = [rows for rows in number_tables(app) if "Heading" in rows[0]]
    assert [int(r["Done"]) for r in drawn[0][:-1]] == plan.done.tolist()  # then the total row
    assert [int(r["Done"]) for r in drawn[1][:-1]] == own.done.tolist()


def test_timeline_shows_counts_and_new_items_so_a_falling_share_is_explained(app, shipped):
    from transforms.database.coverage import answer

    own = answer(shipped, Filters(), "own").timeline
    new, share = t("en", "new_items"), t("en", "done_share")
    drawn = [rows for rows in number_tables(app) if new in rows[0]][1]
    assert [int(r["Total"]) for r in drawn] == own.total.tolist()
    assert [int(r[new]) for r in drawn] == own.new_items.tolist()
    by_session = {r["Session"]: r for r in drawn}
    wg3, before = by_session["Working Group, third session"], by_session["Working Group, second session"]
    assert int(wg3["Done"]) == int(before["Done"]) == 22 and int(wg3[new]) == 1
    assert int(wg3[share].rstrip("%")) < int(before[share].rstrip("%"))
    assert bars(app, 3)["Done"] == own.done.tolist()  # counts on the bars: done never falls
    assert any("nothing was undone" in c.value for c in app.caption)


SHARE_VIEWS = [
    {},
    {"status": ["pending", "proposed"]},
    {"heading": "protection", "lang": "zh"},
    {"status": "done", "lang": "zh"},
    {"heading": ["protection", "prosecution"], "status": ["pending", "proposed"]},
    {"as_of": "wg-1", "lang": "zh"},
]


@pytest.mark.parametrize("query", SHARE_VIEWS, ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items()) or "none")
def test_the_numbers_tables_show_every_share_the_bars_show_and_the_total(shipped_db, shipped, monkeypatch, query):
    """Each table under a chart holds the share of every status drawn on its bars, the same text
    (of the items on the record, whatever the status filter); the table per heading ends with the
    total row the CSV has, named for the headings it sums."""
    from transforms.database.coverage import headings_label
    from transforms.presentation.i18n import percent

    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = open_app(**query)
    lang = query.get("lang", "en")
    as_list = lambda v: (v,) if isinstance(v, str) else tuple(v)  # noqa: E731
    filters = Filters(as_list(query.get("heading", ())), as_list(query.get("status", ())), (), query.get("as_of"), lang)
    statuses = ("done", "pending", "proposed")
    status_header = {s: t(lang, f"status_{s}") for s in statuses}
    share_header = {s: t(lang, f"{s}_share") for s in statuses}
    csv_totals = [r for r in rows(export_bytes(shipped, "coverage", filters)) if not r["heading"] and r["total"] != "0"]
    tables, drawn = number_tables(at), [figure(at, i)["data"] for i in range(len(at.get("plotly_chart")))]
    assert len(tables) == len(drawn) == 2 * len(csv_totals)  # per heading, after each session; per question drawn
    compared = 0
    for i, (table, traces) in enumerate(zip(tables, drawn)):
        per_heading = i % 2 == 0
        listed = table[:-1] if per_heading else table
        for status, trace in zip(statuses, traces):
            assert len(trace["text"]) == len(listed)
            for text, row in zip(trace["text"], listed):
                if "<br>" in text:  # the share drawn on the segment
                    assert row[share_header[status]] == text.split("<br>")[1], (i, status, row)
                    compared += 1
        for row in listed:
            for status in statuses:
                base, kept = int(row[t(lang, "on_record")]), not filters.statuses or status in filters.statuses
                share = int(row[status_header[status]]) / base if base and kept else None
                assert row[share_header[status]] == percent(share), (i, status, row)
        if per_heading:  # the total row: the CSV's, named for the headings it sums
            total, expected = table[-1], csv_totals[i // 2]
            assert total[t(lang, "heading")] == expected["heading_label"] == headings_label(lang, filters)
            for status in statuses:
                assert total[status_header[status]] == expected[status]
                share = float(expected[f"{status}_share"]) if expected[f"{status}_share"] else None
                assert total[share_header[status]] == percent(share)
            assert total[t(lang, "on_record")] == expected["on_record"]
    assert compared >= 3


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("headings", [(), ("protection", "prosecution")], ids=["all", "two"])
def test_a_total_is_named_for_the_headings_it_sums(shipped_db, shipped, monkeypatch, media, lang, headings):
    """The Overview's same-share sentence, its tables' total rows and its CSV downloads: "All
    headings" with no heading filter, the selected headings under one, never the other."""
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = open_app(heading=list(headings), lang=lang) if headings else open_app(lang=lang)
    label = {
        (): {"en": "All headings", "zh": "全部标题"},
        ("protection", "prosecution"): {"en": "2 selected headings", "zh": "所选 2 个标题"},
    }
    named, other = label[headings][lang], label[() if headings else ("protection", "prosecution")][lang]
    text = " ".join(m.value for m in at.markdown).replace("\\", "")  # Markdown escapes removed
    # each Plan heading listed holds its requirements 0% done
    held = 2 if headings else 4  # the headings listed that hold requirements (cross-cutting holds none)
    same = {
        "en": f"{named}: each of the {held} headings that hold items is 0% done.",
        "zh": f"{named}中有条目的 {held} 个标题，已完成比例均为 0%。",
    }
    assert same[lang] in text
    per_heading = [rows for rows in number_tables(at) if t(lang, "heading") in rows[0]]
    assert [rows[-1][t(lang, "heading")] for rows in per_heading] == [named, named]
    raw = [m.value.splitlines() for m in at.markdown if m.value.startswith("| " + t(lang, "heading") + " |")]
    assert [lines[-1].startswith(f"| **{named}** |") for lines in raw] == [True, True]  # set in bold
    for button in [b for b in at.get("download_button") if "download_coverage" in b.proto.id]:
        assert {r["heading_label"] for r in rows(media.of(button)) if not r["heading"]} == {named}
    assert other not in text


def test_url_narrows_every_element(shipped_db, shipped, monkeypatch, media):
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = open_app(heading=["protection", "prevention"], status="done", lang="zh")
    filters = Filters(("prevention", "protection"), ("done",), kinds=("recommendation", "topic"), lang="zh")
    coverage = coverage_by_heading(shipped, filters)
    assert len(at.get("plotly_chart")) == 2  # no Plan requirement is done: its question draws no chart
    assert bars(at, 0) == {"已完成": [4, 6], "待定": [0, 0], "拟议": [0, 0]}
    # the status filter narrows what is listed, never the denominator: 10 done of the 13 on the record
    assert metric_list(at)[3:] == [("已完成（共 13 个）", "10"), ("待定（共 13 个）", "–"), ("拟议（共 13 个）", "–")]
    assert metric_list(at)[0] == ("已完成（共 4 个）", "0")
    text = " ".join(m.value for m in at.markdown)
    assert "13 个中有 10 个符合状态筛选（已完成）" in text and "4 个中有 0 个符合状态筛选（已完成）" in text
    timeline = figure(at, 1)["data"]  # the own items after each session (the plan question has none)
    assert timeline[0]["x"][-1] == 10 and sum(timeline[1]["x"]) == 0
    download = next(b for b in at.get("download_button") if b.proto.id.endswith("download_coverage_own"))
    assert rows(media.of(download)) == rows(export_bytes(shipped, "coverage", filters))
    assert [r["done"] for r in rows(media.of(download))] == [*map(str, coverage.done), "10"]  # + total row


def test_the_briefing_download_is_the_report_for_the_filters(shipped_db, shipped, monkeypatch, media):
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = open_app(heading="protection", lang="zh")
    button = next(b for b in at.get("download_button") if "briefing" in b.proto.id)
    assert button.proto.label == "下载简报（HTML，可用 A4 打印）"
    html = media.of(button).decode("utf-8")
    filters = Filters(("protection",), lang="zh")
    expected = report_html(shipped, filters)
    ids = lambda text: set(re.findall(r"(?:rec|topic|req)-[a-z0-9-]+", text))  # noqa: E731
    assert ids(html) == ids(expected) and ids(html)
    assert set(item_list(shipped, Filters(("protection",), ("pending", "proposed")))["item_id"]) <= ids(html)
    assert html.startswith("<!DOCTYPE html>") and 'lang="zh' in html and "http" not in html.split("</head>")[0]


def test_comma_separated_values_and_unknown_values(app, shipped_db, monkeypatch):
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = open_app(heading="prosecution,bogus", status="pending,proposed", colour="red")
    assert at.multiselect(key="heading").value == ["prosecution"]
    assert at.multiselect(key="status").value == ["pending", "proposed"]
    notices = [w.value for w in at.main.warning]
    assert any("bogus" in n for n in notices) and any("colour" in n for n in notices)
    assert bars(at, 0) == {"Done": [0], "Pending": [0], "Proposed": [2]}  # Plan requirements
    assert bars(at, 2) == {"Done": [0], "Pending": [0], "Proposed": [2]}  # the Working Group's own
    assert not at.error


def test_sidebar_filter_updates_figures_and_url(app, shipped):
    app.multiselect(key="heading").select("partnerships").run()
    assert param(app, "heading") == ["partnerships"]
    assert bars(app, 0) == {"Done": [0], "Pending": [0], "Proposed": [2]}
    assert bars(app, 2) == {"Done": [5], "Pending": [0], "Proposed": [0]}
    app.multiselect(key="kind").select("requirement").run()
    assert bars(app, 0) == {"Done": [0], "Pending": [0], "Proposed": [2]}
    assert len(app.get("plotly_chart")) == 2  # the own items' question is not answered, and says why
    excluded = "leaves out what this question counts (Recommendation, Proposed topic)"
    assert any(excluded in i.value.replace("\\", "") for i in app.info)
    app.selectbox(key="as_of").select("wg-3").run()
    assert param(app, "as_of") == ["wg-3"]
    text = " ".join(m.value for m in app.markdown)
    assert "No Plan requirement is on the record as it stood after Working Group, third session" in text
    assert "the first was recorded at Working Group, fourth session" in text
    app.button[0].click().run()  # clear filters
    assert (
        bars(app, 2)["Done"] == coverage_by_heading(shipped, Filters(kinds=("recommendation", "topic"))).done.tolist()
    )
    assert "heading" not in app.query_params


def test_as_of_session_shows_the_picture_then(shipped_db, shipped, monkeypatch):
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = open_app(as_of="wg-1")
    coverage = coverage_by_heading(shipped, Filters(as_of="wg-1", kinds=("recommendation", "topic")))
    assert bars(at, 0)["Done"] == coverage.done.tolist()  # no Plan requirement yet: only the own items drawn
    assert [label for label, _ in metric_list(at)] == ["Done (of 19)", "Pending (of 19)", "Proposed (of 19)"]
    assert len(figure(at, 1)["data"][0]["y"]) == 2  # cop-4 and wg-1 only


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_checks_waiting_box_says_what_it_accepts_and_which_value_is_shown(shipped_db, monkeypatch, lang):
    """A number out of range stays in the box (outlined in red) and the page keeps the last one
    accepted: a caption under the box says, in the page's language, the range and the value shown."""
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = open_app("checks", lang=lang)
    low, high = WAITED_RANGE

    def said(waited: int) -> bool:
        return t(lang, "check_waited_range", low=low, high=high, waited=waited) in [c.value for c in at.caption]

    names = [c.name for c in CHECKS]
    waiting = CHECKS[names.index("waiting_proposals")]

    def waiting_title() -> str:
        return at.main.header[names.index("waiting_proposals")].value

    assert said(2) and waiting_title().startswith(waiting.title(lang, 2))
    box = at.number_input(key="check_waited")
    assert (box.min, box.max) == (low, high)
    box.set_value(high + 51).run()  # out of range: Streamlit keeps the last value accepted
    assert not at.exception and at.number_input(key="check_waited").value == 2
    assert said(2) and waiting_title().startswith(waiting.title(lang, 2))
    at.number_input(key="check_waited").set_value(5).run()
    assert said(5) and waiting_title().startswith(waiting.title(lang, 5))
    # one session is one session, in the title as in the line under the box (the catalog's plurals)
    at.number_input(key="check_waited").set_value(1).run()
    one = {
        "en": "Proposals waiting more than 1 Working Group session · ",
        "zh": "已等待超过 1 届工作组会议的拟议条目 · ",
    }
    assert said(1) and waiting_title().startswith(one[lang]), waiting_title()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_sessions_outcomes_chart_and_table_name_the_statuses_alike(shipped_db, monkeypatch, lang):
    """The outcomes chart's legend said Done / Pending / Proposed and the table under it "Adopted
    or endorsed / Deferred / Proposed" for the same counts (the statuses each session recorded):
    one set of words, the status filter's, each header's help saying what it is at a session."""
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = open_app("sessions", lang=lang)
    legend = list(bars(at, 1))
    tables = {tuple(d.value.columns): json.loads(d.proto.columns) for d in at.dataframe}
    outcomes = tables[("title", "done", "pending", "proposed", "total")]
    statuses = ("done", "pending", "proposed")
    assert [outcomes[s]["label"] for s in statuses] == legend == [t(lang, f"status_{s}") for s in statuses]
    assert [outcomes[s]["help"] for s in statuses] == [t(lang, f"outcome_{s}_help") for s in statuses]
    grid = tables[("session_title", "heading_label", "done", "pending", "proposed", "total")]
    assert [grid[s]["label"] for s in statuses] == legend


def test_language_switch_changes_labels(app):
    app.segmented_control(key="lang").set_value("zh").run()
    assert app.title[0].value == TITLES["zh"]
    assert set(bars(app)) == {"已完成", "待定", "拟议"}
    assert figure(app)["data"][0]["y"][0] == "防止贩运人口"
    assert app.multiselect(key="heading").label == "《全球行动计划》标题"
    assert param(app, "lang") == ["zh"]


def test_sessions_page(shipped_db, shipped, monkeypatch, media):
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = open_app("sessions", heading="protection")
    outcomes = session_outcomes(shipped, Filters(("protection",)))
    timeline = figure(at, 0)["data"]
    assert sum(len(trace["x"]) for trace in timeline) == 7  # the dated sessions and meetings
    drawn = bars(at, 1)
    assert drawn["Done"] == outcomes.done.tolist() and drawn["Pending"] == outcomes.pending.tolist()
    grid = figure(at, 2)["data"][0]
    assert len(grid["x"]) == 1 and sum(v or 0 for row in grid["z"] for v in row) == int(outcomes.total.sum())
    sessions = table(at, "title", "start_date")
    # dates as the page's language writes them; the words saying so where the source gives none
    assert sessions["start_date"].tolist()[:2] == ["not given in the source", "14 Apr 2009"]
    buttons = {d.proto.id: d for d in at.get("download_button")}
    assert len(buttons) == 2
    linked = rows(media.of([d for i, d in buttons.items() if "links" in i][0]))
    assert {r["heading"] for r in linked} == {"protection"}


def test_items_page_lists_filtered_items_and_shows_provenance(shipped_db, shipped, monkeypatch, media):
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = open_app("items", status="pending", item="rec-wg3-01")
    listed = table(at, "item_id", "heading_label")
    expected = item_list(shipped, Filters(statuses=("pending",)))
    assert listed["item_id"].tolist() == expected.item_id.tolist() == ["rec-wg3-01"]
    assert at.selectbox(key="item").value == "rec-wg3-01"
    assert "关于对人口贩运受害人给予赔偿的国家方法" in shown_quotes(at)
    provenance = table(at, "session_title", "counted")
    assert provenance["source_paragraph"].tolist() == ["7"] and provenance["document_symbol"].tolist() == [
        "CTOC/COP/WG.4/2010/7"
    ]
    download = [d for d in at.get("download_button") if "items" in d.proto.id][0]
    assert download.proto.label == "Download item list (CSV)"
    assert [r["item_id"] for r in rows(media.of(download))] == ["rec-wg3-01"]
    assert param(at, "item") == ["rec-wg3-01"]


def test_missing_database_says_how_to_fix_it(tmp_path, monkeypatch):
    monkeypatch.setenv("GAPTRACK_DB", str(tmp_path / "none.duckdb"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "There is no database" in at.error[0].value
    assert at.code[0].value == "gaptrack build"


def test_corrupt_database_says_how_to_fix_it(tmp_path, monkeypatch):
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("GAPTRACK_DB", str(bad))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "cannot be read" in at.error[0].value
    assert at.code[0].value == "gaptrack build"


def test_rebuild_is_seen_on_the_next_rerun(tmp_path, monkeypatch):
    data = copy_shipped(tmp_path / "data")
    db = tmp_path / "g.duckdb"
    build(data, db)
    monkeypatch.setenv("GAPTRACK_DB", str(db))
    at = open_app()
    assert metrics(at)["Proposed (of 8)"] == "8"
    links = data / "links.csv"
    kept = [line for line in links.read_text(encoding="utf-8").splitlines() if not line.startswith("req-gpa-54,")]
    links.write_text("\n".join(kept) + "\n", encoding="utf-8")
    build(data, db)  # swaps in a new file while the app holds the old one open
    at.run()
    assert metrics(at)["Proposed (of 7)"] == "7"


def test_a_rebuild_of_the_same_record_keeps_the_views_asked_and_shows_its_own_build_time(tmp_path, monkeypatch):
    """The dashboard's caches are keyed on what the database holds (data, schema and gaptrack
    versions), not on the file: a rebuild from unchanged files is served from them, while the
    About page gives the new file's build time; a changed record gets a new key."""
    data = copy_shipped(tmp_path / "data")
    db = tmp_path / "g.duckdb"
    build(data, db)
    with duckdb.connect(str(db)) as con:  # as if built years ago
        con.execute("UPDATE build_info SET built_at = TIMESTAMPTZ '2020-01-02 03:04:00+00'")
    monkeypatch.setenv("GAPTRACK_DB", str(db))
    at = open_app()
    at.switch_page("app_pages/about.py").run()
    assert "built 2 January 2020, 03:04 UTC" in " ".join(m.value.replace("\\", "") for m in at.markdown)
    before = at.session_state["context"]
    build(data, db)  # the same files: a new file, the same content
    at.run()
    after = at.session_state["context"]
    assert after.file != before.file and after.db == before.db
    shown = " ".join(m.value.replace("\\", "") for m in at.markdown)
    assert "built 2 January 2020" not in shown and "Data version " + after.db[1] in shown
    links = data / "links.csv"
    kept = [line for line in links.read_text(encoding="utf-8").splitlines() if not line.startswith("req-gpa-54,")]
    links.write_text("\n".join(kept) + "\n", encoding="utf-8")
    build(data, db)
    at.switch_page("app_pages/overview.py").run()
    changed = at.session_state["context"]
    assert changed.db != before.db and changed.db[1] != before.db[1]
    assert metrics(at)["Proposed (of 7)"] == "7"


def test_a_rebuild_is_seen_in_every_chart_table_sentence_and_download_on_the_next_rerun(tmp_path, monkeypatch, media):
    """What a view shows is built once per database version and shared between sessions (figures,
    sentences, tables, query frames): a session that drew the view before a rebuild sees none of it
    afterwards, however many times the old version's view was drawn."""
    data = copy_shipped(tmp_path / "data")
    db = tmp_path / "g.duckdb"
    build(data, db)
    monkeypatch.setenv("GAPTRACK_DB", str(db))
    at, other = open_app(), open_app()  # two sessions on the same view: the second one hits the caches
    assert bars(other, 0)["Proposed"] == by_heading(other, "Proposed") == [2, 2, 2, 2, 0]
    sentences = [m.value for m in at.markdown]
    links = data / "links.csv"
    kept = [line for line in links.read_text(encoding="utf-8").splitlines() if not line.startswith("req-gpa-54,")]
    links.write_text("\n".join(kept) + "\n", encoding="utf-8")
    build(data, db)
    at.run()
    assert bars(at, 0)["Proposed"] == by_heading(at, "Proposed") == [2, 2, 2, 1, 0]
    assert [m.value for m in at.markdown] != sentences  # "… of the 8 …" became "… of the 7 …"
    download = next(b for b in at.get("download_button") if b.proto.id.endswith("download_coverage_plan"))
    assert rows(media.of(download))[-1]["proposed"] == "7"  # the total row
    assert metrics(at)["Proposed (of 7)"] == "7"


def test_text_from_data_is_never_html(tmp_path, monkeypatch):
    hostile = "<img src=x onerror=alert(1)> **bold** [link](javascript:alert(1))"
    items = [dict(BASE["items"][0], title_en=hostile)] + BASE["items"][1:]
    folder = make_record(tmp_path / "data", items=items)
    build(folder, tmp_path / "h.duckdb")
    monkeypatch.setenv("GAPTRACK_DB", str(tmp_path / "h.duckdb"))
    at = open_app("items", item="a")
    shown = [e.value for e in [*at.markdown, *at.header, *at.subheader, *at.caption] if "img" in e.value]
    assert shown and all("\\<img" in m and "\\*\\*bold" in m for m in shown)
    assert not any(
        getattr(m.proto, "allow_html", False) or getattr(m.proto, "unsafe_allow_html", False) for m in at.markdown
    )


def test_about_page_when_the_source_gives_no_date(tmp_path, monkeypatch):
    sources = [dict(BASE["sources"][0], issued_date="", symbol="")]
    build(make_record(tmp_path / "data", sources=sources), tmp_path / "d.duckdb")
    monkeypatch.setenv("GAPTRACK_DB", str(tmp_path / "d.duckdb"))
    at = open_app("about")
    assert any("not given in the source" in m.value for m in at.markdown)


def test_a_table_too_large_to_download_gets_the_command_instead(app, monkeypatch):
    import dashboard.ui

    monkeypatch.setattr(dashboard.ui, "DOWNLOAD_LIMIT", 10)
    app.switch_page("app_pages/items.py").run()
    assert not [d for d in app.get("download_button") if "items" in d.proto.id]
    assert "gaptrack export items --lang en --out gaptrack-items-all-en-" in app.code[0].value


def test_outdated_database_says_how_to_fix_it(tmp_path, monkeypatch):
    import duckdb

    build(SHIPPED_DATA, tmp_path / "old.duckdb")
    with duckdb.connect(str(tmp_path / "old.duckdb")) as con:
        con.execute("UPDATE build_info SET schema_version = 'older'")
    monkeypatch.setenv("GAPTRACK_DB", str(tmp_path / "old.duckdb"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert "older version of gaptrack" in at.error[0].value
    assert at.code[0].value == "gaptrack build"


def test_pages_that_stop_early_get_the_sidebar_before_them():
    """app.py draws the sidebar after a page (first paint), but nothing drawn after st.stop reaches
    the browser: a page that can stop must be in app.STOPS_EARLY, or it would show no sidebar."""
    source = (Path(__file__).resolve().parents[1] / "dashboard" / "app.py").read_text(encoding="utf-8")
    listed = set(re.findall(r'"([a-z_]+)"', re.search(r"STOPS_EARLY = \{([^}]*)\}", source).group(1)))
    pages = Path(__file__).resolve().parents[1] / "dashboard" / "app_pages"
    stopping = {p.stem for p in pages.glob("*.py") if re.search(r"\bst\.stop\(", p.read_text(encoding="utf-8"))}
    assert stopping and stopping <= listed, stopping - listed


def test_a_kept_frame_is_not_changed_by_what_a_caller_does_to_its_copy(shipped_db):
    """dashboard.data.shared keeps one frame per arguments and hands out shallow copies: whatever a
    page does to its copy (a column replaced, a cell set, rows dropped), the next caller gets the
    frame as the query gave it."""
    import dashboard.data as dashboard_data

    file = dashboard_data.identity(shipped_db)
    db = dashboard_data.holding(file)
    first = dashboard_data.shown("item_list", db, Filters())
    expected = first.copy(deep=True)
    first["title"] = "changed"
    first.loc[0, "status"] = "done?"
    first.iloc[1:, 0] = "gone"
    labels = dashboard_data.labels(db, "en")
    labels["status"]["done"] = "changed"
    item, links = dashboard_data.item_detail(db, expected["item_id"].iloc[0], Filters())
    links.loc[links.index[0], "session_id"] = "changed"
    again = dashboard_data.shown("item_list", db, Filters())
    pd.testing.assert_frame_equal(again, expected)
    assert dashboard_data.labels(db, "en")["status"]["done"] != "changed"
    assert "changed" not in set(dashboard_data.item_detail(db, expected["item_id"].iloc[0], Filters())[1]["session_id"])


def test_the_same_choice_picked_in_another_order_is_the_same_view(shipped_db, monkeypatch):
    """Statuses and headings are read in the record's order whatever order they were picked in
    (the widgets keep the order of the clicks): the page says the same words, the URL lists them
    the same way, and the view is kept once."""
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    picked, ordered = open_app(), open_app()
    for at, statuses, headings in (
        (picked, ("proposed", "done"), ("protection", "prevention")),
        (ordered, ("done", "proposed"), ("prevention", "protection")),
    ):
        for value in statuses:
            at.multiselect(key="status").select(value).run()
        for value in headings:
            at.multiselect(key="heading").select(value).run()
        assert list(at.multiselect(key="status").value) == list(statuses)  # the widget keeps the clicks' order
    assert [m.value for m in picked.markdown] == [m.value for m in ordered.markdown]
    assert param(picked, "status") == ["done", "proposed"] and param(picked, "heading") == ["prevention", "protection"]
    figures = next(m.value for m in picked.markdown if "proposed" in m.value and "done" in m.value)
    assert figures.index("done") < figures.index("proposed")
