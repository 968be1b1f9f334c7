"""The dashboard's pages, in the sidebar's order, and the page icon.

dashboard/app.py runs on every rerun of every session; what does not change between runs is made
here once per process: the icon as a data URL (given a file, Streamlit reads and registers it on
every run), and each language's pages (st.Page resolves its file's path, a stat per folder, each
time it is made). A run gets its own copies of the pages, because st.navigation marks the page it
returns as the one this run may call.
"""

from __future__ import annotations

import base64
import copy
import os
import threading

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from transforms.presentation.i18n import t

_HERE = os.path.dirname(os.path.abspath(__file__))

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

# The icon is a file of ours (a Material icon would be fetched from fonts.gstatic.com), sent
# inline so that no run reads it again.
with open(os.path.join(_HERE, "icon.png"), "rb") as _file:
    ICON = "data:image/png;base64," + base64.b64encode(_file.read()).decode("ascii")

_made: dict[tuple[str, bool], tuple] = {}
_lock = threading.Lock()


def pages(lang: str, editing: bool) -> list:
    """This run's st.Page objects for the navigation, titled in `lang` ("en" or "zh"), with the
    Edit page when `editing`: the default page served at /, the others at their name, and the
    Overview again at /overview (hidden: the default page's own path is reserved). Fresh copies
    of pages made once per process and language."""
    key = (lang, editing)
    with _lock:
        made = _made.get(key)
    if made is None:
        made = (
            *(
                st.Page(
                    f"app_pages/{name}.py",
                    title=t(lang, f"page_{name}"),
                    icon=icon,
                    default=default,
                    url_path=f"{name}-home" if default else name,
                )
                for name, icon, default in (*PAGES, *([EDIT_PAGE] if editing else []))
            ),
            st.Page("app_pages/overview.py", title=t(lang, "page_overview"), url_path="overview", visibility="hidden"),
        )
        with _lock:
            _made[key] = made
    return [copy.copy(page) for page in made]


def not_found() -> bool:
    """Whether this run asked for a page the navigation does not have (a mistyped /nosuchpage, a
    page gone since the link was made): st.navigation then gives the default page and Streamlit
    has already shown its "Page not found" dialog, in English until the page script (dashboard.ui)
    runs. Call after st.navigation. The same test as Streamlit's own (PagesManager, which names
    the page asked for by its script hash or, on a first run, by its URL path)."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return False
    manager = ctx.pages_manager
    known = manager.get_pages()
    if manager.intended_page_script_hash:
        return manager.intended_page_script_hash not in known
    asked = manager.intended_page_name
    return bool(asked) and all(info.get("url_pathname") != asked for info in known.values())
