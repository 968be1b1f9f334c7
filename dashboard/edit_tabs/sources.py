"""The Edit tab "Source text": add a source document and its plain text to the record."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard.ui import upload_help
from transforms.editing import edit
from transforms.presentation.i18n import t
from transforms.record.schema import LANGS

from .form import Form


def source_tab(form: Form) -> None:
    """Add a source document: its plain text (an uploaded .txt file) and its row in sources.csv."""
    lang = form.lang
    st.caption(t(lang, "edit_source_help"))
    choose = t(lang, "choose_placeholder")
    with st.form("source_form", enter_to_submit=False):  # no English "Press Enter to submit form" hint
        upload = st.file_uploader(t(lang, "edit_source_file"), type=["txt"], help=upload_help(lang, ["txt"]))
        left, right = st.columns(2)
        source_id = left.text_input(t(lang, "edit_new_source_id"), help=t(lang, "edit_id_help"))
        symbol = right.text_input(t(lang, "edit_symbol"))
        title_en, title_zh = (st.text_input(t(lang, f"edit_title_{code}")) for code in LANGS)
        left, right = st.columns(2)
        language = left.selectbox(
            t(lang, "edit_language"), LANGS, format_func=lambda c: t(lang, f"language_{c}"), placeholder=choose
        )
        original = right.selectbox(
            t(lang, "edit_original"), LANGS, format_func=lambda c: t(lang, f"language_{c}"), placeholder=choose
        )
        left, right = st.columns(2)
        issued = left.date_input(t(lang, "edit_issued"), value=None, min_value=dt.date(1990, 1, 1))
        agenda = right.text_input(t(lang, "edit_agenda_item"))
        notes = form.notes()
        submitted = st.form_submit_button(t(lang, "edit_add_source"), type="primary", icon=":material/upload_file:")
    if submitted and upload is None:
        st.error(t(lang, "edit_source_missing"))
    elif submitted:
        values = dict(source_id=source_id.strip(), symbol=symbol.strip(), title_en=title_en, title_zh=title_zh)
        values.update(language=language, original_language=original, agenda_item=agenda.strip(), **notes)
        values["issued_date"] = "" if issued is None else issued.isoformat()
        form.attempt(edit.add_source(values, upload.getvalue()))
