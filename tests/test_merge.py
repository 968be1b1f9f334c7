"""gaptrack ingest --out DIR, a reviewer's edits in the CSV files (as a spreadsheet saves them),
then gaptrack merge DIR: one validated, logged, undoable change of the shipped record."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fixtures import copy_shipped

from transforms.cli import main
from transforms.editing.audit import read_log
from transforms.record.load import data_version, load

REPORT = Path(__file__).resolve().parent / "review" / "wg5-report.en.txt"
TITLES_ZH = {
    "cand-p01-01": "培训边境和劳工官员识别贩运人口行为受害者",
    "cand-gpa-27": "使受害者获得庇护所和法律援助",
    "cand-p01-03": "通过区域网络分享关于贩运路线的信息",
}
BORDERLINE = "cand-p02-t1"  # a request to the Secretariat: ingest leaves its kind empty; the reviewer rejects it


def read(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def write_like_a_spreadsheet(path: Path, rows: list[dict]) -> None:
    """No BOM, CRLF line ends, every cell quoted: how a spreadsheet may save the file."""
    header = list(read(path)[0]) if path.stat().st_size and read(path) else None
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header or list(rows[0]), quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


def review(out: Path, reject: str = "cand-p01-03", plan_paragraph_item: dict | None = None) -> None:
    """What a reviewer does: titles in both languages, the session's, statuses; one item rejected."""
    source = read(out / "sources.csv")
    source[0].update(title_en="Report on the fifth session of the Working Group", title_zh="工作组第五届会议报告")
    write_like_a_spreadsheet(out / "sources.csv", source)
    sessions = read(out / "sessions.csv")
    assert [s["session_id"] for s in sessions] == ["cand-wg-5"]
    sessions[0].update(title_en="Working Group, fifth session", title_zh="工作组第五届会议")
    write_like_a_spreadsheet(out / "sessions.csv", sessions)
    documents = read(out / "documents.csv")
    for d in documents:
        d.update(session_id="cand-wg-5", cited_for_en="Background paper", cited_for_zh="背景文件")
    documents[0].update(cited_for_en="Report of the fifth session", cited_for_zh="第五届会议报告")  # the report itself
    write_like_a_spreadsheet(out / "documents.csv", documents)
    rejected = (reject, BORDERLINE)
    items = [dict(i, title_zh=TITLES_ZH[i["item_id"]]) for i in read(out / "items.csv") if i["item_id"] not in rejected]
    write_like_a_spreadsheet(out / "items.csv", items)
    links = [dict(link, status="done") for link in read(out / "links.csv") if link["item_id"] not in rejected]
    write_like_a_spreadsheet(out / "links.csv", links)


@pytest.fixture
def record(tmp_path):
    data = copy_shipped(tmp_path / "data")
    out = tmp_path / "candidates"
    assert main(["ingest", str(REPORT), "--source-id", "wg5-report", "--out", str(out), "--data", str(data)]) == 0
    return data, tmp_path / "db.duckdb", out


def merge(data: Path, db: Path, out: Path, *extra: str) -> int:
    return main(["merge", str(out), "--data", str(data), "--db", str(db), "--editor", "Reviewer", *extra])


def test_ingest_writes_what_merge_needs(record):
    _, _, out = record
    assert (out / "sources" / "wg5-report.en.txt").read_bytes() == REPORT.read_bytes()
    source = read(out / "sources.csv")[0]
    assert (source["symbol"], source["language"], source["original_language"]) == ("CTOC/COP/WG.4/2013/5", "en", "en")
    assert source["title_zh"] == "" and source["title_en"] == ""  # never guessed, never copied
    links = read(out / "links.csv")
    assert [link["item_id"] for link in links] == ["cand-p01-01", "cand-gpa-27", "cand-p01-03", BORDERLINE]
    assert {link["session_id"] for link in links} == {"cand-wg-5"} and {link["status"] for link in links} == {""}


def test_half_filled_rows_are_refused_naming_file_line_field_and_why(record, capsys):
    data, db, out = record
    before = data_version(data)
    assert merge(data, db, out) == 2
    err = capsys.readouterr().err
    assert "candidates/items.csv, line 2, field 'title_zh': missing. No Chinese title yet" in err
    assert "candidates/links.csv, line 3, field 'status': missing." in err
    assert "candidates/items.csv, line 5, field 'kind': missing. The document's lead-in" in err
    assert "Nothing was changed." in err
    assert data_version(data) == before and read_log(data) == []


