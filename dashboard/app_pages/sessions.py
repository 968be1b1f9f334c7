"""Sessions: the timeline of sessions and meetings, what each adopted, deferred and proposed,
and where each heading was addressed."""

from __future__ import annotations

import streamlit as st

from dashboard import data, figures
from dashboard.columns import WRAP_ROWS, dates_in_words, sentence_column
from dashboard.context import current
from dashboard.ui import counts, download, not_applied_note, plain, scope_caption, table
from transforms.database.coverage import kinds_counted_sentence
from transforms.database.queries import coverage_totals
from transforms.database.sessions import grid_sentence, outcomes_sentence, timeline_chart_sentence, undated_sessions
from transforms.presentation.i18n import t

LIST_LIMIT = 500  # rows drawn on screen; the download holds them all
CHART_CONFIG = {"displayModeBar": False, "responsive": True}


def session_table(ctx) -> None:
    lang = ctx.lang
    sessions = dates_in_words(data.shown("session_list", ctx.db, ctx.view.filters), lang, ("start_date", "end_date"))
    st.header(t(lang, "sessions_timeline"))
    not_applied_note(ctx, "sessions_list")
    listed = data.frame("session_list", ctx.db, ctx.view.filters)
    st.markdown(plain(timeline_chart_sentence(lang, listed)))
    if len(undated_sessions(listed)) < len(listed):  # no empty chart with invented axes
        st.plotly_chart(figures.session_timeline(ctx.db, ctx.view.filters), key="session_timeline", config=CHART_CONFIG)
    else:
        st.info(t(lang, "no_dated_sessions"), icon=":material/event_busy:")
    table(
        sessions,
        {
            # widths (px) for text that wraps (WRAP_ROWS) so the table nearly fits a wide screen
            "title": sentence_column(t(lang, "session"), 170),
            "body": sentence_column(t(lang, "body"), 150),
            "start_date": sentence_column(t(lang, "start_date"), 100),
            "end_date": sentence_column(t(lang, "end_date"), 100),
            "venue": sentence_column(t(lang, "venue"), 100),
            "document_symbols": sentence_column(t(lang, "documents"), 170),
            "source_paragraph": sentence_column(t(lang, "source_paragraph"), 80),
            "note": sentence_column(t(lang, "note"), 260),
        },
        key="sessions_table",
        row_height=WRAP_ROWS,
    )
    st.caption(t(lang, "undated_note"))
    noted = sessions[sessions.note.astype(bool)]
    if len(noted):  # a grid cell cuts a long note; here it reads in full
        with st.expander(t(lang, "notes_in_full")):
            for row in noted.itertuples():
                st.markdown(t(lang, "punct_label", label=f"**{plain(row.title)}**", value=plain(row.note)))


def outcomes_section(ctx) -> None:
    lang, f = ctx.lang, ctx.view.filters
    outcomes = data.frame("session_outcomes", ctx.db, f)
    totals = coverage_totals(outcomes)
    st.header(t(lang, "session_outcomes"))
    st.markdown(plain(outcomes_sentence(lang, outcomes)))
    st.caption(plain(kinds_counted_sentence(lang, f, ctx.labels["kind"])))
    if not totals["total"]:
        st.info(t(lang, "chart_nothing"), icon=":material/filter_alt_off:")
        return
    st.plotly_chart(figures.outcomes(ctx.db, f), key="outcomes_chart", config=CHART_CONFIG)
    with st.expander(t(lang, "numbers_behind_chart")):
        table(
            data.shown("session_outcomes", ctx.db, f),
            {
                "title": t(lang, "session"),
                **counts(lang, "outcome"),
            },
            key="outcomes_table",
        )


def grid_section(ctx) -> None:
    lang, f = ctx.lang, ctx.view.filters
    grid = data.frame("heading_session_grid", ctx.db, f)
    st.header(t(lang, "heading_session_grid"))
    st.markdown(plain(grid_sentence(lang, grid)))
    st.caption(plain(kinds_counted_sentence(lang, f, ctx.labels["kind"])))
    if not (grid.total > 0).any():
        st.info(t(lang, "chart_nothing"), icon=":material/filter_alt_off:")
        return
    st.plotly_chart(figures.grid(ctx.db, f), key="grid_chart", config=CHART_CONFIG)
    with st.expander(t(lang, "numbers_behind_chart")):
        table(
            data.shown("heading_session_grid", ctx.db, f),
            {
                "session_title": t(lang, "session"),
                "heading_label": t(lang, "heading"),
                **counts(lang),
            },
            key="grid_table",
        )


def session_detail(ctx) -> None:
    lang = ctx.lang
    outcomes = data.frame("session_outcomes", ctx.db, ctx.view.filters)
    st.header(t(lang, "what_each_session_did"))
    options = outcomes[outcomes.total > 0].session_id.tolist()
    if not options:
        st.info(t(lang, "no_items"))
        return
    chosen = st.selectbox(
        t(lang, "session"),
        options,
        format_func=ctx.labels["session"].get,
        key="session_pick",
        placeholder=t(lang, "choose_placeholder"),
    )
    links = data.shown("link_list", ctx.db, ctx.view.filters, session_id=chosen, limit=LIST_LIMIT)
    links = links.assign(quote_language=[t(lang, f"language_{c}") for c in links.quote_language])
    recorded = int(outcomes.set_index("session_id").total[chosen])
    if recorded > len(links):
        st.caption(t(lang, "links_first", shown=len(links), count=recorded))
    table(
        links,
        {
            "status_label": t(lang, "status"),
            "item_title": t(lang, "title"),
            "item_id": t(lang, "item_id"),
            "document_symbol": t(lang, "document"),
            "source_paragraph": t(lang, "source_paragraph"),
            "quote": sentence_column(t(lang, "quote")),
            "quote_language": t(lang, "quote_language"),
        },
        key="session_links",
        row_height=WRAP_ROWS,
    )
    download(ctx, "links", "download_links", int(outcomes.total.sum()))


ctx = current()
st.title(t(ctx.lang, "sessions_title"))
scope_caption(ctx, "sessions")
session_table(ctx)
download(ctx, "sessions", "download_sessions", len(ctx.labels["session"]))
outcomes_section(ctx)
grid_section(ctx)
session_detail(ctx)
