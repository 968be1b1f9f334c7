"""Counts above a thousand are written as each language writes numbers, by Babel
(transforms.presentation.i18n.number and percent), everywhere a reader sees them: the Overview's
tables of numbers, bar labels, hover text, axis and metrics, the Sessions page's tables and the
session x heading grid, and the static edition's figures, tables and downloads, as the briefing
(tests/test_report_numbers.py) writes them; the edition's dates as the dashboard's tables write
them. The record (fixtures.large_counts_record) holds 1,050 items under one heading, so a number
written as Python writes it ("1050") is caught. CSV files keep their plain numbers."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from fixtures import LARGE_ITEMS, large_counts_record
from test_dashboard import number_tables, open_app

from dashboard import charts
from transforms.database.build import build
from transforms.database.queries import Filters, Store, heading_session_grid
from transforms.presentation.i18n import number, percent, short_date, t, table_count_format
from transforms.reports.publish import publish

DONE, PENDING = 1029, 21
STATUSES = ("done", "pending")  # of LARGE_ITEMS, all under prevention
LANGS = ["en", "zh"]


@pytest.fixture(scope="module")
def large_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("large-numbers")
    build(large_counts_record(folder / "data"), folder / "large.duckdb")
    return folder / "large.duckdb"


def python_digits(texts: list[str]) -> list[str]:
    """The texts holding a run of four digits or more: a count written as Python writes it."""
    return [text for text in texts if re.search(r"\d{4}", text)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_overview_writes_large_counts_as_its_language_does(large_db, monkeypatch, lang):
    monkeypatch.setenv("GAPTRACK_DB", str(large_db))
    at = open_app(lang=lang)
    heading, on_record, total = t(lang, "heading"), t(lang, "on_record"), t(lang, "total")
    tables = number_tables(at)
    per_heading = next(rows for rows in tables if heading in rows[0])
    prevention = per_heading[0]
    assert prevention[t(lang, "status_done")] == number(lang, DONE)
    assert prevention[t(lang, "status_pending")] == number(lang, PENDING)
    assert prevention[total] == prevention[on_record] == number(lang, LARGE_ITEMS)
    assert prevention[t(lang, "done_share")] == percent(DONE / LARGE_ITEMS, lang)
    assert per_heading[-1][total] == number(lang, LARGE_ITEMS)  # the total row
    after_each = next(rows for rows in tables if t(lang, "session") in rows[0])
    assert [row[t(lang, "new_items")] for row in after_each] == [number(lang, LARGE_ITEMS), number(lang, 0)]
    assert python_digits([cell for rows in tables for row in rows for cell in row.values()]) == []

    # the bars: count and share on the segment, the count on hover, the chart's accessible name
    for index in (0, 1):  # per heading, after each session
        spec = json.loads(at.get("plotly_chart")[index].proto.spec)
        done, pending = (next(bar for bar in spec["data"] if bar["name"] == t(lang, f"status_{s}")) for s in STATUSES)
        assert done["text"][0] == f"{number(lang, DONE)}<br>{percent(DONE / LARGE_ITEMS, lang)}"
        assert pending["text"][0] == number(lang, PENDING)  # a narrow segment: its count alone
        assert done["customdata"][0][3] == number(lang, DONE) and "%{customdata[3]}" in done["hovertemplate"]
        # the axis: whole counts, grouped by the language's separator ("1,000", not "1000" or "1k")
        assert spec["layout"]["xaxis"]["tickformat"] == ",d"
        assert f"{1000:,d}".replace(",", spec["layout"]["separators"][1]) == number(lang, 1000)
        name = spec["layout"]["meta"]["label"]
        assert number(lang, DONE) in name
        texts = [text for bar in spec["data"] for text in bar["text"]] + [name, done["hovertemplate"]]
        assert python_digits(texts + [row[3] for bar in spec["data"] for row in bar["customdata"]]) == []
    # the metrics: the count, the denominator in the label, the share
    metric = next(m for m in at.metric if m.label.startswith(t(lang, "status_done")))
    assert metric.value == number(lang, DONE) and number(lang, LARGE_ITEMS) in metric.label
    assert metric.delta == percent(DONE / LARGE_ITEMS, lang)
    # the segment picker's choices
    choices = at.selectbox(key="segment_pick_own").options
    assert any(f"{number(lang, DONE)}" in choice for choice in choices), choices


@pytest.mark.parametrize("lang", LANGS)
def test_the_sessions_tables_write_large_counts_as_its_language_does(large_db, monkeypatch, lang):
    """The outcomes and the grid as tables (st.dataframe, which writes "1050" unless told): each
    count column carries the printf format (sprintf-js, Streamlit's) that writes as Babel does."""
    monkeypatch.setenv("GAPTRACK_DB", str(large_db))
    at = open_app("sessions", lang=lang)
    written = table_count_format(lang)
    assert written == "%,d" and all(f"{n:,d}" == number(lang, n) for n in (0, 21, 1050, 1234567))  # printf's "%,d"
    tables = {tuple(d.value.columns): json.loads(d.proto.columns) for d in at.dataframe}
    outcomes = tables[("title", "done", "pending", "proposed", "total")]
    grid = tables[("session_title", "heading_label", "done", "pending", "proposed", "total")]
    for columns in (outcomes, grid):
        for name in ("done", "pending", "proposed", "total"):
            assert columns[name]["type_config"] == {"type": "number", "format": written}, (name, columns[name])
    assert outcomes["done"]["label"] == grid["done"]["label"] == t(lang, "status_done")
    assert outcomes["total"]["label"] == grid["total"]["label"] == t(lang, "total")


@pytest.mark.parametrize("lang", LANGS)
def test_the_session_grid_writes_large_counts_as_its_language_does(large_db, lang):
    with Store(large_db) as store:
        spec = charts.heading_session_heatmap(heading_session_grid(store, Filters(lang=lang)), lang).to_dict()
    grid = spec["data"][0]
    assert [row[0] for row in grid["text"]] == [number(lang, LARGE_ITEMS)] * 2
    assert all(number(lang, DONE) in row[0][1] for row in grid["customdata"])  # hover: each status's count
    assert number(lang, LARGE_ITEMS) in spec["layout"]["meta"]["label"]
    assert python_digits([*grid["text"][0], grid["customdata"][0][0][1], spec["layout"]["meta"]["label"]]) == []


def test_the_static_edition_writes_large_counts_as_each_language_does(large_db, tmp_path):
    with Store(large_db) as store:
        publish(store, tmp_path / "site", LANGS)
    for lang in LANGS:
        folder = tmp_path / "site" / lang
        shown = {}
        for page in ("index.html", "headings/prevention.html", "sessions/index.html", "downloads.html"):
            html = (folder / page).read_text(encoding="utf-8")
            values = re.findall(r'class="value">([^<]*)<', html)
            cells = re.findall(r'<td class="num"[^>]*>([^<]*)</td>', html)
            shares = re.findall(r'class="share">([^<]*)<', html)
            shown[page] = values + cells + shares
            assert python_digits(shown[page]) == [], (lang, page)
        large, done = number(lang, LARGE_ITEMS), number(lang, DONE)
        of = f"{t(lang, 'q_of', count=DONE, total=LARGE_ITEMS)} · {percent(DONE / LARGE_ITEMS, lang)}"
        assert {large, done, of} <= set(shown["index.html"]), shown["index.html"]
        assert {large, done} <= set(shown["headings/prevention.html"])
        assert large in shown["sessions/index.html"]  # the grid's cell, each session's total
        assert {large, number(lang, 2 * LARGE_ITEMS)} <= set(shown["downloads.html"])  # items and links rows
        sessions = (folder / "sessions" / "index.html").read_text(encoding="utf-8")
        assert f" {number(lang, 2 * DONE)} " in sessions  # the outcomes' sentence: adoptions at both sessions
        assert f'<td class="date">{short_date(lang, dt.date(2009, 4, 14))}</td>' in sessions  # as the dashboard
        index = (folder / "index.html").read_text(encoding="utf-8")
        assert f">{large}</span>" in index  # the chart's bar total, as the briefing draws it
        # the CSV files keep their numbers plain
        coverage = (folder / "downloads" / f"gaptrack-coverage-own-{lang}.csv").read_text(encoding="utf-8-sig")
        assert f",{DONE}," in coverage and f",{LARGE_ITEMS}," in coverage
