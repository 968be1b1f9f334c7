"""Items: the filterable list of requirements, recommendations and topics, and the full
provenance of the one selected."""

from __future__ import annotations

import streamlit as st

from dashboard.columns import WRAP_ROWS, list_height
from dashboard.context import current
from dashboard.items_view import choice, item_list_view
from dashboard.provenance import provenance
from dashboard.ready import draw
from dashboard.ui import download, scope_caption
from transforms.presentation.i18n import t


def on_row_select() -> None:
    """Selecting a row in the list shows that item's provenance."""
    event = st.session_state.get("item_table")
    rows = event.selection.rows if event else []
    if rows:
        st.session_state["item"] = st.session_state["item_table_ids"][rows[0]]


def item_list(ctx):
    lang = ctx.lang
    search = st.text_input(  # live: applies after a pause in typing, so no English "Press Enter to apply"
        t(lang, "items_search"), key="item_search", placeholder=t(lang, "items_search_placeholder"), live=True
    )
    open_only = st.toggle(t(lang, "items_open_only"), key="item_open_only")
    listing = item_list_view(ctx.db, ctx.view.filters, search, open_only)
    st.markdown(listing.sentence)
    st.session_state["item_table_ids"] = list(listing.ids)
    draw(
        listing.table,
        key="item_table",
        row_height=WRAP_ROWS,
        height=list_height(listing.table.count),  # ~15 rows, not the five of Streamlit's "auto"
        on_select=on_row_select,
        selection_mode="single-row",
    )
    download(ctx, "items", "download_items", listing.found, search=search, open_only=open_only)
    return listing


ctx = current()
st.title(t(ctx.lang, "items_title"))
scope_caption(ctx, "items")
listing = item_list(ctx)
st.divider()
chosen = st.session_state.get("item")
choices = listing.choices
if chosen and chosen not in choices:
    choices = {**choices, chosen: choice(ctx.db, chosen, ctx.view.filters)}
pick = t(ctx.lang, "pick_item")
st.selectbox(
    t(ctx.lang, "provenance_of"),
    [None, *choices],
    key="item",
    format_func=lambda i: pick if i is None else choices[i],
    placeholder=t(ctx.lang, "choose_placeholder"),
)
if st.session_state.get("item"):
    provenance(ctx, st.session_state["item"])
