"""What the Sessions page says in words about the sessions and meetings on the record: which are
dated on the time line, what they recorded together, and where each heading was addressed. Each
sentence is made from the frame of the shared query it describes (sql/session_list.sql,
sql/session_outcomes.sql, sql/heading_session_grid.sql), so its figures are the table's and the
chart's."""

from __future__ import annotations

import pandas as pd

from ..presentation.i18n import t


def undated_sessions(sessions: pd.DataFrame) -> list[str]:
    """Titles of the sessions (session_list rows) the source gives no start date for, in order."""
    start = sessions["start_date"]
    missing = start.isna() | (start.astype(str).str.strip() == "")
    return sessions.loc[missing, "title"].astype(str).tolist()


def timeline_chart_sentence(lang: str, sessions: pd.DataFrame) -> str:
    """How many sessions (session_list rows) are dated and drawn on the time line, and which the
    source gives no date for ("–" when none), in lang."""
    undated = undated_sessions(sessions)
    return t(
        lang,
        "timeline_chart_sentence",
        dated=len(sessions) - len(undated),
        undated=t(lang, "list_separator").join(undated) or "–",
    )


def outcomes_sentence(lang: str, outcomes: pd.DataFrame) -> str:
    """How many sessions (session_outcomes rows) and what they recorded together: links done,
    pending and proposed, in lang."""
    return t(
        lang,
        "outcomes_sentence",
        sessions=len(outcomes),
        done=int(outcomes["done"].sum()),
        pending=int(outcomes["pending"].sum()),
        proposed=int(outcomes["proposed"].sum()),
    )


def grid_sentence(lang: str, grid: pd.DataFrame) -> str:
    """Where items were recorded (heading_session_grid rows with a total above 0): how many
    headings, sessions and heading-session pairs, in lang."""
    addressed = grid[grid["total"] > 0]
    return t(
        lang,
        "grid_sentence",
        cells=len(addressed),
        headings=addressed["heading"].nunique(),
        sessions=addressed["session_id"].nunique(),
    )
