"""The Edit tabs for items: add an item, and fix items' titles in a table."""

from __future__ import annotations

import streamlit as st

from transforms.editing import edit
from transforms.presentation.i18n import t
from transforms.record.schema import BASES, LANGS

from .form import Form


def item_tab(form: Form) -> None:
    """Add an item (kind, heading and its basis, titles, evidence)."""
    ctx, lang = form.ctx, form.lang
    st.caption(t(lang, "edit_item_help"))
    choose = t(lang, "choose_placeholder")
    with st.form("item_form", enter_to_submit=False):  # no English "Press Enter to submit form" hint
        left, middle, right = st.columns(3)
        item_id = left.text_input(t(lang, "edit_new_item_id"), help=t(lang, "edit_id_help"))
        kind = middle.selectbox(
            t(lang, "kind"), list(ctx.labels["kind"]), format_func=ctx.labels["kind"].get, placeholder=choose
        )
        plan_paragraph = right.text_input(t(lang, "edit_plan_paragraph"), help=t(lang, "edit_plan_paragraph_help"))
        left, right = st.columns(2)
        heading = left.selectbox(
            t(lang, "heading"), list(ctx.labels["heading"]), format_func=ctx.labels["heading"].get, placeholder=choose
        )
        basis = right.selectbox(
            t(lang, "edit_heading_basis"), BASES, format_func=lambda b: t(lang, f"edit_basis_{b}"), placeholder=choose
        )
        left, right = st.columns(2)
        rationale = left.text_input(t(lang, "edit_heading_rationale"), help=t(lang, "edit_heading_rationale_help"))
        rationale_zh = right.text_input(
            t(lang, "edit_heading_rationale_zh"), help=t(lang, "edit_heading_rationale_zh_help")
        )
        title_en, title_zh = (st.text_input(t(lang, f"edit_title_{code}")) for code in LANGS)
        fields = form.evidence("item")
        notes = form.notes()
        submitted = st.form_submit_button(t(lang, "edit_add_item"), type="primary", icon=":material/add:")
    if submitted:
        values = dict(item_id=item_id.strip(), kind=kind, heading=heading, heading_basis=basis)
        values.update(heading_rationale=rationale, heading_rationale_zh=rationale_zh, **notes)
        values.update(plan_paragraph=plan_paragraph.strip())
        form.attempt(edit.add_item({**values, "title_en": title_en, "title_zh": title_zh, **fields}))


def titles_tab(form: Form) -> None:
    """Fix items' English and Chinese titles in a table; one save for every changed row."""
    lang = form.lang
    st.caption(t(lang, "edit_titles_help"))
    items = form.rows("items")[["item_id", "title_en", "title_zh"]]
    edited = st.data_editor(
        items,
        key=f"titles_{form.seen}",
        hide_index=True,
        width="stretch",
        disabled=["item_id"],
        num_rows="fixed",
        column_config={"title_en": t(lang, "edit_title_en"), "title_zh": t(lang, "edit_title_zh")},
    )
    changed = edited[(edited.title_en != items.title_en) | (edited.title_zh != items.title_zh)]
    st.caption(t(lang, "edit_titles_changed", count=len(changed)))
    if st.button(t(lang, "edit_save_titles"), disabled=changed.empty, type="primary", icon=":material/save:"):
        titles = {r.item_id: (r.title_en, r.title_zh) for r in changed.itertuples()}
        form.attempt(edit.set_titles(titles))
