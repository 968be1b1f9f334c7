"""Checks: what the record still lacks (the validation report `gaptrack check` prints)."""

from __future__ import annotations

import streamlit as st

from dashboard import checks_view
from dashboard.columns import WRAP_ROWS
from dashboard.context import current
from dashboard.ui import plain, scope_caption
from transforms.presentation.i18n import t
from transforms.reports.check import DEFAULT_WAITED

ctx = current()
lang = ctx.lang
st.title(t(lang, "check_title"))
scope_caption(ctx, "checks")
st.caption(t(lang, "check_valid"))
waited = st.number_input(t(lang, "check_waited"), min_value=0, max_value=99, value=DEFAULT_WAITED, key="check_waited")
for check in checks_view.shown(ctx.db, ctx.view.filters.as_of, lang, int(waited)):
    st.header(plain(check.title), anchor=check.name)
    st.caption(check.help)
    if check.rows.empty:
        st.success(t(lang, "check_nothing"), icon=":material/check:")
        continue
    st.dataframe(
        check.rows,
        hide_index=True,
        width="stretch",
        column_config=check.columns,
        key=f"check_{check.name}",
        row_height=WRAP_ROWS,
    )
