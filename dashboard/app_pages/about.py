"""Method and about: where the data comes from, how status rolls up, what version is shown."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.context import current
from dashboard.ui import command, day, not_applied_note, plain, table
from transforms.presentation.i18n import date_text, moment_text, t

ctx = current()
lang = ctx.lang
st.title(t(lang, "about_title"))
st.markdown(t(lang, "about_intro"))
not_applied_note(ctx, "about")

st.header(t(lang, "about_sources"))
sources = data.lookup("source_list", ctx.db, lang)
for row in sources.itertuples():
    issued = day(row.issued_date, lang) if pd.isna(row.issued_date) else date_text(lang, row.issued_date)
    line = t(
        lang,
        "source_line",
        title=row.title,
        issued=t(lang, "issued"),
        date=issued,
        language=t(lang, "language_" + row.language),
        original=t(lang, "original"),
        original_language=t(lang, "language_" + row.original_language),
    )
    st.markdown(plain(line))
    if row.note:
        st.caption(plain(t(lang, "data_note", note=row.note)))  # in the page's language (note, note_zh)
st.markdown(t(lang, "about_provenance"))

st.header(t(lang, "about_status"))
table(
    data.lookup("status_meanings", ctx.db, lang),
    {"label": t(lang, "status"), "meaning": t(lang, "meaning")},
    key="status_table",
)
st.markdown(t(lang, "about_rollup"))
examples = data.worked_examples(ctx.db, lang)


def on_the_record(rule: str) -> None:
    """The rule's worked examples, computed from the record by the shared queries."""
    for sentence in examples.get(rule, []):
        # bold, not italic: Chinese is not set in italics
        st.markdown(t(lang, "punct_label", label=f"**{plain(t(lang, 'method_example'))}**", value=plain(sentence)))


on_the_record("rollup")
st.header(t(lang, "method_questions"))
st.markdown(t(lang, "method_questions_text"))
on_the_record("questions")

st.header(t(lang, "about_headings"))
st.markdown(t(lang, "about_headings_text"))
on_the_record("headings")

st.header(t(lang, "method_plan"))
st.markdown(t(lang, "method_plan_text"))
on_the_record("plan")

st.header(t(lang, "about_version"))
info = data.record_info(ctx.file)
st.markdown(
    plain(
        t(
            lang,
            "version_line",
            version=info["data_version"],
            built=moment_text(lang, info["built_at"]),
            items=info["items"],
            links=info["links"],
            sessions=info["sessions"],
            documents=info["documents"],
        )
    )
)
st.markdown(t(lang, "about_cli"))
command(
    "gaptrack build\ngaptrack summary --heading protection\n"
    "gaptrack export items --status pending --lang zh --out pending.csv"
)
