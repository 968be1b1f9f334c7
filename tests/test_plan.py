"""The Plan view (transforms/database/plan.py, sql/plan_view.sql): every Plan requirement the record holds,
its own status, what addresses it; on fixture records built in code, in the export, the briefing
and the page.

Fixture: e is the one Plan requirement (partnerships): pending at s1, proposed at s2.
c (a recommendation, protection) addresses e, judged by the editors: pending at s2, proposed at s3.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest
from fixtures import BASE, make_record

from transforms.database.build import build
from transforms.database.export import export_bytes, export_file_name
from transforms.database.plan import plan_sentence, plan_view, requirement_summary
from transforms.database.queries import Filters, Store, labels
from transforms.presentation.i18n import t
from transforms.reports.report import report_html

COLUMNS = ["requirement_id", "requirement_status", "requirement_status_at", "item_id", "item_status", "item_status_at"]


def shown(frame) -> list[list]:
    part = frame[COLUMNS]
    return part.astype(object).where(part.notna(), None).values.tolist()


@pytest.mark.parametrize(
    "filters, expected",
    [
        (Filters(), [["e", "pending", "First", "c", "pending", "Second"]]),
        (Filters(curated=False), [["e", "pending", "First", None, None, None]]),
        (Filters(as_of="s1"), [["e", "pending", "First", None, None, None]]),  # c not on the record yet
        (Filters(headings=("prevention",)), []),
        (Filters(headings=("partnerships",)), [["e", "pending", "First", "c", "pending", "Second"]]),
        (Filters(statuses=("proposed",)), []),
        (Filters(statuses=("pending",)), [["e", "pending", "First", "c", "pending", "Second"]]),
        (Filters(kinds=("topic",)), [["e", "pending", "First", None, None, None]]),
        (Filters(kinds=("recommendation",)), [["e", "pending", "First", "c", "pending", "Second"]]),
    ],
)
def test_each_filter_narrows_the_plan_view(store, filters, expected):
    assert shown(plan_view(store, filters)) == expected


def test_the_summary_says_what_addresses_a_requirement(store):
    summary = requirement_summary(plan_view(store, Filters()), "en")
    row = summary.iloc[0]
    assert (row.requirement_id, row.plan_paragraph, row.item_count, row.curated_count, row.addressed) == (
        "e",
        54,
        1,
        1,
        True,
    )
    assert row.verdict == "addressed by 1 item on the record (0 done), on the editors' judgement"
    assert row.own_status == "Pending at First"
    # the addressing item by its title in the page's language, its id after it
    assert row.addressed_by == "Recommendation “Rec C” (c): Pending at Second (relation judged by the editors)"
    zh = requirement_summary(plan_view(store, Filters(lang="zh")), "zh").iloc[0]
    assert "“建议丙”（c）：" in zh.addressed_by
    assert plan_sentence("en", summary) == (
        "1 Plan requirement listed: 1 addressed by a recommendation or topic on the record "
        "(only by relations the editors judged)."
    )
    assert plan_sentence("en", requirement_summary(plan_view(store, Filters(headings=("prosecution",))), "en")) == (
        "No Plan requirement matches these filters."
    )


def whole_plan(folder):
    """The fixture record with six more requirements, one per Plan paragraph, no session linked:
    as a record that loaded the Plan's text would hold them."""
    extra = [
        dict(
            BASE["items"][4],
            item_id=f"req-{n}",
            plan_paragraph=str(n),
            heading=heading,
            title_en=f"Paragraph {n}",
            title_zh=f"第 {n} 条",
        )
        for n, heading in (
            (1, "prevention"),
            (2, "prevention"),
            (3, "protection"),
            (60, "prosecution"),
            (61, "partnerships"),
            (62, "partnerships"),
        )
    ]
    return make_record(folder, items=[*BASE["items"], *extra])


def test_untouched_requirements_are_listed_nothing_is_hard_wired(tmp_path):
    build(whole_plan(tmp_path / "data"), tmp_path / "db.duckdb")
    with Store(tmp_path / "db.duckdb") as store:
        summary = requirement_summary(plan_view(store, Filters()), "en")
        assert summary.requirement_id.tolist() == ["req-1", "req-2", "req-3", "req-60", "e", "req-61", "req-62"]
        untouched = summary[summary.requirement_id == "req-61"].iloc[0]
        assert untouched.own_status == "not recorded at any session yet"
        assert untouched.verdict == "not addressed by any item on the record"
        assert untouched.addressed_by == "no item on the record addresses it"
        assert plan_sentence("en", summary) == (
            "7 Plan requirements listed: 1 addressed by a recommendation or topic on the record "
            "(only by relations the editors judged), 6 not addressed by any item on the record."
        )
        assert len(requirement_summary(plan_view(store, Filters(headings=("prevention",))), "en")) == 2
        # as of a session, only what a session up to then recorded is on the record (the Overview's rule)
        assert plan_view(store, Filters(as_of="s1")).requirement_id.tolist() == ["e"]
        assert export_bytes(store, "plan", Filters(as_of="s1")).decode("utf-8-sig").count("req-") == 0


