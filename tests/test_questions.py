"""The two coverage questions (transforms/database/coverage.py) and the method page's worked examples
(transforms/reports/method.py) on the fixture record, with exact expected numbers.

  a (prevention, recommendation)  done at s1
  b (prevention, recommendation)  proposed at s1, done at s2
  c (protection, recommendation)  pending at s2, proposed again at s3
  d (protection, topic)           proposed at s3
  e (partnerships, requirement)   pending at s1, proposed at s2
"""

from __future__ import annotations

import pytest

from transforms.database.coverage import (
    answer,
    counted_sentence,
    excluded_sentence,
    figures_sentence,
    kinds_counted_sentence,
    question_filters,
    range_sentence,
    status_figure,
    timeline_sentence,
)
from transforms.database.queries import Filters, labels
from transforms.reports.method import worked_examples

KINDS = {"requirement": "Requirement", "recommendation": "Recommendation", "topic": "Topic"}


def test_question_filters_narrow_the_kinds_or_say_the_question_is_left_out():
    assert question_filters(Filters(), "plan").kinds == ("requirement",)
    assert question_filters(Filters(), "own").kinds == ("recommendation", "topic")
    assert question_filters(Filters(kinds=("topic",)), "own").kinds == ("topic",)
    assert question_filters(Filters(kinds=("topic",)), "plan") is None
    assert question_filters(Filters(kinds=("requirement",), headings=("protection",)), "plan").headings == (
        "protection",
    )


def test_each_question_counts_its_own_items_only(store):
    plan, own = answer(store, Filters(), "plan"), answer(store, Filters(), "own")
    assert plan.totals == {"done": 0, "pending": 1, "proposed": 0, "total": 1, "on_record": 1}
    assert own.totals == {"done": 2, "pending": 1, "proposed": 1, "total": 4, "on_record": 4}
    assert dict(zip(own.coverage.heading, own.coverage.total)) == {
        "prevention": 2,
        "protection": 2,
        "prosecution": 0,
        "partnerships": 0,
        "cross_cutting": 0,
    }
    assert figures_sentence("en", own, {}) == "2 of 4 done (50%), 1 pending, 1 proposed."
    assert counted_sentence("en", plan, KINDS).startswith(
        "Counted: the 1 Plan requirement on the record (kind: Requirement)"
    )
    assert "(kind: Recommendation, Topic)" in counted_sentence("en", own, KINDS)
    assert answer(store, Filters(kinds=("topic",)), "plan") is None
    assert excluded_sentence("zh", "plan", KINDS) == "未显示：类别筛选排除了本问题统计的类别（Requirement）。"


def test_the_status_filter_narrows_what_is_listed_never_the_denominator(store):
    """Own items: a, b done, c pending, d proposed. With status=done, 2 of the 4 match: the share
    done stays 50% (not 100%), and the statuses left out have no share."""
    found = answer(store, Filters(statuses=("done",)), "own")
    assert found.totals == {"done": 2, "pending": 0, "proposed": 0, "total": 2, "on_record": 4}
    assert status_figure(found, "done") == (2, 0.5) and status_figure(found, "pending") is None
    assert figures_sentence("en", found, {}) == "2 of 4 match the status filter (Done); each share is of all 4."
    assert counted_sentence("en", found, KINDS).startswith("Counted: the 4 items on the record")
    assert found.coverage.done_share.tolist()[:2] == [1.0, 0.0] and found.coverage.pending_share.isna().all()
    plan = answer(store, Filters(statuses=("proposed",)), "plan")
    assert figures_sentence("en", plan, {}) == "0 of 1 match the status filter (Proposed); each share is of all 1."


def test_when_every_heading_has_the_same_share_done_the_range_says_so(store):
    own = answer(store, Filters(), "own").coverage
    assert range_sentence("en", own, Filters()) == "Highest share done: Prevention (100%); lowest: Protection (0%)."
    same = own.assign(done_share=0.0)
    # prevention and protection hold items; the other headings have none, and so no share
    assert range_sentence("en", same, Filters()) == "All headings: each of the 2 headings that hold items is 0% done."
    assert range_sentence("zh", same, Filters()) == "全部标题中有条目的 2 个标题，已完成比例均为 0%。"


