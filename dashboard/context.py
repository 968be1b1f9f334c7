"""What app.py hands to the page it runs: what the database holds, the view, the labels and the file."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from .data import FileIdentity, Identity
from .state import View


@dataclass(frozen=True)
class Context:
    db: Identity  # what the database holds: the key of the data caches (dashboard/data.py)
    view: View
    labels: dict[str, dict[str, str]]
    file: FileIdentity  # the database file itself (its build time, its path for a rebuild)
    # a browser session's first run of a page that may stop after its first chart (first_paint.hold)
    may_hold: bool = False

    @property
    def lang(self) -> str:
        return self.view.lang


def current() -> Context:
    return st.session_state["context"]
