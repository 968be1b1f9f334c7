"""What a new user found reviewing documents (review-fix): each fault reproduced on a fixture made here."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_merge import merge, read, record, write_like_a_spreadsheet  # noqa: F401 (record: a fixture)
from test_merge import review as fill_in
from un_documents import SYMBOL, report_docx, report_pdf

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
