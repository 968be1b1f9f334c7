"""Checks: what the record still lacks (the validation report `gaptrack check` prints)."""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.columns import WRAP_ROWS, dates_in_words, sentence_column
from dashboard.context import current
from dashboard.ui import plain, scope_caption
from transforms.presentation.i18n import t
from transforms.reports.check import CHECKS, DEFAULT_WAITED

ctx = current()
lang = ctx.lang
st.title(t(lang, "check_title"))
scope_caption(ctx, "checks")
st.caption(t(lang, "check_valid"))
waited = st.number_input(t(lang, "check_waited"), min_value=0, max_value=99, value=DEFAULT_WAITED, key="check_waited")
# columns holding keys shown by their labels (a session by its name)
LABELLED = {"kind": "kind", "status": "status", "first_proposed_at": "session"}

for check in CHECKS:
    found = data.check_rows(check.name, ctx.db, ctx.view.filters.as_of, lang, int(waited))
    st.header(plain(f"{check.title(lang, int(waited))} · {len(found)}"), anchor=check.name)
    st.caption(check.help(lang))
    if found.empty:
        st.success(t(lang, "check_nothing"), icon=":material/check:")
        continue
    shown = found.copy()
    for column, field in LABELLED.items():
        if column in shown:
            shown[column] = shown[column].map(lambda key, f=field: ctx.labels[f].get(key, key))
    headers = {c: t(lang, f"check_column_{c}") for c in shown.columns}
    if "start_date" in shown:  # a date, written as the page's language writes dates
        shown = dates_in_words(shown, lang, ("start_date",))
    if "title" in shown:
        headers["title"] = sentence_column(headers["title"])
    st.dataframe(
        shown, hide_index=True, width="stretch", column_config=headers, key=f"check_{check.name}", row_height=WRAP_ROWS
    )
