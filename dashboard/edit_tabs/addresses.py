"""The Edit tab "Items addressing the Plan" (data/addresses.csv): record, change or remove that a
recommendation or topic addresses a Plan requirement. Saving goes through transforms.editing.addresses,
as the CLI does."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.ui import plain
from transforms.editing.addresses import remove_address, set_address
from transforms.presentation.i18n import t
from transforms.record.schema import BASES

from .form import Form

FIELDS = ("basis", "rationale_en", "rationale_zh", "source_id", "source_paragraph", "quote", "note", "note_zh")


def prefill(relations: pd.DataFrame) -> None:
    """Choosing an item and a requirement shows the relation already recorded, if any."""
    s = st.session_state
    found = relations[(relations.item_id == s.get("address_item")) & (relations.requirement_id == s.get("address_req"))]
    row = found.iloc[0].to_dict() if len(found) else {}
    for field in FIELDS:
        s[f"address_{field}"] = row.get(field, "curated" if field == "basis" else "")


def addresses_tab(form: Form) -> None:
    """Record, change or remove that a recommendation or topic addresses a Plan requirement."""
    lang, rows = form.lang, form.rows
    st.caption(t(lang, "edit_address_help"))
    items, relations = rows("items"), rows("addresses")
    names = dict(zip(items.item_id, items[f"title_{lang}"]))
    shown = lambda k: t(lang, "punct_dash", text=k, more=names[k]) if k in names else k  # noqa: E731
    requirements = list(items[items.kind == "requirement"].item_id)
    others = list(items[items.kind != "requirement"].item_id)
    if not requirements or not others:
        st.info(t(lang, "edit_address_none"))
        return
    left, right = st.columns(2)
    requirement = left.selectbox(
        t(lang, "edit_address_requirement"),
        requirements,
        key="address_req",
        format_func=shown,
        on_change=prefill,
        args=(relations,),
        placeholder=t(lang, "choose_placeholder"),
    )
    item = right.selectbox(
        t(lang, "edit_address_item"),
        others,
        key="address_item",
        format_func=shown,
        on_change=prefill,
        args=(relations,),
        placeholder=t(lang, "choose_placeholder"),
    )
    recorded = relations[(relations.item_id == item) & (relations.requirement_id == requirement)]
    if len(recorded):
        st.info(plain(t(lang, "edit_address_recorded", basis=t(lang, f"edit_basis_{recorded.basis.iloc[0]}"))))
    basis = st.segmented_control(
        t(lang, "edit_address_basis"), BASES, key="address_basis", format_func=lambda b: t(lang, f"edit_basis_{b}")
    )
    rationale_en = st.text_input(t(lang, "edit_address_rationale_en"), key="address_rationale_en")
    rationale_zh = st.text_input(t(lang, "edit_address_rationale_zh"), key="address_rationale_zh")
    values = dict(
        item_id=item,
        requirement_id=requirement,
        basis=basis or "",
        rationale_en=rationale_en.strip(),
        rationale_zh=rationale_zh.strip(),
        source_id="",
        source_paragraph="",
        quote="",
    )
    if basis == "source":
        sources = rows("sources")
        left, middle = st.columns([2, 1])
        values["source_id"] = left.selectbox(
            t(lang, "edit_source"),
            list(sources.source_id),
            key="address_source_id",
            placeholder=t(lang, "choose_placeholder"),
        )
        values["source_paragraph"] = middle.text_input(
            t(lang, "edit_paragraph"), key="address_source_paragraph"
        ).strip()
        values["quote"] = st.text_area(t(lang, "edit_quote"), key="address_quote", height=80).strip()
    values.update(form.notes("address"))
    save, remove = st.columns(2)
    if save.button(t(lang, "edit_save"), key="address_save", type="primary", icon=":material/save:"):
        form.attempt(set_address(values))
    if len(recorded) and remove.button(t(lang, "edit_address_remove"), key="address_remove", icon=":material/delete:"):
        form.attempt(remove_address(item, requirement))
