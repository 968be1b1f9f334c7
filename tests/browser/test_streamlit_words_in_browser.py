"""Streamlit's own English words on Chinese pages (streamlit#1353): the page script (dashboard/ui.py,
streamlit_words) puts the Chinese of the a11y catalogs in their place, in text and aria-labels, as
Streamlit redraws, and the widgets still work. One Overview and one signed-in Edit page each."""

from __future__ import annotations

import json
import re

from conftest import EDITOR_PASSPHRASE
from harness import wait_ready
from playwright.sync_api import expect
from test_edit_in_browser import sign_in

from transforms.presentation.i18n import catalog

# The words the README lists (streamlit#1353), looked for as parts of a text; the catalog's
# streamlit_* values are also looked for as whole texts ({placeholders}: anything).
NAMED = (
    "No results",
    "Drag and drop file",
    "MB per file",
    "Browse files",
    "Upload",
    "Skip to main content",
    "Show password",
    "Hide password",
    "Remove",
    "Press Enter",
    "options available",
    "Help for",
    "year, ",
    "month, ",
    "day, ",
    "Clear date",
    "Add files",
    " icon",
    " month",
    "Selected Date",
    "Page not found",
    "You have requested page",
    "Running the app's main page",
    "allowed range",
)
WHOLE = [
    re.compile("^" + ".+".join(re.escape(p) for p in re.split(r"\{[a-z_]+\}", english)) + "$")
    for key, english in catalog("en").items()
    if key.startswith("streamlit_")
]
# Every text node (whole, trimmed) not in the page's own content, and every aria-label, title,
# placeholder and aria-valuetext, on the page and in what Streamlit puts at the end of <body>.
SHOWN = r"""() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (!parent || parent.closest('script, style, noscript, .js-plotly-plot, [data-testid="stIconMaterial"]')) continue;
    if (node.nodeValue.trim()) found.push(node.nodeValue.trim());
  }
  document.querySelectorAll('[aria-label], [title], [placeholder], [aria-valuetext]').forEach((e) => {
    if (e.closest('.js-plotly-plot')) return;
    for (const name of ['aria-label', 'title', 'placeholder', 'aria-valuetext']) {
      if (e.getAttribute(name)) found.push(e.getAttribute(name));
    }
  });
  return found;
}"""


CHINESE = [
    re.compile("^" + ".+".join(re.escape(p) for p in re.split(r"\{[a-z_]+\}", words)) + "$")
    for key, words in catalog("zh").items()
    if key.startswith("streamlit_")
]
CJK = re.compile("[\u4e00-\u9fff]")


def english_left(page) -> list[str]:
    """Streamlit's English words the page still shows or names something with."""
    return sorted({t for t in page.evaluate(SHOWN) if any(w in t for w in NAMED) or any(p.match(t) for p in WHOLE)})


def chinese_left(page) -> list[str]:
    """On an English page: the script's Chinese words still shown, and Streamlit's English words
    wrapped around a Chinese text ("Help for 截至会议")."""
    shown = page.evaluate(SHOWN)
    return sorted(
        {t for t in shown if any(p.match(t) for p in CHINESE) or (CJK.search(t) and any(w in t for w in NAMED))}
    )


def settled(page) -> None:
    """The page has run, drawn, and the page script has put its words in."""
    wait_ready(page)
    page.wait_for_function("document.documentElement.lang === 'zh' && !!window.gaptrackWords")
    page.wait_for_timeout(300)


def open_tab(page, name: str) -> None:
    tab = page.get_by_role("tab", name=name, exact=True)
    tab.click()
    page.wait_for_function(
        "(name) => [...document.querySelectorAll('[role=tab]')].some("
        "t => t.textContent.trim() === name && t.getAttribute('aria-selected') === 'true')",
        arg=name,
    )


