"""The heading x session grid and the session timeline are made from the columns as lists (for
speed); here each figure's whole spec is checked, for many views in both languages on the shipped
record and a synthetic one, against a reference that writes it down cell by cell and session by
session from the SQL file's rows (sql/heading_session_grid.sql, sql/session_list.sql)."""

from __future__ import annotations

import html

import pandas as pd
import pytest
from fixtures import shipped_and_synthetic, some_views

from dashboard import charts
from transforms.database.queries import Filters, Store
from transforms.presentation.colours import CHART_TEXT, STATUSES, TEXT_ON_MARK
from transforms.presentation.i18n import date_text, number, t


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    paths = shipped_and_synthetic(tmp_path_factory.mktemp("chart-specs"))
    opened = {name: Store(path) for name, path in paths.items()}
    yield opened
    for store in opened.values():
        store.close()


def heatmap_by_hand(grid: pd.DataFrame, lang: str) -> dict:
    """The heatmap's trace and layout (template aside) written down from the grid's rows: sessions
    down, headings across, each in the order it first comes; a cell with no row has no count."""
    rows = grid.to_dict("records")
    headings, sessions = [], []
    for row in rows:
        headings += [row["heading_label"]] if row["heading_label"] not in headings else []
        sessions += [row["session_title"]] if row["session_title"] not in sessions else []
    cell = {(row["session_title"], row["heading_label"]): row for row in rows}
    missing = len(cell) < len(headings) * len(sessions)  # then a count is a float, a missing one nan

    def count(session, heading):
        row = cell.get((session, heading))
        if row is None:
            return float("nan")
        return float(row["total"]) if missing else row["total"]

    def detail(session, heading):
        row = cell.get((session, heading))
        if row is None:
            return ""
        parts = [
            t(lang, "punct_label", label=t(lang, f"status_{s}"), value=number(lang, row[s])) for s in STATUSES if row[s]
        ]
        return "<br>".join(parts)

    z = [[0 if pd.isna(count(s, h)) else int(count(s, h)) for h in headings] for s in sessions]
    comma = "，" if lang == "zh" else ", "
    named = [
        t(lang, "punct_label", label=f"{r['session_title']}{comma}{r['heading_label']}", value=number(lang, r["total"]))
        for r in rows
        if r["total"]
    ]
    trace = dict(
        type="heatmap",
        z=z,
        x=[charts.column_label(h, lang) for h in headings],
        y=[charts.short(s, lang) for s in sessions],
        # counts as the language writes them (Babel); a cell with no row empty
        text=[[number(lang, count(s, h)) if count(s, h) > 0 else "" for h in headings] for s in sessions],
        texttemplate="%{text}",
        customdata=[[[html.escape(h), detail(s, h)] for h in headings] for s in sessions],
        hovertemplate="%{y}<br>%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        colorscale=charts.heat_scale(max((max(line) for line in z), default=0)),
        zmin=0,
        textfont=dict(color=TEXT_ON_MARK),
        showscale=False,
        xgap=3,
        ygap=3,
    )
    layout = dict(
        height=160 + 48 * len(sessions),
        margin=dict(l=8, r=8, t=8, b=8),
        xaxis=dict(side="top", automargin=True, tickfont=charts.AXIS_TEXT, autotickangles=[0, 90]),
        yaxis=dict(autorange="reversed", automargin=True, tickfont=charts.AXIS_TEXT),
        font=charts.FONT,
        meta=dict(label=t(lang, "chart_grid_name", rows=t(lang, "chart_rows_join").join(named))),
    )
    return {"data": [trace], "layout": layout}


