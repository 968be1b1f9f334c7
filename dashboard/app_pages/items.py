"""Items: the filterable list of requirements, recommendations and topics, and the full
provenance of the one selected."""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.columns import MEDIUM, WRAP_ROWS, label_column, sentence_column
from dashboard.context import current
from dashboard.provenance import provenance
from dashboard.ui import download, plain, scope_caption, table
from transforms.database.listing import nothing_listed, session_names
from transforms.database.queries import coverage_totals
from transforms.presentation.i18n import t


def on_row_select() -> None:
    """Selecting a row in the list shows that item's provenance."""
    event = st.session_state.get("item_table")
    rows = event.selection.rows if event else []
    if rows:
        st.session_state["item"] = st.session_state["item_table_ids"][rows[0]]


LIST_LIMIT = 500  # rows drawn on screen; the download holds them all


def item_list(ctx):
    lang = ctx.lang
    count = coverage_totals(data.frame("coverage_by_heading", ctx.db, ctx.view.filters))["total"]
    search = st.text_input(  # live: applies after a pause in typing, so no English "Press Enter to apply"
        t(lang, "items_search"), key="item_search", placeholder=t(lang, "items_search_placeholder"), live=True
    )
    open_only = st.toggle(t(lang, "items_open_only"), key="item_open_only")
    searched = bool(search.strip())
    if searched or open_only:  # the rule is transforms.database.listing's; the download is this list
        found = data.found_items(ctx.db, ctx.view.filters, search, open_only)
        applied = "both" if searched and open_only else "search" if searched else "open"
        items, sentence = found.head(LIST_LIMIT), t(lang, f"items_found_{applied}", found=len(found), count=count)
    else:
        items = data.shown("item_list", ctx.db, ctx.view.filters, limit=LIST_LIMIT)
        found, sentence = range(count), t(lang, "items_sentence", count=count)
    if not count:
        sentence = t(lang, "items_none")
    elif not len(found):
        sentence += nothing_listed(lang, searched, open_only, ctx.view.filters)
    elif len(found) > len(items):
        sentence += t(lang, "items_first", shown=len(items))
    st.markdown(plain(sentence))
    items = session_names(items, ctx.labels["session"], t(lang, "session_separator"))
    st.session_state["item_table_ids"] = items.item_id.tolist()
    narrow = st.column_config.TextColumn
    table(
        items,
        {
            # first: beside the title on a phone; no word of a status or kind broken across lines
            "status_label": label_column(t(lang, "status"), ctx.labels["status"].values()),
            "title": narrow(t(lang, "title"), width=240),  # wraps (WRAP_ROWS): read whole on a phone
            "heading_label": label_column(t(lang, "heading"), ctx.labels["heading"].values(), MEDIUM),
            "kind_label": label_column(t(lang, "kind"), ctx.labels["kind"].values()),
            "sessions": sentence_column(t(lang, "sessions"), 240),
            "source_paragraph": narrow(t(lang, "source_paragraph"), width="small"),
            "item_id": label_column(t(lang, "item_id"), items.item_id),  # an id is one word, never broken
        },
        key="item_table",
        row_height=WRAP_ROWS,
        on_select=on_row_select,
        selection_mode="single-row",
    )
    download(ctx, "items", "download_items", len(found), search=search, open_only=open_only)
    return items


ctx = current()
st.title(t(ctx.lang, "items_title"))
scope_caption(ctx, "items")
items = item_list(ctx)
st.divider()
chosen = st.session_state.get("item")
titles = dict(zip(items.item_id, items.title))
if chosen and chosen not in titles:
    detail = data.item_detail(ctx.db, chosen, ctx.view.filters)[0]
    titles[chosen] = detail.iloc[0][f"title_{ctx.lang}"] if not detail.empty else chosen
st.selectbox(
    t(ctx.lang, "provenance_of"),
    [None, *titles],
    key="item",
    format_func=lambda i: (
        t(ctx.lang, "pick_item") if i is None else t(ctx.lang, "punct_paren", text=titles[i], inner=i)
    ),
    placeholder=t(ctx.lang, "choose_placeholder"),
)
if st.session_state.get("item"):
    provenance(ctx, st.session_state["item"])
