"""Issue 12's second pass (what a demanding new user found): one word, one meaning; the two
questions never added together; filters say what they narrow. On the fixture record of
tests/fixtures.py (e the one Plan requirement, pending; own items a, b done, c pending, d proposed;
c addresses e, judged by the editors) and on the shipped record."""

from __future__ import annotations

import html
import re

from transforms.database.queries import Filters
from transforms.reports.report import report_html


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_the_briefing_counts_open_items_per_question_and_says_whether_editors_relations_count(store):
    text = text_of(report_html(store, Filters()))
    assert "Open (pending or proposed) in this scope, two sets counted apart: 1 Plan requirement, and 2 of" in text
    assert "Relations judged by the editors included (Plan section: each marked)" in text
    hidden = text_of(report_html(store, Filters(curated=False)))
    assert "Relations judged by the editors hidden: only relations a source document states" in hidden
    zh = text_of(report_html(store, Filters(lang="zh")))
    assert "分两组统计：《全球行动计划》要求 1 项；工作组自身的建议和议题 2 个。" in zh
    assert "构建" in zh and "由 gaptrack" in zh


def test_the_briefing_as_of_lists_the_plan_requirements_then_on_the_record(shipped):
    """Before the Plan (2010) the record holds no Plan requirement: the briefing's figures and its
    Plan section agree (it used to say 0 on the record, then list 8)."""
    text = text_of(report_html(shipped, Filters(as_of="cop-4")))
    assert "8 Plan requirements listed" not in text
    # the Plan section gives the Plan question's reason (tests/test_overview_words.py)
    assert text.count("No Plan requirement is on the record as it stood after Conference of the Parties") == 2


def test_the_cli_says_what_it_covers_and_which_filters_it_did_not_apply(tmp_path, capsys):
    from fixtures import make_record

    from transforms.cli import main

    paths = ["--data", str(make_record(tmp_path / "data")), "--db", str(tmp_path / "d.duckdb")]
    out = ["--out", str(tmp_path / "s.csv")]
    assert main(["export", "sessions", *paths, *out, "--heading", "protection", "--status", "done"]) == 0
    assert capsys.readouterr().err.splitlines()[-1:] == [
        "Not applied here: Plan heading, status. The sessions file lists every session up to the as-of session.",
    ]
    assert main(["summary", *paths, "--as-of", "s2", "--status", "pending", "--no-curated"]) == 0
    assert capsys.readouterr().err.splitlines()[-2:] == [
        "As it stood after: Second — Pending",
        "Not applied here: relations judged by the editors hidden. Coverage counts items by their status; "
        "relations between items and Plan requirements are shown on the Plan view.",
    ]


def test_counts_take_the_singular_for_one():
    from transforms.presentation.i18n import t

    assert t("en", "outcomes_sentence", sessions=12, done=40, pending=1, proposed=1) == (
        "12 sessions and meetings; together they recorded an item as done 40 times, as pending 1 time"
        " and as proposed 1 time."
    )
    assert t("en", "outcomes_sentence", sessions=1, done=1, pending=2, proposed=0) == (
        "1 session or meeting; together they recorded an item as done 1 time, as pending 2 times"
        " and as proposed 0 times."
    )
    assert t("zh", "outcomes_sentence", sessions=1, done=1, pending=2, proposed=0) == (
        "共 1 次会议；合计记录条目为已完成 1 次、待定 2 次、拟议 0 次。"
    )


def test_provenance_follows_as_of_and_a_requirement_lists_what_addresses_it(shipped_db, monkeypatch):
    from test_dashboard import open_app

    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    before = open_app("items", item="req-gpa-30", as_of="wg-1")
    assert [i.value.replace("\\", "") for i in before.info] == [  # markdown escapes taken off
        "Not on the record as it stood after Working Group, first session: first recorded at "
        "Working Group, fourth session. Clear the as-of session to see it."
    ]
    assert not [d for d in before.dataframe if "counted" in d.value.columns]
    now = open_app("items", item="req-gpa-30")
    text = " ".join(m.value for m in now.markdown).replace("\\", "")
    assert "addressed by 3 items on the record (2 done), on the editors' judgement" in text
    assert (
        "Recommendation “Non-punishment and non-prosecution of victims” (rec-wg1-07): "
        "Done at Working Group, first session" in text
    )


def test_the_chinese_method_page_shows_the_records_notes_in_chinese(shipped_db, monkeypatch):
    import csv

    from fixtures import SHIPPED_DATA
    from test_dashboard import open_app

    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    with open(SHIPPED_DATA / "sources.csv", encoding="utf-8-sig") as f:
        notes = [(r["note"], r["note_zh"]) for r in csv.DictReader(f) if r["note"]]
    at = open_app("about", lang="zh")
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert notes and all(f"编者说明：{zh}" in captions and not any(en in c for c in captions) for en, zh in notes)


def test_checks_overview_and_plan_view_use_taken_up_for_one_thing(shipped):
    """The 8 Plan requirements are all proposed: not taken up on the Overview (its legend), not
    taken up on Checks (8 rows), and 5 of them addressed by items on the record on the Plan view."""
    from transforms.database.coverage import answer
    from transforms.database.plan import plan_view, requirement_summary
    from transforms.presentation.i18n import t
    from transforms.reports.check import CHECKS, validation_report

    check = next(c for c in CHECKS if c.name == "unaddressed_requirements")
    assert check.title("en", 0) == "Plan requirements no session has taken up"
    assert len(validation_report(shipped)["unaddressed_requirements"]) == 8
    assert answer(shipped, Filters(), "plan").totals["proposed"] == 8
    assert "**Proposed**: put forward, not yet taken up." in t("en", "overview_intro")
    summary = requirement_summary(plan_view(shipped, Filters()), "en")
    assert summary.addressed.tolist() == [True, True, True, False, False, True, True, False]
    assert "taken up" not in " ".join(summary.verdict)
