"""One coverage question on the Overview (transforms/database/coverage.py): what is counted, the figures
with their denominator, coverage per heading and after each session. Nothing is computed here."""

from __future__ import annotations

import streamlit as st

from transforms.database.coverage import (
    counted_sentence,
    excluded_sentence,
    figures_sentence,
    on_record,
    range_sentence,
    status_figure,
    timeline_sentence,
)
from transforms.presentation.i18n import percent, t

from . import data, figures
from .ui import counts, download, number_table, plain, segment_picker

CHART_CONFIG = {"displayModeBar": False, "responsive": True}


def on_bar_click(key: str) -> None:
    """A click on a bar segment filters to that heading and status."""
    event = st.session_state.get(key)
    points = event.selection.points if event else []
    if points and points[0].get("customdata"):
        heading, status = points[0]["customdata"][:2]
        st.session_state["heading"], st.session_state["status"] = [heading], [status]
        st.session_state["url_unknown"] = []


def headline(lang: str, found) -> None:
    """One metric per status: the count as the value (never cut), the denominator in the label,
    the share as the delta; a status the filter leaves out shows a dash."""
    base = on_record(found.totals)
    for column, status in zip(st.columns(3), ("done", "pending", "proposed")):
        figure = status_figure(found, status)
        column.metric(
            t(lang, "q_metric_label", status=t(lang, f"status_{status}"), total=base),
            "–" if figure is None else figure[0],
            None if figure is None else percent(figure[1]),
            delta_color="off",
            delta_arrow="off",
            border=True,
            help=t(lang, f"q_total_{found.question}") + f": {base}",
        )


def section(ctx, question: str) -> None:
    """The question's header, what it counts, its figures and its two charts."""
    lang, labels = ctx.lang, ctx.labels
    found = data.answer(ctx.db, ctx.view.filters, question)
    st.header(t(lang, f"q_{question}_title"), anchor=question)
    if found is None:
        st.info(plain(excluded_sentence(lang, question, labels["kind"])), icon=":material/filter_alt_off:")
        return
    st.markdown(plain(counted_sentence(lang, found, labels["kind"])))
    if on_record(found.totals):
        headline(lang, found)
    st.markdown(plain(figures_sentence(lang, found, labels["session"])))
    if not found.totals["total"]:
        return
    f = found.filters
    st.subheader(t(lang, "q_by_heading"), anchor=f"{question}-by-heading")
    st.markdown(plain(range_sentence(lang, found.coverage)))
    key = f"coverage_chart_{question}"
    st.plotly_chart(
        figures.coverage(ctx.db, f),
        key=key,
        on_select=lambda: on_bar_click(key),
        selection_mode="points",
        config=CHART_CONFIG,
    )
    st.caption(t(lang, "click_hint"))
    segment_picker(lang, found.coverage, labels["status"], f"segment_pick_{question}")
    with st.expander(t(lang, "numbers_behind_chart")):
        number_table(
            found.coverage, {"heading_label": t(lang, "heading"), **counts(lang), "done_share": t(lang, "done_share")}
        )
    download(ctx, "coverage", f"download_coverage_{question}", len(found.coverage), f, f"download_coverage_{question}")
    st.subheader(t(lang, "q_after_each_session"), anchor=f"{question}-after-each-session")
    st.markdown(plain(timeline_sentence(lang, found)))
    st.caption(t(lang, "q_timeline_note"))
    st.plotly_chart(figures.timeline(ctx.db, f), key=f"timeline_chart_{question}", config=CHART_CONFIG)
    with st.expander(t(lang, "numbers_behind_chart")):
        number_table(
            found.timeline,
            {
                "session_title": t(lang, "session"),
                **counts(lang),
                "new_items": t(lang, "new_items"),
                "done_share": t(lang, "done_share"),
            },
        )
