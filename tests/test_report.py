"""gaptrack report: the printable HTML briefing. Its numbers are the shared queries' numbers, every
open item is there with its provenance and no done item is, text from the data stays text, and
the file needs nothing from outside."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest
from fixtures import SHIPPED_DATA, every_free_text, make_record

from transforms.cli import main, parser
from transforms.cli.options import checked_filters
from transforms.database.build import build
from transforms.database.coverage import (
    QUESTIONS,
    answer,
    figures_sentence,
    headings_label,
    on_record,
)
from transforms.database.queries import (
    Filters,
    Store,
    coverage_by_heading,
    coverage_totals,
    item_list,
    labels,
    record_info,
)
from transforms.presentation.colours import status_colours
from transforms.presentation.i18n import t
from transforms.reports.report import (
    _segment_text,
    bar_svg,
    briefing_filters,
    report_command,
    report_file_name,
    report_html,
)
from transforms.reports.report_style import CHINESE_HEADER_WORDS, css_string, page_footer_css

OPEN = ("pending", "proposed")
WHEN = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" & </style>'
ESCAPED = (
    "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &quot;quoted&quot; &amp; &lt;/style&gt;"
)


class Briefing(HTMLParser):
    """What a reader sees in the briefing: coverage rows, chart bars and open item rows, as text."""

    def __init__(self, text: str):
        super().__init__()
        self.coverage: dict[str, list[str]] = {}  # "question/heading" -> cells; "question/" -> the total line
        self.questions: dict[str, str] = {}  # question -> the section's text
        self._question: str | None = None
        self.items: dict[str, str] = {}  # item id -> the row's text
        self.bars: dict[str, dict] = {}  # heading -> {"total": text, "segments": [text, ...]}
        self._row: tuple[str, str, list[str]] | None = None
        self._bar: str | None = None
        self._capture: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and "data-question" in a:
            self._question = a["data-question"]
            self.questions[self._question] = ""
        elif tag == "section" and a.get("id") == "open-items":
            self._question = None
        if tag == "tr" and ("data-heading" in a or "data-item" in a or a.get("class") == "total"):
            kind = "item" if "data-item" in a else "coverage"
            key = a.get("data-item") or a.get("data-heading") or ""
            self._row = (kind, key if kind == "item" else f"{self._question}/{key}", [])
        elif tag == "td" and self._row:
            self._row[2].append("")
        elif tag == "div" and a.get("class") == "bar-row":
            self._bar = f"{self._question}/{a['data-heading']}"
            self.bars[self._bar] = {"total": "", "segments": []}
        elif self._bar and tag == "span" and a.get("class") == "bar-total":
            self._capture = "total"
        elif self._bar and tag == "text":
            self.bars[self._bar]["segments"].append("")
            self._capture = "segment"

    def handle_endtag(self, tag):
        if tag == "tr" and self._row:
            kind, key, cells = self._row
            if kind == "item":
                self.items[key] = " ".join(cells)
            else:
                self.coverage[key] = [c.strip() for c in cells]
            self._row = None
        elif tag in ("span", "text"):
            self._capture = None

    def handle_data(self, data):
        if self._question:
            self.questions[self._question] += data
        if self._row and self._row[2]:
            self._row[2][-1] += data
        if self._capture == "total":
            self.bars[self._bar]["total"] += data
        elif self._capture == "segment":
            self.bars[self._bar]["segments"][-1] += data


def pct(share) -> str:
    return f"{share:.0%}"


SCOPES = [
    Filters(),
    Filters(headings=("protection", "prosecution")),
    Filters(as_of="wg-3"),
    Filters(kinds=("topic",), as_of="bureau-8"),
]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("scope", SCOPES, ids=lambda f: f.describe())
def test_coverage_numbers_are_the_shared_querys(shipped, scope, lang):
    """Each question's table and bars are coverage_by_heading for its own kinds, never both summed."""
    filters = replace(scope, lang=lang)
    seen = Briefing(report_html(shipped, filters, WHEN))
    assert list(seen.questions) == list(QUESTIONS)
    for question in QUESTIONS:
        found = answer(shipped, filters, question)
        if found is None:
            assert t(lang, "q_excluded", kinds=labels(shipped, lang)["kind"]["requirement"]) in seen.questions[question]
            continue
        assert figures_sentence(lang, found, labels(shipped, lang)["session"]) in seen.questions[question]
        coverage = coverage_by_heading(shipped, found.filters)
        if not coverage.total.sum():
            assert not [k for k in seen.coverage if k.startswith(question + "/")]
            continue
        assert [k for k in seen.coverage if k.startswith(question + "/")][:-1] == [
            f"{question}/{h}" for h in coverage.heading
        ]
        for row in coverage.itertuples():
            key = f"{question}/{row.heading}"
            expected = [row.heading_label, *(str(getattr(row, k)) for k in ("done", "pending", "proposed", "total"))]
            assert seen.coverage[key][:5] == expected
            assert seen.coverage[key][5] == str(row.on_record)  # the denominator of the share beside it
            assert seen.coverage[key][6] == ("–" if row.total == 0 else pct(row.done_share))
            assert seen.bars[key]["total"] == str(row.total)
            shown = [int(s.split(" ")[0]) for s in seen.bars[key]["segments"]]
            assert shown == [getattr(row, s) for s in ("done", "pending", "proposed") if getattr(row, s)]
        totals = coverage_totals(coverage)
        counts = [str(totals[k]) for k in ("done", "pending", "proposed", "total")]
        # named for the headings it sums ("All headings" with no heading filter)
        assert seen.coverage[f"{question}/"][:5] == [headings_label(lang, found.filters), *counts]
        # the total line's share is of every item on the record too, never of the filtered count
        base, counted = on_record(totals), not found.filters.statuses or "done" in found.filters.statuses
        share = round(totals["done"] / base, 4) if base and counted else None  # as the coverage CSV holds it
        assert seen.coverage[f"{question}/"][5:] == [str(base), pct(share)]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("scope", SCOPES, ids=lambda f: f.describe())