def test_the_kind_filter_narrows_the_list_not_the_verdict(store):
    """c (a recommendation) addresses e: with kind=topic nothing is listed, yet e stays addressed."""
    summary = requirement_summary(plan_view(store, Filters(kinds=("topic",))), "en")
    row = summary.iloc[0]
    assert (row.item_count, row.addressed_count, row.addressed) == (0, 1, True)
    assert row.verdict == "addressed by 1 item on the record (0 done), on the editors' judgement"
    assert row.addressed_by == "no item on the record addresses it"


def test_as_of_hides_items_not_yet_on_the_record_from_the_verdict(store):
    summary = requirement_summary(plan_view(store, Filters(as_of="s1")), "en")
    assert summary[["requirement_id", "addressed_count", "verdict"]].values.tolist() == [
        ["e", 0, "not addressed by any item on the record"]
    ]


def test_export_plan_is_the_same_query(store):
    for filters in (Filters(), Filters(curated=False, lang="zh"), Filters(as_of="s1")):
        rows = list(csv.DictReader(io.StringIO(export_bytes(store, "plan", filters).decode("utf-8-sig"))))
        frame = plan_view(store, filters)
        assert [r["requirement_id"] for r in rows] == frame.requirement_id.tolist()
        assert [r["item_id"] or None for r in rows] == [None if v != v else v for v in frame.item_id]
    assert "source-relations-only" in export_file_name("plan", Filters(curated=False))


def test_the_briefing_follows_the_plan_view(store):
    text = report_html(store, Filters())
    assert 'data-requirement="e"' in text and "Recommendation “Rec C” (c): Pending at Second" in text
    hidden = report_html(store, Filters(curated=False))
    assert "Recommendation c" not in hidden and "Relations judged by the editors are hidden" in hidden
    assert "--no-curated" in hidden


