"""Plan view: every Plan requirement the record holds, under its heading, with its own status and
the items that address it (data/addresses.csv), theirs, and whether it has been taken up."""

from __future__ import annotations

import streamlit as st

from dashboard.columns import WRAP_ROWS
from dashboard.context import current
from dashboard.plan_page_view import plan_page_view
from dashboard.ready import draw
from dashboard.ui import download, scope_caption
from transforms.presentation.i18n import t

ctx = current()
lang, f = ctx.lang, ctx.view.filters
view = plan_page_view(ctx.db, f)
st.title(t(lang, "plan_title"))
st.markdown(t(lang, "plan_intro"))
scope_caption(ctx, "plan")
st.caption(t(lang, "plan_filters_note"))
if not f.curated:
    st.info(t(lang, "plan_curated_hidden"), icon=":material/visibility_off:")
st.markdown(view.sentence)
download(ctx, "plan", "download_plan", view.relations_count)
for requirements in view.headings:
    st.header(requirements.label, anchor=f"plan-{requirements.heading}")
    with st.container(key=f"plan_table_{requirements.heading}"):
        st.table(requirements.table, hide_index=True)
if view.relations is not None:
    with st.expander(t(lang, "plan_relations")):
        draw(view.relations, key="plan_relations", row_height=WRAP_ROWS)
        if view.reasons:  # a grid cell cuts a long reason; here it reads in full
            st.markdown(f"**{t(lang, 'plan_reasons_in_full')}**")
            for reason in view.reasons:
                st.markdown(reason)
