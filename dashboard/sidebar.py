"""The sidebar: language and filters, kept in session state and mirrored in the URL so a view
can be shared by link. Every page reads the View this returns."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from transforms.database.queries import Filters
from transforms.presentation.i18n import t
from transforms.record.schema import LANGS

from .state import MULTI, View, parse_query, to_query
from .ui import plain

KEYS = ("lang", "heading", "status", "kind", "as_of", "item", "curated")
LATEST = ""  # the as-of choice "whole record" (a selectbox can't show None as a choice)


def _from_url(sessions: list[str], items) -> None:
    """On a session's first run, take the view from the URL; note what was not understood."""
    if "lang" in st.session_state:
        return
    params = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    parsed = parse_query(params, sessions, items)
    for key in KEYS:
        st.session_state[key] = parsed.values[key]
    st.session_state["as_of"] = parsed.values["as_of"] or LATEST
    st.session_state["url_unknown"] = parsed.unknown


def _changed() -> None:
    st.session_state["url_unknown"] = []


# Values a keyed widget may be given through session state: a choice (str, number, date) or
# several (list, tuple). Buttons (bool), uploads and data editors (objects) may not be set.
_SETTABLE = (str, int, float, dt.date, list, tuple)


def _language_changed() -> None:
    """Re-assign every keyed widget's value (the filters, and each page's and Edit tab's select
    boxes, radios and fields) so Streamlit sends its options afresh in the new language: the
    browser would otherwise answer with labels in the old one, which match nothing, and keep
    showing them."""
    for key in list(st.session_state.keys()):
        value = st.session_state[key]
        if key in KEYS[1:] or (key != "lang" and isinstance(value, _SETTABLE) and not isinstance(value, bool)):
            st.session_state[key] = value
    _changed()


def clear_filters() -> None:
    for key in MULTI:
        st.session_state[key] = []
    st.session_state["as_of"] = LATEST
    st.session_state["item"] = None
    st.session_state["curated"] = True
    _changed()


def keep_language(state) -> None:
    """Give the language widget back the language last shown when its value is not one of LANGS.
    Seen once in a full browser run after quick reruns (the URL then read lang=None; cause not
    found): the page stays in its language instead of a language nobody chose. `state`: a
    mapping (st.session_state); "lang_shown" holds the language of the last run."""
    if state.get("lang") not in LANGS:
        state["lang"] = state.get("lang_shown") if state.get("lang_shown") in LANGS else "en"
    state["lang_shown"] = state["lang"]


def read_view() -> View:
    """The view the widgets' values describe. Read before the widgets are drawn, so a value not
    set yet (a run that stopped before drawing them, e.g. while the database was locked) is the
    widget's default."""
    s = st.session_state
    # in the record's order: the same choice picked in another order is the same view, worded
    # the same way and kept once
    filters = Filters(
        tuple(s.get("heading", ())),
        tuple(s.get("status", ())),
        tuple(s.get("kind", ())),
        s.get("as_of") or None,
        s.get("lang", "en"),
        s.get("curated", True),
    ).in_order()
    return View(filters, s.get("item"))


def places() -> tuple:
    """Two empty places at the top of the sidebar, language then filters, filled by `draw`: made
    before the page so the sidebar reads in that order whenever its widgets are drawn."""
    return st.sidebar.container(), st.sidebar.container()


def start(sessions: list[str], items) -> View:
    """The view this run shows, from the widgets' values (on a session's first run, from the URL),
    before any widget is drawn; the URL is made to show it. What the URL held that was not
    understood is said by ignored_notice, once the page is known."""
    _from_url(sessions, items)
    keep_language(st.session_state)
    view = read_view()
    _sync_url(view)
    return view


def ignored_notice(lang: str, page: str) -> None:
    """One notice in the main area, above the page (the sidebar is hidden on a phone), naming each
    URL parameter value that was not understood, in lang; the link's words escaped, never Markdown.
    Shown on the page the link opened (`page`: the url_path of the page this run draws), also on
    its reruns; gone once the reader moves to another page, changes a filter or the language."""
    unknown = st.session_state.get("url_unknown", [])
    if unknown and st.session_state.setdefault("url_unknown_page", page) != page:
        st.session_state["url_unknown"] = unknown = []
    if unknown:
        lines = [t(lang, "url_ignored", name=plain(name), value=plain(value)) for name, value in unknown]
        st.warning("  \n".join(lines))


def draw(places: tuple, labels: dict[str, dict[str, str]], lang: str) -> None:
    """The language widget and the filter widgets, in the places `places` made (their values are
    already in session state: `start` read them)."""
    language, filter_box = places
    language.segmented_control(
        "Language · 语言",
        ["en", "zh"],
        key="lang",
        required=True,
        format_func=lambda v: {"en": "English", "zh": "中文"}[v],
        on_change=_language_changed,
    )
    side = filter_box
    side.header(t(lang, "filters"))
    for key, field in (("heading", "heading"), ("status", "status"), ("kind", "kind")):
        options = list(labels[field])
        side.multiselect(
            t(lang, f"filter_{key}"),
            options,
            key=key,
            format_func=labels[field].get,
            placeholder=t(lang, "filter_all"),
            on_change=_changed,
            select_all=False,  # Streamlit writes "Select all" in English whatever the page's language
        )
    sessions = list(labels["session"])
    side.selectbox(
        t(lang, "filter_as_of"),
        [LATEST, *sessions],
        key="as_of",
        on_change=_changed,
        format_func=lambda s: t(lang, "whole_record") if s == LATEST else labels["session"][s],
        placeholder=t(lang, "choose_placeholder"),
        help=t(lang, "filter_as_of_help"),
    )
    side.toggle(t(lang, "plan_show_curated"), key="curated", on_change=_changed, help=t(lang, "plan_show_curated_help"))
    side.button(t(lang, "clear_filters"), on_click=clear_filters, width="stretch")


def _sync_url(view: View) -> None:
    wanted = to_query(view)
    current = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    if current != wanted:
        st.query_params.from_dict(wanted)