def test_cli_export_plan(tmp_path, capsys):
    from transforms.cli import main

    folder = make_record(tmp_path / "data")
    out = tmp_path / "plan.csv"
    assert (
        main(
            [
                "export",
                "plan",
                "--data",
                str(folder),
                "--db",
                str(tmp_path / "d.duckdb"),
                "--no-curated",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert [(r["requirement_id"], r["item_id"]) for r in rows] == [("e", "")]


def unescaped(frame):
    """A table's cells without the markdown escapes that keep data text as text."""
    return frame.map(lambda v: v.replace("\\", "") if isinstance(v, str) else v)


def test_the_plan_page_lists_every_requirement_and_hides_curated_relations(shipped_db, shipped, monkeypatch, media):
    from test_dashboard import open_app, rows

    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = open_app("plan")
    drawn = [unescaped(d.value) for d in at.table if "Requirement" in d.value.columns]
    assert list(drawn[0].columns) == [
        "Requirement",
        "Addressed by items on the record?",
        "Its own status",
        "Addressed by",
    ]
    # each requirement cell starts with its Plan paragraph (an index would not be shown)
    paragraphs = [re.match(r"Plan paragraph (\d+)  \n", r) for frame in drawn for r in frame["Requirement"]]
    assert [int(m.group(1)) for m in paragraphs] == [16, 22, 30, 34, 44, 48, 53, 54]
    assert [s.value for s in at.main.header][:4] == [
        "Preventing trafficking in persons",
        "Protecting and assisting victims of trafficking",
        "Prosecuting crimes of trafficking in persons",
        "Strengthening partnerships against trafficking in persons",
    ]
    protection = drawn[1].set_index(pd.Index([int(m.group(1)) for m in paragraphs[2:4]]))
    verdict, by = "Addressed by items on the record?", "Addressed by"
    assert protection.loc[30, verdict] == "addressed by 3 items on the record (2 done), on the editors' judgement"
    assert protection.loc[34, verdict] == "not addressed by any item on the record"
    assert (
        "Recommendation “Non-punishment and non-prosecution of victims” (rec-wg1-07): "
        "Done at Working Group, first session" in protection.loc[30, by]
    )
    assert "relation judged by the editors" in protection.loc[30, by]
    button = next(b for b in at.get("download_button") if b.proto.id.endswith("download_plan"))
    assert rows(media.of(button)) == rows(export_bytes(shipped, "plan", Filters()))
    at.toggle(key="curated").set_value(False).run()
    assert at.query_params["curated"] in ("0", ["0"])
    drawn = [unescaped(d.value) for d in at.table if "Requirement" in d.value.columns]
    assert all(v == "not addressed by any item on the record" for frame in drawn for v in frame[verdict])
    assert any("Relations judged by the editors are hidden" in i.value for i in at.info)
    again = open_app("plan", curated="0", heading="protection", lang="zh")
    drawn = [unescaped(d.value) for d in again.table if "要求" in d.value.columns]
    shown = [re.match(r"《全球行动计划》第 (\d+) 段  \n", r) for frame in drawn for r in frame["要求"]]
    assert [int(m.group(1)) for m in shown] == [30, 34]
    assert all(v == "记录中没有任何条目涉及" for v in drawn[0]["是否有记录中的条目涉及"])


def test_the_plan_page_as_of_lists_only_what_was_on_the_record(shipped_db, monkeypatch):
    """The Plan of 2010 is not on the record after the first session (2009): the Overview counts
    0 Plan requirements then, and so does the Plan view."""
    from test_dashboard import open_app

    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = open_app("plan", as_of="wg-1")
    assert not [d for d in at.table if "Requirement" in d.value.columns]
    # the Overview's reason, not "no requirement matches the filters" (tests/test_overview_words.py)
    said = "No Plan requirement is on the record as it stood after Working Group, first session"
    assert any(said in m.value.replace("\\", "") for m in at.markdown)


def plan_summary(addressed: list[bool], curated: list[int]) -> pd.DataFrame:
    """requirement_summary's counted columns for requirements addressed (or not), each by one
    item, `curated` of them (0 or 1) resting on the editors' judgement."""
    return pd.DataFrame(
        {"addressed": addressed, "addressed_count": [int(a) for a in addressed], "curated_count": curated}
    )


PLAN_SENTENCES = {  # branch -> (summary, English, Chinese)
    "none addressed, several": (
        plan_summary([False] * 8, [0] * 8),
        "8 Plan requirements listed: none of them is addressed by any item on the record.",
        "列出 8 项《全球行动计划》要求：没有一项有记录中的任何条目涉及。",
    ),
    "none addressed, one": (
        plan_summary([False], [0]),
        "1 Plan requirement listed: it is not addressed by any item on the record.",
        "列出 1 项《全球行动计划》要求：没有一项有记录中的任何条目涉及。",
    ),
    "every one addressed, none on the editors' word": (
        plan_summary([True, True], [0, 0]),
        "2 Plan requirements listed: 2 addressed by a recommendation or topic on the record.",
        "列出 2 项《全球行动计划》要求：2 项有记录中的建议或议题涉及。",
    ),
    "some addressed, all of those on the editors' word": (
        plan_summary([True, True, False], [1, 1, 0]),
        "3 Plan requirements listed: 2 addressed by a recommendation or topic on the record "
        "(all only by relations the editors judged), 1 not addressed by any item on the record.",
        "列出 3 项《全球行动计划》要求：2 项有记录中的建议或议题涉及（均仅凭编者判断的关系），"
        "1 项没有记录中的任何条目涉及。",
    ),
    "some on the editors' word": (
        plan_summary([True, True, False], [1, 0, 0]),
        "3 Plan requirements listed: 2 addressed by a recommendation or topic on the record "
        "(1 of them only by relations the editors judged), 1 not addressed by any item on the record.",
        "列出 3 项《全球行动计划》要求：2 项有记录中的建议或议题涉及（其中 1 项仅凭编者判断的关系），"
        "1 项没有记录中的任何条目涉及。",
    ),
}


@pytest.mark.parametrize("branch", PLAN_SENTENCES)
def test_the_plan_sentence_gives_none_and_one_their_own_words(branch):
    """No "0 addressed ... (0 of them ...)" (/plan?curated=0): none, one and all are worded apiece."""
    summary, english, chinese = PLAN_SENTENCES[branch]
    assert plan_sentence("en", summary) == english
    assert plan_sentence("zh", summary) == chinese


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_plan_intro_names_every_status_a_requirement_can_have(shipped, lang):
    """Not "done or pending" alone: every status of the record (proposed too: every requirement
    listed on the shipped record is), each with what it means."""
    intro = t(lang, "plan_intro")
    statuses = labels(shipped, lang)["status"]
    assert set(statuses) == {"done", "pending", "proposed"}
    for label in statuses.values():
        assert label.lower() in intro, (label, intro)
    own = set(plan_view(shipped, Filters(lang=lang)).requirement_status.dropna())
    assert own <= set(statuses) and "proposed" in own
