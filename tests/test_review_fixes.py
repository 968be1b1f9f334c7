# ruff: noqa: F811  (record: a fixture imported from another test module, named as a test argument)
"""What a new user found reviewing documents (review-fix): each fault reproduced on a fixture made here."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_merge import REPORT, merge, read, record, write_like_a_spreadsheet  # noqa: F401 (record: a fixture)
from test_merge import review as fill_in
from un_documents import SYMBOL, report_docx, report_pdf

from transforms.cli import main
from transforms.editing.audit import read_log
from transforms.record.source_text import split_paragraphs
from transforms.review import rules


@pytest.mark.parametrize(("name", "make"), [("report.docx", report_docx), ("report.pdf", report_pdf)])
def test_the_report_itself_is_quoted_from_the_header_of_the_kept_text(name, make):
    """Finding 1: ingest drops the masthead's symbol line as page furniture; the report's own cited-document
    candidate quotes the symbol in paragraph 'header': the text kept under sources/ must hold it there."""
    candidates, text = rules.read_upload(name, make(), source_id="the-report")
    own = candidates.documents[candidates.documents.symbol == SYMBOL].to_dict("records")[0]
    assert (own["source_paragraph"], own["quote"]) == ("header", SYMBOL)
    assert SYMBOL in split_paragraphs(text)["header"]


# ---------------------------------------------------------------- finding 2: the dry run checks what the merge checks


def snapshot(data: Path) -> dict[str, bytes]:
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in data.rglob("*") if p.is_file()}


def test_a_dry_run_of_an_unfilled_folder_lists_every_missing_field_and_exits_2(record, capsys):
    data, db, out = record
    before = snapshot(data)
    assert merge(data, db, out, "--dry-run") == 2
    err = capsys.readouterr().err
    assert "candidates/items.csv, line 2, field 'title_zh': missing." in err
    assert "candidates/links.csv, line 3, field 'status': missing." in err
    assert "Dry run" not in err
    assert snapshot(data) == before and not db.exists()


def test_a_dry_run_reports_an_invalid_value_the_staged_build_refuses(record, capsys):
    data, db, out = record
    fill_in(out)
    links = read(out / "links.csv")
    links[0]["status"] = "Done"  # not one of the record's statuses
    write_like_a_spreadsheet(out / "links.csv", links)
    before = snapshot(data)
    assert merge(data, db, out, "--dry-run") == 2
    assert "Done" in capsys.readouterr().err
    assert snapshot(data) == before and not db.exists()


def test_a_dry_run_of_a_reviewed_folder_passes_and_writes_nothing(record, capsys):
    data, db, out = record
    fill_in(out)
    before = snapshot(data)
    assert merge(data, db, out, "--dry-run") == 0
    assert "every check passed" in capsys.readouterr().out
    assert snapshot(data) == before and not db.exists() and read_log(data) == []
    assert merge(data, db, out) == 0  # and the merge it vouched for saves


# ---------------------------------------------------------------- findings 3, 4, 5: refused, not merged silently


def edit_rows(path: Path, change) -> None:
    rows = read(path)
    write_like_a_spreadsheet(path, [r for r in (change(dict(r)) for r in rows) if r is not None])


def test_a_session_number_typed_wrong_is_refused_naming_both_dates(record, capsys):
    """wg-4 met 2011-10-10 – 2011-10-12; the report's session met 2013-11-06 – 2013-11-08."""
    data, db, out = record
    fill_in(out)
    edit_rows(out / "sessions.csv", lambda r: {**r, "number": "4"})
    assert merge(data, db, out) == 2
    err = capsys.readouterr().err
    assert "candidates/sessions.csv, line 2, field 'number': the body and number are those of wg-4" in err
    assert "2011-10-10 – 2011-10-12" in err and "2013-11-06 – 2013-11-08" in err
    assert read_log(data) == []
    assert merge(data, db, out, "--lang", "zh") == 2
    assert "2011-10-10 – 2011-10-12" in capsys.readouterr().err


def test_an_item_whose_links_row_was_deleted_is_refused_status_missing(record, capsys):
    data, db, out = record
    fill_in(out)
    edit_rows(out / "links.csv", lambda r: None if r["item_id"] == "cand-p01-01" else r)
    assert merge(data, db, out) == 2
    err = capsys.readouterr().err
    assert "candidates/items.csv, line 2, field 'status': missing. Its status at the document's session" in err
    assert "cand-p01-01" in err and read_log(data) == []


