"""The two questions coverage answers, each about one stated set of items, never mixed.

- `plan`: how far the Working Group has taken up the Plan's requirements (kind = requirement);
- `own`: what has become of the Working Group's own recommendations and proposed topics
  (kinds recommendation and topic).

The Overview, `gaptrack summary` and the briefing all read their figures from here, so a
share is always of one set of items and its denominator is always shown with it.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError, replace

import numpy as np
import pandas as pd

from .marts import coverage_columns, timeline_totals, with_total_columns, with_total_row
from .queries import Filters, Store

QUESTIONS: dict[str, tuple[str, ...]] = {"plan": ("requirement",), "own": ("recommendation", "topic")}
COUNTS = ["done", "pending", "proposed", "total"]


def question_filters(filters: Filters, question: str) -> Filters | None:
    """The filters narrowed to the question's kinds (and any kind filter in force); None when
    the kind filter leaves none of them (the question is then not answered, and says why)."""
    kinds = tuple(k for k in QUESTIONS[question] if not filters.kinds or k in filters.kinds)
    return replace(filters, kinds=kinds) if kinds else None


Columns = dict[str, np.ndarray]  # a frame's columns, name -> array, in the frame's order


class Answer:
    """One question answered for some filters. Read-only: setting an attribute raises
    dataclasses.FrozenInstanceError.

    coverage: coverage_by_heading rows (per heading: done, pending, proposed, total, shares);
    totals: those summed (done, pending, proposed, total: items of the question's set);
    timeline: per session up to as-of: done, pending, proposed, total (items on the record then,
      by status, in the status filter), on_record (items on the record then, whatever the status),
      new_items (items recorded for the first time there, whatever their status, within the
      heading and kind filters) and done_share, pending_share, proposed_share (each status / on_record,
      rounded to 4 places; NaN for none, or when the status filter leaves that status out);
      None when not computed (the briefing does without);
    first_session: title of the first session that recorded any item of the set (in the filters,
      ignoring as-of), None if none ever did;
    filters: the filters the figures were computed with (kinds narrowed to the question).

    coverage and timeline may be given as frames or as their columns (Columns: name -> numpy
    array, in the frame's order), a frame then made on first reading (the Overview draws from the
    columns and never needs it); `columns(name)` gives either as Columns."""

    __slots__ = ("question", "filters", "totals", "first_session", "_given", "_made")

    def __init__(
        self,
        question: str,
        filters: Filters,
        coverage: pd.DataFrame | Columns,
        totals: dict[str, int],
        timeline: pd.DataFrame | Columns | None,
        first_session: str | None,
    ):
        given = {"coverage": coverage, "timeline": timeline}
        for name, value in zip(self.__slots__, (question, filters, totals, first_session, given, {})):
            object.__setattr__(self, name, value)

    def __setattr__(self, name, value):
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __reduce__(self):  # pickled and copied as made (a read-only object has no state to set)
        coverage, timeline = self._given["coverage"], self._given["timeline"]
        return Answer, (self.question, self.filters, coverage, self.totals, timeline, self.first_session)

    def __repr__(self) -> str:
        return f"Answer(question={self.question!r}, filters={self.filters!r}, totals={self.totals!r})"

    @property
    def coverage(self) -> pd.DataFrame:
        return self._frame("coverage")

    @property
    def timeline(self) -> pd.DataFrame | None:
        return self._frame("timeline")

    def _frame(self, name: str) -> pd.DataFrame | None:
        given = self._given[name]
        if given is None or isinstance(given, pd.DataFrame):
            return given
        made = self._made.get(name)
        # made once: two threads reading at once may each make one, and both get the one kept first
        return made if made is not None else self._made.setdefault(name, pd.DataFrame(given))

    def columns(self, name: str) -> Columns | None:
        """The columns of `name` ("coverage" or "timeline") as arrays (name -> numpy array, in the
        frame's order: those given, or read once from the frame given); None for no timeline.
        Shared: never modify."""
        given = self._given[name]
        if given is None or not isinstance(given, pd.DataFrame):
            return given
        key = name + " columns"
        held = self._made.get(key)
        if held is None:
            held = self._made.setdefault(key, {c: given[c].to_numpy() for c in given.columns})
        return held


def answer(store: Store, filters: Filters, question: str) -> Answer | None:
    """The question's figures under the filters, or None when the kind filter excludes its kinds."""
    narrowed = question_filters(filters, question)
    if narrowed is None:
        return None
    held = store.marts()
    coverage = coverage_columns(held, narrowed)
    whole = timeline_totals(held, replace(narrowed, as_of=None, statuses=()))
    return Answer(
        question,
        narrowed,
        coverage,
        column_totals(coverage),
        _timeline_columns(held, narrowed, whole),
        _first_of(whole),
    )


def column_totals(coverage: Columns) -> dict[str, int]:
    """queries.coverage_totals of the coverage columns (done, pending, proposed, total, and
    on_record when given: each summed, as int)."""
    names = ("done", "pending", "proposed", "total", *(["on_record"] if "on_record" in coverage else []))
    return {name: int(coverage[name].sum()) for name in names}


def timeline(store: Store, filters: Filters) -> pd.DataFrame:
    """Coverage after each session (see Answer.timeline): counts never fall; a share can, when new
    items are recorded, and new_items says how many were."""
    held = store.marts()
    whole = timeline_totals(held, replace(filters, as_of=None, statuses=()))
    return pd.DataFrame(_timeline_columns(held, filters, whole))


def _timeline_columns(held, filters: Filters, whole: Columns) -> Columns:
    """timeline's columns; `whole`: timeline_totals under the filters with no as-of and no status
    filter (the items on the record after each session, whatever the status)."""
    columns = timeline_totals(held, filters)
    # the same sessions in the same order (both up to as-of; the totals are running sums, so those
    # up to as-of are the first of the whole): the items on the record then, whatever the status,
    # are the denominator of the share and give the new items
    every_status = whole["total"][: len(columns["total"])]
    on_record = every_status.astype(np.int64)
    columns["on_record"] = on_record
    columns["new_items"] = np.diff(on_record, prepend=0)
    base = np.where(on_record > 0, on_record, np.nan)
    for status in ("done", "pending", "proposed"):
        if filters.statuses and status not in filters.statuses:
            columns[f"{status}_share"] = np.full(len(on_record), np.nan)
            continue
        with np.errstate(divide="ignore", invalid="ignore"):
            columns[f"{status}_share"] = np.round(columns[status] / base, 4)
    return columns


def with_total(found: Answer) -> pd.DataFrame:
    """found.coverage (per heading) and its total row, as the coverage CSV writes it
    (marts.total_row: counts summed, each status's share of on_record, NaN for a status the
    filter leaves out), named for the headings it sums (headings_label, in found.filters.lang);
    heading is missing on the total row."""
    filters = found.filters
    return with_total_row(found.coverage, filters.statuses, headings_label(filters.lang, filters))


def with_total_of(found: Answer) -> Columns:
    """with_total's columns as arrays (marts.with_total_columns), without making a frame."""
    filters = found.filters
    return with_total_columns(found.columns("coverage"), filters.statuses, headings_label(filters.lang, filters))


def first_session(store: Store, filters: Filters) -> str | None:
    """Title of the first session at which any item in the filters (as-of ignored) was recorded."""
    return _first_of(timeline_totals(store.marts(), replace(filters, as_of=None, statuses=())))


def _first_of(whole: Columns) -> str | None:
    """first_session from the timeline totals under the filters, no as-of and no status filter."""
    held = np.flatnonzero(whole["total"] > 0)
    return None if not len(held) else str(whole["session_title"][held[0]])


# Sentences shared by the Overview, `gaptrack summary` and the briefing -------------------------


def kinds_text(lang: str, kinds: tuple[str, ...], kind_labels: dict[str, str]) -> str:
    from ..presentation.i18n import t

    return t(lang, "list_separator").join(kind_labels[k] for k in kinds)


def kinds_counted_sentence(lang: str, filters: Filters, kind_labels: dict[str, str]) -> str:
    """For a figure that counts several kinds of item together: which it counts."""
    from ..presentation.i18n import t

    return t(lang, "kinds_counted", kinds=kinds_text(lang, filters.kinds or tuple(kind_labels), kind_labels))


# Words naming a question's set of items (its title, its total's label, its download's label, its
# title in `gaptrack summary`): each key has a variant per kind filter that keeps only some of the
# question's kinds, f"{key}_{kind}_{kind}...", in both catalogs (tests/test_overview_words.py).
NAMING_KEYS: dict[str, tuple[str, ...]] = {
    question: (
        f"q_{question}_title",
        f"q_total_{question}",
        f"download_coverage_{question}",
        f"summary_title_{question}",
    )
    for question in QUESTIONS
}


def naming_key(key: str, question: str, kinds: tuple[str, ...]) -> str:
    """The catalog key of the words `key` (one of NAMING_KEYS[question]) for the kinds counted
    (kinds: the question's kinds the filters keep, as Answer.filters.kinds holds them; empty: all):
    `key` when every kind of the question is counted, else its variant naming the kinds kept, in
    the question's order ("q_own_title_recommendation"). ValueError for a kind not the question's."""
    whole = QUESTIONS[question]
    if set(kinds) - set(whole):
        raise ValueError(f"kinds {kinds!r} are not all of question {question!r}: {whole!r}")
    kept = [k for k in whole if k in kinds]
    return key if not kept or len(kept) == len(whole) else "_".join([key, *kept])


def counted_words(lang: str, key: str, found: Answer, **values) -> str:
    """The words `key` (NAMING_KEYS) for the answer's question, naming the kinds it counts
    (naming_key of found.filters.kinds): a title, a label; `values` fill its placeholders."""
    from ..presentation.i18n import t

    return t(lang, naming_key(key, found.question, found.filters.kinds), **values)


def counted_sentence(lang: str, found: Answer, kind_labels: dict[str, str]) -> str:
    """What is counted: the set of items (its kinds) and how many of them there are (worded for
    none, one and several: never "the 0 items", "the 1 item ... none of them")."""
    from ..presentation.i18n import t

    total = on_record(found.totals)
    return t(
        lang,
        f"q_{found.question}_counted" if total else f"q_{found.question}_counted_none",  # none: not "the 0 ..."
        total=total,
        kinds=kinds_text(lang, found.filters.kinds, kind_labels),
    )


def on_record(totals: dict[str, int]) -> int:
    """The denominator of every share: items of the set on the record (as of), whatever the status filter."""
    return totals.get("on_record", totals["total"])


def status_counted(found: Answer, status: str) -> bool:
    """Whether the status filter in force keeps this status (no status filter keeps all)."""
    return not found.filters.statuses or status in found.filters.statuses


def status_figure(found: Answer, status: str) -> tuple[int, float] | None:
    """(count, share of the items on the record) for a status, None when the status filter leaves it out."""
    if not status_counted(found, status):
        return None
    base = on_record(found.totals)
    return found.totals[status], (found.totals[status] / base if base else float("nan"))


def headings_label(lang: str, filters: Filters) -> str:
    """The name of a total over the headings the filters list, the same wherever a total is shown
    (the coverage CSV's total row, `gaptrack summary`, the briefing, the static edition, the
    Overview's tables and sentences): "All headings" with no heading filter; under one, how many
    headings are selected ("2 selected headings", "所选 2 个标题"), never "All headings"."""
    from ..presentation.i18n import t

    if filters.headings:
        return t(lang, "selected_headings", count=len(filters.headings))
    return t(lang, "all_headings")


def range_sentence(lang: str, coverage: pd.DataFrame | Columns, filters: Filters) -> str:
    """One sentence summing up the items per heading (the Overview's "By Plan heading" chart) for
    every filter state, in the share the chart shows: the share done, or under a status filter the
    share of the items on the record that match it (the statuses kept, named). Which heading has
    the highest share and which the lowest (when several tie at an end, every one of them is named,
    in the order listed, with how many tie: range_side); or that each of the headings listed
    (headings_label of `filters`, the filters `coverage` was computed with) that hold items has the
    same share, saying how many they are; or, when one heading alone holds items (one heading
    selected, say), its count of the items on the record and share. Empty when no heading holds
    items. Both languages state the same fact with the same numbers. `coverage`:
    coverage_by_heading's frame or its columns (Answer.columns)."""
    from ..presentation.i18n import percent, t

    # whole columns as lists (a few rows: pandas' filtering and sorting cost more than the sentence)
    held = (coverage["on_record"] if "on_record" in coverage else coverage["total"]).tolist()
    labels = coverage["heading_label"].tolist()
    if filters.statuses:  # the share of the items on the record that match the status filter
        counted = coverage["total"].tolist()
        shares = [c / h if h else float("nan") for c, h in zip(counted, held)]
        kept = t(lang, "list_separator").join(t(lang, f"status_{s}") for s in filters.statuses)
        words = {"statuses": kept}
    else:
        counted, shares, words = coverage["done"].tolist(), coverage["done_share"].tolist(), {}
    suffix = "_filtered" if filters.statuses else ""
    ranked = [
        (share, label, count, base)
        for base, share, label, count in zip(held, shares, labels, counted)
        if base > 0 and share == share
    ]
    if not ranked:
        return ""
    if len(ranked) == 1:
        share, label, count, base = ranked[0]
        return t(
            lang,
            "coverage_range_alone" + suffix,
            heading=label,
            count=int(count),
            total=int(base),
            pct=percent(share, lang),
            **words,
        ).strip()
    best_share = max(row[0] for row in ranked)
    worst_share = min(row[0] for row in ranked)
    if best_share == worst_share:
        return t(
            lang,
            "coverage_range_same" + suffix,
            headings=headings_label(lang, filters),
            count=len(ranked),
            pct=percent(best_share, lang),
            **words,
        ).strip()
    best = [row[1] for row in ranked if row[0] == best_share]
    worst = [row[1] for row in ranked if row[0] == worst_share]
    return t(
        lang,
        "coverage_range" + suffix,
        best=range_side(lang, best, percent(best_share, lang)),
        worst=range_side(lang, worst, percent(worst_share, lang)),
        **words,
    ).strip()


def range_side(lang: str, headings: list[str], pct: str) -> str:
    """One end of range_sentence: the heading at that share with it ("Prevention (100%)"), or,
    when several tie, every one of them (by the catalog's list_separator, not "and": a heading's
    name may hold "and", "和") with how many tie at that share ("Prevention, Protection,
    Prosecution (3 headings tie at 100%)")."""
    from ..presentation.i18n import t

    if len(headings) == 1:
        return t(lang, "coverage_range_one", heading=headings[0], pct=pct)
    named = t(lang, "list_separator").join(headings)
    return t(lang, "coverage_range_tied", headings=named, count=len(headings), pct=pct)


def figures_sentence(lang: str, found: Answer, session_labels: dict[str, str]) -> str:
    """The figures with their denominator, or why there are none."""
    from ..presentation.i18n import percent, t

    totals, base = found.totals, on_record(found.totals)
    if base and found.filters.statuses:
        kept = t(lang, "list_separator").join(t(lang, f"status_{s}") for s in found.filters.statuses)
        return t(lang, "q_figures_filtered", matching=totals["total"], total=base, statuses=kept)
    if totals["total"]:
        return t(lang, "q_figures", done_pct=percent(totals["done"] / totals["total"], lang), **totals)
    return nothing_sentence(lang, found, session_labels)


def nothing_sentence(lang: str, found: Answer, session_labels: dict[str, str]) -> str:
    """Why the answer counts no item of its set on the record (on_record 0): as of a session
    before the first that recorded one, which session that was; else that the record holds none
    under the filters. Worded for the question (the Overview, the briefing and the Plan view,
    which lists the Plan question's requirements, say the same). session_labels: id -> name."""
    from ..presentation.i18n import t

    question, filters = found.question, found.filters
    if filters.as_of and found.first_session:
        session = session_labels[filters.as_of]
        return t(lang, f"q_{question}_nothing_as_of", session=session, first=found.first_session)
    return t(lang, f"q_{question}_nothing")


def excluded_sentence(lang: str, question: str, kind_labels: dict[str, str]) -> str:
    """Why a question is not answered: the kind filter leaves out its kinds."""
    from ..presentation.i18n import t

    return t(lang, "q_excluded", kinds=kinds_text(lang, QUESTIONS[question], kind_labels))


def timeline_sentence(lang: str, found: Answer) -> str:
    """After the first and the last session shown: items of the set on the record, by status; the
    session named once when it is both (the as-of session is the first to record any of them)."""
    from ..presentation.i18n import percent, t

    names = ("session_title", "on_record", "total", "done", "pending", "proposed", "done_share")
    timeline = found.columns("timeline")
    rows = [row for row in zip(*(timeline[name].tolist() for name in names)) if row[1] > 0]
    if not rows:
        return t(lang, "q_nothing")
    first, last = (dict(zip(names, row)) for row in (rows[0], rows[-1]))
    # items of the set on the record then, whatever the status filter
    on_the_record = dict(
        first=first["session_title"],
        first_total=int(first["on_record"]),
        last=last["session_title"],
        total=int(last["on_record"]),
    )
    once = "_once" if len(rows) == 1 else ""  # one session: "after X ... after X" would name it twice
    if found.filters.statuses:  # the counts are of the statuses kept, the share of every item on the record
        share = percent(last["total"] / last["on_record"], lang)
        return t(lang, f"q_timeline_sentence{once}_filtered", **on_the_record, counted=int(last["total"]), share=share)
    return t(
        lang,
        f"q_timeline_sentence{once}",
        **on_the_record,
        done=int(last["done"]),
        pending=int(last["pending"]),
        proposed=int(last["proposed"]),
        done_pct=percent(last["done_share"], lang),
    )
