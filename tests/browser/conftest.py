"""Browser tests: a real `streamlit run` and Debian's Chromium, driven by Playwright.

Without Chromium (or the playwright package) they are skipped with a message saying how to
enable them; with CI=true a missing browser fails the run instead."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fixtures import BASE, SHIPPED_DATA, make_record  # noqa: E402
from harness import CHROMIUM_FLAGS, REPO, chromium_path, dashboard_server  # noqa: E402

from transforms.database.build import build  # noqa: E402

ARTIFACTS = REPO / "test-artifacts"
HOSTILE_TITLE = "<img src=x onerror=alert(1)> <script>alert(2)</script>"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    missing = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = "the playwright package is not installed (pip install -e '.[test]')"
    if not path:
        missing = "Chromium is not installed (Debian: apt-get install chromium; or set GAPTRACK_CHROMIUM)"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI, but {missing}")
        pytest.skip(f"browser tests skipped: {missing}")
    return path


LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
OUTSIDE: list[str] = []  # requests to another host than the server, from any tab any test opens


def is_local(url: str) -> bool:
    """A request the dashboard may make: to the server on this machine, or to no host at all."""
    parts = urlsplit(url)
    return parts.scheme in ("file", "data", "blob", "about") or parts.hostname in LOCAL_HOSTS


def guarded(context):
    """Record and refuse every request a browser context makes to another host."""
    context.on("request", lambda request: None if is_local(request.url) else OUTSIDE.append(request.url))
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    return context


@pytest.fixture(scope="session")
def browser(chromium):
    """One Chromium for every browser test; each context it opens refuses requests to other hosts."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        new_context = instance.new_context
        instance.new_context = lambda *args, **kwargs: guarded(new_context(*args, **kwargs))
        yield instance
        instance.close()


@pytest.fixture(autouse=True)
def no_outside_request():
    """Fails any browser test during which a page asked a host other than the server for anything
    (a font, an icon, a script): the dashboard and the briefing must work on a closed network."""
    OUTSIDE.clear()
    yield OUTSIDE
    found = sorted(set(OUTSIDE))
    OUTSIDE.clear()
    assert found == [], f"requests to another host than the server: {found}"


@pytest.fixture(scope="session")
def server(tmp_path_factory, chromium):
    folder = tmp_path_factory.mktemp("browser")
    build(SHIPPED_DATA, folder / "gaptrack.duckdb")
    with dashboard_server(folder / "gaptrack.duckdb", folder / "streamlit.log") as base:
        yield base


@pytest.fixture(scope="session")
def hostile_server(tmp_path_factory, chromium):
    folder = tmp_path_factory.mktemp("hostile")
    items = [dict(BASE["items"][0], title_en=HOSTILE_TITLE, title_zh=HOSTILE_TITLE + " 建议")] + BASE["items"][1:]
    headings = [dict(BASE["headings"][0], label_en=HOSTILE_TITLE)] + BASE["headings"][1:]
    sessions = [dict(BASE["sessions"][0], title_en="<b>bold</b><img src=x onerror=alert(3)>")] + BASE["sessions"][1:]
    data = make_record(folder / "data", items=items, headings=headings, sessions=sessions)
    build(data, folder / "hostile.duckdb")
    with dashboard_server(folder / "hostile.duckdb", folder / "streamlit.log") as base:
        yield base


EDITOR_PASSPHRASE = "correct horse battery"


@pytest.fixture(scope="session")
def editor_server(tmp_path_factory, chromium):
    """The dashboard with editing on, over a copy of the shipped record it may change."""
    folder = tmp_path_factory.mktemp("editing")
    data = shutil.copytree(SHIPPED_DATA, folder / "data")
    build(data, folder / "gaptrack.duckdb")
    settings = dict(GAPTRACK_DATA=str(data), GAPTRACK_EDITING="1", GAPTRACK_EDITOR_PASSPHRASE=EDITOR_PASSPHRASE)
    with dashboard_server(folder / "gaptrack.duckdb", folder / "streamlit.log", **settings) as base:
        yield base, data


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1800}, accept_downloads=True)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
