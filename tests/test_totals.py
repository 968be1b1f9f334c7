"""A total over the headings listed is labelled as what it sums: "All headings" with no heading
filter, how many headings are selected under one, the same words in the CSV, `gaptrack summary`, the
briefing and the Overview's sentence (transforms.database.coverage.headings_label)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace

import pytest

from transforms.cli.core import summary_table
from transforms.database.coverage import QUESTIONS, answer, counted_sentence, on_record, range_sentence
from transforms.database.export import export_bytes
from transforms.database.queries import Filters, labels
from transforms.presentation.i18n import t
from transforms.reports.report import report_html

# the heading filter -> the total's label, per language
LABELS = [
    ((), {"en": "All headings", "zh": "全部标题"}),
    (("protection",), {"en": "1 selected heading", "zh": "所选 1 个标题"}),
    (("protection", "prosecution"), {"en": "2 selected headings", "zh": "所选 2 个标题"}),
]
CASES = [(headings, lang, label[lang]) for headings, label in LABELS for lang in ("en", "zh")]
WRONG = {"All headings", "全部标题", "1 selected heading", "2 selected headings", "所选"}


def csv_rows(payload: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(payload.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("headings, lang, label", CASES)
def test_the_csv_total_row_says_which_headings_it_sums(shipped, headings, lang, label):
    rows = csv_rows(export_bytes(shipped, "coverage", Filters(headings, lang=lang)))
    totals = [r for r in rows if not r["heading"]]
    assert [r["question"] for r in totals] == list(QUESTIONS)
    assert {r["heading_label"] for r in totals} == {label}
    # the label of no heading row is a total's
    assert not {r["heading_label"] for r in rows if r["heading"]} & WRONG


@pytest.mark.parametrize("headings, lang, label", CASES)
def test_the_summary_total_line_says_which_headings_it_sums(shipped, headings, lang, label):
    text = summary_table(shipped, Filters(headings, lang=lang))
    blocks = text.split("\n\n")
    assert len(blocks) == len(QUESTIONS)
    for block in blocks:
        last = block.splitlines()[-1]
        assert last.startswith(label + " "), last
        assert not [line for line in block.splitlines()[:-1] if line.startswith(tuple(WRONG))]


@pytest.mark.parametrize("headings, lang, label", CASES)
def test_the_briefing_total_row_says_which_headings_it_sums(shipped, headings, lang, label):
    html = report_html(shipped, Filters(headings, lang=lang))
    totals = re.findall(r'<tr class="total"><td>([^<]*)</td>', html)
    assert totals == [label] * len(QUESTIONS)


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("en", "2 selected headings: each of the 2 headings that hold items is 0% done."),
        ("zh", "所选 2 个标题中有条目的 2 个标题，已完成比例均为 0%。"),
    ],
)
def test_the_same_share_sentence_under_a_heading_filter(shipped, lang, expected):
    """The Plan's requirements under protection and prosecution: each heading 0% done."""
    found = answer(shipped, Filters(("protection", "prosecution"), lang=lang), "plan")
    assert range_sentence(lang, found.coverage, found.filters) == expected
    unfiltered = replace(found.filters, headings=())
    assert range_sentence(lang, found.coverage, unfiltered).startswith({"en": "All headings", "zh": "全部标题"}[lang])


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("filters", [Filters(kinds=("recommendation",)), Filters(as_of="wg-1")])
def test_every_heading_at_the_highest_share_is_named_on_the_shipped_record(shipped, lang, filters):
    """/?kind=recommendation and /?as_of=wg-1: several headings are 100% done; the sentence names
    each of them (not the first listed alone) and says how many tie."""
    found = answer(shipped, replace(filters, lang=lang), "own")
    coverage = found.coverage[found.coverage.on_record > 0]
    top = coverage[coverage.done_share == coverage.done_share.max()].heading_label.tolist()
    assert len(top) > 1
    said = range_sentence(lang, found.coverage, found.filters)
    tied = t(lang, "coverage_range_tied", headings=t(lang, "list_separator").join(top), count=len(top), pct="100%")
    assert tied in said, said


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_what_is_counted_gives_none_and_one_their_own_words(shipped, lang):
    """No "the 0 Plan requirements ... Each has" (/?as_of=wg-1), no "the 1 item ... None of them"
    (/?heading=prosecution&status=pending&kind=topic&as_of=wg-2)."""
    kinds = labels(shipped, lang)["kind"]
    none = answer(shipped, Filters(as_of="wg-1", lang=lang), "plan")
    assert on_record(none.totals) == 0
    said = counted_sentence(lang, none, kinds)
    assert said == t(lang, "q_plan_counted_none", kinds=kinds["requirement"]) and "0" not in said
    one = answer(shipped, Filters(("prosecution",), ("pending",), ("topic",), "wg-2", lang), "own")
    assert on_record(one.totals) == 1
    said = counted_sentence(lang, one, kinds)
    english = "Counted: the 1 item on the record that is the Working Group's own (kind: Proposed topic). It is not a"
    assert said.startswith(english) if lang == "en" else "其中没有《全球行动计划》的要求" in said
    many = counted_sentence(lang, answer(shipped, Filters(lang=lang), "plan"), kinds)
    assert ("Each has its own status" in many) if lang == "en" else ("每项要求有其自身的状态" in many)
