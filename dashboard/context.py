"""What app.py hands to the page it runs: the database version, the view and the labels."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from .data import Identity
from .state import View


@dataclass(frozen=True)
class Context:
    db: Identity
    view: View
    labels: dict[str, dict[str, str]]

    @property
    def lang(self) -> str:
        return self.view.lang


def current() -> Context:
    return st.session_state["context"]
