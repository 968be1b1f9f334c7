"""Edit: record a session and its outcomes, add items and sources, fix titles, undo, and read
a new document into candidate rows. Shown only when editing is enabled; every save goes
through transforms (the build's validation, the lock, the audit log) exactly as the CLI's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import data, editing
from dashboard.context import current
from dashboard.ui import plain
from transforms import edit
from transforms.build import build
from transforms.csvio import decode_utf8
from transforms.errors import DataError, UsageError, message_of
from transforms.i18n import t
from transforms.ingest import candidates_csv, read_document
from transforms.paths import default_data_dir
from transforms.saving import EditRefused, read_log, save
from transforms.schema import BASES, LANGS

ctx = current()
lang = ctx.lang
DATA_DIR = default_data_dir()
NONE = ""  # the "no value" choice of an optional select box


def rows(table: str, version: str) -> pd.DataFrame:
    return data.data_rows(table, str(DATA_DIR), version)


def attempt(plan, editor: str, seen: str) -> None:
    """Save the plan against the version the editor saw; say what happened either way."""
    try:
        saved = save(DATA_DIR, Path(ctx.db[0]), plan, editor, base_version=seen)
    except EditRefused as err:
        st.error(plain(err.message(lang)), icon=":material/block:")
        return
    except (DataError, UsageError) as err:
        st.error(plain(t(lang, "edit_invalid", message=message_of(err, lang))), icon=":material/block:")
        return
    st.session_state["edit_flash"] = t(lang, "edit_saved", entry=saved.entry, summary=saved.summary)
    st.rerun()


def choice(label: str, options: list[str], key: str, names: dict[str, str] | None = None, optional=False, **kw):
    """A select box over keys, shown with their names; an optional one starts empty."""
    names = names or {}
    choices = [NONE, *options] if optional else options
    shown = lambda k: t(lang, "edit_none") if k == NONE else (f"{k} — {names[k]}" if k in names else k)  # noqa: E731
    return st.selectbox(label, choices, key=key, format_func=shown, **kw)


def evidence(prefix: str, version: str) -> dict[str, str]:
    """Source, paragraph and exact Chinese quote: where the record can check the claim."""
    sources = rows("sources", version)
    names = dict(zip(sources.source_id, sources[f"title_{lang}"]))
    source = choice(t(lang, "edit_source"), list(sources.source_id), f"{prefix}_source", names)
    left, right = st.columns([1, 3])
    paragraph = left.text_input(
        t(lang, "edit_paragraph"), key=f"{prefix}_paragraph", help=t(lang, "edit_paragraph_help")
    )
    quote = right.text_area(t(lang, "edit_quote"), key=f"{prefix}_quote", help=t(lang, "edit_quote_help"), height=80)
    return dict(source_id=source, source_paragraph=paragraph.strip(), quote_zh=quote.strip())


def prefill_link(links: pd.DataFrame) -> None:
    """Choosing an item and a session shows the link already recorded there, if any."""
    s = st.session_state
    found = links[(links.item_id == s.get("link_item")) & (links.session_id == s.get("link_session"))]
    row = found.iloc[0].to_dict() if len(found) else {}
    s["link_status"] = row.get("status") or None
    s["link_document"] = row.get("document_id", NONE)
    s["link_source"] = row.get("source_id") or s.get("link_source")
    s["link_paragraph"], s["link_quote"], s["link_note"] = (
        row.get(k, "") for k in ("source_paragraph", "quote_zh", "note")
    )


def link_tab(editor: str, seen: str) -> None:
    st.caption(t(lang, "edit_link_help"))
    items, links, documents = rows("items", seen), rows("links", seen), rows("documents", seen)
    sessions = ctx.labels["session"]
    item_names = dict(zip(items.item_id, items[f"title_{lang}"]))
    left, right = st.columns(2)
    with left:
        item = choice(
            t(lang, "edit_item"), list(items.item_id), "link_item", item_names, on_change=prefill_link, args=(links,)
        )
    with right:
        session = choice(
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
    document = choice(t(lang, "edit_document"), list(documents.document_id), "link_document", cited, optional=True)
    fields = evidence("link", seen)
    note = st.text_input(t(lang, "edit_note"), key="link_note")
    if st.button(t(lang, "edit_save"), key="link_save", type="primary", icon=":material/save:"):
        values = dict(item_id=item, session_id=session, status=status or "", document_id=document, note=note.strip())
        attempt(edit.set_link({**values, **fields}), editor, seen)


def session_tab(editor: str, seen: str) -> None:
    st.caption(t(lang, "edit_session_help"))
    with st.form("session_form"):
        left, middle, right = st.columns(3)
        session_id = left.text_input("session_id", help=t(lang, "edit_id_help"))
        body = middle.selectbox(t(lang, "edit_body"), list(ctx.labels["body"]), format_func=ctx.labels["body"].get)
        number = right.number_input(t(lang, "edit_number"), min_value=1, step=1)
        title_en, title_zh = (st.text_input(t(lang, f"edit_title_{code}")) for code in LANGS)
        left, right = st.columns(2)
        start = left.date_input(t(lang, "edit_start"), value=None, min_value=dt.date(1990, 1, 1))
        end = right.date_input(t(lang, "edit_end"), value=None, min_value=dt.date(1990, 1, 1))
        left, right = st.columns(2)  # a row of its own, so a narrow screen keeps the pairs together
        venue_en = left.text_input(t(lang, "edit_venue_en"))
        venue_zh = right.text_input(t(lang, "edit_venue_zh"))
        fields = evidence("session", seen)
        note = st.text_input(t(lang, "edit_note"))
        submitted = st.form_submit_button(t(lang, "edit_add_session"), type="primary", icon=":material/event:")
    if submitted:
        day = lambda d: "" if d is None else d.isoformat()  # noqa: E731
        values = dict(
            session_id=session_id.strip(), body=body, number=str(number), title_en=title_en, title_zh=title_zh
        )
        values.update(start_date=day(start), end_date=day(end), venue_en=venue_en, venue_zh=venue_zh, note=note)
        attempt(edit.add_session({**values, **fields}), editor, seen)


SESSION_FIELDS = ("title_en", "title_zh", "start_date", "end_date", "venue_en", "venue_zh", "note")


def prefill_session(sessions: pd.DataFrame) -> None:
    """Choosing a session fills the form with its fields as recorded."""
    row = sessions[sessions.session_id == st.session_state.get("fix_session")]
    for field in SESSION_FIELDS:
        st.session_state[f"fix_session_{field}"] = row[field].iloc[0] if len(row) else ""


def fix_session_tab(editor: str, seen: str) -> None:
    st.caption(t(lang, "edit_fix_session_help"))
    sessions = rows("sessions", seen)
    names = dict(zip(sessions.session_id, sessions[f"title_{lang}"]))
    if "fix_session" not in st.session_state or st.session_state["fix_session"] not in names:
        st.session_state["fix_session"] = sessions.session_id.iloc[-1]
        prefill_session(sessions)
    session = choice(
        t(lang, "edit_session"),
        list(sessions.session_id),
        "fix_session",
        names,
        on_change=prefill_session,
        args=(sessions,),
    )
    values = {}
    for left_field, right_field in zip(SESSION_FIELDS[:-1:2], SESSION_FIELDS[1::2]):
        left, right = st.columns(2)
        values[left_field] = left.text_input(t(lang, f"edit_{left_field}"), key=f"fix_session_{left_field}")
        values[right_field] = right.text_input(t(lang, f"edit_{right_field}"), key=f"fix_session_{right_field}")
    values["note"] = st.text_input(t(lang, "edit_note"), key="fix_session_note")
    st.caption(t(lang, "edit_dates_help"))
    if st.button(t(lang, "edit_save"), key="fix_session_save", type="primary", icon=":material/save:"):
        fields = {k: v.strip() for k, v in values.items()}
        attempt(edit.set_fields("sessions", (session,), fields), editor, seen)


def item_tab(editor: str, seen: str) -> None:
    st.caption(t(lang, "edit_item_help"))
    with st.form("item_form"):
        left, middle, right = st.columns(3)
        item_id = left.text_input("item_id", help=t(lang, "edit_id_help"))
        kind = middle.selectbox(t(lang, "kind"), list(ctx.labels["kind"]), format_func=ctx.labels["kind"].get)
        plan_paragraph = right.text_input(t(lang, "edit_plan_paragraph"), help=t(lang, "edit_plan_paragraph_help"))
        left, right = st.columns(2)
        heading = left.selectbox(t(lang, "heading"), list(ctx.labels["heading"]), format_func=ctx.labels["heading"].get)
        basis = right.selectbox(t(lang, "edit_heading_basis"), BASES, format_func=lambda b: t(lang, f"edit_basis_{b}"))
        rationale = st.text_input(t(lang, "edit_heading_rationale"), help=t(lang, "edit_heading_rationale_help"))
        title_en, title_zh = (st.text_input(t(lang, f"edit_title_{code}")) for code in LANGS)
        fields = evidence("item", seen)
        note = st.text_input(t(lang, "edit_note"))
        submitted = st.form_submit_button(t(lang, "edit_add_item"), type="primary", icon=":material/add:")
    if submitted:
        values = dict(item_id=item_id.strip(), kind=kind, heading=heading, heading_basis=basis)
        values.update(heading_rationale=rationale, plan_paragraph=plan_paragraph.strip(), note=note)
        attempt(edit.add_item({**values, "title_en": title_en, "title_zh": title_zh, **fields}), editor, seen)


def document_tab(editor: str, seen: str) -> None:
    st.caption(t(lang, "edit_document_help"))
    with st.form("document_form"):
        left, middle, right = st.columns(3)
        document_id = left.text_input("document_id", help=t(lang, "edit_id_help"))
        symbol = middle.text_input(t(lang, "edit_symbol"), help=t(lang, "edit_symbol_help"))
        session = right.selectbox(
            t(lang, "edit_session"), list(ctx.labels["session"]), format_func=ctx.labels["session"].get
        )
        cited_en, cited_zh = (st.text_input(t(lang, f"edit_cited_for_{code}")) for code in LANGS)
        fields = evidence("document", seen)
        cited_in = st.text_input(t(lang, "edit_cited_in"), help=t(lang, "edit_cited_in_help"))
        note = st.text_input(t(lang, "edit_note"))
        submitted = st.form_submit_button(t(lang, "edit_add_document"), type="primary", icon=":material/description:")
    if submitted:
        values = dict(document_id=document_id.strip(), symbol=symbol.strip(), session_id=session)
        values.update(cited_for_en=cited_en, cited_for_zh=cited_zh, cited_in_paragraph=cited_in.strip(), note=note)
        attempt(edit.add_document({**values, **fields}), editor, seen)


def titles_tab(editor: str, seen: str) -> None:
    st.caption(t(lang, "edit_titles_help"))
    items = rows("items", seen)[["item_id", "title_en", "title_zh"]]
    edited = st.data_editor(
        items,
        key=f"titles_{seen}",
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
        attempt(edit.set_titles(titles), editor, seen)


def source_tab(editor: str, seen: str) -> None:
    st.caption(t(lang, "edit_source_help"))
    with st.form("source_form"):
        upload = st.file_uploader(t(lang, "edit_source_file"), type=["txt"])
        left, right = st.columns(2)
        source_id = left.text_input("source_id", help=t(lang, "edit_id_help"))
        symbol = right.text_input(t(lang, "edit_symbol"))
        title_en, title_zh = (st.text_input(t(lang, f"edit_title_{code}")) for code in LANGS)
        left, right = st.columns(2)
        language = left.selectbox(t(lang, "edit_language"), LANGS, format_func=lambda c: t(lang, f"language_{c}"))
        original = right.selectbox(t(lang, "edit_original"), LANGS, format_func=lambda c: t(lang, f"language_{c}"))
        left, right = st.columns(2)
        issued = left.date_input(t(lang, "edit_issued"), value=None, min_value=dt.date(1990, 1, 1))
        agenda = right.text_input(t(lang, "edit_agenda_item"))
        note = st.text_input(t(lang, "edit_note"))
        submitted = st.form_submit_button(t(lang, "edit_add_source"), type="primary", icon=":material/upload_file:")
    if submitted and upload is None:
        st.error(t(lang, "edit_source_missing"))
    elif submitted:
        values = dict(source_id=source_id.strip(), symbol=symbol.strip(), title_en=title_en, title_zh=title_zh)
        values.update(language=language, original_language=original, agenda_item=agenda.strip(), note=note)
        values["issued_date"] = "" if issued is None else issued.isoformat()
        attempt(edit.add_source(values, upload.getvalue()), editor, seen)


def ingest_tab(editor: str, seen: str) -> None:
    """Read a document into candidate rows for review: shown and offered as CSV, never saved."""
    st.caption(t(lang, "edit_ingest_help"))
    left, right = st.columns([3, 1])
    upload = left.file_uploader(t(lang, "edit_source_file"), type=["txt"], key="ingest_file")
    source_id = right.text_input("source_id", key="ingest_source_id", help=t(lang, "edit_ingest_source_id_help"))
    if upload is None or not source_id.strip():
        return
    try:
        text = decode_utf8(upload.getvalue(), upload.name)
        candidates = read_document(text, source_id.strip(), name=upload.name)
    except (DataError, UsageError) as err:
        st.error(plain(message_of(err, lang)), icon=":material/block:")
        return
    counts = candidates.counts()
    st.markdown(plain(t(lang, "edit_ingest_found", **counts)))
    files = candidates_csv(candidates)
    for column, (name, payload) in zip(st.columns(len(files)), files.items()):
        column.download_button(
            name, payload, file_name=name, mime="text/csv", icon=":material/download:", on_click="ignore"
        )
    for name in ("items", "documents", "sessions", "paragraphs"):
        with st.expander(f"{name}.csv · {counts[name]}"):
            st.dataframe(getattr(candidates, name), hide_index=True, width="stretch", key=f"ingest_{name}")


def history_tab(editor: str, seen: str) -> None:
    log = pd.DataFrame(read_log(DATA_DIR))
    last = edit.last_undoable(DATA_DIR)
    if last is None:
        st.caption(t(lang, "edit_nothing_to_undo"))
    else:
        st.markdown(
            plain(t(lang, "edit_undo_next", entry=last["entry"], summary=last["summary"], editor=last["editor"]))
        )
        if st.button(t(lang, "edit_undo"), icon=":material/undo:"):
            attempt(edit.undo(), editor, seen)
    if log.empty:
        return
    shown = log.iloc[::-1][["entry", "at", "editor", "summary", "reverts", "version_after"]]
    headers = {c: t(lang, f"edit_log_{c}") for c in shown.columns}
    st.dataframe(shown, hide_index=True, width="stretch", column_config=headers, key="audit_log_table")


def stale_files_warning(seen: str) -> bool:
    """True (and a way out) when the files changed since the database was built."""
    if data.files_version(str(DATA_DIR)) == seen:
        return False
    st.warning(t(lang, "edit_files_changed"))
    if st.button(t(lang, "edit_rebuild"), icon=":material/refresh:"):
        try:
            build(DATA_DIR, Path(ctx.db[0]))
        except DataError as err:
            st.error(plain(message_of(err, lang)))
            return True
        st.rerun()
    return True


st.title(t(lang, "page_edit"))
editor = editing.signed_in(lang)
if editor is None:
    st.stop()
# The version this editor last saw: a save is checked against it, so a change someone else
# saved since (which the rerun of a click would otherwise quietly show) refuses the save.
current = data.record_info(ctx.db)["data_version"]
flash = st.session_state.pop("edit_flash", None)
seen = current if flash else st.session_state.get("edit_seen", current)
st.session_state["edit_seen"] = current
top = st.columns([4, 1])
top[0].caption(plain(t(lang, "edit_signed_in", editor=editor, version=current)))
if top[1].button(t(lang, "edit_sign_out"), icon=":material/logout:"):
    editing.sign_out()
    st.rerun()
if flash:
    st.success(plain(flash), icon=":material/check_circle:")
elif seen != current:
    st.info(plain(t(lang, "edit_record_moved", seen=seen, now=current)), icon=":material/update:")
if stale_files_warning(current):
    st.stop()
TABS = {
    "link": link_tab,
    "session": session_tab,
    "fix_session": fix_session_tab,
    "item": item_tab,
    "document": document_tab,
    "titles": titles_tab,
    "source": source_tab,
    "ingest": ingest_tab,
    "history": history_tab,
}
for draw, tab in zip(TABS.values(), st.tabs([t(lang, f"edit_tab_{name}") for name in TABS])):
    with tab:
        draw(editor, seen)
