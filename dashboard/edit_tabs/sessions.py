"""The Edit tabs for sessions: add a session, and fix a recorded session's fields."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from transforms.editing import edit
from transforms.presentation.i18n import t
from transforms.record.schema import LANGS

from .form import Form


def session_tab(form: Form) -> None:
    """Add a session (body, number, titles, dates, venue, evidence)."""
    ctx, lang = form.ctx, form.lang
    st.caption(t(lang, "edit_session_help"))
    choose = t(lang, "choose_placeholder")
    with st.form("session_form", enter_to_submit=False):  # no English "Press Enter to submit form" hint
        left, middle, right = st.columns(3)
        session_id = left.text_input(t(lang, "edit_new_session_id"), help=t(lang, "edit_id_help"))
        body = middle.selectbox(
            t(lang, "edit_body"), list(ctx.labels["body"]), format_func=ctx.labels["body"].get, placeholder=choose
        )
        number = right.number_input(t(lang, "edit_number"), min_value=1, step=1)
        title_en, title_zh = (st.text_input(t(lang, f"edit_title_{code}")) for code in LANGS)
        left, right = st.columns(2)
        start = left.date_input(t(lang, "edit_start"), value=None, min_value=dt.date(1990, 1, 1))
        end = right.date_input(t(lang, "edit_end"), value=None, min_value=dt.date(1990, 1, 1))
        left, right = st.columns(2)  # a row of its own, so a narrow screen keeps the pairs together
        venue_en = left.text_input(t(lang, "edit_venue_en"))
        venue_zh = right.text_input(t(lang, "edit_venue_zh"))
        fields = form.evidence("session")
        notes = form.notes()
        submitted = st.form_submit_button(t(lang, "edit_add_session"), type="primary", icon=":material/event:")
    if submitted:
        day = lambda d: "" if d is None else d.isoformat()  # noqa: E731
        values = dict(
            session_id=session_id.strip(), body=body, number=str(number), title_en=title_en, title_zh=title_zh
        )
        values.update(start_date=day(start), end_date=day(end), venue_en=venue_en, venue_zh=venue_zh, **notes)
        form.attempt(edit.add_session({**values, **fields}))


SESSION_FIELDS = ("title_en", "title_zh", "start_date", "end_date", "venue_en", "venue_zh", "note", "note_zh")


def prefill_session(sessions: pd.DataFrame) -> None:
    """Choosing a session fills the form with its fields as recorded."""
    row = sessions[sessions.session_id == st.session_state.get("fix_session")]
    for field in SESSION_FIELDS:
        st.session_state[f"fix_session_{field}"] = row[field].iloc[0] if len(row) else ""


def fix_session_tab(form: Form) -> None:
    """Fix a recorded session's titles, dates, venue or note."""
    lang = form.lang
    st.caption(t(lang, "edit_fix_session_help"))
    sessions = form.rows("sessions")
    names = dict(zip(sessions.session_id, sessions[f"title_{lang}"]))
    if "fix_session" not in st.session_state or st.session_state["fix_session"] not in names:
        st.session_state["fix_session"] = sessions.session_id.iloc[-1]
        prefill_session(sessions)
    session = form.choice(
        t(lang, "edit_session"),
        list(sessions.session_id),
        "fix_session",
        names,
        on_change=prefill_session,
        args=(sessions,),
    )
    values = {}
    for left_field, right_field in zip(SESSION_FIELDS[0::2], SESSION_FIELDS[1::2]):
        left, right = st.columns(2)
        values[left_field] = left.text_input(t(lang, f"edit_{left_field}"), key=f"fix_session_{left_field}")
        values[right_field] = right.text_input(t(lang, f"edit_{right_field}"), key=f"fix_session_{right_field}")
    st.caption(t(lang, "edit_dates_help"))
    if st.button(t(lang, "edit_save"), key="fix_session_save", type="primary", icon=":material/save:"):
        fields = {k: v.strip() for k, v in values.items()}
        form.attempt(edit.set_fields("sessions", (session,), fields))
