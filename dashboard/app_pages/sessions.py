"""Sessions: the timeline of sessions and meetings, what each recorded as done, pending or proposed,
and where each heading was addressed."""

from __future__ import annotations

import streamlit as st

from dashboard.columns import WRAP_ROWS
from dashboard.context import current
from dashboard.ready import draw
from dashboard.sessions_view import session_links, sessions_view
from dashboard.ui import download, not_applied_note, scope_caption
from transforms.presentation.i18n import t

CHART_CONFIG = {"displayModeBar": False, "responsive": True}


def session_table(ctx, view) -> None:
    lang = ctx.lang
    st.header(t(lang, "sessions_timeline"))
    not_applied_note(ctx, "sessions_list")
    st.markdown(view.sentence)
    if view.figure is not None:
        st.plotly_chart(view.figure, key="session_timeline", config=CHART_CONFIG)
    else:
        st.info(t(lang, "no_dated_sessions"), icon=":material/event_busy:")
    draw(view.sessions, key="sessions_table", row_height=WRAP_ROWS)
    st.caption(t(lang, "undated_note"))
    if view.notes:  # a grid cell cuts a long note; here it reads in full
        with st.expander(t(lang, "notes_in_full")):
            for note in view.notes:
                st.markdown(note)


def outcomes_section(ctx, view) -> None:
    lang = ctx.lang
    st.header(t(lang, "session_outcomes"))
    st.markdown(view.outcomes_sentence)
    st.caption(view.counted)
    if view.outcomes_figure is None:
        st.info(t(lang, "chart_nothing"), icon=":material/filter_alt_off:")
        return
    st.plotly_chart(view.outcomes_figure, key="outcomes_chart", config=CHART_CONFIG)
    with st.expander(t(lang, "numbers_behind_chart")):
        draw(view.outcomes, key="outcomes_table")


def grid_section(ctx, view) -> None:
    lang = ctx.lang
    st.header(t(lang, "heading_session_grid"))
    st.markdown(view.grid_sentence)
    st.caption(view.counted)
    if view.grid_figure is None:
        st.info(t(lang, "chart_nothing"), icon=":material/filter_alt_off:")
        return
    st.plotly_chart(view.grid_figure, key="grid_chart", config=CHART_CONFIG)
    with st.expander(t(lang, "numbers_behind_chart")):
        draw(view.grid, key="grid_table")


def session_detail(ctx, view) -> None:
    lang = ctx.lang
    st.header(t(lang, "what_each_session_did"))
    if not view.options:
        st.info(t(lang, "no_items"))
        return
    chosen = st.selectbox(
        t(lang, "session"),
        list(view.options),
        format_func=ctx.labels["session"].get,
        key="session_pick",
        placeholder=t(lang, "choose_placeholder"),
    )
    links = session_links(ctx.db, ctx.view.filters, chosen)
    recorded = view.recorded[chosen]
    if recorded > links.count:
        st.caption(t(lang, "links_first", shown=links.count, count=recorded))
    draw(links, key="session_links", row_height=WRAP_ROWS)
    download(ctx, "links", "download_links", view.links_total)


ctx = current()
view = sessions_view(ctx.db, ctx.view.filters)
st.title(t(ctx.lang, "sessions_title"))
scope_caption(ctx, "sessions")
session_table(ctx, view.timeline)
download(ctx, "sessions", "download_sessions", len(ctx.labels["session"]))
outcomes_section(ctx, view)
grid_section(ctx, view)
session_detail(ctx, view)
