"""One item's full provenance on the Items page: its titles in both languages, kind, heading and
why, the source and the quote in its own language, the Plan view's verdict for a requirement, and
every link to a session with its quote. Nothing is computed here (dashboard.data asks transforms)."""

from __future__ import annotations

import streamlit as st

from transforms.database.listing import filters_missed
from transforms.database.queries import Filters
from transforms.presentation.i18n import t

from . import data
from .columns import WRAP_ROWS, label_column, sentence_column
from .ui import in_language, plain, table


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
    every = data.frame("item_list", ctx.db, Filters(as_of=f.as_of, lang=lang, curated=f.curated))
    missed = filters_missed(next(every[every.item_id == item_id].itertuples()), f)
    if missed:  # a shared link's item the list leaves out: shown, and said so
        names = t(lang, "list_separator").join(t(lang, f"filter_{m}") for m in missed)
        st.info(plain(t(lang, "item_outside_filters", filters=names)))
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
            "document_symbol": label_column(t(lang, "document"), links.document_symbol),  # a symbol, whole
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
