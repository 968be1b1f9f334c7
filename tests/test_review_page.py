"""The Edit page's "Read a document" review in the real app (AppTest), end to end on a copy of the
shipped record: a fifth-session report uploaded, reviewed (all accepted but one), saved as one
change; the Sessions, Overview and Items pages, gaptrack diff and undo see it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures import copy_shipped, shown_quotes
from streamlit.testing.v1 import AppTest

from transforms.cli import main
from transforms.database.queries import Filters, Store, coverage_by_heading, coverage_totals
from transforms.editing.audit import read_log

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
REPORT = Path(__file__).resolve().parent / "review" / "wg5-report.en.txt"
ITEM_TITLES = {
    "cand-p01-01": ("Train border and labour officials to identify victims", "培训边境和劳工官员识别受害者"),
    "cand-gpa-27": ("Shelters and legal aid for victims", "为受害者提供庇护所和法律援助"),
    "cand-p01-03": ("Share information on trafficking routes", "分享关于贩运路线的信息"),
}
DOCUMENTS = ("cand-ctoc-cop-wg-4-2013-5", "cand-ctoc-cop-wg-4-2013-4")  # widget keys: ids with '.' as '-'
REJECTED = "cand-p02-t1"  # a request to the Secretariat, kind left empty by ingest


def git(folder: Path, *args: str) -> None:
    who = ["-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "-C", str(folder), *who, *args], check=True, capture_output=True)


@pytest.fixture
def record(tmp_path, monkeypatch, shipped_db):
    """A copy of the shipped record, committed in a git repository of its own (for What changed)."""
    data = copy_shipped(tmp_path / "repo" / "data")
    git(data.parent, "init", "-q")
    git(data.parent, "add", "data")
    git(data.parent, "commit", "-qm", "the shipped record")
    shutil.copytree(data, tmp_path / "before")
    db = tmp_path / "gaptrack.duckdb"
    shutil.copyfile(shipped_db, db)  # the shipped record's database, built once per run
    monkeypatch.setenv("GAPTRACK_DATA", str(data))
    monkeypatch.setenv("GAPTRACK_DB", str(db))
    monkeypatch.setenv("GAPTRACK_EDITING", "1")
    monkeypatch.setenv("GAPTRACK_EDITOR_PASSPHRASE", "correct horse")
    return data, db, tmp_path / "before"


def page(at: AppTest, name: str) -> AppTest:
    at.switch_page(f"app_pages/{name}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def signed_in(lang: str = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    page(at, "edit")
    at.text_input[0].input("Ann Lee")
    at.text_input[1].input("correct horse")
    at.button[0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    return at


def report(kind: str) -> tuple[str, bytes, str]:
    """The fifth-session report as an upload: its name, bytes and type (text, or a generated PDF)."""
    if kind == "pdf":
        sys.path.insert(0, str(REPORT.parent))
        from wg5_pdf import wg5_report_pdf

        return "wg5-report.pdf", wg5_report_pdf(), "application/pdf"
    return "wg5-report.txt", REPORT.read_bytes(), "text/plain"


def uploaded(at: AppTest, kind: str = "text") -> AppTest:
    at.file_uploader(key="review_file").upload(*report(kind)).run()
    at.text_input(key="review_source_id").input("wg5-report").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def fill(at: AppTest, values: dict[str, str]) -> AppTest:
    for key, value in values.items():
        at.text_input(key=key).input(value)
    return at.run()


def totals(db: Path) -> dict[str, int]:
    with Store(db) as store:
        return coverage_totals(coverage_by_heading(store, Filters()))


def warnings(at: AppTest) -> list[str]:
    return [w.value.replace("\\", "") for w in at.warning]


def test_candidates_are_shown_with_their_paragraph_what_is_missing_and_what_the_record_holds(record):
    at = uploaded(signed_in())
    codes = [c.value for c in at.code]
    assert any("1. At its fifth session" in c for c in codes)  # the paragraph next to its candidates
    missing = warnings(at)
    assert any("items.csv, line 2, field 'title_zh': missing. No Chinese title yet" in w for w in missing)
    assert any("links.csv, line 2, field 'status': missing." in w for w in missing)
    assert at.text_input(key="rv_items_cand-p01-01_title_zh").placeholder == "no Chinese title yet"
    assert at.text_input(key="rv_items_cand-p01-01_title_zh").value == ""  # never copied from English
    assert at.button(key="review_save").disabled  # nothing is saved half-filled
    assert at.radio(key="rv_sessions_cand-wg-5_decision").value == "accept"
    assert at.text_input(key="rv_src_symbol").value == "CTOC/COP/WG.4/2013/5"  # read from the masthead
    # a requirement the record holds is shown as such
    at.text_input(key="rv_items_cand-gpa-27_plan_paragraph").input("30").run()
    assert any("Already on the record: req-gpa-30 (same Plan paragraph)" in i.value.replace("\\", "") for i in at.info)


@pytest.mark.parametrize("kind", ["text", "pdf"])
def test_review_accept_all_but_one_save_see_it_everywhere_and_undo(record, tmp_path, capsys, kind):
    data, db, before = record
    counts_before = totals(db)
    at = uploaded(signed_in(), kind)
    fill(
        at,
        {
            "rv_src_title_en": "Report of the Working Group on its fifth session",
            "rv_src_title_zh": "工作组第五届会议报告",
        },
    )
    fill(
        at,
        {
            "rv_sessions_cand-wg-5_title_en": "Working Group, fifth session",
            "rv_sessions_cand-wg-5_title_zh": "工作组第五届会议",
        },
    )
    for document in DOCUMENTS:
        fill(at, {f"rv_documents_{document}_cited_for_en": "Report", f"rv_documents_{document}_cited_for_zh": "报告"})
    at.radio(key=f"rv_items_{REJECTED}_decision").set_value("reject").run()
    for item, (title_en, title_zh) in ITEM_TITLES.items():
        fill(at, {f"rv_items_{item}_title_en": title_en, f"rv_items_{item}_title_zh": title_zh})
        at.selectbox(key=f"rv_items_{item}_status").select("done").run()
    assert warnings(at) == [] and not at.button(key="review_save").disabled
    at.button(key="review_save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("saved" in s.value.lower() for s in at.success)

    log = read_log(data)
    assert len(log) == 1 and log[0]["operation"] == "merge"
    after = totals(db)
    assert after["total"] == counts_before["total"] + 3 and after["done"] == counts_before["done"] + 3

    at = page(at, "sessions")
    sessions = at.dataframe[0].value
    wg5 = sessions[sessions.title == "Working Group, fifth session"].iloc[0]
    assert (wg5.start_date, wg5.end_date) == ("6 Nov 2013", "8 Nov 2013")  # as the page writes dates
    assert "CTOC/COP/WG.4/2013/5" in wg5.document_symbols
    at.query_params["item"] = "rec-wg5-01"
    at = page(at, "items")
    at.selectbox(key="item").select("rec-wg5-01").run()
    assert "**Quote (English):**" in [m.value.replace("\\", "") for m in at.markdown]
    assert "States parties should train border and labour officials to identify victims of trafficking" in shown_quotes(
        at
    )
    assert any("paragraph 1" in m.value for m in at.markdown)

    assert main(["diff", str(before), str(data), "--data", str(data)]) == 0
    printed = capsys.readouterr().out
    assert all(i in printed for i in ("rec-wg5-01", "rec-wg5-02", "req-gpa-27", "wg-5")) and REJECTED not in printed

    at = page(at, "changes")  # the record now against its last commit
    added = [d.value for d in at.dataframe if "item_id" in d.value.columns]
    assert any({"rec-wg5-01", "req-gpa-27", "rec-wg5-02"} <= set(frame.item_id) for frame in added), added
    assert not any(REJECTED in set(frame.item_id) for frame in added)
    sessions_added = [d.value for d in at.dataframe if "session_id" in d.value.columns]
    assert any("wg-5" in set(frame.session_id) for frame in sessions_added)

    at = page(at, "edit")
    undo = next(b for b in at.button if b.label == "Undo that change")
    undo.click().run()
    assert totals(db) == counts_before
    assert not (data / "sources" / "wg5-report.en.txt").exists()
    assert {p.name: p.read_bytes() for p in data.glob("*.csv") if p.name != "audit_log.csv"} == {
        p.name: p.read_bytes() for p in before.glob("*.csv")
    }


def test_the_review_speaks_chinese(record):
    at = uploaded(signed_in("zh"))
    assert at.text_input(key="rv_items_cand-p01-01_title_zh").placeholder == "尚无中文名称"
    assert any("字段“title_zh”：缺少。尚无中文名称" in w for w in warnings(at))
    assert at.button(key="review_save").label == "将接受的各项作为一次更改保存"


def test_a_save_on_a_stale_view_is_refused(record):
    data, _, _ = record
    at = uploaded(signed_in())
    assert any("sources.csv, line 2, field 'title_en': missing." in w for w in warnings(at))
    from transforms.editing import edit
    from transforms.editing.saving import save

    fill(at, {"rv_src_title_en": "Report", "rv_src_title_zh": "报告"})
    fill(at, {"rv_sessions_cand-wg-5_title_en": "Fifth", "rv_sessions_cand-wg-5_title_zh": "第五届"})
    for document in DOCUMENTS:
        fill(at, {f"rv_documents_{document}_cited_for_en": "Report", f"rv_documents_{document}_cited_for_zh": "报告"})
    at.radio(key=f"rv_items_{REJECTED}_decision").set_value("reject").run()
    for item in ITEM_TITLES:
        fill(at, {f"rv_items_{item}_title_zh": "标题"})
        at.selectbox(key=f"rv_items_{item}_status").select("proposed").run()
    assert not at.button(key="review_save").disabled
    # someone else saves a change while this view is open: the save is refused, nothing merged
    save(data, Path(record[1]), edit.set_title("rec-wg1-01", title_en="Changed meanwhile"), "Someone Else")
    at.button(key="review_save").click().run()
    assert any("changed since" in e.value.lower() or "reload" in e.value.lower() for e in at.error), [
        e.value for e in at.error
    ]
    assert [e["operation"] for e in read_log(data)] == ["set title"]
