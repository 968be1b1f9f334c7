"""gaptrack dashboard: `streamlit run dashboard/app.py` (or `make run`, or `gaptrack serve`)."""

from __future__ import annotations

import os
import sys

# This file runs on every rerun: the repository goes on the path once, and without resolving
# links (Path.resolve stats every folder of the path, each time).
_HERE = os.path.dirname(os.path.abspath(__file__))
if os.path.dirname(_HERE) not in sys.path:
    sys.path.insert(0, os.path.dirname(_HERE))

import streamlit as st  # noqa: E402

from dashboard import data, editing, first_paint, navigation, sidebar, ui  # noqa: E402
from dashboard.context import Context  # noqa: E402
from transforms.presentation.i18n import t  # noqa: E402

# Pages that may end early (st.stop): nothing drawn after that reaches the browser, so their
# sidebar and page script come before them. Every other page is drawn first and they after it, in
# places kept at the top of the sidebar: the browser then gets (and starts loading the chart script
# for) the page's first chart before the sidebar's widgets and their scripts; on a browser session's
# first run a page may stop after its first chart and have the rest drawn by the next run
# (dashboard/first_paint.py; README, "First paint").
# tests/test_dashboard.py fails if a page calling st.stop is missing here.
STOPS_EARLY = {"edit", "changes"}


def stop_with(problem: data.Problem) -> None:
    lang = st.session_state.get("lang", "en")
    st.title("gaptrack")
    st.error(t(lang, problem.key, path=problem.path, holder=problem.detail))
    if problem.key == "db_locked":  # nothing to rebuild: it recovers when the other program closes the file
        st.stop()
    st.code("gaptrack build", language="bash", wrap_lines=True)
    if problem.detail:
        st.caption(t(lang, "db_detail", detail=problem.detail))
    st.stop()


def main() -> None:
    st.set_page_config(page_icon=navigation.ICON, layout="wide")  # the title once the page is known (tab_title)
    file = data.identity()
    problem = file if isinstance(file, data.Problem) else data.check(file)
    if problem:
        stop_with(problem)
    db = data.holding(file)
    keys = data.labels(db, "en")
    places = sidebar.places()
    view = sidebar.start(list(keys["session"]), data.KnownItems(db))
    lang = view.lang
    labels = data.labels(db, lang)
    pages = navigation.pages(lang, editing.enabled())
    page = st.navigation(pages)
    sidebar.ignored_notice(lang, page.url_path)  # above the page, on the page the link opened
    ui.tab_title(lang, page.title)
    # A page not found: Streamlit's dialog is up already, in English until the page script runs. In
    # the main area the script was drawn only with the page's first chart (seconds later); in the
    # sidebar, as soon as Streamlit's code for st.html is in (README, Accessibility). Such a run is
    # never held after its first chart (first_paint): the next run no longer knows the page was missing.
    early = navigation.not_found()
    if early:
        with st.sidebar:
            ui.page_script(lang)
    holds = first_paint.start() and not early and page.url_path not in STOPS_EARLY
    st.session_state["context"] = Context(db, view, labels, file, holds)

    def rest() -> None:
        sidebar.draw(places, labels, lang)
        if not early:
            ui.page_script(lang)

    if page.url_path in STOPS_EARLY:
        rest()
        page.run()
        return
    try:
        page.run()
    finally:  # also after a failing page, so the reader can still change language or filters;
        if not first_paint.held():  # not on a first run held after its first chart: the next run draws them
            rest()


main()
