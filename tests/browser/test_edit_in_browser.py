"""The Edit page in a real browser: sign in, record a status at a session, see it saved to the
CSV files and the audit log, and undo it; in both languages and in a narrow window."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, EDITOR_PASSPHRASE
from harness import pick, wait_ready
from harness import sign_in as signed_in

from transforms.editing.audit import read_log

SIGN_IN = {"en": "Sign in to edit", "zh": "登录以编辑"}


def sign_in(page, base: str, lang: str, name: str) -> None:
    page.add_init_script(SCRIPT_RUNS)
    page.goto(f"{base}/edit?lang={lang}")
    wait_ready(page)
    assert page.locator('[data-testid="stForm"]').get_by_role("button", name=SIGN_IN[lang]).count() == 1
    signed_in(page, name, EDITOR_PASSPHRASE, ARTIFACTS / "screenshots" / f"edit-sign-in-failed-{lang}.png")


# Records each change of the app's script state (initial, running, notRunning) with its time, so a
# failure says whether a run came in between (Streamlit's own attribute on the app's root).
SCRIPT_RUNS = """window.__scriptRuns = [];
new MutationObserver(() => {
  const app = document.querySelector('[data-testid=stApp]');
  const state = app && app.getAttribute('data-test-script-state');
  const last = window.__scriptRuns.at(-1) || [];
  if (state && last[1] !== state) window.__scriptRuns.push([Math.round(performance.now()), state]);
}).observe(document, {subtree: true, attributes: true, childList: true});"""


def test_record_a_status_and_undo_it(page, editor_server, artifacts):
    base, data = editor_server
    entries = len(read_log(data))
    sign_in(page, base, "en", "Browser Editor")
    pick(page, "link_item", "rec-wg3-01")
    pick(page, "link_session", "wg-3")
    page.get_by_text("Recorded already at this session: Pending").wait_for()
    page.locator(".st-key-link_status").get_by_role("radio", name="Done").click()
    wait_ready(page)
    page.locator(".st-key-link_save button").click()
    page.get_by_text(f"Saved as entry {entries + 1} of the audit log").wait_for(timeout=30_000)
    assert read_log(data)[-1]["editor"] == "Browser Editor"
    assert "rec-wg3-01,wg-3,done," in (data / "links.csv").read_text(encoding="utf-8")
    page.screenshot(path=str(artifacts / "edit-en.png"), full_page=True)
    page.get_by_role("tab", name="History and undo").click()
    page.get_by_role("button", name="Undo that change").click()
    page.get_by_text(f"Saved as entry {entries + 2} of the audit log").wait_for(timeout=30_000)
    assert "rec-wg3-01,wg-3,pending," in (data / "links.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_edit_page_in_chinese(page, editor_server, artifacts, width):
    base, _ = editor_server
    page.set_viewport_size({"width": width, "height": 1800})
    sign_in(page, base, "zh", "浏览器编辑")
    page.get_by_role("heading", name="编辑", exact=True).wait_for()
    page.get_by_role("tab", name="添加会议").click()
    page.get_by_text("添加会议", exact=True).last.wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(artifacts / f"edit-zh-{width}.png"), full_page=True)
