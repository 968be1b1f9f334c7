"""The Edit tab "Cited document": a document a session's report cites, with its evidence."""

from __future__ import annotations

import streamlit as st

from transforms.editing import edit
from transforms.presentation.i18n import t
from transforms.record.schema import LANGS

from .form import Form


def document_tab(form: Form) -> None:
    """Add a document a session's report cites (symbol, session, what it is cited for, evidence)."""
    ctx, lang = form.ctx, form.lang
    st.caption(t(lang, "edit_document_help"))
    with st.form("document_form", enter_to_submit=False):  # no English "Press Enter to submit form" hint
        left, middle, right = st.columns(3)
        document_id = left.text_input(t(lang, "edit_new_document_id"), help=t(lang, "edit_id_help"))
        symbol = middle.text_input(t(lang, "edit_symbol"), help=t(lang, "edit_symbol_help"))
        session = right.selectbox(
            t(lang, "edit_session"),
            list(ctx.labels["session"]),
            format_func=ctx.labels["session"].get,
            placeholder=t(lang, "choose_placeholder"),
        )
        cited_en, cited_zh = (st.text_input(t(lang, f"edit_cited_for_{code}")) for code in LANGS)
        fields = form.evidence("document")
        cited_in = st.text_input(t(lang, "edit_cited_in"), help=t(lang, "edit_cited_in_help"))
        notes = form.notes()
        submitted = st.form_submit_button(t(lang, "edit_add_document"), type="primary", icon=":material/description:")
    if submitted:
        values = dict(document_id=document_id.strip(), symbol=symbol.strip(), session_id=session)
        values.update(cited_for_en=cited_en, cited_for_zh=cited_zh, cited_in_paragraph=cited_in.strip(), **notes)
        form.attempt(edit.add_document({**values, **fields}))
