"""Whether editing is on, and who is signed in to edit.

Editing is off unless turned on by GAPTRACK_EDITING=1 (or `editing = true` in Streamlit's
secrets), and it needs the editor passphrase from GAPTRACK_EDITOR_PASSPHRASE (or
`editor_passphrase` in the secrets). Neither is ever kept in the repository.
"""

from __future__ import annotations

import hmac
import os
import time

import streamlit as st

from transforms.editing.saving import check_editor
from transforms.presentation.i18n import t
from transforms.record.errors import EditRefused

SIGNED_IN = "editor_name"


def _no_secrets() -> bool:
    """Whether Streamlit holds no secrets and none of its secrets files exists (a few stat calls):
    then Streamlit would try to read the files again on every access to st.secrets, on every rerun."""
    if getattr(st.secrets, "_secrets", None) is not None:  # read already (or given, as AppTest does)
        return False
    return not any(os.path.exists(path) for path in st.get_option("secrets.files"))


def _setting(env: str, secret: str) -> str | None:
    if os.environ.get(env):
        return os.environ[env]
    if _no_secrets():
        return None
    try:
        value = st.secrets.get(secret)
    except Exception:  # no secrets file, or one Streamlit cannot parse: the setting is simply absent
        return None
    return None if value is None else str(value)


def enabled() -> bool:
    return (_setting("GAPTRACK_EDITING", "editing") or "").strip().lower() in ("1", "true", "yes", "on")


def passphrase() -> str | None:
    return _setting("GAPTRACK_EDITOR_PASSPHRASE", "editor_passphrase") or None


def signed_in(lang: str) -> str | None:
    """The signed-in editor's name; otherwise draw the sign-in form and return None."""
    if st.session_state.get(SIGNED_IN):
        return st.session_state[SIGNED_IN]
    expected = passphrase()
    if expected is None:
        st.warning(t(lang, "edit_no_passphrase"))
        return None
    with st.form("edit_sign_in", enter_to_submit=False):  # no English "Press Enter to submit form" hint
        name = st.text_input(t(lang, "edit_your_name"), help=t(lang, "edit_your_name_help"), max_chars=80)
        given = st.text_input(t(lang, "edit_passphrase"), type="password")
        submitted = st.form_submit_button(t(lang, "edit_sign_in"), icon=":material/lock_open:")
    if not submitted:
        return None
    try:
        name = check_editor(name)
    except EditRefused as err:
        st.error(err.message(lang))
        return None
    if not hmac.compare_digest(given.encode(), expected.encode()):
        time.sleep(1)  # slows down guessing
        st.error(t(lang, "edit_wrong_passphrase"))
        return None
    st.session_state[SIGNED_IN] = name
    st.rerun()


def sign_out() -> None:
    st.session_state.pop(SIGNED_IN, None)