def timeline_by_hand(sessions: pd.DataFrame, lang: str) -> dict:
    """The timeline's traces and layout (template aside) written down from the session rows: the
    dated ones, one trace per body in the order the bodies first come."""
    dated = [row for row in sessions.to_dict("records") if pd.notna(row["start_date"])]
    bodies = list(dict.fromkeys(row["body_key"] for row in dated if pd.notna(row["body_key"])))
    traces = []
    for body in bodies:
        own = [row for row in dated if row["body_key"] == body]
        traces.append(
            dict(
                type="scatter",
                x=[row["start_date"].strftime("%Y-%m-%d") for row in own],
                y=[charts.wrap(row["body"], lang) for row in own],
                mode="markers+text",
                name=html.escape(str(own[0]["body"])),
                text=[html.escape(str(row["number"])) if pd.notna(row["number"]) else "" for row in own],
                textposition="top center",
                textfont=dict(size=11, color=CHART_TEXT),
                cliponaxis=False,
                marker=dict(
                    symbol=charts.BODY_SYMBOLS.get(body, "circle"),
                    size=13,
                    color="#0072B2",
                    line=dict(color="#1b1b1b", width=1),
                ),
                customdata=[
                    [
                        date_text(lang, row["start_date"]),
                        date_text(lang, row["end_date"]),
                        charts.wrap(row["title"], lang),
                    ]
                    for row in own
                ],
                hovertemplate="%{customdata[2]}<br>%{customdata[0]} – %{customdata[1]}<extra></extra>",
            )
        )
    pad = pd.Timedelta(days=120)
    ends = [row["end_date"] for row in dated if pd.notna(row["end_date"])]
    span = (
        [
            (min(row["start_date"] for row in dated) - pad).strftime("%Y-%m-%d"),
            (max(ends) + pad).strftime("%Y-%m-%d"),
        ]
        if dated
        else None
    )
    comma = "，" if lang == "zh" else ", "
    named = [
        t(lang, "punct_paren", text=row["title"], inner=row["body"]) + comma + date_text(lang, row["start_date"])
        for row in dated
    ]
    rows_of_bodies = max(len(bodies), 1)
    layout = dict(
        height=160 + 110 * rows_of_bodies,
        margin=dict(l=8, r=8, t=16, b=8),
        showlegend=False,
        xaxis=dict(
            type="date", automargin=True, range=span, tickformat=charts.TICK_MONTH[lang], tickfont=charts.AXIS_TEXT
        ),
        yaxis=dict(automargin=True, tickfont=charts.AXIS_TEXT, range=[-0.8, rows_of_bodies - 0.2]),
        font=charts.FONT,
        meta=dict(label=t(lang, "chart_timeline_name", rows=t(lang, "chart_rows_join").join(named))),
    )
    return {"data": traces, "layout": layout}


def without_template(spec: dict) -> dict:
    return {"data": spec["data"], "layout": {k: v for k, v in spec["layout"].items() if k != "template"}}


@pytest.mark.parametrize("record", ["shipped", "synth"])
def test_the_grid_heatmap_is_its_cells_written_down(stores, record):
    store = stores[record]
    for filters in some_views(store, 40, seed=2):
        grid = store.frame("heading_session_grid", filters)
        expected = heatmap_by_hand(grid, filters.lang)
        assert without_template(charts.heading_session_heatmap(grid, filters.lang).to_dict()) == expected, filters
        if len(grid) > 2:  # a cell with no row (never from the query): no count, as a pivot leaves it
            gap = grid.drop(index=1).reset_index(drop=True)
            got = without_template(charts.heading_session_heatmap(gap, filters.lang).to_dict())
            assert got == heatmap_by_hand(gap, filters.lang), filters


def test_a_grid_with_two_rows_for_one_cell_is_refused(stores):
    grid = stores["shipped"].frame("heading_session_grid", Filters())
    with pytest.raises(ValueError):
        charts.heading_session_heatmap(pd.concat([grid, grid.iloc[:1]], ignore_index=True), "en")


@pytest.mark.parametrize("record", ["shipped", "synth"])
def test_the_session_timeline_is_its_sessions_written_down(stores, record):
    store = stores[record]
    for filters in some_views(store, 10, seed=4):
        sessions = store.frame("session_list", filters)
        expected = timeline_by_hand(sessions, filters.lang)
        assert without_template(charts.session_timeline(sessions, filters.lang).to_dict()) == expected, filters
        undated = sessions.assign(start_date=sessions.start_date.where(sessions.index % 3 != 1))
        got = without_template(charts.session_timeline(undated, filters.lang).to_dict())
        assert got == timeline_by_hand(undated, filters.lang), filters
