"""A link with parameters the dashboard does not know says so once, in the main area (the sidebar
is hidden on a phone), in the page's language, with the link's words shown as written."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")


def opened(page: str, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize(("lang", "words"), [("en", "which is not known; it was ignored"), ("zh", "无法识别，已忽略")])
def test_ignored_parameters_said_once_in_the_main_area(shipped_db, monkeypatch, lang, words):
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = opened("items", heading="prosecution,bogus", colour="*red*", lang=lang)
    notices = [w.value for w in at.main.warning]
    assert len(notices) == 1, notices
    (notice,) = notices
    assert "bogus" in notice and "colour" in notice and notice.count(words) == 2
    assert r"\*red\*" in notice  # shown as the link wrote it, not as Markdown emphasis
    assert not at.sidebar.warning  # not twice on a wide screen
    at.multiselect(key="heading").select("prevention").run()  # the reader moved on: the notice goes
    assert not at.main.warning and not at.sidebar.warning


def test_no_notice_for_a_link_fully_understood(shipped_db, monkeypatch):
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = opened("overview", heading="prosecution", lang="zh")
    assert not at.main.warning and not at.sidebar.warning
