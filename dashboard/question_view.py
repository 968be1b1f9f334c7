"""One coverage question on the Overview (transforms/database/coverage.py): what is counted, the figures
with their denominator, coverage per heading and after each session. Nothing is computed here.

What a section shows (the answer, its sentences, tables, figures and picker choices) is built once per
database version, filters (narrowed to the question's kinds) and question (`drawn`) and shared by every
session showing that view; a rerun only draws it."""

from __future__ import annotations

from dataclasses import dataclass, field

import plotly.graph_objects as go
import streamlit as st

from transforms.database.coverage import (
    Answer,
    counted_sentence,
    counted_words,
    excluded_sentence,
    figures_sentence,
    naming_key,
    on_record,
    question_filters,
    range_sentence,
    status_figure,
    timeline_sentence,
    with_total_of,
)
from transforms.database.queries import Filters
from transforms.presentation.i18n import number, percent, t

from . import charts, data, first_paint
from .data import Identity
from .kept import kept
from .ui import counts, download, number_markdown, plain, segment_choices, segment_picker

CHART_CONFIG = {"displayModeBar": False, "responsive": True}
# The headline's height as drawn (three bordered metrics): in a row, and stacked on a screen up to
# 640 px wide (measured in Chromium, both languages; tests/browser/test_dashboard_in_browser.py).
HEADLINE_PX = (135, 437)
SHARES = ("done_share", "pending_share", "proposed_share")  # each status's share of on_record, as on the bars


def shares(lang: str) -> dict[str, str]:
    """Headers of the share columns, in the page's language."""
    return {share: t(lang, share) for share in SHARES}


@dataclass(frozen=True)
class Drawn:
    """One question's section for one view: the answer (None when the kind filter excludes the
    question), its sentences escaped for Markdown, the numbers behind its two charts as Markdown
    tables, the two charts' figures (from the answer's own frames) and the segment picker's choices.
    Shared: never modify."""

    found: Answer | None
    excluded: str = ""
    counted: str = ""
    figures: str = ""
    range: str = ""
    timeline: str = ""
    coverage_table: str = ""
    timeline_table: str = ""
    coverage_figure: go.Figure | None = None
    timeline_figure: go.Figure | None = None
    choices: dict[str, str] = field(default_factory=dict)


