"""The Plan view: every Plan requirement the record holds, its own status, and the items that
address it (data/addresses.csv) with theirs. Shared by the Plan page, `gaptrack export plan`
and the briefing. The rows come from one query (sql/plan_view.sql); this module only words them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from ..presentation.i18n import t
from .coverage import Answer, nothing_sentence, on_record
from .queries import Filters, Store


def plan_view(store: Store, filters: Filters) -> pd.DataFrame:
    """One row per Plan requirement and addressing item (item columns NULL when nothing addresses
    it): heading, heading_label, requirement_id, plan_paragraph, requirement_title,
    requirement_status (NULL: not recorded at any session yet), requirement_status_label,
    requirement_status_at (the session where it reached that status), item_id, item_kind,
    item_kind_label, item_title, item_status, item_status_label, item_status_at, basis
    (source|curated), rationale, and per requirement addressing_count, addressing_done,
    addressing_curated (every addressing item on the record as of, whatever the kind filter).
    Headings and statuses narrow the requirements, kinds the addressing items listed (not the
    counts); as-of leaves out requirements and items no session had recorded by then;
    curated=False leaves out relations the editors judged (from the list and the counts)."""
    return store.frame("plan_view", filters)


def _item_phrase(lang: str, kind, item, title, status, session, basis) -> str:
    mark = t(lang, "plan_curated_mark") if basis == "curated" else t(lang, "plan_source_mark")
    return t(lang, "plan_item_phrase", kind=kind, item=item, title=title, status=status, session=session, mark=mark)


def _verdict(lang: str, count: int, done: int, curated: int) -> str:
    """Whether items on the record address a requirement, how many are done, on whose word."""
    if not count:
        return t(lang, "plan_not_addressed")
    said = t(lang, "plan_addressed", count=count, done=done)
    if curated == count:
        return said + t(lang, "plan_addressed_all_curated")
    if curated:
        return said + t(lang, "plan_addressed_some_curated", curated=curated)
    return said


SUMMARY_COLUMNS = [
    "heading",
    "heading_label",
    "requirement_id",
    "plan_paragraph",
    "requirement_title",
    "own_status",
    "addressed_by",
    "item_count",
    "addressed_count",
    "curated_count",
    "addressed",
    "verdict",
]


@dataclass(frozen=True)
class Requirements:
    """A plan_view frame's rows gathered per requirement, in its order, and worded in `lang`: the
    parts of requirement_summary that no heading, status or kind filter changes (`fields`: each
    SUMMARY_COLUMNS but addressed_by and item_count -> a list, one value per requirement), each
    requirement's own status (`statuses`, for the status filter), and the items listed under it
    (`items`: per requirement, (its kind, its phrase, its row in the frame) in order). Shared:
    never modify."""

    lang: str
    fields: dict[str, list]
    statuses: list[object]
    items: list[list[tuple[object, str, int]]]
    rows: list[int]  # each requirement's first row in the frame


def gathered(frame: pd.DataFrame, lang: str) -> Requirements:
    """The Requirements of a plan_view frame (columns as plan_view gives them), in lang."""
    # One pass over the rows, each requirement's rows gathered in the order they come (a group-by
    # with a slice per requirement took 40 s at 1M links; this takes a few), each column read once
    # as a list (row tuples cost more than the words).
    item_columns = ("item_kind_label", "item_id", "item_title", "item_status_label", "item_status_at", "basis")
    read = ("requirement_id", "heading", "heading_label", "plan_paragraph", "requirement_title", "requirement_status")
    read += ("requirement_status_label", "requirement_status_at", "addressing_count", "addressing_done")
    at = {c: frame[c].tolist() for c in (*read, "addressing_curated", "item_kind", *item_columns)}
    firsts: dict[str, int] = {}  # requirement -> its first row
    items: dict[str, list[tuple[object, str, int]]] = {}
    for i, (requirement_id, item_id) in enumerate(zip(at["requirement_id"], at["item_id"])):
        if requirement_id not in firsts:
            firsts[requirement_id] = i
            items[requirement_id] = []
        if pd.notna(item_id):
            phrase = _item_phrase(lang, *(at[c][i] for c in item_columns))
            items[requirement_id].append((at["item_kind"][i], phrase, i))
    fields: dict[str, list] = {c: [] for c in SUMMARY_COLUMNS if c not in ("addressed_by", "item_count")}
    statuses = []
    for requirement_id, i in firsts.items():
        own = (
            t(lang, "plan_own_status", status=at["requirement_status_label"][i], session=at["requirement_status_at"][i])
            if pd.notna(at["requirement_status"][i])
            else t(lang, "plan_no_status")
        )
        count, done = int(at["addressing_count"][i]), int(at["addressing_done"][i])
        curated = int(at["addressing_curated"][i])
        fields["heading"].append(at["heading"][i])
        fields["heading_label"].append(at["heading_label"][i])
        fields["requirement_id"].append(requirement_id)
        fields["plan_paragraph"].append(int(at["plan_paragraph"][i]))
        fields["requirement_title"].append(at["requirement_title"][i])
        fields["own_status"].append(own)
        fields["addressed_count"].append(count)
        fields["curated_count"].append(curated)
        fields["addressed"].append(count > 0)
        fields["verdict"].append(_verdict(lang, count, done, curated))
        statuses.append(at["requirement_status"][i])
    return Requirements(lang, fields, statuses, list(items.values()), list(firsts.values()))


def picked(requirements: Requirements, headings=(), statuses=()) -> list[int]:
    """The positions of the requirements whose heading is among `headings` and own status among
    `statuses` (an empty filter keeps all), as queries.narrowed picks a plan_view's rows."""
    heading = requirements.fields["heading"]
    return [
        i
        for i, status in enumerate(requirements.statuses)
        if (not headings or heading[i] in headings) and (not statuses or status in statuses)
    ]


