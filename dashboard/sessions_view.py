"""The Sessions page's pieces made once per view (database identity and filters, the language
among them) and shared by every rerun and session that shows it: its sentences, its figures, its
tables ready to draw (dashboard.ready) and the choices of its session picker. A warm rerun of the
page then does no pandas work: it draws what is here. Everything is made by the same functions
the page called on each rerun before (transforms.database.sessions, dashboard.columns, ...), from
the same cached query results (dashboard.data), so what is drawn is the same, byte for byte
(tests/test_sessions_view.py)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from transforms.database.coverage import kinds_counted_sentence
from transforms.database.queries import Filters
from transforms.database.sessions import grid_sentence, outcomes_sentence, timeline_chart_sentence, undated_sessions
from transforms.presentation.i18n import t

from . import data, figures
from .columns import SENTENCE_WIDTH, SMALL
from .data import Identity
from .grid_widths import fit
from .kept import kept
from .ready import Ready, ready
from .ui import count_columns, plain

LIST_LIMIT = 500  # links drawn on screen for the session picked; the download holds them all


@dataclass(frozen=True)
class TimelineView:
    """The Sessions page's time line and list of sessions (from session_list alone). Shared: never modify."""

    sentence: str  # which sessions are dated, which are not (escaped for st.markdown)
    figure: object | None  # None: no session is dated (no empty chart with invented axes)
    sessions: Ready
    notes: tuple[str, ...]  # each noted session's note in full, as a Markdown line


# the list of sessions: column -> its header's catalog key, in the order shown
SESSION_HEADERS = {
    "title": "session",
    "body": "body",
    "start_date": "start_date",
    "end_date": "end_date",
    "venue": "venue",
    "document_symbols": "documents",
    "source_paragraph": "source_paragraph",
    "note": "note",
}


def session_columns(sessions, headers: dict[str, str]) -> dict:
    """The list of sessions' columns in the page's width (dashboard.grid_widths): dates, venues,
    symbols and paragraphs by their longest word, the session's name, its body and its note
    wrapping (WRAP_ROWS) in what those leave (each note in full under the table)."""
    return fit(sessions, headers, sentences={"title": (110, 200), "body": (110, 150), "note": (115, SENTENCE_WIDTH)})


@kept(max_entries=64)
def timeline_view(db: Identity, filters: Filters) -> TimelineView:
    """The time line and list of sessions for the filters (of which session_list reads the as-of
    session and the language: give data.read_by(("session_list",), filters))."""
    lang, f = filters.lang, filters
    listed = data.frame("session_list", db, f)
    headers = {c: t(lang, key) for c, key in SESSION_HEADERS.items()}
    # the columns shown as data.shown gives them (for_display works column by column), dates in words
    sessions = data.displayed(listed, list(headers), lang, ("start_date", "end_date"))
    return TimelineView(
        sentence=plain(timeline_chart_sentence(lang, listed)),
        figure=figures.session_timeline(db, f) if len(undated_sessions(listed)) < len(listed) else None,
        sessions=ready(sessions, session_columns(sessions, headers)),
        notes=tuple(
            t(lang, "punct_label", label=f"**{plain(title)}**", value=plain(note))
            for title, note in zip(sessions["title"].tolist(), sessions["note"].tolist())
            if note
        ),
    )


@dataclass(frozen=True)
class SessionsView:
    """What the Sessions page draws for one view. Texts are ready for st.markdown (escaped);
    a figure is None where the page draws a notice instead. Shared: never modify."""

    timeline: TimelineView
    outcomes_sentence: str
    counted: str  # which kinds of item the outcomes and the grid count
    outcomes_figure: object | None  # None: nothing recorded under the filters
    outcomes: Ready | None
    grid_sentence: str
    grid_figure: object | None  # None: no heading addressed under the filters
    grid: Ready | None
    options: tuple[str, ...]  # the sessions with links recorded, for the picker
    recorded: dict[str, int]  # session id -> links recorded there under the filters
    links_total: int


