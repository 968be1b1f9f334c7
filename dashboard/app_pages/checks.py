"""Checks: what the record still lacks (the validation report `gaptrack check` prints)."""

from __future__ import annotations

import streamlit as st

from dashboard import checks_view
from dashboard.columns import WRAP_ROWS
from dashboard.context import current
from dashboard.ready import draw
from dashboard.ui import plain, scope_caption
from transforms.presentation.i18n import t
from transforms.reports.check import DEFAULT_WAITED, WAITED_RANGE

ctx = current()
lang = ctx.lang
st.title(t(lang, "check_title"))
scope_caption(ctx, "checks")
st.caption(t(lang, "check_valid"))
low, high = WAITED_RANGE
waited = st.number_input(
    t(lang, "check_waited"), min_value=low, max_value=high, value=DEFAULT_WAITED, key="check_waited"
)
# The box keeps a number out of range (outlined in red) and the page the last one accepted: say which.
st.caption(t(lang, "check_waited_range", low=low, high=high, waited=int(waited)))
for check in checks_view.shown(ctx.db, ctx.view.filters.as_of, lang, int(waited)):
    st.header(plain(check.title), anchor=check.name)
    st.caption(check.help)
    if check.table is None and check.reason:  # none of its items on the record then: the Overview's sentence
        st.info(plain(check.reason), icon=":material/info:")
        continue
    if check.table is None:
        st.success(t(lang, "check_nothing"), icon=":material/check:")
        continue
    draw(check.table, key=f"check_{check.name}", row_height=WRAP_ROWS)