def test_every_open_item_with_its_provenance_and_no_done_item(shipped, scope, lang):
    filters = replace(scope, lang=lang)
    text = report_html(shipped, filters, WHEN)
    seen = Briefing(text)
    open_items = item_list(shipped, replace(filters, statuses=OPEN))
    assert len(open_items) > 0
    assert list(seen.items) == list(open_items.item_id)
    sessions = labels(shipped, lang)["session"]
    for item in open_items.itertuples():
        row = seen.items[item.item_id]
        assert item.title in row and item.quote in row and item.kind_label in row and item.status_label in row
        assert t(lang, "report_source_at", document=item.source_document, paragraph=item.source_paragraph) in row
        for session in item.sessions.split("; "):
            assert session in row and sessions[session] in row
        if item.kind == "requirement":
            assert t(lang, "plan_paragraph", n=int(item.plan_paragraph)) in row
    coverage = coverage_by_heading(shipped, filters)
    assert len(open_items) == int(coverage.pending.sum() + coverage.proposed.sum())
    listed = text.split('id="open-items"')[1].split('id="how-to-read"')[0]  # the Plan view may name done items
    for item_id in item_list(shipped, replace(filters, statuses=("done",))).item_id:
        assert item_id not in listed


def test_data_version_build_and_how_to_read(shipped):
    for lang in ("en", "zh"):
        text = report_html(shipped, Filters(lang=lang), WHEN)
        info = record_info(shipped)
        assert info["data_version"] in text and info["schema_version"] in text
        assert {"en": "28 November 2026, 09:30 UTC", "zh": "2026年11月28日 09:30 UTC"}[lang] in text
        for meaning in shipped.frame("status_meanings", Filters(lang=lang)).itertuples():
            assert f"{meaning.label}</td><td>{meaning.meaning}</td>" in text
        assert "gaptrack report --lang " + lang in text


