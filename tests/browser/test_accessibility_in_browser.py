"""Accessibility in a real browser: axe-core on every page, in both languages, 1400 and 390 px wide
(a violation caused by the project's content fails; what Streamlit itself causes is excused rule by
rule and selector by selector, listed in README "Accessibility" with its upstream issue); each page's
own tab title and document language; every chart named by a sentence; filtering by keyboard alone;
and, with GAPTRACK_SCREENSHOTS=1, a full-length screenshot of every page at both widths
(test-artifacts/screenshots/a11y-*.png; test_dashboard_in_browser takes the window's in every run).

One browser, one server, one tab per width for the whole module, to stay fast."""

from __future__ import annotations

import json
import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import EDITOR_PASSPHRASE
from harness import wait_ready
from test_dashboard_in_browser import COVERAGE, plot_data, wait_for_chart, wait_for_url

PAGES = {
    "overview": "",
    "sessions": "sessions",
    "plan": "plan",
    "items": "items",
    "item": "items",  # the Items page with one item's provenance open
    "checks": "checks",
    "changes": "changes",
    "about": "about",
}
TAB_TITLES = {
    ("overview", "en"): "Overview · gaptrack",
    ("overview", "zh"): "概览 · gaptrack",
    ("sessions", "en"): "Sessions · gaptrack",
    ("sessions", "zh"): "会议 · gaptrack",
    ("items", "en"): "Items · gaptrack",
    ("items", "zh"): "条目 · gaptrack",
    ("about", "en"): "Method and data · gaptrack",
    ("about", "zh"): "方法和数据 · gaptrack",
}
WIDTHS = (1400, 390)
LANGS = ("en", "zh")

# What Streamlit itself causes, whatever the app puts on the page: (axe rule id, CSS selector of
# the element axe points at). Each is listed in README.md ("Accessibility") with its upstream issue.
STREAMLIT_CAUSED: set[tuple[str, str]] = set()

AXE = Axe()


def excused(rule: str, target: list) -> bool:
    return any(rule == r and selector in " ".join(map(str, target)) for r, selector in STREAMLIT_CAUSED)


def violations(page) -> list[dict]:
    """axe-core's violations on the page, less those Streamlit itself causes (STREAMLIT_CAUSED)."""
    found = []
    for v in AXE.run(page).response["violations"]:
        nodes = [n for n in v["nodes"] if not excused(v["id"], n["target"])]
        if nodes:
            found.append({"id": v["id"], "help": v["help"], "nodes": [(n["target"], n["html"][:160]) for n in nodes]})
    return found


@pytest.fixture(scope="module")
def tabs(browser):
    """One tab per width, kept for the whole module."""
    contexts = {w: browser.new_context(viewport={"width": w, "height": 1000}) for w in WIDTHS}
    yield {w: c.new_page() for w, c in contexts.items()}
    for context in contexts.values():
        context.close()


def charts_named(page) -> None:
    """Wait until every chart on the page is drawn and named (role img, a sentence as aria-label)."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('.js-plotly-plot')].every(
            p => p.getAttribute('role') === 'img' && (p.getAttribute('aria-label') || '').length > 20)"""
    )


def full_screenshot(page, path) -> None:
    """The whole page, not only the window (Streamlit scrolls inside its main block); only when
    GAPTRACK_SCREENSHOTS is set, for a person to look at."""
    if not os.environ.get("GAPTRACK_SCREENSHOTS"):
        return
    size = page.viewport_size
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 12000)})
    page.wait_for_timeout(700)  # Plotly redraws to the new size
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_nothing_the_project_causes(tabs, server, artifacts, name, lang, width):
    page = tabs[width]
    query = f"lang={lang}" + ("&item=rec-wg3-01" if name == "item" else "")
    page.goto(f"{server}/{PAGES[name]}?{query}")
    wait_ready(page)
    charts_named(page)
    page.wait_for_function(f"document.documentElement.lang === '{lang}'", timeout=10_000)
    if (name, lang) in TAB_TITLES:
        page.wait_for_function(f"document.title === {json.dumps(TAB_TITLES[(name, lang)])}", timeout=10_000)
    found = violations(page)
    assert found == [], json.dumps(found, ensure_ascii=False, indent=1)
    full_screenshot(page, artifacts / f"a11y-{name}-{lang}-{width}.png")


