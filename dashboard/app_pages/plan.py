"""Plan view: every Plan requirement the record holds, under its heading, with its own status and
the items that address it (data/addresses.csv), theirs, and whether it has been taken up."""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.context import current
from dashboard.ui import download, plain, scope_caption, table
from transforms.database.plan import plan_sentence
from transforms.presentation.i18n import t


def requirements_table(lang: str, rows, heading: str) -> None:
    """A static table whose text wraps (no column hidden off-screen at any width): paragraph,
    requirement, whether items on the record address it (with the editors' mark), its own status,
    the items that address it (each marked: source or editors)."""
    columns = {
        "requirement_title": t(lang, "plan_column_requirement"),
        "verdict": t(lang, "plan_column_verdict"),
        "own_status": t(lang, "plan_column_own_status"),
        "addressed_by": t(lang, "plan_column_addressed_by"),
    }
    # the requirement with its Plan paragraph on a line of its own ("Plan paragraph 16"), as the
    # briefing gives it: a column of its own did not fit a phone
    titled = rows.assign(
        requirement_title=[
            f"{plain(t(lang, 'plan_paragraph', n=int(n)))}  \n{plain(title)}"
            for n, title in zip(rows.plan_paragraph, rows.requirement_title)
        ]
    )
    shown = titled[list(columns)].rename(columns=columns)
    shown[columns["verdict"]] = shown[columns["verdict"]].map(plain)  # st.table renders markdown: text stays text
    for name in ("own_status", "addressed_by"):
        shown[columns[name]] = shown[columns[name]].map(plain)
    with st.container(key=f"plan_table_{heading}"):
        st.table(shown, hide_index=True)


def relations_table(lang: str, relations) -> None:
    shown = relations[relations.item_id.notna()].copy()
    if shown.empty:
        return
    shown["basis"] = [t(lang, f"plan_basis_{b}") for b in shown.basis]
    with st.expander(t(lang, "plan_relations")):
        table(
            shown,
            {
                "plan_paragraph": t(lang, "plan_column_paragraph"),
                "item_id": t(lang, "plan_column_item"),
                "item_title": t(lang, "title"),
                "item_status_label": t(lang, "status"),
                "item_status_at": t(lang, "session"),
                "basis": t(lang, "plan_column_basis"),
                "rationale": t(lang, "plan_column_rationale"),
            },
            key="plan_relations",
        )


ctx = current()
lang, f = ctx.lang, ctx.view.filters
st.title(t(lang, "plan_title"))
st.markdown(t(lang, "plan_intro"))
scope_caption(ctx, "plan")
st.caption(t(lang, "plan_filters_note"))
if not f.curated:
    st.info(t(lang, "plan_curated_hidden"), icon=":material/visibility_off:")
summary = data.plan_summary(ctx.db, f)
relations = data.frame("plan_view", ctx.db, f)
st.markdown(plain(plan_sentence(lang, summary)))
download(ctx, "plan", "download_plan", len(relations))
for heading, rows in summary.groupby("heading", sort=False):
    st.header(plain(rows.heading_label.iloc[0]), anchor=f"plan-{heading}")
    requirements_table(lang, rows, heading)
relations_table(lang, relations)