def test_heading_and_as_of_filters_narrow_the_briefing(shipped):
    seen = Briefing(report_html(shipped, Filters(headings=("prosecution",)), WHEN))
    assert list(seen.coverage) == ["plan/prosecution", "plan/", "own/prosecution", "own/"]
    assert list(seen.bars) == ["plan/prosecution", "own/prosecution"]
    expected = item_list(shipped, Filters(headings=("prosecution",), statuses=OPEN))
    assert set(seen.items) == set(expected.item_id)
    assert len(seen.items) < len(item_list(shipped, Filters(statuses=OPEN)))
    early = Briefing(report_html(shipped, Filters(as_of="wg-3"), WHEN))
    assert "rec-wg3-01" in early.items and "req-gpa-16" not in early.items  # the Plan's paragraphs came at wg-4
    text = report_html(shipped, Filters(headings=("prosecution",), as_of="wg-3", lang="zh"), WHEN)
    assert labels(shipped, "zh")["session"]["wg-3"] in text and labels(shipped, "zh")["heading"]["prosecution"] in text


def test_status_filter_narrows_the_briefing_as_it_does_the_dashboard(shipped):
    """Coverage counts only the statuses kept; the list holds the open items among them, or says
    that the filter keeps no open status."""
    done = report_html(shipped, Filters(statuses=("done",)), WHEN)
    seen = Briefing(done)
    assert seen.coverage["own/"][1:5] == ["22", "0", "0", "22"] and not seen.items
    assert t("en", "report_open_filtered") in done and "<dt>Statuses</dt><dd>Done</dd>" in done
    pending = Briefing(report_html(shipped, Filters(statuses=("pending",)), WHEN))
    assert list(pending.items) == ["rec-wg3-01"]
    assert set(Briefing(report_html(shipped, Filters(), WHEN)).items) > set(pending.items)


def test_both_languages(shipped):
    en, zh = (report_html(shipped, Filters(lang=lang), WHEN) for lang in ("en", "zh"))
    assert '<html lang="en">' in en and '<html lang="zh-Hans">' in zh
    for lang, text in (("en", en), ("zh", zh)):
        assert html.escape(t(lang, "report_title")) in text and t(lang, "report_open_items") in text
        for item in item_list(shipped, Filters(statuses=OPEN, lang=lang)).itertuples():
            assert html.escape(item.title) in text
    assert "关于对人口贩运受害人给予赔偿的国家方法" in zh and "National approaches to compensation" in en
    assert "National approaches to compensation" not in zh


def test_standalone_and_nothing_from_outside(shipped):
    text = report_html(shipped, Filters(lang="zh"), WHEN)
    assert text.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in text
    for outside in ("http://", "https://", "src=", "href=", "@import", "<script", "<link", "<img", "<iframe", "//"):
        assert outside not in text.lower()
    assert re.findall(r"url\(([^)]*)\)", text) and all(u.startswith("#") for u in re.findall(r"url\(([^)]*)\)", text))
    for rule in ("size: A4", "break-inside: avoid", "display: table-header-group", "overflow-wrap: anywhere"):
        assert rule in text
    assert '"Noto Sans CJK SC"' in text and "sans-serif" in text


def test_text_from_the_data_stays_text(tmp_path):
    """HTML in every free-text column and quote: shown as text, never as markup."""
    every_free_text(tmp_path / "data", lambda table, column, row: f"{PAYLOAD} {table}.{column}")
    build(tmp_path / "data", tmp_path / "hostile.duckdb")
    with Store(tmp_path / "hostile.duckdb") as store:
        for lang in ("en", "zh"):
            text = report_html(store, Filters(lang=lang), WHEN)
            assert "<script" not in text.lower() and "<img" not in text.lower() and PAYLOAD not in text
            assert text.count("</style>") == 1
            assert f"{ESCAPED} items.title_{lang}" in text and f"{ESCAPED} quote.zh" in text
            assert "headings.label_" + lang in text and "statuses.meaning_" + lang in text


def test_bar_is_drawn_to_scale_in_status_colours():
    svg = bar_svg(
        _Row(done=2, pending=1, proposed=0, total=3, done_share=0.6667, pending_share=0.3333), top=6, lang="en"
    )
    rects = re.findall(r'<rect x="([\d.]+)%" y="0" width="([\d.]+)%"[^>]*fill="([^"]+)"', svg)
    colours = status_colours()
    assert rects == [
        ("0.000", "33.333", colours["done"]),
        ("33.333", "16.667", colours["pending"]),
        ("33.333", "16.667", "url(#gt-pattern-pending)"),
    ]
    assert re.findall(r'class="segment">([^<]*)<', svg) == ["2 · 67%", "1"]
    assert "proposed" not in svg
    empty = bar_svg(_Row(done=0, pending=0, proposed=0, total=0, done_share=None, pending_share=None), top=0, lang="en")
    assert "<rect" not in empty


