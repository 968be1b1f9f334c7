"""Items: the filterable list of requirements, recommendations and topics, and the full
provenance of the one selected."""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.columns import MEDIUM, WRAP_ROWS, label_column, sentence_column
from dashboard.context import current
from dashboard.ui import download, in_language, plain, scope_caption, table
from transforms.database.listing import search_items, session_names
from transforms.database.queries import Filters, coverage_totals
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
    if searched or open_only:  # the rule is transforms.database.listing's
        shown = data.shown("item_list", ctx.db, ctx.view.filters)
        found = search_items(shown, search, open_only, lang, ctx.labels["session"])
        applied = "both" if searched and open_only else "search" if searched else "open"
        items, sentence = found.head(LIST_LIMIT), t(lang, f"items_found_{applied}", found=len(found), count=count)
    else:
        items = data.shown("item_list", ctx.db, ctx.view.filters, limit=LIST_LIMIT)
        found, sentence = range(count), t(lang, "items_sentence", count=count)
    if not count:
        sentence = t(lang, "items_none")
    elif not len(found):
        sentence += t(lang, "items_none_found")
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
            "item_id": narrow(t(lang, "item_id"), width="small"),
        },
        key="item_table",
        row_height=WRAP_ROWS,
        on_select=on_row_select,
        selection_mode="single-row",
    )
    if (searched or open_only) and count:  # the file is `gaptrack export items`: the filters only
        st.markdown(plain(t(lang, "items_download_whole", count=count)))
    download(ctx, "items", "download_items", count)
    return items


def field(lang: str, label: str, value: object) -> None:
    """A label in bold and its value, with the language's colon (Chinese: full-width)."""
    st.markdown(t(lang, "punct_label", label=f"**{plain(label)}**", value=plain(value)))


def provenance(ctx, item_id: str) -> None:
    lang, f = ctx.lang, ctx.view.filters
    item, links = data.item_detail(ctx.db, item_id, f)
    if item.empty:
        return
    row = item.iloc[0]
    if not row.on_record:
        st.info(plain(t(lang, "item_not_yet", session=ctx.labels["session"][f.as_of], first=row.first_session)))
        return
    st.header(plain(row.title_zh if lang == "zh" else row.title_en))
    other = "en" if lang == "zh" else "zh"
    with in_language(other, "title"):
        st.caption(plain(row[f"title_{other}"]))
    field(lang, t(lang, "item_id"), row.item_id)
    field(
        lang,
        t(lang, "kind"),
        row.kind_label
        + (f" · {t(lang, 'plan_paragraph', n=int(row.plan_paragraph))}" if row.kind == "requirement" else ""),
    )
    basis = t(lang, f"basis_{row.heading_basis}")
    field(lang, t(lang, "heading"), t(lang, "punct_paren", text=row.heading_label, inner=basis))
    if row.heading_basis == "curated":
        field(lang, t(lang, "heading_rationale"), row.heading_rationale)
    field(
        lang,
        t(lang, "source"),
        t(lang, "source_at", title=row.source_title, document=row.source_document, paragraph=row.source_paragraph),
    )
    quote_in = t(lang, "quote_in", language=t(lang, f"language_{row.quote_language}"))
    st.markdown(f"**{plain(t(lang, 'punct_label_only', label=quote_in))}**")
    with in_language(row.quote_language, "quote"):
        st.code(row.quote, language=None, wrap_lines=True)
    if row.note:
        field(lang, t(lang, "note"), row.note)
    if row.kind == "requirement":
        plan = data.plan_summary(ctx.db, Filters(as_of=f.as_of, curated=f.curated, lang=lang))
        mine = plan[plan.requirement_id == row.item_id]
        if len(mine):
            field(lang, t(lang, "plan_column_verdict"), mine.verdict.iloc[0])
            field(lang, t(lang, "plan_column_addressed_by"), mine.addressed_by.iloc[0])
    st.markdown(f"**{t(lang, 'links_title')}**")
    links = links.assign(quote_language=[t(lang, f"language_{c}") for c in links.quote_language])
    table(
        links,
        {
            "session_title": t(lang, "session"),
            "status_label": t(lang, "status"),
            "document_symbol": t(lang, "document"),
            "source_paragraph": t(lang, "source_paragraph"),
            "quote": sentence_column(t(lang, "quote")),
            "quote_language": t(lang, "quote_language"),
            "note": sentence_column(t(lang, "note")),
            "counted": st.column_config.CheckboxColumn(t(lang, "counted"), help=t(lang, "counted_help")),
        },
        key="item_links",
        row_height=WRAP_ROWS,
    )
    with st.expander(t(lang, "links_in_full")):  # a grid cell cuts a sentence; here it wraps
        for link in links.itertuples():
            field(lang, link.session_title, link.status_label)
            st.code(link.quote, language=None, wrap_lines=True)
            if link.note:
                st.caption(plain(link.note))


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
