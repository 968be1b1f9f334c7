# ruff: noqa: F811  (record: a fixture imported from another test module, named as a test argument)
"""The Edit page's review (AppTest) applies the rules the merge applies (review-fix findings 3 and 6)."""

from __future__ import annotations

from test_merge import REPORT, merge
from test_merge import review as fill_in
from test_review_fixes import REPORT_ZH
from test_review_page import record, signed_in, uploaded, warnings  # noqa: F401 (record: a fixture)

from transforms.cli import main


def test_a_wrong_session_number_is_refused_on_the_page_naming_both_dates(record):
    at = uploaded(signed_in())
    at.text_input(key="rv_sessions_cand-wg-5_number").input("4").run()
    found = warnings(at)
    assert any("the body and number are those of wg-4" in w and "2011-10-10 – 2011-10-12" in w for w in found), found
    assert at.button(key="review_save").disabled


def test_the_chinese_version_of_a_recorded_report_is_flagged_on_the_page(record, tmp_path):
    data, db, _ = record
    out = tmp_path / "candidates"
    assert main(["ingest", str(REPORT), "--source-id", "wg5-report", "--out", str(out), "--data", str(data)]) == 0
    fill_in(out)
    assert merge(data, db, out) == 0
    at = signed_in()
    at.file_uploader(key="review_file").upload("wg5-report.zh.txt", REPORT_ZH.encode(), "text/plain").run()
    at.text_input(key="review_source_id").input("wg5-report-zh").run()
    assert not at.exception, [e.value for e in at.exception]
    found = warnings(at)
    assert any(
        "from CTOC/COP/WG.4/2013/5 in another language" in w and "rec-wg5-01 (wg5-report, en)" in w for w in found
    )
