"""Worked examples for the method page: each rule of how status and coverage are counted, shown
on the record itself. Every number here comes from the shared queries (nothing is typed in)."""

from __future__ import annotations

from ..database.coverage import QUESTIONS, answer, figures_sentence
from ..database.queries import (
    Filters,
    Store,
    coverage_timeline_totals,
    item_detail,
    item_list,
    labels,
    link_list,
)
from ..presentation.i18n import percent, t


def rollup_example(store: Store, lang: str) -> str | None:
    """The item whose links differ most (most distinct statuses, then most links): its status at
    each session and the status it rolls up to."""
    items = item_list(store, Filters(lang=lang))
    every = link_list(store, Filters(lang=lang)).groupby("item_id").status  # one query, not one per item
    ranks = dict(zip(every.nunique().index, zip(every.nunique(), every.size())))
    best, best_rank = None, (0, 0)
    for row in items.itertuples():
        rank = ranks.get(row.item_id, (0, 0))
        if rank > best_rank:
            best, best_rank = row, rank
    if best is None:
        return None
    row = best
    _, links = item_detail(store, row.item_id, Filters(lang=lang))
    steps = t(lang, "list_separator").join(
        t(lang, "punct_label", label=s.session_title, value=s.status_label) for s in links.itertuples()
    )
    return t(lang, "method_rollup_example", item=row.item_id, title=row.title, steps=steps, status=row.status_label)


def as_of_example(store: Store, lang: str) -> str | None:
    """Items on the record after the first session that recorded any, against the whole record."""
    whole = item_list(store, Filters(lang=lang))
    sessions = coverage_timeline_totals(store, Filters(lang=lang))
    held = sessions[sessions.total > 0]
    if whole.empty or held.empty:
        return None
    first = held.iloc[0]
    return t(lang, "method_as_of_example", session=first.session_title, then=int(first.total), now=len(whole))


def question_examples(store: Store, lang: str) -> list[str]:
    """Each question's figures on the whole record, with its denominator."""
    names = labels(store, lang)
    out = []
    for question in QUESTIONS:
        found = answer(store, Filters(lang=lang), question)
        title = t(lang, f"q_{question}_title")
        out.append(t(lang, "punct_label", label=title, value=figures_sentence(lang, found, names["session"])))
    return out


def share_fall_example(store: Store, lang: str) -> str | None:
    """A session after which a question's share done fell only because new items were recorded."""
    for question in QUESTIONS:
        frame = answer(store, Filters(lang=lang), question).timeline.reset_index(drop=True)
        for i in range(1, len(frame)):
            before, after = frame.iloc[i - 1], frame.iloc[i]
            if before.total and after.done_share < before.done_share and after.new_items > 0:
                return t(
                    lang,
                    "method_share_example",
                    session=after.session_title,
                    before=percent(before.done_share, lang),
                    after=percent(after.done_share, lang),
                    done_before=int(before.done),
                    done_after=int(after.done),
                    new=int(after.new_items),
                )
    return None


def heading_example(store: Store, lang: str) -> str | None:
    """How many items the source places under a heading and how many the editors assign."""
    items = item_list(store, Filters(lang=lang))
    if items.empty:
        return None
    basis = items.heading_basis.value_counts()
    return t(lang, "method_heading_example", source=int(basis.get("source", 0)), curated=int(basis.get("curated", 0)))


def plan_examples(store: Store, lang: str) -> list[str]:
    """A Plan requirement items on the record address (and which) and one none addresses, if any."""
    from ..database.plan import plan_view, requirement_summary

    summary = requirement_summary(plan_view(store, Filters(lang=lang)), lang)
    out = []
    for addressed in (True, False):
        rows = summary[summary.addressed == addressed]
        if len(rows):
            r = rows.iloc[0]
            out.append(
                t(
                    lang,
                    "method_plan_example",
                    paragraph=r.plan_paragraph,
                    title=r.requirement_title,
                    verdict=r.verdict,
                    own=r.own_status,
                    by=r.addressed_by,
                )
            )
    return out


def worked_examples(store: Store, lang: str) -> dict[str, list[str]]:
    """Rule -> sentences of worked examples on the record (a rule with none is left out)."""
    examples = {
        "rollup": [rollup_example(store, lang), as_of_example(store, lang)],
        "questions": [*question_examples(store, lang), share_fall_example(store, lang)],
        "headings": [heading_example(store, lang)],
        "plan": plan_examples(store, lang),
    }
    return {rule: [s for s in sentences if s] for rule, sentences in examples.items()}