def test_no_streamlit_english_on_chinese_pages(browser, server, editor_server):
    # a Chinese browser, as most readers of Chinese pages have: Streamlit draws the calendar in its language
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{server}/?lang=zh&heading=protection,partnerships")  # two chips, each with its remove button
    settled(page)
    page.keyboard.press("Tab")  # the skip link shows
    page.locator(".st-key-status").get_by_role("combobox").fill("qqqq")  # an empty list: "No results"
    page.locator('[data-testid="stMultiSelectDropdown"]').wait_for()
    page.wait_for_timeout(300)
    assert english_left(page) == []
    page.keyboard.press("Escape")
    if page.locator('[data-testid="stMultiSelectDropdown"]').count():
        page.keyboard.press("Escape")
    page.locator('[data-testid="stMultiSelectDropdown"]').wait_for(state="detached")
    skip = page.get_by_test_id("stSkipToContent")
    assert skip.inner_text() == "跳到主要内容"
    language = page.get_by_test_id("stSidebar")
    language.get_by_role("radio", name="English").click()  # and back to English
    page.wait_for_function("document.documentElement.lang === 'en'")
    expect(skip).to_have_text("Skip to main content")
    wait_ready(page)
    page.wait_for_timeout(300)
    helps = [t for t in page.evaluate(SHOWN) if t.startswith("Help for ")]
    assert len(helps) >= 4 and chinese_left(page) == [], helps  # sidebar and metrics: English labels
    language.get_by_role("radio", name="中文").click()  # and Chinese again
    settled(page)
    assert english_left(page) == []

    base, _ = editor_server
    page.goto(f"{base}/edit?lang=zh")
    settled(page)
    assert english_left(page) == [], "before signing in (password field)"
    sign_in(page, base, "zh", "Words Editor")
    settled(page)
    open_tab(page, "候选行（CSV）")  # a file uploader and a field outside a form
    field = page.locator(".st-key-ingest_source_id input")
    field.fill("abc")  # a field outside a form, changed and not yet applied: "Press Enter to apply"
    page.get_by_text("按 Enter 键应用").wait_for()
    left = english_left(page)
    field.press("Enter")
    assert left == []
    wait_ready(page)
    open_tab(page, "添加会议")  # a date field with a date typed: its month's name, "Clear date", its calendar
    start = page.locator('[role="tabpanel"]:visible [data-testid="stDateInput"]').first
    start.get_by_role("spinbutton").first.click()
    page.keyboard.type("20240315")
    start.get_by_role("button", name="清除日期").wait_for()
    page.get_by_role("button", name="下个月").wait_for()
    assert english_left(page) == []
    context.close()


def test_widgets_still_work_after_the_words_are_replaced(browser, server, editor_server, tmp_path):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{server}/?lang=zh")
    settled(page)
    status = page.locator(".st-key-status")
    status.get_by_role("combobox").click()
    page.get_by_role("option", name="已完成").click()  # pick an option
    wait_ready(page)
    page.keyboard.press("Escape")
    page.wait_for_function("location.search.includes('status=done')")  # the run has put it in the address
    remove = status.locator('[aria-label^="移除"]')
    assert remove.count() == 1, status.inner_html()[:500]
    remove.click()  # remove the chip by its (Chinese-named) button
    wait_ready(page)
    page.wait_for_function("!location.search.includes('status=')")
    assert status.locator("[data-tag]").count() == 0

    base, _ = editor_server
    page.goto(f"{base}/edit?lang=zh")
    settled(page)
    password = page.locator('[data-testid="stForm"] input').nth(1)
    password.fill(EDITOR_PASSPHRASE)
    assert password.get_attribute("type") == "password"
    page.get_by_role("button", name="显示密码").click()
    assert password.get_attribute("type") == "text"
    page.get_by_role("button", name="隐藏密码").click()
    assert password.get_attribute("type") == "password"

    sign_in(page, base, "zh", "Words Editor")
    settled(page)
    open_tab(page, "候选行（CSV）")
    document = tmp_path / "notes.txt"
    document.write_text("1. The Working Group recommended that States consider compensation.\n", encoding="utf-8")
    uploader = page.locator(".st-key-ingest_file")
    assert uploader.get_by_role("button", name="上传", exact=True).count() == 1
    uploader.locator("input[type=file]").set_input_files(str(document))
    wait_ready(page)
    uploader.get_by_text("notes.txt").wait_for()  # uploaded, and the page read it
    assert english_left(page) == []
    context.close()


