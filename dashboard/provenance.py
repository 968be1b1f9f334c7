"""One item's full provenance on the Items page: its titles in both languages, kind, heading and
why, the source and the quote in its own language, the Plan view's verdict for a requirement, and
every link to a session with its quote. Nothing is computed here (dashboard.data asks transforms).

What is drawn is made once per database identity, item and filters (Provenance, kept and shared
by every rerun and session showing it): a rerun draws it without any pandas work."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from transforms.database.listing import filters_missed
from transforms.database.queries import Filters
from transforms.presentation.i18n import t

from . import data
from .columns import SENTENCE_WIDTH, SMALL, WRAP_ROWS
from .data import Identity
from .grid_widths import fit
from .kept import kept
from .ready import Ready, draw, ready
from .ui import in_language, plain, quote


def field(lang: str, label: str, value: object) -> str:
    """A label in bold and its value, with the language's colon (Chinese: full-width), as Markdown."""
    return t(lang, "punct_label", label=f"**{plain(label)}**", value=plain(value))


@dataclass(frozen=True)
class Provenance:
    """What the Items page draws for one item: Markdown lines (escaped) and code blocks, in the
    order drawn. Shared: never modify."""

    not_yet: str | None = None  # the item is not on the record as of the view: only this is said
    outside: str | None = None  # which filters leave it out of the list, or None
    title: str = ""
    other: str = "en"  # the other language, whose title is given under it
    other_title: str = ""
    fields: tuple[str, ...] = ()  # id, kind, heading (and why), source
    quote_label: str = ""
    quote_language: str = "en"
    quote: str = ""
    after_quote: tuple[str, ...] = ()  # the note; a requirement's verdict and what addresses it
    links_title: str = ""
    links: Ready | None = None
    links_in_full: tuple[tuple[str, str, str | None], ...] = ()  # (session and status, quote, note)


@kept(max_entries=1024)
def item_provenance(db: Identity, item_id: str, filters: Filters) -> Provenance | None:
    """The provenance of item_id as the view (filters; filters.lang the language) shows it, or
    None if the record has no such item."""
    lang, f = filters.lang, filters
    item, links = data.item_detail(db, item_id, f)
    if item.empty:
        return None
    row = item.iloc[0]
    if not row.on_record:
        sessions = data.labels(db, lang)["session"]
        return Provenance(not_yet=plain(t(lang, "item_not_yet", session=sessions[f.as_of], first=row.first_session)))
    every = data.frame("item_list", db, Filters(as_of=f.as_of, lang=lang, curated=f.curated))
    missed = filters_missed(next(every[every.item_id == item_id].itertuples()), f)
    outside = None
    if missed:  # a shared link's item the list leaves out: shown, and said so
        names = t(lang, "list_separator").join(t(lang, f"filter_{m}") for m in missed)
        outside = plain(t(lang, "item_outside_filters", filters=names))
    other = "en" if lang == "zh" else "zh"
    kind = row.kind_label + (
        f" · {t(lang, 'plan_paragraph', n=int(row.plan_paragraph))}" if row.kind == "requirement" else ""
    )
    basis = t(lang, f"basis_{row.heading_basis}")
    fields = [
        field(lang, t(lang, "item_id"), row.item_id),
        field(lang, t(lang, "kind"), kind),
        field(lang, t(lang, "heading"), t(lang, "punct_paren", text=row.heading_label, inner=basis)),
    ]
    if row.heading_basis == "curated":
        fields.append(field(lang, t(lang, "heading_rationale"), row.heading_rationale))
    source = t(lang, "source_at", title=row.source_title, document=row.source_document, paragraph=row.source_paragraph)
    fields.append(field(lang, t(lang, "source"), source))
    quote_in = t(lang, "quote_in", language=t(lang, f"language_{row.quote_language}"))
    after = []
    if row.note:
        after.append(field(lang, t(lang, "note"), row.note))
    if row.kind == "requirement":
        plan = data.plan_summary(db, Filters(as_of=f.as_of, curated=f.curated, lang=lang))
        mine = plan[plan.requirement_id == row.item_id]
        if len(mine):
            after.append(field(lang, t(lang, "plan_column_verdict"), mine.verdict.iloc[0]))
            after.append(field(lang, t(lang, "plan_column_addressed_by"), mine.addressed_by.iloc[0]))
    links = links.assign(quote_language=[t(lang, f"language_{c}") for c in links.quote_language])
    return Provenance(
        outside=outside,
        title=plain(row.title_zh if lang == "zh" else row.title_en),
        other=other,
        other_title=plain(row[f"title_{other}"]),
        fields=tuple(fields),
        quote_label=f"**{plain(t(lang, 'punct_label_only', label=quote_in))}**",
        quote_language=row.quote_language,
        quote=row.quote,
        after_quote=tuple(after),
        links_title=f"**{t(lang, 'links_title')}**",
        links=ready(links, link_columns(lang, links, data.labels(db, lang))),
        links_in_full=tuple(
            (field(lang, session, status), quote, plain(note) if note else None)
            for session, status, quote, note in zip(links.session_title, links.status_label, links.quote, links.note)
        ),
    )


def link_columns(lang: str, links, labels: dict[str, dict[str, str]]) -> dict:
    """The provenance links table's columns in the page's width (dashboard.grid_widths): statuses,
    document symbols and languages whole, the session, quote and note wrapping in what is left
    (each link in full under the table)."""
    headers = {
        "session_title": t(lang, "session"),
        "status_label": t(lang, "status"),
        "document_symbol": t(lang, "document"),
        "source_paragraph": t(lang, "source_paragraph"),
        "quote": t(lang, "quote"),
        "quote_language": st.column_config.TextColumn(t(lang, "quote_language_short"), help=t(lang, "quote_language")),
        "note": t(lang, "note"),
        "counted": st.column_config.CheckboxColumn(t(lang, "counted"), help=t(lang, "counted_help")),
    }
    languages = [t(lang, f"language_{c}") for c in ("en", "zh")]
    return fit(
        links,
        headers,
        labels={
            "status_label": (labels["status"].values(), SMALL),
            "document_symbol": (links.document_symbol, SMALL),  # a symbol, whole
            "quote_language": (languages, SMALL),
        },
        sentences={"session_title": (110, 200), "quote": (150, SENTENCE_WIDTH), "note": (135, SENTENCE_WIDTH)},
    )


def provenance(ctx, item_id: str) -> None:
    """Draw item_id's provenance as the view shows it (nothing if the record has no such item)."""
    lang = ctx.lang
    shown = item_provenance(ctx.db, item_id, ctx.view.filters)
    if shown is None:
        return
    if shown.not_yet is not None:
        st.info(shown.not_yet)
        return
    if shown.outside:
        st.info(shown.outside)
    st.header(shown.title)
    with in_language(shown.other, "title"):
        st.caption(shown.other_title)
    for line in shown.fields:
        st.markdown(line)
    st.markdown(shown.quote_label)
    with in_language(shown.quote_language, "quote"):
        quote(shown.quote)
    for line in shown.after_quote:
        st.markdown(line)
    st.markdown(shown.links_title)
    draw(shown.links, key="item_links", row_height=WRAP_ROWS)
    with st.expander(t(lang, "links_in_full")):  # a grid cell cuts a sentence; here it wraps
        for line, said, note in shown.links_in_full:
            st.markdown(line)
            quote(said)
            if note:
                st.caption(note)