def test_merge_adds_the_reviewed_rows_as_one_change_and_undo_takes_it_back(record, capsys):
    data, db, out = record
    originals = {p.name: p.read_bytes() for p in data.glob("*.csv")}
    review(out)
    assert merge(data, db, out) == 0
    printed = capsys.readouterr().out
    assert "cand-wg-5 -> wg-5" in printed and "cand-p01-01 -> rec-wg5-01" in printed
    assert "cand-gpa-27 -> req-gpa-27" in printed and "cand-ctoc-cop-wg.4-2013-4 -> wg4-2013-4" in printed
    assert BORDERLINE not in printed
    tables = load(data).tables
    wg5 = next(s for s in tables["sessions"] if s["session_id"] == "wg-5")
    assert (str(wg5["start_date"]), str(wg5["end_date"]), wg5["venue_en"]) == ("2013-11-06", "2013-11-08", "Vienna")
    assert wg5["sequence"] == max(s["sequence"] for s in tables["sessions"])
    new = {i["item_id"]: i for i in tables["items"] if i["source_id"] == "wg5-report"}
    assert sorted(new) == ["rec-wg5-01", "req-gpa-27"]
    assert (
        new["rec-wg5-01"]["quote"]
        == "States parties should train border and labour officials to identify victims of trafficking"
    )
    assert new["rec-wg5-01"]["note"] is None  # ingest's note to the reviewer is not kept
    assert {(link["item_id"], link["status"]) for link in tables["links"] if link["session_id"] == "wg-5"} == {
        ("rec-wg5-01", "done"),
        ("req-gpa-27", "done"),
    }
    assert {d["document_id"]: d["symbol"] for d in tables["documents"] if d["session_id"] == "wg-5"} == {
        "wg4-2013-5": "CTOC/COP/WG.4/2013/5",
        "wg4-2013-4": "CTOC/COP/WG.4/2013/4",
    }
    source = next(s for s in tables["sources"] if s["source_id"] == "wg5-report")
    assert (source["symbol"], str(source["issued_date"]), source["path"]) == (
        "CTOC/COP/WG.4/2013/5",
        "2013-12-20",
        "sources/wg5-report.en.txt",
    )
    log = read_log(data)
    assert len(log) == 1 and log[0]["operation"] == "merge" and log[0]["editor"] == "Reviewer"
    assert (data / "sources" / "wg5-report.en.txt").read_bytes() == REPORT.read_bytes()

    assert main(["undo", "--data", str(data), "--db", str(db), "--editor", "Reviewer"]) == 0
    assert {p.name: p.read_bytes() for p in data.glob("*.csv") if p.name != "audit_log.csv"} == originals
    assert not (data / "sources" / "wg5-report.en.txt").exists()


def test_what_the_record_holds_is_not_added_twice(record, capsys):
    """A requirement citing a Plan paragraph the record has: linked, not added again."""
    data, db, out = record
    review(out)
    items = read(out / "items.csv")
    for item in items:
        if item["item_id"] == "cand-gpa-27":
            item["plan_paragraph"] = "30"
    write_like_a_spreadsheet(out / "items.csv", items)
    assert merge(data, db, out) == 0
    printed = capsys.readouterr().out
    assert "items cand-gpa-27: already on the record as req-gpa-30 (same Plan paragraph); not added again" in printed
    tables = load(data).tables
    assert not [i for i in tables["items"] if i["item_id"] == "req-gpa-27"]
    assert ("req-gpa-30", "wg-5") in {(link["item_id"], link["session_id"]) for link in tables["links"]}
    # merging the same folder again adds nothing twice: every row is found on the record
    entries = len(read_log(data))
    assert merge(data, db, out) == 2
    assert "nothing to save" in capsys.readouterr().err
    assert len(read_log(data)) == entries


def test_a_stale_view_is_refused(record, capsys):
    data, db, out = record
    review(out)
    assert merge(data, db, out, "--expect-version", "0000000000000000") == 2
    assert read_log(data) == []


def test_a_row_naming_a_deleted_candidate_is_refused(record, capsys):
    data, db, out = record
    review(out)
    write_like_a_spreadsheet(out / "sessions.csv", [])  # the reviewer deleted the session but not its links
    assert merge(data, db, out) == 2
    err = capsys.readouterr().err
    assert "candidates/links.csv, line 2, field 'session_id': missing. It names cand-wg-5, a candidate that is" in err
    assert read_log(data) == []


def test_a_pdf_of_the_report_merges_the_same_way(tmp_path, capsys):
    """The report as a generated PDF: ingest reads it, the text kept under sources/ is what it read,
    and every merged quote stands in the paragraph it cites."""
    import sys

    sys.path.insert(0, str(REPORT.parent))
    from wg5_pdf import wg5_report_pdf

    data = copy_shipped(tmp_path / "data")
    pdf, out, db = tmp_path / "wg5.pdf", tmp_path / "candidates", tmp_path / "db.duckdb"
    pdf.write_bytes(wg5_report_pdf())
    assert main(["ingest", str(pdf), "--source-id", "wg5-report", "--out", str(out), "--data", str(data)]) == 0
    review(out)
    assert merge(data, db, out) == 0, capsys.readouterr().err
    tables = load(data).tables  # the build's check: every quote stands in its paragraph
    new = {i["item_id"]: i for i in tables["items"] if i["source_id"] == "wg5-report"}
    assert sorted(new) == ["rec-wg5-01", "req-gpa-27"]
    assert "Trafficking in Persons adopted the following recommendations" in (
        data / "sources" / "wg5-report.en.txt"
    ).read_text(encoding="utf-8")