def test_timeline_counts_new_items_so_a_falling_share_is_explained(store):
    timeline = answer(store, Filters(), "own").timeline
    assert timeline[["session_id", "done", "pending", "proposed", "total", "new_items"]].values.tolist() == [
        ["s1", 1, 0, 1, 2, 2],
        ["s2", 2, 1, 0, 3, 1],
        ["s3", 2, 1, 1, 4, 1],
    ]
    assert timeline.done_share.tolist() == [0.5, 0.6667, 0.5]  # falls at s3: d was recorded, nothing undone
    proposed = answer(store, Filters(statuses=("proposed",)), "own").timeline
    assert proposed.total.tolist() == [1, 0, 1] and proposed.new_items.tolist() == [2, 1, 1]
    assert timeline_sentence("en", answer(store, Filters(), "own")).startswith(
        "After First the record held 2 of these items; after Third it holds 4: 2 done (50%)"
    )


def test_an_as_of_session_with_nothing_recorded_says_why(store):
    found = answer(store, Filters(kinds=("topic",), as_of="s2"), "own")
    assert found.totals["total"] == 0 and found.first_session == "Third"
    assert figures_sentence("en", found, labels(store, "en")["session"]) == (
        "None of these items is on the record as it stood after Second: the first was recorded at Third."
    )
    nothing = answer(store, Filters(headings=("prosecution",)), "own")
    assert figures_sentence("en", nothing, {}) == "The record holds none of these items under the filters in force."


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_worked_examples_are_computed_from_the_record(store, lang):
    examples = worked_examples(store, lang)
    if lang == "en":
        assert examples["rollup"] == [
            "b (Rec B) — First: Proposed, Second: Done: its status is Done.",
            "As of First, the first session to record anything, 3 items of every kind were on the record; "
            "the whole record holds 5.",
        ]
        assert examples["questions"] == [
            "How far the Working Group has taken up the Plan's requirements: 0 of 1 done (0%), 1 pending, 0 proposed.",
            "What has become of the Working Group's own recommendations and proposed topics: "
            "2 of 4 done (50%), 1 pending, 1 proposed.",
            "After Third the share done fell from 67% to 50%, yet no item was undone (2 done before, 2 after): "
            "new items recorded there: 1.",
        ]
        assert examples["headings"] == [
            "The source places 0 items under their heading; "
            "the editors assigned the heading of 5, each with its reason."
        ]
        assert examples["plan"] == [
            "Plan paragraph 54 (Req E): addressed by 1 item on the record (0 done), on the editors' judgement; "
            "its own status: Pending at First; "
            "addressed by: Recommendation “Rec C” (c): Pending at Second (relation judged by the editors)."
        ]
    else:
        assert examples["rollup"][0] == "b（建议乙）——第一届：拟议、第二届：已完成：其状态为已完成。"
        assert len(examples["questions"]) == 3


def test_method_page_shows_the_worked_examples(shipped_db, shipped, monkeypatch):
    from test_dashboard import open_app

    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    for lang in ("en", "zh"):
        at = open_app("about", lang=lang)
        text = " ".join(m.value.replace("\\", "") for m in at.markdown)
        for sentences in worked_examples(shipped, lang).values():
            for sentence in sentences:
                assert sentence in text
    assert "0 of 8 done" in text.replace("\\", "") or "8 个中有 0 个已完成" in text


def test_a_figure_counting_kinds_together_says_which():
    assert kinds_counted_sentence("en", Filters(), KINDS).startswith(
        "Counted together here: Requirement, Recommendation, Topic."
    )
    assert kinds_counted_sentence("en", Filters(kinds=("topic",)), KINDS).startswith("Counted together here: Topic.")