@kept(max_entries=512)
def drawn(db: Identity, filters: Filters, question: str) -> Drawn:
    """The section of `question` under the filters (filters.lang: the language), from the shared
    queries (transforms.database.coverage). Drawn from the answer's columns (Answer.columns, each
    read once), not its frames: the same sentences, tables, figures and choices."""
    lang, labels = filters.lang, data.labels(db, filters.lang)
    found = data.answer(db, filters, question)
    if found is None:
        return Drawn(None, excluded=plain(excluded_sentence(lang, question, labels["kind"])))
    axis = t(lang, "axis_items")
    coverage, timeline = found.columns("coverage"), found.columns("timeline")
    return Drawn(
        found,
        counted=plain(counted_sentence(lang, found, labels["kind"])),
        figures=plain(figures_sentence(lang, found, labels["session"])),
        range=plain(range_sentence(lang, coverage, found.filters)) if found.totals["total"] else "",
        timeline=plain(timeline_sentence(lang, found)) if found.totals["total"] else "",
        # every share the bars show (of on_record), the per-heading table ending with its total row
        coverage_table=number_markdown(
            with_total_of(found),
            {"heading_label": t(lang, "heading"), **counts(lang), "on_record": t(lang, "on_record"), **shares(lang)},
            SHARES,
            total=True,
            lang=lang,
        ),
        timeline_table=number_markdown(
            timeline,
            {
                "session_title": t(lang, "session"),
                **counts(lang),
                "on_record": t(lang, "on_record"),
                "new_items": t(lang, "new_items"),
                **shares(lang),
            },
            SHARES,
            lang=lang,
        ),
        # the same figures dashboard/figures.py makes from the same query results, made once here
        coverage_figure=charts.stacked_bars(coverage, "heading_label", "heading", labels["status"], lang, axis),
        timeline_figure=charts.stacked_bars(timeline, "session_title", "session_id", labels["status"], lang, axis),
        choices=segment_choices(coverage, labels["status"], lang),
    )


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
    the share as the delta, numbers as `lang` writes them; a status the filter leaves out shows a dash."""
    base = on_record(found.totals)
    for column, status in zip(st.columns(3), ("done", "pending", "proposed")):
        figure = status_figure(found, status)
        column.metric(
            t(lang, "q_metric_label", status=t(lang, f"status_{status}"), total=number(lang, base)),
            "–" if figure is None else number(lang, figure[0]),
            None if figure is None else percent(figure[1], lang),
            delta_color="off",
            delta_arrow="off",
            border=True,
            help=t(
                lang,
                "punct_label",
                label=counted_words(lang, f"q_total_{found.question}", found),
                value=number(lang, base),
            ),
        )


def coverage_download(ctx, found: Answer) -> None:
    """The question's coverage CSV under its filters (the bytes `gaptrack export coverage` writes for
    them: a row per heading and the total row, counts 0 when nothing is counted), its label naming
    the kinds counted."""
    question = found.question
    label = naming_key(f"download_coverage_{question}", question, found.filters.kinds)
    rows = len(found.columns("coverage")["heading"])
    download(ctx, "coverage", label, rows, found.filters, f"download_coverage_{question}")


def section(ctx, question: str) -> None:
    """The question's header, what it counts, its figures and its two charts."""
    lang = ctx.lang
    # Kept under the filters narrowed to the question's kinds (what answer() computes with), so
    # views that differ only in kinds the question does not count share the section.
    view = drawn(ctx.db, question_filters(ctx.view.filters, question) or ctx.view.filters, question)
    found = view.found
    # the title names what is counted: the question's kinds the kind filter keeps
    title = t(lang, f"q_{question}_title") if found is None else counted_words(lang, f"q_{question}_title", found)
    st.header(title, anchor=question)
    if found is None:
        st.info(view.excluded, icon=":material/filter_alt_off:")
        return
    st.markdown(view.counted)
    # The headline's place, filled after the chart: a browser's first run stops after the chart and
    # keeps this place at its drawn height (first_paint: the metrics' script comes with the rest).
    place = f"headline_{question}"
    metrics = st.container(key=place)
    if on_record(found.totals):  # metrics will be drawn in it
        with metrics:
            held = ctx.may_hold and bool(found.totals["total"])  # this run stops after the chart
            first_paint.kept_place(place, HEADLINE_PX, '[data-testid="stMetric"]', held)
    st.markdown(view.figures)
    if not found.totals["total"]:
        if on_record(found.totals):
            with metrics:
                headline(lang, found)
        coverage_download(ctx, found)  # nothing counted: still the file `gaptrack export` writes
        return
    st.subheader(t(lang, "q_by_heading"), anchor=f"{question}-by-heading")
    st.markdown(view.range)
    key = f"coverage_chart_{question}"
    st.plotly_chart(
        view.coverage_figure,
        key=key,
        on_select=lambda: on_bar_click(key),
        selection_mode="points",
        config=CHART_CONFIG,
    )
    first_paint.hold(ctx)  # a browser's first run stops here; the next run draws the rest in place
    if on_record(found.totals):
        with metrics:
            headline(lang, found)
    st.caption(t(lang, "click_hint"))
    coverage = found.columns("coverage")  # the frame is never made for the page
    segment_picker(lang, coverage, ctx.labels["status"], f"segment_pick_{question}", view.choices)
    with st.expander(t(lang, "numbers_behind_chart")):
        st.markdown(view.coverage_table)
    coverage_download(ctx, found)
    st.subheader(t(lang, "q_after_each_session"), anchor=f"{question}-after-each-session")
    st.markdown(view.timeline)
    st.caption(t(lang, "q_timeline_note"))
    st.plotly_chart(view.timeline_figure, key=f"timeline_chart_{question}", config=CHART_CONFIG)
    with st.expander(t(lang, "numbers_behind_chart")):
        st.markdown(view.timeline_table)
