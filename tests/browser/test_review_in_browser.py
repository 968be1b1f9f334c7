"""The Edit page's "Read a document" review in Chromium, end to end: a fifth-session report
uploaded, reviewed (all accepted but one), saved; the Sessions, Overview and Items pages show
it; undo takes it all back. Screenshots of the review screen in both languages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EDITOR_PASSPHRASE
from harness import dashboard_server, pick, wait_ready
from harness import sign_in as signed_in

from transforms.database.build import build
from transforms.editing.audit import read_log

REPORT = Path(__file__).resolve().parents[1] / "review" / "wg5-report.en.txt"
TAB = {"en": "Read a document", "zh": "阅读文件"}


@pytest.fixture(scope="module")
def review_server(tmp_path_factory, chromium):
    """The dashboard with editing on, over its own copy of the shipped record."""
    from fixtures import SHIPPED_DATA

    folder = tmp_path_factory.mktemp("review")
    data = shutil.copytree(SHIPPED_DATA, folder / "data")
    build(data, folder / "gaptrack.duckdb")
    settings = dict(GAPTRACK_DATA=str(data), GAPTRACK_EDITING="1", GAPTRACK_EDITOR_PASSPHRASE=EDITOR_PASSPHRASE)
    with dashboard_server(folder / "gaptrack.duckdb", folder / "streamlit.log", **settings) as base:
        yield base, data


def sign_in(page, base: str, lang: str) -> None:
    page.goto(f"{base}/edit?lang={lang}")
    wait_ready(page)
    signed_in(page, "Browser Reviewer", EDITOR_PASSPHRASE)


def open_review(page, base: str, lang: str, document: Path = REPORT) -> None:
    sign_in(page, base, lang)
    page.get_by_role("tab", name=TAB[lang], exact=True).click()
    page.locator(".st-key-review_file input[type=file]").set_input_files(str(document))
    wait_ready(page)
    type_in(page, "review_source_id", "wg5-report")
    page.locator(".st-key-rv_items_cand-p01-01_title_zh").wait_for()


def type_in(page, key: str, text: str) -> None:
    field = page.locator(f".st-key-{key} input")
    field.fill(text)
    field.press("Enter")
    wait_ready(page)


def headline(page, base: str) -> tuple[int, int]:
    """(items on the record, items done) summed over the Overview's two questions, read from its
    metrics: each label says "Done (of N)" and each value is the count."""
    page.goto(f"{base}/?lang=en")
    wait_ready(page)
    page.get_by_test_id("stMetric").nth(5).wait_for()  # three per question, both questions have items here
    on_record = done = 0
    for metric in page.get_by_test_id("stMetric").all():
        label = metric.get_by_test_id("stMetricLabel").inner_text()
        if label.startswith("Done (of "):
            on_record += int(label.removeprefix("Done (of ").rstrip(")"))
            done += int(metric.get_by_test_id("stMetricValue").inner_text())
    return on_record, done


def test_review_a_fifth_session_report_save_and_undo(page, review_server, artifacts, tmp_path):
    """The report as a generated PDF (the text is reviewed the same way in tests/test_review_page.py)."""
    import sys

    sys.path.insert(0, str(REPORT.parent))
    from wg5_pdf import wg5_report_pdf

    pdf = tmp_path / "wg5-report.pdf"
    pdf.write_bytes(wg5_report_pdf())
    base, data = review_server
    items_before = headline(page, base)
    open_review(page, base, "en", pdf)
    page.get_by_text("no Chinese title yet").first.wait_for()
    page.screenshot(path=str(artifacts / "review-en.png"), full_page=True)
    type_in(page, "rv_src_title_en", "Report of the Working Group on its fifth session")
    type_in(page, "rv_src_title_zh", "工作组第五届会议报告")
    type_in(page, "rv_sessions_cand-wg-5_title_en", "Working Group, fifth session")
    type_in(page, "rv_sessions_cand-wg-5_title_zh", "工作组第五届会议")
    for document in ("cand-ctoc-cop-wg-4-2013-5", "cand-ctoc-cop-wg-4-2013-4"):
        type_in(page, f"rv_documents_{document}_cited_for_en", "Report")
        type_in(page, f"rv_documents_{document}_cited_for_zh", "报告")
    page.locator(".st-key-rv_items_cand-p02-t1_decision").get_by_text("Reject").click()  # kind left empty
    wait_ready(page)
    for item, title_zh in (
        ("cand-p01-01", "培训边境和劳工官员"),
        ("cand-gpa-27", "庇护所和法律援助"),
        ("cand-p01-03", "分享贩运路线信息"),
    ):
        type_in(page, f"rv_items_{item}_title_zh", title_zh)
        pick(page, f"rv_items_{item}_status", "done")
    page.locator(".st-key-review_save button").click()
    page.get_by_text("Saved as entry 1 of the audit log").wait_for(timeout=30_000)
    assert read_log(data)[-1]["operation"] == "merge"

    assert headline(page, base) == (items_before[0] + 3, items_before[1] + 3)  # all three accepted as done
    page.goto(f"{base}/sessions?lang=en")
    wait_ready(page)
    # the table is drawn on a canvas and draws only the rows in view: read the page's own download
    with page.expect_download() as caught:
        page.locator(".st-key-download_sessions button").click()
    caught.value.save_as(tmp_path / "sessions.csv")
    sessions = (tmp_path / "sessions.csv").read_text(encoding="utf-8-sig")
    for cell in ("Working Group, fifth session", "2013-11-06", "2013-11-08", "CTOC/COP/WG.4/2013/5"):
        assert cell in sessions, cell
    page.goto(f"{base}/items?lang=en&item=rec-wg5-01")
    wait_ready(page)
    page.get_by_text("Quote (English):").wait_for()
    # the provenance, not the hidden accessible cells of the item list's grid
    page.get_by_text("States parties should train border and labour officials").filter(visible=True).first.wait_for()
    page.get_by_text("paragraph 1", exact=False).filter(visible=True).first.wait_for()

    sign_in(page, base, "en")  # a new page: a new session, signed out
    page.get_by_role("tab", name="History and undo").click()
    page.get_by_role("button", name="Undo that change").click()
    page.get_by_text("Saved as entry 2 of the audit log").wait_for(timeout=30_000)
    assert headline(page, base) == items_before
    assert not (data / "sources" / "wg5-report.en.txt").exists()


def test_the_review_screen_in_chinese(page, review_server, artifacts):
    base, _ = review_server
    open_review(page, base, "zh")
    page.get_by_text("尚无中文名称").first.wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(artifacts / "review-zh.png"), full_page=True)
