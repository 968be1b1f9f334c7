"""The Edit tab "Read a document": upload a document, review each candidate next to the paragraph it
comes from (accept, edit or reject), see what the record already holds, and save the accepted
ones with the document's text as one change. The rules are in transforms.review; this module
only draws widgets and collects what the reviewer chose."""

from __future__ import annotations

import re

import streamlit as st

from dashboard.ui import plain, upload_help
from transforms.editing.saving import Current
from transforms.presentation.i18n import t
from transforms.record.errors import DataError, UsageError
from transforms.record.schema import BASES, LANGS
from transforms.review import rules as review

from .form import Form

NONE = ""
ITEM_FIELDS = (
    "kind",
    "heading",
    "heading_basis",
    "heading_rationale",
    "heading_rationale_zh",
    "plan_paragraph",
    "title_en",
    "title_zh",
)
SESSION_FIELDS = ("body", "number", "title_en", "title_zh", "start_date", "end_date", "venue_en", "venue_zh")
DOCUMENT_FIELDS = ("session_id", "cited_for_en", "cited_for_zh")
SOURCE_FIELDS = ("title_en", "title_zh", "symbol", "issued_date")


def _select(lang, label, options, key, names=None, value=None):
    names = names or {}
    choices = [NONE, *options]
    if key not in st.session_state:
        st.session_state[key] = value if value in choices else NONE
    named = lambda k: t(lang, "punct_dash", text=k, more=names[k]) if k in names else k  # noqa: E731
    shown = lambda k: t(lang, "edit_none") if k == NONE else named(k)  # noqa: E731
    return st.selectbox(label, choices, key=key, format_func=shown, placeholder=t(lang, "choose_placeholder"))


def _text(lang, label, key, value, missing=None):
    """A text input starting at the candidate's value; an empty title says it is missing, never copied."""
    if key not in st.session_state:
        st.session_state[key] = value
    return st.text_input(label, key=key, placeholder=missing or "").strip()


def _decision(lang, key, accepted):
    if key not in st.session_state:
        st.session_state[key] = "accept" if accepted else "reject"
    return st.radio(
        t(lang, "review_decision"),
        ["accept", "reject"],
        key=key,
        horizontal=True,
        format_func=lambda d: t(lang, f"review_{d}"),
    )


def _problems(lang, problems, file, line):
    for problem in (p for p in problems if (p.file, p.line) == (file, line)):
        st.warning(plain(problem.message(lang)), icon=":material/edit_note:")


def _matches(lang, found, table, index):
    for existing, why in found.get((table, index), []):
        st.info(plain(t(lang, "review_on_record", existing=existing, why=t(lang, why))), icon=":material/link:")


def _source(lang, upload_name, candidates) -> dict:
    """The document's own sources row as ingest read it from the masthead, its fields to complete."""
    st.subheader(t(lang, "review_the_document"))
    row = candidates.sources.fillna("").to_dict("records")[0]
    left, right = st.columns(2)
    for column, field in zip([left, right, left, right], SOURCE_FIELDS):
        with column:
            missing = t(lang, f"review_no_title_{field[-2:]}") if field.startswith("title_") else None
            row[field] = _text(lang, t(lang, f"review_field_{field}"), f"rv_src_{field}", row[field], missing)
    names = {c: t(lang, f"language_{c}") for c in LANGS}
    row["original_language"] = _select(
        lang, t(lang, "review_field_original_language"), LANGS, "rv_src_original", names, row["original_language"]
    )
    st.caption(plain(t(lang, "review_language", language=names[row["language"]], name=upload_name)))
    row["_place"] = st.empty()  # what the document's own row still needs, once every field is read
    return row


