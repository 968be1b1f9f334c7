"""The coverage sentences (transforms/database/coverage.py, transforms.presentation.i18n) state the
same facts in English and Chinese: for every branch of each sentence maker, the two languages carry
the same numbers, written as each language writes them (Babel), and name the same headings and
sessions. Counts are large, so a number written by hand in one language ("12345") and by Babel in
the other ("12,345") is caught; the names are the same in both languages, so only the words differ."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

import numpy as np
import pytest

from transforms.database.coverage import Answer, figures_sentence, range_sentence, timeline_sentence
from transforms.database.queries import Filters
from transforms.presentation.i18n import coverage_sentence, number, percent, t

NUMBER = re.compile(r"\d+(?:[,.]\d+)*%?")
NAMES = ("Alpha", "Beta", "Gamma", "Delta", "First session", "Last session")  # the same in both languages


def numbers(text: str) -> Counter:
    return Counter(NUMBER.findall(text))


def names(text: str) -> set[str]:
    return {name for name in NAMES if name in text}


def coverage(on_record: list[int], done_share: list[float]) -> dict[str, np.ndarray]:
    labels = ["Alpha", "Beta", "Gamma", "Delta"][: len(on_record)]
    return {
        "heading_label": np.array(labels, dtype=object),
        "on_record": np.array(on_record),
        "total": np.array(on_record),
        "done": np.round(np.nan_to_num(np.array(done_share, dtype=float)) * np.array(on_record)).astype(int),
        "done_share": np.array(done_share, dtype=float),
    }


def filtered(columns: dict[str, np.ndarray], matching: list[int]) -> dict[str, np.ndarray]:
    """coverage() as a status filter gives it: total counts the items matching it, on_record all."""
    return {**columns, "total": np.array(matching), "done_share": np.full(len(matching), np.nan)}


def found(lang: str, totals: dict, filters: Filters | None = None, timeline=None, first=None) -> Answer:
    filters = filters or Filters(kinds=("recommendation", "topic"))
    return Answer("own", replace(filters, lang=lang), coverage([1], [0.0]), totals, timeline, first)


def timeline(on_record: list[int], total: list[int], done: list[int]) -> dict[str, np.ndarray]:
    on, counted = np.array(on_record), np.array(total)
    return {
        "session_title": np.array(["First session", "Middle", "Last session"][: len(on)], dtype=object),
        "on_record": on,
        "total": counted,
        "done": np.array(done),
        "pending": counted - np.array(done),
        "proposed": np.zeros(len(on), dtype=int),
        "done_share": np.where(on > 0, np.array(done) / np.where(on > 0, on, 1), np.nan),
    }


BIG = {"done": 12345, "pending": 2345, "proposed": 1310, "total": 16000, "on_record": 16000}
SESSIONS = {"wg-1": "First session", "wg-9": "Last session"}

# sentence maker, branch -> the sentence in a language (a function of lang)
RANGE = {
    "one heading holds items": lambda lang: range_sentence(
        lang, coverage([0, 1200, 0], [np.nan, 0.5, np.nan]), Filters()
    ),
    "the same share, all headings": lambda lang: range_sentence(
        lang, coverage([1200, 3400, 5600, 0], [0.0, 0.0, 0.0, np.nan]), Filters()
    ),
    "the same share, selected headings": lambda lang: range_sentence(
        lang,
        coverage([1200, 3400, 0], [0.25, 0.25, np.nan]),
        Filters(headings=("prevention", "protection", "prosecution")),
    ),
    "highest and lowest": lambda lang: range_sentence(lang, coverage([1200, 3400, 5600], [0.5, 0.125, 1.0]), Filters()),
    "no heading holds items": lambda lang: range_sentence(lang, coverage([0, 0], [np.nan, np.nan]), Filters()),
    "under a status filter": lambda lang: range_sentence(
        lang, filtered(coverage([1200, 3400, 5600], [0.5, 0.125, 1.0]), [600, 425, 0]), Filters(statuses=("pending",))
    ),
    "the same share under a status filter": lambda lang: range_sentence(
        lang, filtered(coverage([1200, 3400], [0.5, 0.125]), [0, 0]), Filters(statuses=("pending", "proposed"))
    ),
    "one heading under a status filter": lambda lang: range_sentence(
        lang,
        filtered(coverage([0, 1200, 0], [np.nan, 0.5, np.nan]), [0, 300, 0]),
        Filters(headings=("protection",), statuses=("pending",)),
    ),
    "headings tie for the highest": lambda lang: range_sentence(
        lang, coverage([1200, 3400, 5600, 7], [1.0, 0.5, 1.0, 1.0]), Filters()
    ),
    "headings tie for the lowest": lambda lang: range_sentence(
        lang, coverage([1200, 3400, 5600, 7], [0.0, 0.5, 0.0, 0.25]), Filters()
    ),
    "headings tie at both ends": lambda lang: range_sentence(
        lang, coverage([1200, 3400, 5600, 7], [1.0, 0.0, 0.0, 1.0]), Filters()
    ),
}
FIGURES = {
    "the figures": lambda lang: figures_sentence(lang, found(lang, BIG), SESSIONS),
    "under a status filter": lambda lang: figures_sentence(
        lang,
        found(lang, {**BIG, "pending": 0, "proposed": 0, "total": 12345}, Filters(statuses=("done",))),
        SESSIONS,
    ),
    "nothing as of a session": lambda lang: figures_sentence(
        lang,
        found(lang, dict.fromkeys(BIG, 0), Filters(as_of="wg-1"), first="Last session"),
        SESSIONS,
    ),
    "nothing under the filters": lambda lang: figures_sentence(lang, found(lang, dict.fromkeys(BIG, 0)), SESSIONS),
}
TIMELINE = {
    "nothing on the record": lambda lang: timeline_sentence(lang, found(lang, BIG, timeline=timeline([0], [0], [0]))),
    "by status": lambda lang: timeline_sentence(
        lang, found(lang, BIG, timeline=timeline([1200, 1500, 16000], [1200, 1500, 16000], [100, 700, 12345]))
    ),
    "under a status filter": lambda lang: timeline_sentence(
        lang,
        found(lang, BIG, Filters(statuses=("done",)), timeline=timeline([1200, 16000], [100, 12345], [100, 12345])),
    ),
    "one session on the record": lambda lang: timeline_sentence(
        lang, found(lang, BIG, timeline=timeline([0, 0, 1900], [0, 0, 1900], [0, 0, 1234]))
    ),
    "one session under a status filter": lambda lang: timeline_sentence(
        lang,
        found(lang, BIG, Filters(statuses=("done",)), timeline=timeline([0, 0, 1900], [0, 0, 1234], [0, 0, 1234])),
    ),
}
HEADLINE = {
    "no items": lambda lang: coverage_sentence(lang, dict.fromkeys(BIG, 0)),
    "the figures": lambda lang: coverage_sentence(lang, BIG),
}
BRANCHES = {
    f"{maker}: {branch}": say
    for maker, branches in (
        ("range_sentence", RANGE),
        ("figures_sentence", FIGURES),
        ("timeline_sentence", TIMELINE),
        ("coverage_sentence", HEADLINE),
    )
    for branch, say in branches.items()
}


@pytest.mark.parametrize("branch", BRANCHES)
def test_both_languages_carry_the_same_numbers_and_names(branch):
    say = BRANCHES[branch]
    english, chinese = say("en"), say("zh")
    assert bool(english) == bool(chinese), (english, chinese)
    assert numbers(english) == numbers(chinese), (english, chinese)
    assert names(english) == names(chinese), (english, chinese)
    # large counts written as each language writes numbers (Babel), never as Python does
    assert not re.search(r"\d{4}", english + chinese), (english, chinese)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_same_share_sentence_says_how_many_headings_share_it(lang):
    """ "Each of the N headings that hold items is P done" in both languages: the claim is about each
    heading holding items (an empty heading has no share), not about the total."""
    same = RANGE["the same share, all headings"](lang)
    assert numbers(same) == Counter({number(lang, 3): 1, percent(0.0, lang): 1}), same
    selected = RANGE["the same share, selected headings"](lang)
    # 3 headings selected, 2 of them hold items, each 25% done
    assert numbers(selected) == Counter({"3": 1, "2": 1, percent(0.25, lang): 1}), selected
    alone = RANGE["one heading holds items"](lang)  # one heading selected, or only one holding items
    assert alone == t(lang, "coverage_range_alone", heading="Beta", count=600, total=1200, pct=percent(0.5, lang))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_headings_that_tie_for_the_highest_or_lowest_share_are_all_named_with_how_many_tie(lang):
    """Each end of the range names every heading at that share, in the order listed, and says how
    many tie; a heading alone at its end is named with its share only."""
    separator = t(lang, "list_separator")
    top = RANGE["headings tie for the highest"](lang)
    assert (
        t(
            lang,
            "coverage_range_tied",
            headings=separator.join(["Alpha", "Gamma", "Delta"]),
            count=3,
            pct=percent(1.0, lang),
        )
        in top
    )
    assert t(lang, "coverage_range_one", heading="Beta", pct=percent(0.5, lang)) in top
    bottom = RANGE["headings tie for the lowest"](lang)
    assert t(lang, "coverage_range_one", heading="Beta", pct=percent(0.5, lang)) in bottom
    assert t(lang, "coverage_range_tied", headings=f"Alpha{separator}Gamma", count=2, pct=percent(0.0, lang)) in bottom
    both = RANGE["headings tie at both ends"](lang)
    assert numbers(both) == Counter({"2": 2, percent(1.0, lang): 1, percent(0.0, lang): 1}), both
    assert both.index("Alpha") < both.index("Delta") < both.index("Beta") < both.index("Gamma")
    alone = RANGE["highest and lowest"](lang)
    assert numbers(alone) == Counter({percent(1.0, lang): 1, percent(0.125, lang): 1}), alone


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_status_filter_or_a_single_heading_still_has_its_summary_sentence(lang):
    """Under a status filter the range is of the share of the items on the record that match it
    (the statuses kept named); one heading holding items is summed up by its own count and share."""
    kept = t(lang, "status_pending")
    ranged = RANGE["under a status filter"](lang)
    assert ranged.startswith(t(lang, "coverage_range_filtered", statuses=kept, best="\0", worst="").split("\0")[0])
    assert t(lang, "coverage_range_one", heading="Alpha", pct=percent(0.5, lang)) in ranged
    assert t(lang, "coverage_range_one", heading="Gamma", pct=percent(0.0, lang)) in ranged
    same = RANGE["the same share under a status filter"](lang)
    both = t(lang, "list_separator").join([kept, t(lang, "status_proposed")])
    assert same == t(
        lang,
        "coverage_range_same_filtered",
        headings=t(lang, "all_headings"),
        count=2,
        pct=percent(0.0, lang),
        statuses=both,
    )
    alone = RANGE["one heading under a status filter"](lang)
    assert alone == t(
        lang,
        "coverage_range_alone_filtered",
        heading="Beta",
        count=300,
        total=1200,
        pct=percent(0.25, lang),
        statuses=kept,
    )
    assert RANGE["no heading holds items"](lang) == ""


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("branch", ["one session on the record", "one session under a status filter"])
def test_a_session_both_first_and_last_on_the_record_is_named_once(lang, branch):
    """As of the first session to record any item of the set (/?as_of=wg-1), the sentence names it once."""
    said = TIMELINE[branch](lang)
    assert said.count("Last session") == 1 and "First session" not in said, said
    assert numbers(said)[number(lang, 1900)] == 1, said
    assert TIMELINE["by status"](lang).count("session") == 2  # two sessions: each named
