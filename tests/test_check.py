"""The validation report: each check on a record built to trip it, on the shipped record, and
`gaptrack check` on the command line."""

from __future__ import annotations

import pandas as pd
import pytest
from fixtures import BASE, make_record

from transforms.cli import main
from transforms.database.build import build
from transforms.database.coverage import answer, figures_sentence
from transforms.database.plan import plan_question_filters, plan_sentence
from transforms.database.queries import Filters, Store, labels
from transforms.presentation.i18n import catalog, t
from transforms.reports.check import CHECKS, validation_report


def report(tmp_path, waited=2, as_of=None, **tables):
    data = make_record(tmp_path / "data", **tables)
    build(data, tmp_path / "db.duckdb")
    with Store(tmp_path / "db.duckdb") as store:
        return validation_report(store, as_of=as_of, waited=waited)


def column(frame, name):
    return list(frame[name])


def item(item_id, **fields):
    base = dict(BASE["items"][0], item_id=item_id)
    return {**base, **fields}


def link(item_id, session_id, status):
    return dict(BASE["links"][0], item_id=item_id, session_id=session_id, status=status)


def test_the_fixture_record(tmp_path):
    found = report(tmp_path)
    assert column(found["unaddressed_headings"], "heading") == ["prosecution", "cross_cutting"]
    assert column(found["sessions_without_symbol"], "session_id") == ["s1", "s3"]
    assert found["items_without_paragraph"].empty and found["waiting_proposals"].empty
    assert found["unaddressed_requirements"].empty  # e is pending since s1


def test_an_item_quoting_only_a_footnote_is_reported(tmp_path):
    footnoted = item("f", source_paragraph="fn1", quote="SYM/2020/1")
    found = report(tmp_path, items=[*BASE["items"], footnoted], links=[*BASE["links"], link("f", "s1", "done")])
    assert column(found["items_without_paragraph"], "item_id") == ["f"]
    assert column(found["items_without_paragraph"], "source_paragraph") == ["fn1"]


def test_a_requirement_only_proposed_is_unaddressed_and_so_is_its_heading(tmp_path):
    requirement = item("r", kind="requirement", heading="prosecution", plan_paragraph="44")
    found = report(tmp_path, items=[*BASE["items"], requirement], links=[*BASE["links"], link("r", "s2", "proposed")])
    rows = found["unaddressed_requirements"]
    assert column(rows, "item_id") == ["r"] and column(rows, "plan_paragraph") == [44]
    assert column(rows, "status") == ["proposed"]
    heading = found["unaddressed_headings"]
    assert column(heading, "heading") == ["prosecution", "cross_cutting"]
    assert column(heading, "items_on_record") == [1, 0]


def test_proposals_count_the_working_group_sessions_since_they_were_first_proposed(tmp_path):
    waiting = item("w")
    links = [*BASE["links"], link("w", "s1", "proposed")]  # s2 is a wg session after s1; s3 is cop
    assert column(
        report(tmp_path / "a", 0, links=links, items=[*BASE["items"], waiting])["waiting_proposals"], "item_id"
    ) == ["w"]
    found = report(tmp_path / "b", 1, links=links, items=[*BASE["items"], waiting])
    assert found["waiting_proposals"].empty
    rows = report(tmp_path / "c", 0, links=links, items=[*BASE["items"], waiting])["waiting_proposals"]
    assert column(rows, "first_proposed_at") == ["s1"] and column(rows, "wg_sessions_since") == [1]


def test_as_of_an_earlier_session(tmp_path):
    found = report(tmp_path, as_of="s1")
    assert column(found["sessions_without_symbol"], "session_id") == ["s1"]
    assert column(found["unaddressed_headings"], "heading") == ["protection", "prosecution", "cross_cutting"]


