"""The briefing printed by Chromium: A4 pages, every open item's Chinese wording in the PDF's
text, Chinese drawn with a CJK font (no tofu), nothing loaded from anywhere, no sideways scrolling in a
narrow window (phones, 390 and 360 px: no word cut), and hostile text from the data shown as text.

The PDF is read with poppler-utils (pdfinfo, pdftotext): without them the tests are
skipped, and with CI=true they fail, like the other browser tests without Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from fixtures import every_free_text, large_counts_record

from transforms.database.build import build
from transforms.database.queries import Filters, Store, item_list, record_info
from transforms.reports.report import report_file_name, report_html

A4_POINTS = (595.3, 841.9)
PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" & </style>'


@pytest.fixture(scope="session")
def poppler() -> None:
    missing = [tool for tool in ("pdfinfo", "pdftotext") if not shutil.which(tool)]
    if missing:
        reason = f"poppler-utils is not installed ({', '.join(missing)} missing; apt-get install poppler-utils)"
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI, but {reason}")
        pytest.skip(f"briefing PDF tests skipped: {reason}")


@pytest.fixture(scope="module")
def briefings(tmp_path_factory, shipped_db) -> dict[str, Path]:
    """The shipped record's briefing in each language, written to files."""
    folder = tmp_path_factory.mktemp("briefing")
    paths = {}
    with Store(shipped_db) as store:
        for lang in ("en", "zh"):
            paths[lang] = folder / report_file_name(Filters(lang=lang))
            paths[lang].write_text(report_html(store, Filters(lang=lang)), encoding="utf-8")
    return paths


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, check=True, text=True, timeout=60).stdout


def printed(browser, html: Path, pdf: Path) -> tuple[list[str], dict[str, int]]:
    """Open the file in Chromium and print it to an A4 PDF. Returns every request the page made
    and the fonts that drew the first Chinese quote (family -> glyphs)."""
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(html.as_uri())
    page.emulate_media(media="print")
    fonts = fonts_drawing(page, "table.items .quote")
    page.pdf(path=str(pdf), format="A4", print_background=True)
    context.close()
    return requests, fonts


