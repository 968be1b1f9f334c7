"""The Plan view: every Plan requirement the record holds, its own status, and the items that
address it (data/addresses.csv) with theirs. Shared by the Plan page, `gaptrack export plan`
and the briefing. The rows come from one query (sql/plan_view.sql); this module only words them.
"""

from __future__ import annotations

import pandas as pd

from ..presentation.i18n import t
from .queries import Filters, Store

TAKEN_UP = ("done", "pending")  # a session concluded it, or took it up without concluding


def plan_view(store: Store, filters: Filters) -> pd.DataFrame:
    """One row per Plan requirement and addressing item (item columns NULL when nothing addresses
    it): heading, heading_label, requirement_id, plan_paragraph, requirement_title,
    requirement_status (NULL: not recorded at any session yet), requirement_status_label,
    requirement_status_at (the session where it reached that status), item_id, item_kind,
    item_kind_label, item_title, item_status, item_status_label, item_status_at, basis
    (source|curated), rationale. Headings and statuses narrow the requirements, kinds the
    addressing items; curated=False leaves out relations the editors judged."""
    return store.frame("plan_view", filters)


def _item_phrase(lang: str, row) -> str:
    mark = t(lang, "plan_curated_mark") if row.basis == "curated" else t(lang, "plan_source_mark")
    return t(
        lang,
        "plan_item_phrase",
        kind=row.item_kind_label,
        item=row.item_id,
        status=row.item_status_label,
        session=row.item_status_at,
        mark=mark,
    )


def requirement_summary(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per requirement of a plan_view frame, in its order: heading, heading_label,
    requirement_id, plan_paragraph, requirement_title, own_status (its status and where, or that
    no session recorded it), addressed_by (each addressing item: kind, id, status, where, basis),
    item_count (how many address it), curated_count (how many of those the editors judged), taken_up (True
    when a session concluded or took up the requirement or an item that addresses it) and
    verdict (that, in words)."""
    rows = []
    for requirement_id, group in frame.groupby("requirement_id", sort=False):
        first = group.iloc[0]
        items = group[group.item_id.notna()]
        own = (
            t(lang, "plan_own_status", status=first.requirement_status_label, session=first.requirement_status_at)
            if pd.notna(first.requirement_status)
            else t(lang, "plan_no_status")
        )
        taken = first.requirement_status in TAKEN_UP or items.item_status.isin(TAKEN_UP).any()
        rows.append(
            dict(
                heading=first.heading,
                heading_label=first.heading_label,
                requirement_id=requirement_id,
                plan_paragraph=int(first.plan_paragraph),
                requirement_title=first.requirement_title,
                own_status=own,
                addressed_by=t(lang, "plan_item_separator").join(_item_phrase(lang, r) for r in items.itertuples())
                or t(lang, "plan_addressed_by_none"),
                item_count=len(items),
                curated_count=int((items.basis == "curated").sum()),
                taken_up=bool(taken),
                verdict=t(lang, "plan_taken_up" if taken else "plan_never_taken_up"),
            )
        )
    columns = [
        "heading",
        "heading_label",
        "requirement_id",
        "plan_paragraph",
        "requirement_title",
        "own_status",
        "addressed_by",
        "item_count",
        "curated_count",
        "taken_up",
        "verdict",
    ]
    return pd.DataFrame(rows, columns=columns)


def plan_sentence(lang: str, summary: pd.DataFrame) -> str:
    """How many requirements are listed, how many taken up and how many never."""
    if summary.empty:
        return t(lang, "plan_none")
    taken = int(summary.taken_up.sum())
    return t(lang, "plan_sentence", total=len(summary), taken=taken, never=len(summary) - taken)