def summary_of(requirements: Requirements, positions: list[int], kinds=()) -> pd.DataFrame:
    """requirement_summary of the plan_view frame `requirements` were gathered of, narrowed (as
    queries.narrowed narrows it) to the requirements at `positions` and to the items of `kinds`
    listed under each (an empty filter keeps all): the very frame."""
    if not positions:
        return pd.DataFrame([], columns=SUMMARY_COLUMNS)
    lang, fields = requirements.lang, requirements.fields
    separator, none = t(lang, "plan_item_separator"), t(lang, "plan_addressed_by_none")
    addressed_by, item_count = [], []
    for i in positions:
        listed = [phrase for kind, phrase, _ in requirements.items[i] if not kinds or kind in kinds]
        addressed_by.append(separator.join(listed) or none)
        item_count.append(len(listed))
    out = {}
    for column in SUMMARY_COLUMNS:  # the columns as lists, made into a frame at once
        if column == "addressed_by":
            out[column] = addressed_by
        elif column == "item_count":
            out[column] = item_count
        else:
            values = fields[column]
            out[column] = values if len(positions) == len(values) else [values[i] for i in positions]
    return pd.DataFrame(out)


def requirement_summary(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per requirement of a plan_view frame, in its order: heading, heading_label,
    requirement_id, plan_paragraph, requirement_title, own_status (its status and where, or that
    no session recorded it), addressed_by (each addressing item: kind, title, id, status, where, basis),
    item_count (how many addressing items are listed), addressed_count (how many items on the
    record address it, whatever the kind filter), curated_count (how many of all the items
    that address it rest on the editors' judgement), addressed (True when any item on the record
    addresses it, whatever the kind filter: not the requirement's own status, which says whether
    a session took it up) and verdict (that, in words: how many address it, how many of those
    are done, and whether the relations rest on the editors' judgement)."""
    requirements = gathered(frame, lang)
    return summary_of(requirements, list(range(len(requirements.rows))))


def plan_question_filters(filters: Filters) -> Filters:
    """The filters under which coverage.answer(store, ..., "plan") counts the requirements the
    Plan view lists (its headings and as-of; the kind filter, which narrows only the items listed
    under each requirement, left out): plan_sentence's `found`."""
    return replace(filters, kinds=())


def plan_sentence(
    lang: str, summary: pd.DataFrame, found: Answer | None = None, session_labels: dict[str, str] | None = None
) -> str:
    """How many requirements are listed, how many items on the record address and how many none
    (and how many of those addressed rest only on the editors' judgement). When none is listed,
    why: if `found` (coverage.answer of the Plan question under plan_question_filters of the same
    filters) holds no requirement on the record, the Overview's reason (coverage.nothing_sentence:
    e.g. as of a session before the first that recorded one, which that was; session_labels: id ->
    name); else that none matches the filters (the status filter leaves them out)."""
    if summary.empty:
        if found is not None and not on_record(found.totals):
            return nothing_sentence(lang, found, session_labels or {})
        return t(lang, "plan_none")
    # numpy over the three columns (the same counts as picking the addressed rows with pandas)
    addressed = summary["addressed"].to_numpy(dtype=bool)
    only_curated = addressed & (summary["curated_count"].to_numpy() == summary["addressed_count"].to_numpy())
    total, held, curated = len(summary), int(addressed.sum()), int(only_curated.sum())
    return t(lang, "plan_sentence_listed", total=total, parts=_plan_parts(lang, total, held, curated))


def _plan_parts(lang: str, total: int, addressed: int, curated: int) -> str:
    """plan_sentence's parts after "N listed:", each count worded for itself: none addressed said
    once ("none of them is addressed", "it is not" for one), no editors' mark when none rests on
    the editors' judgement ("all"/"only" when every one does), the unaddressed left out when none."""
    if not addressed:
        return t(lang, "plan_sentence_none_addressed", total=total)
    parts = t(lang, "plan_sentence_addressed", addressed=addressed)
    if curated == addressed:
        parts += t(lang, "plan_sentence_all_curated", addressed=addressed)
    elif curated:
        parts += t(lang, "plan_sentence_some_curated", curated=curated)
    if total > addressed:
        parts += t(lang, "plan_sentence_never", never=total - addressed)
    return parts
