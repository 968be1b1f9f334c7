"""Overview: two questions, counted apart: how far the Working Group has taken up the Plan's
requirements, and what has become of its own recommendations and proposed topics."""

from __future__ import annotations

from functools import partial

import streamlit as st

from dashboard import data, question_view
from dashboard.context import current
from dashboard.ui import scope_caption
from transforms.database.coverage import QUESTIONS
from transforms.presentation.i18n import t
from transforms.reports.report import report_file_name


def briefing_download(ctx) -> None:
    """The printable briefing (the same file `gaptrack report` writes) for the current filters."""
    name = report_file_name(ctx.view.filters)
    st.download_button(
        t(ctx.lang, "download_briefing"),
        data.on_request(partial(data.briefing, ctx.db, ctx.view.filters), "text/html", name),  # made when clicked
        file_name=name,
        mime="text/html",
        icon=":material/print:",
        key="download_briefing",
        on_click="ignore",
        help=t(ctx.lang, "download_briefing_help"),
    )


ctx = current()
st.title(t(ctx.lang, "overview_title"))
st.markdown(t(ctx.lang, "overview_intro"))
scope_caption(ctx, "overview")
briefing_download(ctx)
for question in QUESTIONS:
    question_view.section(ctx, question)  # a browser's first run stops after the first chart (first_paint)