# Records, in the page, the order in which the "Page not found" dialog's title first shows the
# page's words (given) and the Overview's first chart is first drawn: "title", "chart" or both at once.
ORDER = """(title) => {
  const order = (window.gaptrackOrder = []);
  const seen = () => {
    const heading = document.querySelector('[role="dialog"] :is(h1, h2, h3, [role="heading"])');
    const now = [];
    if (!order.includes('title') && heading && heading.textContent.trim() === title) now.push('title');
    if (!order.includes('chart') && document.querySelector('.js-plotly-plot .main-svg')) now.push('chart');
    if (now.length > 1) order.push('both');
    order.push(...now);
  };
  document.addEventListener('DOMContentLoaded', () =>
    new MutationObserver(seen).observe(document.body, {childList: true, subtree: true, characterData: true}));
}"""


def test_the_page_not_found_dialog_is_in_the_pages_language(browser, server, artifacts):
    """A page path the app does not have: Streamlit's "Page not found" dialog, its title and its
    text, in Chinese on a Chinese page, at both widths; English stays English. Its title is in
    Chinese before the Overview behind it draws its first chart: the page script is drawn first,
    in the sidebar, not after the page (where it waited for the chart's code, seconds of English)."""
    for width in (1400, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        title = catalog("zh")["streamlit_page_not_found"]
        page.add_init_script(f"({ORDER})({json.dumps(title)})")
        page.goto(f"{server}/nosuchpage?lang=zh")
        dialog = page.get_by_role("dialog")
        dialog.wait_for()
        settled(page)
        expect(dialog.get_by_role("heading")).to_have_text(title)
        # the page script drawn once, in the sidebar (a block of its own, drawn before the page)
        assert page.locator('[data-testid="stHtml"]:has(script)').count() == 1
        assert page.locator('[data-testid="stSidebar"] [data-testid="stHtml"]:has(script)').count() == 1
        page.wait_for_function("window.gaptrackOrder.includes('chart')")
        assert page.evaluate("window.gaptrackOrder")[0] == "title", page.evaluate("window.gaptrackOrder")
        said = dialog.inner_text()  # Streamlit 1.67 names no page with st.navigation: the second form
        named = catalog("zh")["streamlit_page_not_found_named"].replace("{page}", "nosuchpage")
        assert named in said or catalog("zh")["streamlit_page_not_found_unnamed"] in said, said
        assert english_left(page) == [], said
        page.screenshot(path=str(artifacts / f"page-not-found-zh-{width}.png"))
        if width == 1400:  # English stays English (its layout is Streamlit's own)
            page.goto(f"{server}/nosuchpage?lang=en")
            dialog = page.get_by_role("dialog")
            dialog.wait_for()
            wait_ready(page)
            page.wait_for_function("document.documentElement.lang === 'en'")
            expect(dialog).to_contain_text("Page not found")
            assert chinese_left(page) == []
            page.screenshot(path=str(artifacts / "page-not-found-en-1400.png"))
        context.close()


def test_a_number_out_of_range_is_explained_in_the_pages_language(browser, server, artifacts):
    """Checks page: a waiting time out of range stays in its box, outlined in red, with Streamlit's
    alert (read by a screen reader) and its (!) icon's tooltip saying the range: in Chinese on a
    Chinese page, next to the page's own line saying the range and the value the lists are for."""
    for width in (1400, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(f"{server}/checks?lang=zh")
        settled(page)
        box = page.locator(".st-key-check_waited input")
        box.fill("150")
        box.press("Enter")
        alert = page.locator('.st-key-check_waited [role="alert"]')
        expect(alert).to_have_text(catalog("zh")["streamlit_number_between"].format(low=0, high=99))
        page.locator('.st-key-check_waited [data-testid="stTooltipErrorHoverTarget"]').hover()
        tip = page.get_by_test_id("stTooltipErrorContent")
        expect(tip).to_have_text(
            catalog("zh")["streamlit_error"] + catalog("zh")["streamlit_number_between_tip"].format(low=0, high=99)
        )
        assert english_left(page) == []
        page.get_by_text("可接受的值：0 至 99 之间的整数。下面列出的是已等待超过 2 届").wait_for()
        page.screenshot(path=str(artifacts / f"checks-out-of-range-zh-{width}.png"))
        context.close()