def outcome_count_columns(lang: str) -> dict[str, dict]:
    """The outcomes table's count columns (ui.count_columns): headed by the status words (Done,
    Pending, Proposed), as the outcomes chart's legend, the session × heading table and the status
    filter name them, each with its help saying what the status is at a session ("adopted, or
    welcomed or endorsed"); the total as ui.count_columns heads it."""
    columns = count_columns(lang)
    return {
        name: {**setting, "help": t(lang, f"outcome_{name}_help")} if name != "total" else setting
        for name, setting in columns.items()
    }


@kept(max_entries=512)
def sessions_view(db: Identity, filters: Filters) -> SessionsView:
    """The Sessions page's pieces for the filters (filters.lang: the language)."""
    lang, f = filters.lang, filters
    kinds = data.labels(db, lang)["kind"]
    outcomes = data.frame("session_outcomes", db, f)
    grid = data.frame("heading_session_grid", db, f)
    sessions, totals = outcomes["session_id"].tolist(), [int(n) for n in outcomes["total"].tolist()]
    any_outcome = any(totals)
    any_cell = bool((grid["total"].to_numpy() > 0).any())
    # the statuses a session recorded, in the words of the chart's legend, the grid and the status
    # filter (one thing, one word); each header's help says what it is at a session
    outcome_columns = {"title": t(lang, "session"), **outcome_count_columns(lang)}
    grid_columns = {"session_title": t(lang, "session"), "heading_label": t(lang, "heading"), **count_columns(lang)}
    return SessionsView(
        timeline=timeline_view(db, data.read_by(("session_list",), f)),
        outcomes_sentence=plain(outcomes_sentence(lang, outcomes)),
        counted=plain(kinds_counted_sentence(lang, f, kinds)),
        outcomes_figure=figures.outcomes(db, f) if any_outcome else None,
        # the columns shown as data.shown gives them (for_display works column by column)
        outcomes=ready(data.displayed(outcomes, list(outcome_columns), lang), outcome_columns) if any_outcome else None,
        grid_sentence=plain(grid_sentence(lang, grid)),
        grid_figure=figures.grid(db, f) if any_cell else None,
        grid=ready(data.displayed(grid, list(grid_columns), lang), grid_columns) if any_cell else None,
        options=tuple(s for s, n in zip(sessions, totals) if n > 0),
        recorded=dict(zip(sessions, totals)),
        links_total=sum(totals),
    )


@kept(max_entries=1024)
def session_links(db: Identity, filters: Filters, session_id: str) -> Ready:
    """The first LIST_LIMIT links recorded at one session under the filters, ready to draw (the
    quote's language named in filters.lang)."""
    lang = filters.lang
    links = data.frame("link_list", db, filters, session_id=session_id, limit=LIST_LIMIT)
    # the columns shown as data.shown gives them (for_display works column by column)
    links = data.displayed(links, list(LINK_HEADERS), lang)
    links["quote_language"] = [t(lang, f"language_{c}") for c in links["quote_language"].tolist()]
    return ready(links, recorded_columns(lang, links, data.labels(db, lang)))


# the items recorded at a session: column -> its header's catalog key, in the order shown
LINK_HEADERS = {
    "status_label": "status",
    "item_title": "title",
    "item_id": "item_id",
    "document_symbol": "document",
    "source_paragraph": "source_paragraph",
    "quote": "quote",
    "quote_language": "quote_language_short",
}


def recorded_columns(lang: str, links, labels: dict[str, dict[str, str]]) -> dict:
    """The columns of the items recorded at a session (`links`, its quote languages named) in the
    page's width (dashboard.grid_widths): statuses, ids, symbols and languages whole, the title and
    the quote wrapping in what they leave; the language column's help its full header."""
    headers = {c: t(lang, key) for c, key in LINK_HEADERS.items()}
    headers["quote_language"] = st.column_config.TextColumn(headers["quote_language"], help=t(lang, "quote_language"))
    ids = {c: (links[c].astype(str), SMALL) for c in ("item_id", "document_symbol")}
    named = {"status_label": (labels["status"].values(), SMALL), **ids}
    named["quote_language"] = ([t(lang, f"language_{c}") for c in ("en", "zh")], SMALL)
    return fit(links, headers, labels=named, sentences={"item_title": (160, 300), "quote": (200, SENTENCE_WIDTH)})