@pytest.mark.parametrize("lang", LANGS)
def test_axe_on_the_edit_page(browser, editor_server, artifacts, lang):
    base, _ = editor_server
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 1000})
        page = context.new_page()
        page.goto(f"{base}/edit?lang={lang}")
        wait_ready(page)
        page.wait_for_function(f"document.documentElement.lang === '{lang}'", timeout=10_000)
        assert violations(page) == [], f"before signing in, {width} px"
        fields = page.locator('[data-testid="stForm"] input')
        fields.nth(0).fill("Axe Editor")
        fields.nth(1).fill(EDITOR_PASSPHRASE)
        page.locator('[data-testid="stForm"] button').click()  # the form takes no Enter (no English hint)
        page.locator(".st-key-link_item").wait_for()
        wait_ready(page)
        found = violations(page)
        assert found == [], json.dumps(found, ensure_ascii=False, indent=1)
        full_screenshot(page, artifacts / f"a11y-edit-{lang}-{width}.png")
        context.close()


def test_every_chart_reads_as_a_sentence_with_its_numbers(tabs, server):
    page = tabs[1400]
    page.goto(f"{server}/?lang=en")
    wait_ready(page)
    charts_named(page)
    label = page.locator(COVERAGE).get_attribute("aria-label")
    assert label.startswith("Stacked bar chart by status")
    for trace in plot_data(page):
        for count in trace["x"]:
            assert f"{trace['name']} {count}" in label
    assert "Protecting and assisting victims of trafficking: Done 6, Pending 1, Proposed 1" in label


def tab_to(page, selector: str, presses: int = 80) -> None:
    """Press Tab until the keyboard focus is inside `selector`, as a keyboard user would."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate(f"!!document.activeElement.closest('{selector}')"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_filter_with_the_keyboard_alone(tabs, server):
    page = tabs[1400]
    page.goto(f"{server}/?lang=en")
    wait_ready(page)
    plot_data(page)
    # the sidebar's heading filter: Tab to it, type the start of a heading, Enter
    tab_to(page, ".st-key-heading")
    page.keyboard.type("Preventing")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_for_url(page, r"heading=prevention")
    wait_for_chart(page, "data[0].y.length === 1")
    assert [(t["name"], t["x"]) for t in plot_data(page)] == [("Done", [4]), ("Pending", [0]), ("Proposed", [1])]
    # the bar click's keyboard twin under the chart: Tab to it, choose a bar, Enter
    page.goto(f"{server}/?lang=en")
    wait_ready(page)
    plot_data(page)
    tab_to(page, ".st-key-segment_pick_own")
    page.keyboard.type("Preventing")  # its bars: done, then proposed
    page.get_by_role("option", name="Preventing trafficking in persons — Done (4)").wait_for()
    page.keyboard.press("Enter")
    wait_for_url(page, r"heading=prevention.*status=done|status=done.*heading=prevention")
    wait_for_chart(page, "data[0].y.length === 1")
    assert [(t["name"], t["x"]) for t in plot_data(page)] == [("Done", [4]), ("Pending", [0]), ("Proposed", [0])]


def test_search_and_open_items_only_on_the_items_page(tabs, server):
    page = tabs[390]
    page.goto(f"{server}/items?lang=en")
    wait_ready(page)
    page.get_by_label("Search the items").fill("victims")
    page.keyboard.press("Enter")
    page.get_by_text("of the 38 items that match the filters hold what you searched for").wait_for()
    page.get_by_text("Open items only (pending or proposed)").click()
    wait_ready(page)
    sentence = page.get_by_text("hold what you searched for").inner_text()
    assert sentence.split(" of the ")[0].isdigit()


def test_a_request_to_another_host_is_caught(tabs, server, no_outside_request):
    """The guard every browser test runs under (conftest.no_outside_request) does see such a request."""
    page = tabs[1400]
    page.goto(f"{server}/?lang=en")
    wait_ready(page)
    page.evaluate("fetch('https://fonts.gstatic.com/s/i/icon.svg').catch(() => null)")
    page.wait_for_timeout(300)
    assert no_outside_request == ["https://fonts.gstatic.com/s/i/icon.svg"]
    no_outside_request.clear()
