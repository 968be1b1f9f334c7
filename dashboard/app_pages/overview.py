"""Overview: coverage per heading, headline figures, and coverage after each session."""

from __future__ import annotations

import streamlit as st

from dashboard import data, figures
from dashboard.context import current
from dashboard.ui import counts, download, plain, scope_caption, table
from transforms.database.queries import coverage_totals
from transforms.presentation.i18n import coverage_sentence as headline_sentence
from transforms.presentation.i18n import percent, t
from transforms.reports.report import report_file_name

CHART_CONFIG = {"displayModeBar": False, "responsive": True}


def on_bar_click() -> None:
    """A click on a bar segment filters to that heading and status."""
    event = st.session_state.get("coverage_chart")
    points = event.selection.points if event else []
    if points and points[0].get("customdata"):
        heading, status = points[0]["customdata"][:2]
        st.session_state["heading"], st.session_state["status"] = [heading], [status]
        st.session_state["url_unknown"] = []


def headline(lang: str, totals: dict) -> None:
    columns = st.columns(4)
    total = totals["total"]
    for column, status in zip(columns, ("done", "pending", "proposed")):
        share = totals[status] / total if total else float("nan")
        column.metric(
            t(lang, f"status_{status}"),
            totals[status],
            percent(share),
            delta_color="off",
            delta_arrow="off",
            border=True,
        )
    columns[3].metric(t(lang, "total_items"), total, border=True)


def coverage_sentence(lang: str, coverage, totals: dict) -> str:
    """The headline sentence, and which heading is furthest along and which least."""
    sentence = headline_sentence(lang, totals)
    ranked = coverage[coverage.total > 0].sort_values("done_share", kind="stable")
    if len(ranked) < 2:
        return sentence
    best, worst = ranked.iloc[-1], ranked.iloc[0]
    return sentence + t(
        lang,
        "coverage_range",
        best=best.heading_label,
        best_pct=percent(best.done_share),
        worst=worst.heading_label,
        worst_pct=percent(worst.done_share),
    )


def timeline_sentence(lang: str, totals) -> str:
    held = totals[totals.total > 0]
    if held.empty:
        return t(lang, "no_items")
    first, last = held.iloc[0], held.iloc[-1]
    return t(
        lang,
        "timeline_sentence",
        first=first.session_title,
        first_total=first.total,
        last=last.session_title,
        total=last.total,
        done=last.done,
        pending=last.pending,
        proposed=last.proposed,
    )


def coverage_section(ctx) -> None:
    lang, f = ctx.lang, ctx.view.filters
    coverage = data.frame("coverage_by_heading", ctx.db, f)
    totals = coverage_totals(coverage)
    headline(lang, totals)
    st.subheader(t(lang, "coverage_by_heading"))
    st.markdown(plain(coverage_sentence(lang, coverage, totals)))
    st.plotly_chart(
        figures.coverage(ctx.db, f),
        key="coverage_chart",
        on_select=on_bar_click,
        selection_mode="points",
        config=CHART_CONFIG,
    )
    st.caption(t(lang, "click_hint"))
    with st.expander(t(lang, "numbers_behind_chart")):
        table(
            data.shown("coverage_by_heading", ctx.db, f),
            {
                "heading_label": t(lang, "heading"),
                **counts(lang),
                "done_share": st.column_config.NumberColumn(t(lang, "done_share"), format="percent"),
            },
            key="coverage_table",
        )
    left, right = st.columns(2)
    with left:
        download(ctx, "coverage", "download_coverage", len(coverage))
    with right:
        briefing_download(ctx)


def briefing_download(ctx) -> None:
    """The printable briefing (the same file `gaptrack report` writes) for the current filters."""
    st.download_button(
        t(ctx.lang, "download_briefing"),
        data.briefing(ctx.db, ctx.view.filters),
        file_name=report_file_name(ctx.view.filters),
        mime="text/html",
        icon=":material/print:",
        key="download_briefing",
        on_click="ignore",
        help=t(ctx.lang, "download_briefing_help"),
    )


def timeline_section(ctx) -> None:
    lang, f = ctx.lang, ctx.view.filters
    totals = data.frame("coverage_timeline_totals", ctx.db, f)
    st.subheader(t(lang, "coverage_over_time"))
    st.markdown(plain(timeline_sentence(lang, totals)))
    st.plotly_chart(figures.timeline(ctx.db, f), key="timeline_chart", config=CHART_CONFIG)
    with st.expander(t(lang, "numbers_behind_chart")):
        table(
            data.shown("coverage_timeline_totals", ctx.db, f),
            {
                "session_title": t(lang, "session"),
                **counts(lang),
            },
            key="timeline_table",
        )


ctx = current()
st.title(t(ctx.lang, "overview_title"))
st.markdown(t(ctx.lang, "overview_intro"))
scope_caption(ctx)
coverage_section(ctx)
timeline_section(ctx)