def fonts_drawing(page, selector: str) -> dict[str, int]:
    """The fonts Chromium used for the text of the first element matching selector."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"]: font["glyphCount"] for font in fonts}


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    pages = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(pdf)), re.M).group(1))
    sizes = re.findall(
        r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", run("pdfinfo", "-f", "1", "-l", str(pages), str(pdf))
    )
    return [(float(w), float(h)) for w, h in sizes]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_prints_on_a4_with_every_open_items_wording(browser, poppler, briefings, shipped, artifacts, lang):
    pdf = artifacts.parent / "report" / f"briefing-{lang}.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    requests, fonts = printed(browser, briefings[lang], pdf)
    assert set(requests) == {briefings[lang].as_uri()}  # nothing loaded from anywhere else
    sizes = page_sizes(pdf)
    assert 2 <= len(sizes) <= 8
    assert all(abs(w - A4_POINTS[0]) < 1.5 and abs(h - A4_POINTS[1]) < 1.5 for w, h in sizes), sizes
    # -raw: text in the order Chromium drew it, so a cell's lines stay together
    text = re.sub(r"\s+", "", run("pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"))
    open_items = item_list(shipped, Filters(statuses=("pending", "proposed"), lang=lang))
    for item in open_items.itertuples():
        assert item.item_id in text and re.sub(r"\s+", "", item.quote) in text, item.item_id
    assert record_info(shipped)["data_version"] in text
    assert fonts and all(re.search(r"CJK|Han Sans|Hei", family) for family in fonts), fonts  # no tofu


@pytest.fixture(scope="module")
def large_briefings(tmp_path_factory) -> dict[str, Path]:
    """The briefing of a record of 1,050 items under one heading (fixtures.large_counts_record),
    its counts written "1,050", in each language, written to files."""
    folder = tmp_path_factory.mktemp("large-briefing")
    build(large_counts_record(folder / "data"), folder / "large.duckdb")
    paths = {}
    with Store(folder / "large.duckdb") as store:
        for lang in ("en", "zh"):
            paths[lang] = folder / f"large-{lang}.html"
            paths[lang].write_text(report_html(store, Filters(lang=lang)), encoding="utf-8")
    return paths


# Latin words and numbers drawn across two lines in the cells matching the selector: "word in "text"".
CUT_WORDS = """(selector) => {
  const words = new Intl.Segmenter('en', {granularity: 'word'});
  const found = [];
  for (const cell of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, text = node.nodeValue, range = document.createRange();
      for (const {segment, index} of words.segment(text)) {
        if (segment.length < 2 || !/^[A-Za-z0-9][A-Za-z0-9,.'-]*$/.test(segment)) continue;
        const tops = [];
        for (let i = index; i < index + segment.length; i++) {
          range.setStart(node, i); range.setEnd(node, i + 1);
          const box = range.getClientRects()[0];
          if (box) tops.push(box.top);
        }
        if (tops.length && Math.max(...tops) - Math.min(...tops) >= 2) found.push(`${segment} in "${text}"`);
      }
    }
  }
  return found;
}"""

# How far each coverage table and bar total reaches past its room: the body's content box for a
# table, its own box for a total (a total wider than its column is cut); 0 when it fits.
OVERFLOW = """() => {
  const body = document.body.getBoundingClientRect(), style = getComputedStyle(document.body);
  const right = body.right - parseFloat(style.paddingRight);
  return {
    tables: [...document.querySelectorAll('table.coverage')].map(
      (t) => Math.max(0, t.getBoundingClientRect().right - right)),
    totals: [...document.querySelectorAll('.bar-total')].map((s) => Math.max(0, s.scrollWidth - s.clientWidth)),
  };
}"""


@pytest.mark.parametrize("record", ["shipped", "large"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_phone_needs_no_sideways_scrolling_and_cuts_no_word(
    browser, briefings, large_briefings, artifacts, lang, record
):
    """At 390 and 360 px (phones; the same page, resized): no sideways scrolling, the open items as
    blocks, each coverage table inside the body with no word or number cut across lines (it cut
    "Preventi|ng" to fit; at 360 px the English table was 14 px too wide), each bar's total whole
    ("1,050" was cut to "1,05")."""
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto((briefings if record == "shipped" else large_briefings)[lang].as_uri())
    for width in (390, 360):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.locator("table.items thead").first.is_hidden()  # rows become blocks with their own labels
        reach = page.evaluate(OVERFLOW)
        assert reach["tables"] and max(reach["tables"]) < 0.5, (width, reach)
        assert reach["totals"] and max(reach["totals"]) == 0, (width, reach)
        assert page.evaluate(CUT_WORDS, "table.coverage th, table.coverage td, .bar-total") == [], width
        shot = artifacts / f"briefing-{lang}-{record}-{width}"
        page.locator("table.coverage").first.screenshot(path=f"{shot}-table.png")
        if width == 390:
            page.screenshot(path=f"{shot}.png", full_page=True)
    context.close()


def test_hostile_text_is_shown_as_text(browser, tmp_path):
    every_free_text(tmp_path / "data", lambda table, column, row: f"{PAYLOAD} {table}.{column}")
    build(tmp_path / "data", tmp_path / "hostile.duckdb")
    with Store(tmp_path / "hostile.duckdb") as store:
        (tmp_path / "hostile.html").write_text(report_html(store, Filters()), encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto((tmp_path / "hostile.html").as_uri())
    assert page.locator("script, img, iframe").count() == 0 and dialogs == []
    assert f"{PAYLOAD} items.title_en" in page.locator("table.items").first.inner_text()
    context.close()


# Chinese words (Intl.Segmenter's, in Chromium) drawn across two lines in a cell whose text box
# could hold the word on one line: "word in "text" (its width of the room px)".
BROKEN_WORDS = """(selector) => {
  // Chinese words broken across lines inside a cell that could hold them on one line
  const words = new Intl.Segmenter('zh', {granularity: 'word'});
  const found = [];
  for (const cell of document.querySelectorAll(selector)) {
    if (!cell.getClientRects().length) continue;
    const style = getComputedStyle(cell);
    const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, text = node.nodeValue;
      const range = document.createRange();
      const line = [];  // the top of each character's box
      for (let i = 0; i < text.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        line.push(box ? box.top : null);
      }
      for (const {segment, index, isWordLike} of words.segment(text)) {
        if (!isWordLike || segment.length < 2 || !/[\u4e00-\u9fff]/.test(segment)) continue;
        const tops = line.slice(index, index + segment.length).filter((t) => t !== null);
        if (Math.max(...tops) - Math.min(...tops) < 2) continue;  // on one line
        range.setStart(node, index); range.setEnd(node, index + segment.length);
        const width = [...range.getClientRects()].reduce((sum, r) => sum + r.width, 0);
        if (width <= room + 0.5) found.push(`${segment} in "${text}" (${Math.round(width)} of ${Math.round(room)} px)`);
      }
    }
  }
  return found;
}"""


@pytest.mark.parametrize("width", [1400, 390, "print"])
def test_chinese_headers_keep_their_words_whole(browser, briefings, artifacts, width):
    """No Chinese word of a table header is broken across lines where its column could hold it
    (the report said 已完成比|例): on a wide screen, a phone and printed on A4."""
    context = browser.new_context(viewport={"width": 794 if width == "print" else width, "height": 900})
    page = context.new_page()
    page.goto(briefings["zh"].as_uri())
    if width == "print":
        page.emulate_media(media="print")
    assert page.locator("thead th:visible").count() >= 10
    assert page.evaluate(BROKEN_WORDS, "thead th") == []
    page.locator("table.coverage").first.screenshot(path=str(artifacts / f"briefing-zh-headers-{width}.png"))
    context.close()
