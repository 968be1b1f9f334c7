"""The Edit tab "History": the audit log, newest first, and undoing the last change."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.ui import plain
from transforms.editing import edit
from transforms.editing.audit import read_log
from transforms.presentation.i18n import t

from .form import Form


def history_tab(form: Form) -> None:
    """The audit log, newest first, and a button undoing the last change not yet undone."""
    lang = form.lang
    log = pd.DataFrame(read_log(form.data_dir))
    last = edit.last_undoable(form.data_dir)
    if last is None:
        st.caption(t(lang, "edit_nothing_to_undo"))
    else:
        st.markdown(
            plain(t(lang, "edit_undo_next", entry=last["entry"], summary=last["summary"], editor=last["editor"]))
        )
        if st.button(t(lang, "edit_undo"), icon=":material/undo:"):
            form.attempt(edit.undo())
    if log.empty:
        return
    shown = log.iloc[::-1][["entry", "at", "editor", "summary", "reverts", "version_after"]]
    headers = {c: t(lang, f"edit_log_{c}") for c in shown.columns}
    st.dataframe(shown, hide_index=True, width="stretch", column_config=headers, key="audit_log_table")