class _Row:
    def __init__(self, **values):
        self.__dict__.update(values, proposed_share=None)


@pytest.mark.parametrize(
    "count, share, percent, text",
    [(0, 0.0, 50, ""), (1, 0.1, 3.9, ""), (1, 0.1, 4, "1"), (3, 0.3, 17.9, "3"), (3, 0.3, 18, "3 · 30%")],
)
def test_segment_text_fits_the_segment(count, share, percent, text):
    assert _segment_text(count, share, percent, "en") == text


def test_footer_text_cannot_leave_the_css_string():
    assert css_string('a"b\\c</style>') == '"a\\22 b\\5c c\\3c /style\\3e "'
    assert page_footer_css("x", "第 {page} 页，共 {pages} 页").count("counter(page") == 2


def test_file_name_and_command_say_what_the_briefing_holds():
    filters = Filters(headings=("protection",), statuses=("done",), as_of="wg-3", lang="zh")
    day = date(2026, 3, 1)
    assert report_file_name(filters, day) == "gaptrack-briefing-protection-done-as-of-wg-3-zh-2026-03-01.html"
    assert report_file_name(Filters(), day) == "gaptrack-briefing-all-en-2026-03-01.html"
    command = report_command(filters, "b.html")
    args = parser().parse_args(command.split()[1:])
    assert (tuple(args.heading), tuple(args.status), tuple(args.kind), args.as_of, args.lang) == (
        ("protection",),
        ("done",),
        (),
        "wg-3",
        "zh",
    )
    assert briefing_filters(filters) == filters


def test_cli_builds_the_database_and_writes_the_briefing(tmp_path, capsys):
    data, db, out = make_record(tmp_path / "data"), tmp_path / "new.duckdb", tmp_path / "briefing.html"
    assert main(["report", "--data", str(data), "--db", str(db), "--heading", "protection", "--out", str(out)]) == 0
    assert db.exists()
    with Store(db) as store:
        assert out.read_text(encoding="utf-8") == report_html(
            store, Filters(headings=("protection",)), _generated(out.read_text(encoding="utf-8"))
        )
        assert record_info(store)["data_version"] in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.html", "data", "new.duckdb"]


def test_cli_options_in_any_order_give_the_dashboards_briefing(tmp_path, shipped_db):
    """The new-user trial found `gaptrack report --status proposed --status pending` wording the
    statuses and naming the file in the order typed, unlike the dashboard's briefing of the same
    view: the options are read in the record's order (and once each), as the widgets are."""
    paths = ["--data", str(SHIPPED_DATA), "--db", str(shipped_db)]
    typed = ["--heading", "prosecution", "--heading", "prevention", "--status", "proposed", "--status", "pending"]
    typed += ["--status", "pending", "--kind", "topic", "--kind", "requirement", "--lang", "zh"]
    ordered = ["--heading", "prevention", "--heading", "prosecution", "--status", "pending", "--status", "proposed"]
    ordered += ["--kind", "requirement", "--kind", "topic", "--lang", "zh"]
    made = {}
    for name, options in (("typed", typed), ("ordered", ordered)):
        folder = tmp_path / name
        folder.mkdir()
        assert main(["report", *options, *paths, "--out", str(folder / "briefing.html")]) == 0
        made[name] = (folder / "briefing.html").read_text(encoding="utf-8")
        assert main(["export", "items", *options, *paths, "--out", str(folder / "items.csv")]) == 0
    assert _without_time(made["typed"]) == _without_time(made["ordered"])
    assert "待定、拟议" in made["typed"] and "拟议、待定" not in made["typed"]
    assert (tmp_path / "typed" / "items.csv").read_bytes() == (tmp_path / "ordered" / "items.csv").read_bytes()
    args = parser().parse_args(["report", *typed, *paths, "--out", str(tmp_path / "unused.html")])
    with Store(shipped_db) as store:
        filters = checked_filters(store, args)
    assert report_file_name(filters, date(2026, 11, 30)) == report_file_name(
        Filters(("prevention", "prosecution"), ("pending", "proposed"), ("requirement", "topic"), lang="zh"),
        date(2026, 11, 30),
    )


