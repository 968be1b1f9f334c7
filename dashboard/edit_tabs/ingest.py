"""The Edit tab "Read a document": candidate rows from a document's text, offered as CSV, never saved."""

from __future__ import annotations

import streamlit as st

from dashboard.ui import plain, upload_help
from transforms.ingest import candidates_csv, read_upload
from transforms.presentation.i18n import number, t
from transforms.record.errors import DataError, UsageError, message_of

from .form import Form


def ingest_tab(form: Form) -> None:
    """Read a document into candidate rows for review: shown and offered as CSV, never saved."""
    lang = form.lang
    st.caption(t(lang, "edit_ingest_help"))
    left, right = st.columns([3, 1])
    types = ["txt", "pdf", "docx"]
    upload = left.file_uploader(
        t(lang, "edit_source_file"), type=types, key="ingest_file", help=upload_help(lang, types)
    )
    source_id = right.text_input(
        t(lang, "edit_new_source_id"), key="ingest_source_id", help=t(lang, "edit_ingest_source_id_help")
    )
    if upload is None:
        return
    try:
        candidates = read_upload(upload.name, upload.getvalue(), source_id=source_id.strip() or None)
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
    for name in ("items", "documents", "sessions", "sources", "paragraphs", "unplaced"):
        with st.expander(f"{name}.csv · {number(lang, counts[name])}"):
            rows = getattr(candidates, name)
            if len(rows):  # an empty grid says "empty" in English (dashboard.ready.draw)
                st.dataframe(rows, hide_index=True, width="stretch", key=f"ingest_{name}")
            else:
                st.caption(t(lang, "table_no_rows"))