def test_the_shipped_record(shipped):
    found = validation_report(shipped)
    assert column(found["unaddressed_requirements"], "plan_paragraph") == [16, 22, 30, 34, 44, 48, 53, 54]
    assert column(found["waiting_proposals"], "item_id") == ["topic-p10-1", "topic-p10-2"]
    assert column(found["waiting_proposals"], "wg_sessions_since") == [3, 3]
    assert column(found["sessions_without_symbol"], "session_id") == ["cop-4", "bureau-6", "bureau-8", "cop-6"]
    assert found["items_without_paragraph"].empty and found["unaddressed_headings"].empty


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_check_has_a_title_and_help_in_each_language(lang):
    for check in CHECKS:
        assert check.title(lang, 3) and check.help(lang)
        assert "{" not in check.title(lang, 3)
    assert "check_valid" in catalog(lang)


def test_cli_prints_the_report_and_strict_fails_when_it_finds_anything(tmp_path, capsys):
    data = make_record(tmp_path / "data")
    args = ["--data", str(data), "--db", str(tmp_path / "db.duckdb")]
    assert main(["check", *args]) == 0
    out = capsys.readouterr().out
    assert "Sessions without a document symbol: 2" in out and "Proposals waiting more than 2" in out
    assert main(["check", "--strict", *args]) == 1
    assert main(["check", "--lang", "zh", "--waited", "0", *args]) == 0
    assert "已等待超过 0 届工作组会议的拟议条目" in capsys.readouterr().out


def test_cli_refuses_bad_data_and_bad_options(tmp_path, capsys):
    data = make_record(tmp_path / "data")
    args = ["--data", str(data), "--db", str(tmp_path / "db.duckdb")]
    assert main(["check", "--waited", "-1", *args]) == 2
    assert "--waited" in capsys.readouterr().err
    assert main(["check", "--as-of", "s9", *args]) == 2
    assert "s9" in capsys.readouterr().err
    (data / "items.csv").write_text((data / "items.csv").read_text().replace("prevention", "health", 1))
    assert main(["check", *args]) == 2
    err = capsys.readouterr().err
    assert "items.csv, line 2, column 'heading': found 'health'" in err and "Traceback" not in err


