"""Edit: record a session and its outcomes, add items and sources, fix titles, undo, and read
a new document into candidate rows. Shown only when editing is enabled; every save goes
through transforms (the build's validation, the lock, the audit log) exactly as the CLI's.
This page signs the editor in and frames the tabs; each tab is drawn by dashboard/edit_tabs/."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import data, editing
from dashboard.context import current
from dashboard.edit_tabs import TABS
from dashboard.edit_tabs.form import Form
from dashboard.ui import plain
from transforms.database.build import build
from transforms.presentation.i18n import t
from transforms.record.errors import DataError, message_of
from transforms.record.paths import default_data_dir

ctx = current()
lang = ctx.lang
DATA_DIR = default_data_dir()


def stale_files_warning(seen: str) -> bool:
    """True (and a way out) when the files changed since the database was built."""
    if data.files_version(str(DATA_DIR)) == seen:
        return False
    st.warning(t(lang, "edit_files_changed"))
    if st.button(t(lang, "edit_rebuild"), icon=":material/refresh:"):
        try:
            build(DATA_DIR, Path(ctx.db[0]))
        except DataError as err:
            st.error(plain(message_of(err, lang)))
            return True
        st.rerun()
    return True


st.title(t(lang, "page_edit"))
editor = editing.signed_in(lang)
if editor is None:
    st.stop()
# The version this editor last saw: a save is checked against it, so a change someone else
# saved since (which the rerun of a click would otherwise quietly show) refuses the save.
current = data.record_info(ctx.file)["data_version"]
flash = st.session_state.pop("edit_flash", None)
seen = current if flash else st.session_state.get("edit_seen", current)
st.session_state["edit_seen"] = current
top = st.columns([4, 1])
top[0].caption(plain(t(lang, "edit_signed_in", editor=editor, version=current)))
if top[1].button(t(lang, "edit_sign_out"), icon=":material/logout:"):
    editing.sign_out()
    st.rerun()
if flash:
    st.success(plain(flash), icon=":material/check_circle:")
elif seen != current:
    st.info(plain(t(lang, "edit_record_moved", seen=seen, now=current)), icon=":material/update:")
if stale_files_warning(current):
    st.stop()
form = Form(ctx, DATA_DIR, editor, seen)
for draw, tab in zip(TABS.values(), st.tabs([t(lang, f"edit_tab_{name}") for name in TABS])):
    with tab:
        draw(form)
