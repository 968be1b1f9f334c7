"""HTML, script, Markdown and LaTeX in every free-text column of the record, in a real browser:
every page, in both languages, shows it as plain text. No dialog opens, nothing the text
describes (an <img>, an event handler, a javascript: link, bold, a formula) exists in the page,
not in the menus and not in a chart's hover label either."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import EDITOR_PASSPHRASE
from fixtures import every_free_text
from harness import dashboard_server, sign_in, wait_ready
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from transforms.database.build import build

PAYLOAD = (
    "<img src=x onerror=alert(1)> <script>alert(2)</script> **bold** [x](javascript:alert(3)) "
    '<a href="javascript:alert(4)">a</a> $x^2$ :red[red]'
)
QUOTE = f"{PAYLOAD} 引文"
PAGES = ["", "sessions", "plan", "items?item=a", "checks", "changes", "about"]
# what the payload would make if it were read as HTML or Markdown; [] when it is all text
INJECTED = r"""() => {
    const found = [];
    for (const e of document.querySelectorAll('*')) {
        for (const a of e.attributes) {
            if (/^on/i.test(a.name) && /alert/.test(a.value)) found.push(`${e.tagName} ${a.name}=${a.value}`);
            if (/^\s*javascript:/i.test(a.value)) found.push(`${e.tagName} ${a.name}=${a.value}`);
        }
    }
    document.querySelectorAll('img[src="x"]').forEach(() => found.push('<img src=x>'));
    document.querySelectorAll('script').forEach(e => /alert/.test(e.textContent) && found.push('<script>'));
    const where = e => e.closest('[data-testid]')?.dataset.testid;
    document.querySelectorAll('strong, b').forEach(
        e => e.textContent.trim() === 'bold' && found.push(`**bold** in ${where(e)}`));
    document.querySelectorAll('.katex').forEach(e => found.push(`$x^2$ as LaTeX in ${where(e)}`));
    return found;
}"""


def hostile(table: str, column: str, row: int) -> str:
    """The hostile text of one cell; a Chinese column's holds Chinese, as the build requires."""
    return f"{PAYLOAD} {table}.{column}.{row}" + (" 中文" if column.endswith("_zh") else "")


def hostile_record(folder: Path) -> Path:
    """The BASE record with every free-text cell hostile and every quote the hostile QUOTE."""
    return every_free_text(
        folder, lambda table, column, row: QUOTE if table == "quote" else hostile(table, column, row)
    )


@pytest.fixture(scope="module")
def everywhere(tmp_path_factory, chromium):
    """The dashboard on the hostile record, with editing on (so the Edit page shows it too)."""
    folder = tmp_path_factory.mktemp("everywhere")
    data = hostile_record(folder / "data")
    build(data, folder / "gaptrack.duckdb")
    settings = dict(GAPTRACK_DATA=str(data), GAPTRACK_EDITING="1", GAPTRACK_EDITOR_PASSPHRASE=EDITOR_PASSPHRASE)
    with dashboard_server(folder / "gaptrack.duckdb", folder / "streamlit.log", **settings) as base:
        yield base


@pytest.fixture
def dialogs(page) -> list[str]:
    """Every dialog the page opens (each dismissed)."""
    opened = []
    page.on("dialog", lambda d: (opened.append(d.message), d.dismiss()))
    return opened


def visit(page, base: str, path: str, lang: str) -> None:
    page.goto(f"{base}/{path}{'&' if '?' in path else '?'}lang={lang}")
    wait_ready(page)
    page.wait_for_timeout(300)  # time for an injected image to fail and fire its handler


def assert_inert(page, dialogs: list[str], where: str) -> None:
    assert page.evaluate(INJECTED) == [], where
    assert dialogs == [], where
    assert page.get_by_test_id("stException").count() == 0, where


def open_menu(page, menu) -> None:
    """Open a select box or multiselect and wait for its options. A click that lands while the page
    is still settling can be lost, so try the arrow, then the field, a few times."""
    arrow = menu.get_by_role("button", name=re.compile("^(Open|打开)$"))  # its name is in the page's language
    for target in [arrow, menu.get_by_role("combobox")] * 3:
        target.click()
        try:
            page.get_by_role("option").first.wait_for(timeout=2_000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    raise AssertionError(f"the menu {menu.inner_text()!r} did not open")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", PAGES)
def test_hostile_text_on_every_page_and_menu_is_inert(page, dialogs, everywhere, path, lang):
    visit(page, everywhere, path, lang)
    assert_inert(page, dialogs, path)
    menus = page.locator('[data-testid="stSelectbox"], [data-testid="stMultiSelect"]')
    for i in range(menus.count()):  # the sidebar's filters and the page's pickers, opened
        open_menu(page, menus.nth(i))
        assert_inert(page, dialogs, f"{path}, menu {i}")
        page.keyboard.press("Escape")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hostile_heading_in_a_chart_hover_label_is_inert(page, dialogs, everywhere, lang):
    visit(page, everywhere, "", lang)
    chart = ".st-key-coverage_chart_own .js-plotly-plot"  # the recommendations' chart: its first segment is drawn
    page.wait_for_selector(f"{chart} .barlayer .point")
    page.locator(chart).scroll_into_view_if_needed()
    page.wait_for_timeout(800)  # Plotly's transition
    box = page.locator(chart).locator(".barlayer .point").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    hover = page.locator(chart).locator(".hoverlayer")
    hover.locator(".hovertext").first.wait_for()
    assert "img src=x" in hover.text_content()
    assert_inert(page, dialogs, "hover label")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hostile_text_is_shown_as_text_on_the_items_page(page, dialogs, everywhere, lang):
    visit(page, everywhere, "items?item=a", lang)
    page.get_by_role("heading", name=hostile("items", f"title_{lang}", 0), exact=True).wait_for()
    zh = "_zh" if lang == "zh" else ""  # explanations are shown in the page's language
    assert page.get_by_text(hostile("items", f"heading_rationale{zh}", 0)).count() == 1
    assert page.get_by_text(hostile("items", f"note{zh}", 0)).count() == 1
    expect(page.locator("blockquote").first).to_have_text(QUOTE)  # the quote; the links follow in full
    assert_inert(page, dialogs, "items")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hostile_text_on_every_tab_of_the_edit_page_is_inert(page, dialogs, everywhere, lang):
    visit(page, everywhere, "edit", lang)
    sign_in(page, "<img src=x onerror=alert(5)> **bold**", EDITOR_PASSPHRASE)  # a hostile editor name too
    assert page.get_by_text("<img src=x onerror=alert(5)> **bold**", exact=False).count() == 1
    assert_inert(page, dialogs, "edit")
    menus = page.locator('[data-testid="stSelectbox"]')
    for i in range(menus.count()):  # items, sessions, documents, sources: titles from the record
        if menus.nth(i).is_visible():
            open_menu(page, menus.nth(i))
            assert_inert(page, dialogs, f"edit, menu {i}")
            page.keyboard.press("Escape")
    tabs = page.get_by_role("tab")
    for i in range(tabs.count()):
        tabs.nth(i).click()
        wait_ready(page)
        page.wait_for_timeout(300)
        assert_inert(page, dialogs, f"edit, tab {i}")