def test_terminal_output_never_carries_control_characters(tmp_path, capsys):
    """A title holding an escape sequence or a line break prints as plain text on one line."""
    hostile = [dict(BASE["items"][0], kind="requirement", plan_paragraph="7", title_en="Red\x1b[31m\nalert\x07")]
    data = make_record(tmp_path / "data", items=hostile + BASE["items"][1:], links=[*BASE["links"][1:]])
    args = ["--data", str(data), "--db", str(tmp_path / "db.duckdb")]
    (data / "links.csv").write_text((data / "links.csv").read_text() + "a,s2,proposed,,src,2,第二段,,\n")
    assert main(["check", *args]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "Red [31m alert" in out


def test_requirements_not_yet_on_the_record_as_of_are_not_listed_and_the_check_says_why(tmp_path):
    """As of a session before any Plan requirement was recorded the check lists none and gives the
    Overview's and Plan view's sentence; a requirement no session recorded is listed only for the
    whole record, its status worded as the Plan view words it (never a placeholder)."""
    unrecorded = item("u", kind="requirement", heading="prevention", plan_paragraph="16")
    links = [row for row in BASE["links"] if (row["item_id"], row["session_id"]) != ("e", "s1")]  # e: proposed at s2
    data = make_record(tmp_path / "data", items=[*BASE["items"], unrecorded], links=links)
    build(data, tmp_path / "db.duckdb")
    check = CHECKS[[c.name for c in CHECKS].index("unaddressed_requirements")]
    with Store(tmp_path / "db.duckdb") as store:
        sessions = labels(store, "zh")["session"]
        assert check.rows(store, "s1", "zh", 2).empty
        plan_found = answer(store, plan_question_filters(Filters(as_of="s1", lang="zh")), "plan")
        said = plan_sentence("zh", pd.DataFrame(), plan_found, sessions)  # what the Plan view says then
        assert check.nothing_on_record(store, "s1", "zh") == said
        assert said == t("zh", "q_plan_nothing_as_of", session=sessions["s1"], first=sessions["s2"])
        then = check.rows(store, "s2", "en", 2)
        assert column(then, "item_id") == ["e"] and column(then, "status") == ["proposed"]
        assert check.nothing_on_record(store, "s2", "en") is None
        whole = check.rows(store, None, "en", 2)
        assert column(whole, "item_id") == ["u", "e"]
        assert column(whole, "status") == [t("en", "plan_no_status"), "proposed"]
        assert check.nothing_on_record(store, None, "en") is None
        assert all(c.nothing_on_record(store, "s1", "en") is None for c in CHECKS if c is not check)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_headings_before_any_item_was_recorded_are_not_listed_and_the_check_says_why(shipped, lang):
    """As of a session before any item of any kind was recorded (cop-4: the shipped record's first
    session recorded none) the headings check lists no heading "with 0 items" but says, as the
    requirements check does, that nothing was on the record then and which session recorded the
    first item; once one is, it lists the headings as before."""
    check = CHECKS[[c.name for c in CHECKS].index("unaddressed_headings")]
    sessions = labels(shipped, lang)["session"]
    assert shipped.frame("item_list", Filters(as_of="cop-4", lang=lang)).empty
    assert shipped.frame("item_list", Filters(as_of="wg-1", lang=lang)).size
    assert check.rows(shipped, "cop-4", lang, 2).empty
    said = check.nothing_on_record(shipped, "cop-4", lang)
    assert said == t(lang, "check_any_nothing_as_of", session=sessions["cop-4"], first=sessions["wg-1"])
    then = check.rows(shipped, "wg-1", lang, 2)
    assert column(then, "heading") == ["prosecution"] and column(then, "items_on_record") == [1]
    assert check.nothing_on_record(shipped, "wg-1", lang) is None
    assert check.nothing_on_record(shipped, None, lang) is None


@pytest.mark.parametrize(("as_of", "lang"), [("wg-3", "en"), ("cop-4", "zh")])
def test_cli_and_checks_page_agree_with_the_overview_before_any_requirement(
    shipped, shipped_db, monkeypatch, capsys, as_of, lang
):
    """`gaptrack check --as-of` and the Checks page list no Plan requirement before the first was
    recorded and say why in the Overview's words; the other lists hold only what was on the record."""
    from test_dashboard import open_app

    found = answer(shipped, Filters(as_of=as_of, lang=lang), "plan")
    said = figures_sentence(lang, found, labels(shipped, lang)["session"])  # the Overview's sentence
    assert said == t(
        lang,
        "q_plan_nothing_as_of",
        session=labels(shipped, lang)["session"][as_of],
        first=labels(shipped, lang)["session"]["wg-4"],
    )
    report_ = validation_report(shipped, as_of=as_of, lang=lang)
    assert report_["unaddressed_requirements"].empty
    held = set(shipped.frame("item_list", Filters(as_of=as_of, lang=lang))["item_id"])
    for name in ("items_without_paragraph", "waiting_proposals"):
        assert set(report_[name]["item_id"]) <= held
    assert main(["check", "--as-of", as_of, "--lang", lang, "--db", str(shipped_db)]) == 0
    out = capsys.readouterr().out
    assert f"{CHECKS[1].title(lang, 2)}: 0\n" in out and said in out
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = open_app("checks", as_of=as_of, lang=lang)
    assert at.main.header[1].value.endswith(" 0")
    infos = [i.value.replace("\\", "") for i in at.info]
    assert said in infos
    # the headings check: as of a session before any item of any kind, no heading listed "0 items"
    # but one sentence saying so, the same in the terminal and on the page
    headings = CHECKS[[c.name for c in CHECKS].index("unaddressed_headings")]
    gap = headings.nothing_on_record(shipped, as_of, lang)
    if as_of == "cop-4":
        assert report_["unaddressed_headings"].empty and gap
        assert f"{headings.title(lang, 2)}: 0\n" in out and f"\n  {gap}\n" in out
        assert at.main.header[2].value.endswith(" 0") and gap in infos
    else:
        assert gap is None
    statuses = [
        d.value[c] for d in at.dataframe for c in d.value.columns if c in ("status", t(lang, "check_column_status"))
    ]
    assert all(t(lang, "not_given") not in list(s) and s.notna().all() for s in statuses)  # no placeholder status