def _without_time(text: str) -> str:
    return re.sub(r"<dd>[^<]*UTC</dd>", "", text)


def _generated(text: str) -> datetime:
    stamp = re.search(r"(\d{1,2} \w+ \d{4}, \d\d:\d\d) UTC</dd>", text).group(1)  # English, by Babel
    return datetime.strptime(stamp, "%d %B %Y, %H:%M").replace(tzinfo=UTC)


@pytest.mark.parametrize(
    "bad, message",
    [
        (["--heading", "nope"], "--heading nope: not known; expected one of: prevention, protection"),
        (["--as-of", "wg-99"], "--as-of wg-99: not known; expected one of: cop-4, wg-1"),
        (["--kind", "memo"], "--kind memo: not known; expected one of: requirement"),
    ],
)
def test_cli_refuses_unknown_keys_like_export_and_writes_nothing(tmp_path, capsys, shipped_db, bad, message):
    out = tmp_path / "briefing.html"
    paths = ["--data", str(SHIPPED_DATA), "--db", str(shipped_db)]
    assert main(["report", *bad, *paths, "--out", str(out)]) == 2
    refused = capsys.readouterr().err
    assert message in refused and "Traceback" not in refused
    assert not out.exists() and list(tmp_path.iterdir()) == []
    assert main(["export", "items", *bad, *paths]) == 2
    assert capsys.readouterr().err == refused


def test_cli_unwritable_place_is_one_message(tmp_path, capsys, shipped_db):
    out = tmp_path / "missing" / "briefing.html"
    code = main(["report", "--data", str(SHIPPED_DATA), "--db", str(shipped_db), "--lang", "zh", "--out", str(out)])
    assert code == 2
    assert "No such file or directory" in capsys.readouterr().err and not out.parent.exists()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_chart_is_an_image_named_by_a_sentence_with_its_numbers(shipped, lang):
    """As the dashboard's charts are: role img, and every heading's count per status in its name
    (the issue 16 trial found a bare aria-label on a div, with no role and no number)."""
    text = report_html(shipped, Filters(lang=lang), WHEN)
    charts = re.findall(r'<div class="chart"([^>]*)>', text)
    assert charts
    names = []
    for attributes in charts:
        assert 'role="img"' in attributes
        names.append(html.unescape(re.search(r'aria-label="([^"]*)"', attributes).group(1)))
    coverage = coverage_by_heading(shipped, answer(shipped, Filters(lang=lang), list(QUESTIONS)[0]).filters)
    row = coverage.iloc[0]
    counts = t(lang, "chart_join").join(
        t(lang, "chart_status_count", status=t(lang, f"status_{s}"), count=int(row[s]))
        for s in ("done", "pending", "proposed")
    )
    assert t(lang, "chart_row", name=row.heading_label, counts=counts) in names[0]
    assert names[0].startswith(t(lang, "report_chart_label"))


def test_chinese_headers_mark_where_they_may_break(shipped):
    """Chinese is written without spaces and the briefing's Chinese headers break only between the
    words report_style.CHINESE_HEADER_WORDS marks (drawn as <wbr>) or at punctuation (word-break:
    keep-all): every header of more than three characters has its words marked (a header added or
    reworded in the catalog must be marked too), and no mark is left for a header no longer there."""
    html_zh = report_html(shipped, Filters(lang="zh"), WHEN)
    headers = set(re.findall(r"<th(?: [^>]*)?>(.*?)</th>", html_zh))
    assert "已完成<wbr>比例" in headers and "thead th:lang(zh) { word-break: keep-all; }" in html_zh
    unmarked = {h for h in headers if "<wbr>" not in h and len(re.sub(r"[《》（）]", "", h)) > 3}
    assert not unmarked
    marked = CHINESE_HEADER_WORDS
    assert {h.replace("<wbr>", "|") for h in headers if "<wbr>" in h} == set(marked)
    html_en = report_html(shipped, Filters(lang="en"), WHEN)
    assert "<wbr>" not in "".join(re.findall(r"<th(?: [^>]*)?>(.*?)</th>", html_en))
