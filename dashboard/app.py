"""gaptrack dashboard: `streamlit run dashboard/app.py` (or `make run`, or `gaptrack serve`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# This file runs on every rerun: the repository goes on the path once, and without resolving
# links (Path.resolve stats every folder of the path, each time).
_HERE = os.path.dirname(os.path.abspath(__file__))
if os.path.dirname(_HERE) not in sys.path:
    sys.path.insert(0, os.path.dirname(_HERE))

import streamlit as st  # noqa: E402

from dashboard import data, editing, sidebar, ui  # noqa: E402
from dashboard.context import Context  # noqa: E402
from transforms.presentation.i18n import t  # noqa: E402

PAGES = (
    ("overview", ":material/bar_chart:", True),
    ("sessions", ":material/event:", False),
    ("plan", ":material/checklist:", False),
    ("items", ":material/list_alt:", False),
    ("checks", ":material/rule:", False),
    ("changes", ":material/history:", False),
    ("about", ":material/info:", False),
)
EDIT_PAGE = ("edit", ":material/edit:", False)  # only when editing is enabled (dashboard/editing.py)
# Pages that may end early (st.stop): nothing drawn after that reaches the browser, so their
# sidebar and page script come before them. Every other page is drawn first and they after it, in
# places kept at the top of the sidebar: the browser then gets (and starts loading the chart script
# for) the page's first chart before the sidebar's widgets and their scripts (README, "First paint").
# tests/test_dashboard.py fails if a page calling st.stop is missing here.
STOPS_EARLY = {"edit", "changes"}
ICON = Path(_HERE) / "icon.png"


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
    # The icon is a file of ours: a Material icon here would be fetched from fonts.gstatic.com.
    st.set_page_config(page_title="gaptrack", page_icon=ICON, layout="wide")
    db = data.identity()
    problem = db if isinstance(db, data.Problem) else data.check(db)
    if problem:
        stop_with(problem)
    keys = data.labels(db, "en")
    places = sidebar.places()
    view = sidebar.start(list(keys["session"]), data.KnownItems(db))
    lang = view.lang
    labels = data.labels(db, lang)
    pages = [
        # the default page is served at /; its own path is reserved, so /overview is a hidden twin
        st.Page(
            f"app_pages/{name}.py",
            title=t(lang, f"page_{name}"),
            icon=icon,
            default=default,
            url_path=f"{name}-home" if default else name,
        )
        for name, icon, default in (*PAGES, *([EDIT_PAGE] if editing.enabled() else []))
    ]
    pages.append(
        st.Page("app_pages/overview.py", title=t(lang, "page_overview"), url_path="overview", visibility="hidden")
    )
    page = st.navigation(pages)
    ui.tab_title(lang, page.title)
    st.session_state["context"] = Context(db, view, labels)

    def rest() -> None:
        sidebar.draw(places, labels, lang)
        ui.page_script(lang)

    if page.url_path in STOPS_EARLY:
        rest()
        page.run()
        return
    try:
        page.run()
    finally:  # also after a failing page, so the reader can still change language or filters
        rest()


main()