def _candidate(ctx, table, index, row, paragraphs, sessions, candidates):
    """One candidate: its paragraph on the left, the decision and its fields on the right."""
    lang, key = ctx.lang, f"rv_{table}_{re.sub('[^A-Za-z0-9_-]', '-', row[review.ID_COLUMN[table]])}"
    left, right = st.columns([2, 3])
    with left:
        st.caption(
            plain(t(lang, "review_paragraph", paragraph=row["source_paragraph"], id=row[review.ID_COLUMN[table]]))
        )
        st.code(paragraphs.get(row["source_paragraph"], ""), language=None, wrap_lines=True)
        st.caption(plain(t(lang, "review_quote", quote=row["quote"])))
    decision = {"_matches": None}
    with right:
        decision["_matches"] = st.empty()  # filled once every field is read: what the record holds
        decision["accept"] = (
            _decision(lang, f"{key}_decision", review.default_accept(table, row, candidates)) == "accept"
        )
        if not decision["accept"]:
            return decision  # rejected: its fields are not asked for
        labels = ctx.labels
        for field in {"items": ITEM_FIELDS, "sessions": SESSION_FIELDS, "documents": DOCUMENT_FIELDS}[table]:
            k, label = f"{key}_{field}", t(lang, f"review_field_{field}")
            if field in ("kind", "heading", "body"):
                decision[field] = _select(lang, label, list(labels[field]), k, labels[field], row[field])
            elif field == "heading_basis":
                decision[field] = _select(
                    lang, label, list(BASES), k, {b: t(lang, f"edit_basis_{b}") for b in BASES}, row[field]
                )
            elif field == "session_id":
                decision[field] = _select(lang, label, list(sessions), k, sessions, review.default_session(candidates))
            else:
                missing = t(lang, f"review_no_title_{field[-2:]}") if field.startswith("title_") else None
                decision[field] = _text(lang, label, k, row[field], missing)
        if table == "items":
            default = review.default_session(candidates)
            decision["session_id"] = _select(
                lang, t(lang, "review_field_link_session"), list(sessions), f"{key}_session", sessions, default
            )
            decision["status"] = _select(
                lang, t(lang, "status"), list(labels["status"]), f"{key}_status", labels["status"]
            )
    return decision


def review_tab(form: Form) -> None:
    """The "Read a document" tab: upload, review, save as one change."""
    ctx, data_dir, lang = form.ctx, form.data_dir, form.lang
    st.caption(t(lang, "review_help"))
    left, right = st.columns([3, 1])
    types = ["pdf", "docx", "txt"]
    upload = left.file_uploader(t(lang, "review_file"), type=types, key="review_file", help=upload_help(lang, types))
    source_id = right.text_input(
        t(lang, "edit_new_source_id"), key="review_source_id", help=t(lang, "edit_ingest_source_id_help")
    ).strip()
    if upload is None or not source_id:
        return
    try:
        candidates, text = review.read_upload(upload.name, upload.getvalue(), source_id=source_id)
    except (DataError, UsageError) as err:
        st.error(plain(str(err)), icon=":material/block:")
        return
    source = _source(lang, upload.name, candidates)
    source_problems = source.pop("_place")
    current = Current(data_dir)
    sessions = dict(ctx.labels["session"])
    sessions.update(
        {s: t(lang, "punct_paren", text=s, inner=t(lang, "review_new")) for s in candidates.sessions.session_id}
    )
    paragraphs = dict(zip(candidates.paragraphs.label, candidates.paragraphs.text))
    decisions = {}
    for table in ("sessions", "documents", "items"):
        frame = getattr(candidates, table).fillna("")
        st.subheader(t(lang, f"review_{table}", count=len(frame)))
        for index, row in enumerate(frame.to_dict("records")):
            with st.container(border=True):
                decision = _candidate(ctx, table, index, row, paragraphs, sessions, candidates)
                decisions[(table, row[review.ID_COLUMN[table]])] = decision
                placeholder = st.empty()
            decision["_place"] = (placeholder, f"{table}.csv", index + 2)
    proposal = review.proposal_from_review(candidates, text, source, decisions)
    accepted_all = {key: {**decision, "accept": True} for key, decision in decisions.items()}
    found = review.matches(review.proposal_from_review(candidates, text, source, accepted_all), current)
    try:
        resolved = review.assign_ids(proposal, current)
        problems = review.problems(resolved, source["language"])
    except (DataError, UsageError) as err:
        st.error(plain(str(err)), icon=":material/block:")
        return
    for (table, _), decision in decisions.items():
        placeholder, file, line = decision.pop("_place")
        with decision.pop("_matches").container():
            _matches(lang, found, table, line - 2)
        with placeholder.container():
            _problems(lang, problems, file, line)
            if file == "items.csv":
                _problems(lang, problems, "links.csv", line)
    with source_problems.container():
        _problems(lang, problems, "sources.csv", 2)
    if warning := review.other_language_lines(proposal, current, lang):
        st.warning(plain("\n\n".join(warning)), icon=":material/translate:")
    counts = {table: len(resolved.rows[table]) for table in review.ORDER}
    st.markdown(plain(t(lang, "review_summary", missing=len(problems), **counts)))
    if st.button(
        t(lang, "review_save"), key="review_save", type="primary", icon=":material/save:", disabled=bool(problems)
    ):
        form.attempt(review.plan_merge(proposal))
