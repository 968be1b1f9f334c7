"""The Edit tab "Outcome at a session": an item's status at one session, with its evidence."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.ui import plain
from transforms.editing import edit
from transforms.presentation.i18n import t

from .form import NONE, Form


def prefill_link(links: pd.DataFrame) -> None:
    """Choosing an item and a session shows the link already recorded there, if any."""
    s = st.session_state
    found = links[(links.item_id == s.get("link_item")) & (links.session_id == s.get("link_session"))]
    row = found.iloc[0].to_dict() if len(found) else {}
    s["link_status"] = row.get("status") or None
    s["link_document"] = row.get("document_id", NONE)
    s["link_source"] = row.get("source_id") or s.get("link_source")
    s["link_paragraph"], s["link_quote"], s["link_note"], s["link_note_zh"] = (
        row.get(k, "") for k in ("source_paragraph", "quote", "note", "note_zh")
    )


def link_tab(form: Form) -> None:
    """Record an item's status at a session (or change the one recorded), with its evidence."""
    ctx, lang = form.ctx, form.lang
    st.caption(t(lang, "edit_link_help"))
    items, links, documents = form.rows("items"), form.rows("links"), form.rows("documents")
    sessions = ctx.labels["session"]
    item_names = dict(zip(items.item_id, items[f"title_{lang}"]))
    left, right = st.columns(2)
    with left:
        item = form.choice(
            t(lang, "edit_item"), list(items.item_id), "link_item", item_names, on_change=prefill_link, args=(links,)
        )
    with right:
        session = form.choice(
            t(lang, "edit_session"), list(sessions), "link_session", sessions, on_change=prefill_link, args=(links,)
        )
    recorded = links[(links.item_id == item) & (links.session_id == session)]
    if len(recorded):
        st.info(plain(t(lang, "edit_link_recorded", status=ctx.labels["status"][recorded.status.iloc[0]])))
    status = st.segmented_control(
        t(lang, "status"),
        list(ctx.labels["status"]),
        key="link_status",
        format_func=lambda status: plain(ctx.labels["status"][status]),  # its options are read as Markdown
    )
    cited = dict(zip(documents.document_id, documents.symbol.where(documents.symbol != "", documents.document_id)))
    document = form.choice(t(lang, "edit_document"), list(documents.document_id), "link_document", cited, optional=True)
    fields = form.evidence("link")
    notes = form.notes("link")
    if st.button(t(lang, "edit_save"), key="link_save", type="primary", icon=":material/save:"):
        values = dict(item_id=item, session_id=session, status=status or "", document_id=document, **notes)
        form.attempt(edit.set_link({**values, **fields}))
