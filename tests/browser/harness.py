"""A real `streamlit run` on a free port and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from dashboard.first_paint import KEY as REST_LATER

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# On a browser session's first run the Overview stops after its first chart and the browser asks for
# the rest (dashboard/first_paint.py): while this element is on the page, the whole page is still to come.
HELD = f".st-key-{REST_LATER}"
_WHOLE = f"() => document.querySelector({READY!r}) && !document.querySelector({HELD!r})"


def chromium_path() -> str | None:
    """GAPTRACK_CHROMIUM if set (and only it), else Debian's chromium; None if not there."""
    chosen = os.environ.get("GAPTRACK_CHROMIUM")
    candidates = [chosen] if chosen else [shutil.which("chromium"), "/usr/bin/chromium"]
    return next((c for c in candidates if c and Path(c).exists()), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def dashboard_server(db: Path, log: Path, **settings: str):
    """Start the dashboard on db (with any further GAPTRACK_* settings); yield its base URL; stop it."""
    port = free_port()
    env = {**os.environ, "GAPTRACK_DB": str(db), **settings}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(REPO / "dashboard" / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
    ]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_healthy(base, process, log)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_healthy(base: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"streamlit did not become healthy: {log.read_text(errors='replace')}")


def wait_ready(page, timeout: float = 30_000) -> None:
    """Wait until the app reports that its script has finished running and the whole page is drawn
    (not a first run held after its first chart)."""
    page.wait_for_function(_WHOLE, timeout=timeout)
    page.wait_for_selector('[data-testid="stHeading"], [data-testid="stAlert"]', timeout=timeout)


def pick(page, key: str, text: str, attempts: int = 4) -> None:
    """Choose the option holding `text` in the select box whose widget key is `key`, and wait for
    the run it starts. The list is long and drawn lazily, so the text is typed to narrow it. In
    full runs on a loaded machine a run started by the previous step redrew the list while the
    option was being clicked (detached from the page): open it again until the box shows `text`,
    and fail saying what it shows."""
    box = page.locator(f".st-key-{key}")
    for _ in range(attempts):
        box.get_by_role("combobox").click()
        page.keyboard.type(text)
        try:
            page.get_by_role("option", name=text, exact=False).first.click(timeout=5_000)
        except Exception:
            page.keyboard.press("Escape")
        wait_ready(page)
        if text in box.get_by_role("combobox").input_value():
            return
    shown = box.get_by_role("combobox").input_value()
    raise AssertionError(f"the select box {key!r} shows {shown!r} after {attempts} tries to pick {text!r}")


def sign_in(page, name: str, passphrase: str, failed_screenshot: Path | None = None) -> None:
    """On the Edit page (open and ready), sign in as `name` and wait for the editing tabs. In full
    runs on a loaded machine the form was drawn again between two fills (the name came back empty,
    the passphrase kept): fill until both fields hold their values, then submit. If the tabs do not
    come, fail saying what the page shows (and keep a screenshot at failed_screenshot)."""
    form = page.locator('[data-testid="stForm"]')
    fields = form.locator("input")
    for _ in range(5):
        fields.nth(0).fill(name)
        fields.nth(1).fill(passphrase)
        page.wait_for_timeout(200)
        if fields.nth(0).input_value() == name and fields.nth(1).input_value() == passphrase:
            break
    form.get_by_test_id("stBaseButton-secondaryFormSubmit").click()  # the form takes no Enter (no English hint)
    try:
        page.locator(".st-key-link_item").wait_for(timeout=60_000)
    except Exception:
        if failed_screenshot is not None:
            page.screenshot(path=str(failed_screenshot), full_page=True)
        shown = page.locator('[data-testid="stAlert"], [data-testid="stException"], [data-testid="stForm"]')
        runs = page.evaluate("window.__scriptRuns || []")
        raise AssertionError(
            f"not signed in; the page shows: {shown.all_inner_texts()!r}; script states (ms, state): {runs!r}"
        ) from None
    wait_ready(page)