def test_an_existing_id_typed_for_another_quote_is_refused(record, capsys):
    data, db, out = record
    fill_in(out)
    edit_rows(out / "items.csv", lambda r: {**r, "item_id": "rec-wg1-07"} if r["item_id"] == "cand-p01-01" else r)
    edit_rows(out / "links.csv", lambda r: {**r, "item_id": "rec-wg1-07"} if r["item_id"] == "cand-p01-01" else r)
    assert merge(data, db, out) == 2
    printed = capsys.readouterr()
    assert "candidates/items.csv, line 2, field 'item_id': the id rec-wg1-07 is on the record for another item" in (
        printed.err
    )
    assert read_log(data) == []


def test_the_edit_page_rules_refuse_the_same(tmp_path):
    """The Edit page builds a Proposal and calls the same rules: wrong dates refused there too."""
    from fixtures import copy_shipped

    from transforms.editing.saving import Current

    data = copy_shipped(tmp_path / "data")
    proposal = rules.Proposal(text=b"")
    proposal.add("sessions", dict(session_id="cand-wg-4", body="wg", number="4", start_date="2013-11-06"), ("s", 2))
    found = rules.problems(rules.assign_ids(proposal, Current(data)), "en")
    assert [(p.column, p.why) for p in found if p.template == "review_conflict"] == [
        ("number", "review_why_session_dates")
    ]


# ---------------------------------------------------------------- findings 6, 7: the same document again

REPORT_ZH = """联合国                                                    CTOC/COP/WG.4/2013/5
联合国打击跨国有组织犯罪公约缔约方会议
Distr.: General
2013年12月20日
Chinese
Original: English

贩运人口问题工作组
2013年11月6日至8日，维也纳

2013年11月6日至8日在维也纳举行的贩运人口问题工作组会议的报告

一. 建议

1. 贩运人口问题工作组在2013年11月6日至8日于维也纳举行的第五届会议上通过了以下建议：

A. 预防贩运人口
 (a) 缔约国应当培训边境和劳工官员识别贩运活动受害者；

2. 工作组请秘书处在下届会议上报告这些建议的执行情况。
"""


def ingest(path: Path, source_id: str, data: Path, out: Path) -> None:
    assert main(["ingest", str(path), "--source-id", source_id, "--out", str(out), "--data", str(data)]) == 0


def test_the_chinese_version_of_a_recorded_report_warns_listing_the_items(record, tmp_path, capsys):
    data, db, out = record
    fill_in(out)
    assert merge(data, db, out) == 0
    report_zh, out_zh = tmp_path / "wg5-report.zh.txt", tmp_path / "candidates-zh"
    report_zh.write_text(REPORT_ZH, encoding="utf-8")
    ingest(report_zh, "wg5-report-zh", data, out_zh)
    assert read(out_zh / "sources.csv")[0]["language"] == "zh"
    capsys.readouterr()
    merge(data, db, out_zh, "--dry-run")
    printed = capsys.readouterr().out
    assert "the record holds 2 items from CTOC/COP/WG.4/2013/5 in another language" in printed
    assert "rec-wg5-01 (wg5-report, en): States parties should train border" in printed
    assert "req-gpa-27 (wg5-report, en)" in printed
    merge(data, db, out_zh, "--dry-run", "--lang", "zh")
    assert "CTOC/COP/WG.4/2013/5（同一文件）" in capsys.readouterr().out


def test_the_same_report_under_another_source_id_is_not_added_twice(record, tmp_path, capsys):
    data, db, out = record
    fill_in(out)
    assert merge(data, db, out) == 0
    assert "1 sources" in read_log(data)[0]["summary"]
    again = tmp_path / "candidates-again"
    ingest(REPORT, "wg5-report-again", data, again)
    fill_in(again)
    capsys.readouterr()
    assert merge(data, db, again) == 2  # everything is on the record already
    printed = capsys.readouterr()
    assert "sources wg5-report-again: already on the record as wg5-report (same document" in printed.out
    assert "nothing to save" in printed.err
    assert len(read_log(data)) == 1
    assert [s for s in read(data / "sources.csv") if s["symbol"] == "CTOC/COP/WG.4/2013/5"][0]["source_id"] == (
        "wg5-report"
    )
    assert len([s for s in read(data / "sources.csv") if s["symbol"] == "CTOC/COP/WG.4/2013/5"]) == 1
