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
    # plain Python over the column's values (a few dozen): the same titles as
    # sessions.loc[start.isna() | (start.astype(str).str.strip() == ""), "title"].astype(str)
    starts = sessions["start_date"].tolist()
    return [str(title) for title, start in zip(sessions["title"].tolist(), starts) if _blank(start)]


def _blank(value: object) -> bool:
    return bool(pd.isna(value)) or str(value).strip() == ""


def timeline_chart_sentence(lang: str, sessions: pd.DataFrame) -> str:
    """How many sessions (session_list rows) are dated and drawn on the time line, and which the
    source gives no date for ("–" when none), in lang."""
    undated = undated_sessions(sessions)
    return t(
        lang,
        "timeline_chart_sentence",
        dated=len(sessions) - len(undated),
        undated=t(lang, "name_separator").join(undated) or "–",
    )


def outcomes_sentence(lang: str, outcomes: pd.DataFrame) -> str:
    """How many sessions (session_outcomes rows) and what they recorded together: links done,
    pending and proposed, in lang."""
    return t(
        lang,
        "outcomes_sentence",
        sessions=len(outcomes),
        done=int(outcomes["done"].to_numpy().sum()),
        pending=int(outcomes["pending"].to_numpy().sum()),
        proposed=int(outcomes["proposed"].to_numpy().sum()),
    )


def grid_sentence(lang: str, grid: pd.DataFrame) -> str:
    """Where items were recorded (heading_session_grid rows with a total above 0): how many
    headings, sessions and heading-session pairs, in lang."""
    addressed = grid["total"].to_numpy() > 0  # numpy: the same counts as pandas' nunique, far less work
    return t(
        lang,
        "grid_sentence",
        cells=int(addressed.sum()),
        headings=_distinct(grid["heading"].to_numpy()[addressed]),
        sessions=_distinct(grid["session_id"].to_numpy()[addressed]),
    )


def _distinct(values) -> int:
    """How many distinct values, a missing one not counted (as pandas' nunique)."""
    return len({v for v in values.tolist() if not pd.isna(v)})
