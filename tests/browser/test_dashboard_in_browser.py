"""The dashboard in a real browser: every page in both languages, filters through the sidebar
and the URL, a click on a bar, the language switch, both downloads, and hostile text."""

from __future__ import annotations

import csv
import io
import re

import pytest
from conftest import HOSTILE_TITLE
from harness import wait_ready

from transforms.presentation.i18n import t
from transforms.reports.check import CHECKS

PAGES = {
    "overview": "",
    "sessions": "sessions",
    "plan": "plan",
    "items": "items",
    "checks": "checks",
    "changes": "changes",
    "about": "about",
}
TITLES = {
    ("overview", "en"): "The Plan's requirements and the Working Group's own recommendations",
    ("overview", "zh"): "《全球行动计划》的要求与工作组自身的建议",
    ("plan", "en"): "The Plan's requirements and the items that address them",
    ("plan", "zh"): "《全球行动计划》要求及相关条目",
    ("sessions", "en"): "Sessions and meetings",
    ("sessions", "zh"): "会议",
    ("items", "en"): "Requirements, recommendations and topics",
    ("items", "zh"): "条目一览",
    ("checks", "en"): "What the record still lacks",
    ("checks", "zh"): "记录中尚缺少的内容",
    ("changes", "en"): "What changed",
    ("changes", "zh"): "变化",
    ("about", "en"): "Method and data",
    ("about", "zh"): "方法和数据",
}


def open_view(page, base: str, path: str = "", query: str = "") -> None:
    page.goto(f"{base}/{path}{'?' + query if query else ''}")
    wait_ready(page)


COVERAGE = ".st-key-coverage_chart_own .js-plotly-plot"  # the Working Group's own items, by heading
PLAN_COVERAGE = ".st-key-coverage_chart_plan .js-plotly-plot"  # the Plan's requirements, by heading


def plot_data(page, selector: str = COVERAGE) -> list[dict]:
    """The traces Plotly drew in a chart: name, x and y of each."""
    page.wait_for_function(f"document.querySelector('{selector}')?.data !== undefined")
    return page.evaluate(f"""() => document.querySelector('{selector}').data.map(
        t => ({{name: t.name, x: Array.from(t.x), y: Array.from(t.y)}}))""")


def wait_for_chart(page, condition: str, selector: str = COVERAGE) -> None:
    """Wait until the chart's traces (`data`) satisfy a JavaScript condition."""
    page.wait_for_function(
        f"(() => {{ const data = document.querySelector('{selector}')?.data; "
        f"return data !== undefined && ({condition}); }})()"
    )


def wait_for_url(page, pattern: str) -> None:
    page.wait_for_url(re.compile(pattern), timeout=20_000)
    wait_ready(page)


def csv_rows(path) -> tuple[bytes, list[dict]]:
    payload = path.read_bytes()
    return payload, list(csv.DictReader(io.StringIO(payload.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", list(PAGES))
def test_each_page_in_each_language(page, server, artifacts, name, lang):
    open_view(page, server, PAGES[name], f"lang={lang}" + ("&item=rec-wg3-01" if name == "items" else ""))
    page.get_by_role("heading", name=TITLES[(name, lang)], exact=True).wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0
    if name in ("overview", "sessions"):
        plot_data(page, COVERAGE if name == "overview" else ".st-key-outcomes_chart .js-plotly-plot")
        page.wait_for_timeout(600)  # let Plotly finish its transitions before the picture
    page.screenshot(path=str(artifacts / f"{name}-{lang}.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 2400})
    page.wait_for_timeout(800)
    page.screenshot(path=str(artifacts / f"{name}-{lang}-narrow.png"), full_page=True)
    if name == "checks":  # text a whole number box reads as another number: the box and the line under it say which
        box = page.locator(".st-key-check_waited input")
        for typed, used in (("1e2", 1), ("7.5", 7)):  # Streamlit reads up to the first character not a digit
            box.fill(typed)
            box.press("Enter")
            page.get_by_text(t(lang, "check_waited_range", low=0, high=99, waited=used), exact=True).wait_for()
            assert box.input_value() == str(used)
            title = CHECKS[[c.name for c in CHECKS].index("waiting_proposals")].title(lang, used)
            page.get_by_role("heading", name=re.compile("^" + re.escape(title))).wait_for()


def test_filter_by_heading_through_the_sidebar(page, server):
    open_view(page, server)
    page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first.click()
    page.get_by_role("option", name="Protecting and assisting victims of trafficking").click()
    wait_for_url(page, r"heading=protection")
    page.keyboard.press("Escape")
    wait_for_chart(page, "data[0].y.length === 1")
    traces = plot_data(page)
    assert [(t["name"], t["x"]) for t in traces] == [("Done", [6]), ("Pending", [1]), ("Proposed", [1])]
    wait_for_chart(page, "data[0].y.length === 1", PLAN_COVERAGE)
    plan = plot_data(page, PLAN_COVERAGE)
    assert [(t["name"], t["x"]) for t in plan] == [("Done", [0]), ("Pending", [0]), ("Proposed", [2])]


def test_filter_through_the_url(page, server):
    open_view(page, server, query="heading=protection&heading=prevention&status=done&lang=zh")
    page.get_by_role("heading", name="《全球行动计划》的要求与工作组自身的建议").wait_for()
    traces = plot_data(page)
    assert [(t["name"], t["x"]) for t in traces] == [("已完成", [4, 6]), ("待定", [0, 0]), ("拟议", [0, 0])]
    assert traces[0]["y"] == ["防止贩运人口", "保护和协助贩运人口行为<br>受害者"]


def test_unknown_url_values_get_a_notice(page, server):
    open_view(page, server, query="heading=bogus,prevention")
    page.get_by_text("“bogus”", exact=False).wait_for()
    assert plot_data(page)[0]["x"] == [4]
    page.get_by_test_id("stSidebarNav").get_by_text("Items").click()  # another page: the notice stays behind
    page.wait_for_url("**/items**")
    wait_ready(page)
    page.get_by_role("heading", name="Requirements, recommendations and topics").wait_for()
    assert not page.get_by_text("“bogus”", exact=False).count()


def test_click_a_bar_to_filter(page, server):
    open_view(page, server)
    plot_data(page)
    page.wait_for_timeout(800)
    page.locator(COVERAGE).scroll_into_view_if_needed()
    page.wait_for_timeout(400)
    segment = page.locator(COVERAGE).locator(".barlayer .trace").nth(0).locator(".point").nth(2)
    box = segment.bounding_box()  # Done segment of the third heading: prosecution
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # as a user does
    wait_for_url(page, r"heading=prosecution.*status=done|status=done.*heading=prosecution")
    wait_for_chart(page, "data[0].y.length === 1")
    traces = plot_data(page)
    assert [(t["name"], t["x"]) for t in traces] == [("Done", [1]), ("Pending", [0]), ("Proposed", [0])]


def test_switch_to_chinese(page, server):
    open_view(page, server, "items")
    page.get_by_test_id("stSidebar").get_by_role("radio", name="中文").click()
    wait_for_url(page, r"lang=zh")
    page.get_by_role("heading", name="条目一览").wait_for()
    assert page.get_by_test_id("stSidebar").get_by_text("《全球行动计划》标题").count() == 1


def test_filters_keep_working_after_switching_language(page, server):
    """The browser answers a filter change with the option labels it was shown; after a language
    switch those must be the new language's (a bug found by benchmarks/load.py)."""
    open_view(page, server, query="heading=protection")
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("radio", name="中文").click()
    wait_for_url(page, r"lang=zh")
    sidebar.get_by_test_id("stMultiSelect").nth(1).click()
    page.get_by_role("option", name="已完成").click()
    wait_for_url(page, r"status=done")
    page.keyboard.press("Escape")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "heading=protection" in page.url
    wait_for_chart(page, "data[1].x[0] === 0")
    assert [(t["name"], t["x"]) for t in plot_data(page)] == [("已完成", [6]), ("待定", [0]), ("拟议", [0])]
    sidebar.get_by_role("radio", name="English").click()
    page.get_by_role("heading", name="The Plan's requirements and the Working Group's own recommendations").wait_for()
    wait_ready(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "as_of" not in page.url and "heading=protection" in page.url and "status=done" in page.url


def test_download_coverage_csv(page, server, tmp_path):
    open_view(page, server, query="heading=protection&heading=prevention&lang=zh")
    with page.expect_download() as caught:
        page.get_by_role("button", name="下载建议和议题的数字（CSV）").click()
    download = caught.value
    assert re.fullmatch(
        r"gaptrack-coverage-prevention-protection-recommendation-topic-zh-\d{4}-\d{2}-\d{2}\.csv",
        download.suggested_filename,
    )
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    payload, rows = csv_rows(target)
    assert payload.startswith(b"\xef\xbb\xbf") and b"\r\n" in payload
    assert [(r["heading"], r["heading_label"], r["done"], r["total"]) for r in rows] == [
        ("prevention", "防止贩运人口", "4", "5"),
        ("protection", "保护和协助贩运人口行为受害者", "6", "8"),
        ("", "所选 2 个标题", "10", "13"),  # the question's total row, named for the headings it sums
    ]
    assert {r["kinds_counted"] for r in rows} == {"recommendation; topic"}
    drawn = plot_data(page)
    assert [int(r["done"]) for r in rows if r["heading"]] == drawn[0]["x"]


def test_download_filtered_item_list(page, server, tmp_path):
    open_view(page, server, "items", "status=pending")
    with page.expect_download() as caught:
        page.get_by_role("button", name="Download item list (CSV)").click()
    target = tmp_path / "items.csv"
    caught.value.save_as(target)
    payload, rows = csv_rows(target)
    assert payload.startswith(b"\xef\xbb\xbf")
    assert [(r["item_id"], r["status"], r["source_paragraph"]) for r in rows] == [("rec-wg3-01", "pending", "7")]
    assert "pending" in caught.value.suggested_filename


def test_hostile_text_is_shown_as_text(page, hostile_server, artifacts):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path, query in (("items", "item=a"), ("", ""), ("sessions", "")):
        open_view(page, hostile_server, path, query)
        page.wait_for_timeout(1000)
        assert page.locator('img[src="x"]').count() == 0
        assert page.locator("script:text('alert')").count() == 0
    open_view(page, hostile_server, "items", "item=a")
    page.get_by_role("heading", name=HOSTILE_TITLE).wait_for()
    page.screenshot(path=str(artifacts / "hostile-text.png"), full_page=True)
    assert dialogs == []


# Records, in the page, what was on it when the first chart was drawn, and how often the first run's
# request for the rest of the page (dashboard/first_paint.py) appeared.
FIRST_PAINT = """window.firstPaint = {held: 0};
new MutationObserver(() => {
  const held = document.querySelector('.st-key-rest_later');
  if (held && !window.firstPaint.holding) window.firstPaint.held += 1;
  window.firstPaint.holding = !!held;
  if (!window.firstPaint.chart && document.querySelector('.js-plotly-plot .main-svg')) {
    window.firstPaint.chart = {
      charts: document.querySelectorAll('.js-plotly-plot').length,
      filters: document.querySelectorAll('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').length,
      metrics: document.querySelectorAll('[data-testid="stMetric"]').length,
      briefing: !!document.querySelector('.st-key-download_briefing'),
      held: !!held,
    };
    window.firstPaint.top = document.querySelector('.js-plotly-plot').getBoundingClientRect().top + scrollY;
  }
  const plot = document.querySelector('.js-plotly-plot');  // where the first chart stands, each change
  if (plot && window.firstPaint.top !== undefined) {
    const top = plot.getBoundingClientRect().top + scrollY;
    if (Math.abs(top - window.firstPaint.top) > 1) window.firstPaint.moved = top - window.firstPaint.top;
  }
}).observe(document, {childList: true, subtree: true});"""


def test_overview_answers_the_two_questions_apart(page, server, artifacts):
    """The Plan's requirements and the Working Group's own items, each with its denominator. On a new
    session the first chart is drawn with the text above it and the briefing button, before the
    headline figures (in a place kept at their height: the chart does not move), the filters and the
    other charts, which follow without a click; later runs draw the whole page."""
    page.add_init_script(FIRST_PAINT)
    open_view(page, server)
    first = page.evaluate("window.firstPaint")
    assert first["chart"] == {"charts": 1, "filters": 0, "metrics": 0, "briefing": True, "held": True}, first
    assert first["held"] == 1 and not first["holding"], first
    page.get_by_test_id("stMetric").nth(5).wait_for()  # the headline came in the place kept for it
    assert "moved" not in page.evaluate("window.firstPaint"), page.evaluate("window.firstPaint")  # nothing jumped
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').nth(2).wait_for()  # their scripts load
    assert page.locator(".js-plotly-plot").count() == 4
    page.get_by_role("heading", name="How far the Working Group has taken up the Plan's requirements").wait_for()
    page.get_by_role(
        "heading", name="What has become of the Working Group's own recommendations and proposed topics"
    ).wait_for()
    page.get_by_test_id("stMetric").get_by_text("Done (of 30)").wait_for()
    metrics = [" ".join(m.split()) for m in page.get_by_test_id("stMetric").all_inner_texts()]
    assert metrics[0].startswith("Done (of 8) 0") and metrics[3].startswith("Done (of 30) 22")
    assert not any("38" in m for m in metrics)  # the two sets are never added together
    assert page.get_by_text("nothing was undone", exact=False).count() == 2  # under each timeline
    plan = plot_data(page, PLAN_COVERAGE)
    assert [(t["name"], t["x"]) for t in plan] == [
        ("Done", [0, 0, 0, 0, 0]),
        ("Pending", [0, 0, 0, 0, 0]),
        ("Proposed", [2, 2, 2, 2, 0]),
    ]
    page.wait_for_timeout(600)
    page.screenshot(path=str(artifacts / "overview-questions-en.png"), full_page=True)
    page.get_by_test_id("stSidebarNavLink").filter(has_text="Sessions").click()  # same session: whole pages
    page.get_by_role("heading", name=TITLES[("sessions", "en")]).wait_for()
    wait_ready(page)
    page.get_by_test_id("stSidebarNavLink").filter(has_text="Overview").click()
    page.get_by_role("heading", name=TITLES[("overview", "en")]).wait_for()
    wait_ready(page)
    assert page.locator(".js-plotly-plot").count() == 4
    assert page.evaluate("window.firstPaint.held") == 1  # never held again
    # once drawn, the place is the figures' own height: on a phone with two figures a dash (shorter), no gap
    page.set_viewport_size({"width": 390, "height": 900})
    open_view(page, server, "", "status=proposed")
    page.get_by_test_id("stMetric").nth(5).wait_for()
    kept = page.evaluate("""() => [...document.querySelectorAll('[class*="st-key-headline_"]')].map(box =>
        [box.getBoundingClientRect().height, box.querySelector('[data-testid="stHorizontalBlock"]').offsetHeight])""")
    assert len(kept) == 2 and all(abs(place - drawn) <= 1 for place, drawn in kept), kept


def test_the_overview_answers_at_its_own_path_too(page, server):
    open_view(page, server, "overview", "lang=zh")
    page.get_by_role("heading", name=TITLES[("overview", "zh")]).wait_for()
    assert page.get_by_text("Page not found").count() == 0
    open_view(page, server, "", "lang=en")
    page.get_by_role("heading", name=TITLES[("overview", "en")]).wait_for()


CUT = """() => [...document.querySelectorAll(
    '[data-testid=stMetricValue], [data-testid=stMetricValue] *, [data-testid=stMetricLabel] p,'
    + ' [data-testid=stTable] th, [data-testid=stTable] td')]
    .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > window.innerWidth + 1)
    .map(e => e.innerText)"""


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_figure_or_plan_column_is_cut(page, server, artifacts, width, lang):
    """Headline figures (the count in the value, the denominator in the label) and the Plan view's
    columns fit: nothing clipped, nothing beyond the window, in both languages, wide and narrow."""
    page.set_viewport_size({"width": width, "height": 900})
    open_view(page, server, "", f"lang={lang}")
    page.get_by_test_id("stMetric").first.wait_for()
    page.wait_for_timeout(500)
    assert page.evaluate(CUT) == []
    page.screenshot(path=str(artifacts / f"overview-metrics-{lang}-{width}.png"), full_page=True)
    open_view(page, server, "plan", f"lang={lang}")
    page.get_by_test_id("stTable").first.wait_for()
    page.wait_for_timeout(500)
    assert page.evaluate(CUT) == []
    page.screenshot(path=str(artifacts / f"plan-table-{lang}-{width}.png"), full_page=True)


def test_plan_view_lists_every_requirement_and_hides_curated_relations(page, server, artifacts, tmp_path):
    open_view(page, server, "plan")
    page.get_by_role("heading", name="The Plan's requirements and the items that address them").wait_for()
    page.get_by_text(
        "8 Plan requirements listed: 5 addressed by a recommendation or topic on the record "
        "(all only by relations the editors judged), 3 not addressed by any item on the record."
    ).wait_for()
    for heading in ("Preventing trafficking in persons", "Strengthening partnerships against trafficking in persons"):
        page.get_by_role("heading", name=heading).wait_for()
    # each requirement's Plan paragraph is shown (it was the table's index, which Streamlit hides)
    cell = page.locator(".st-key-plan_table_prevention td").filter(has_text="Plan paragraph 16")
    cell.wait_for()  # the tables are drawn after the headings
    assert cell.count() == 1 and cell.inner_text().startswith("Plan paragraph 16")
    page.screenshot(path=str(artifacts / "plan-en.png"), full_page=True)
    with page.expect_download() as caught:
        page.get_by_role("button", name="Download the Plan view (CSV)").click()
    target = tmp_path / caught.value.suggested_filename
    caught.value.save_as(target)
    _, rows = csv_rows(target)
    assert [r["plan_paragraph"] for r in rows if r["requirement_id"] == "req-gpa-30"] == ["30", "30", "30"]
    assert {r["basis"] for r in rows if r["item_id"]} == {"curated"}
    page.get_by_test_id("stSidebar").get_by_text("Include relations judged by the editors").click()
    wait_for_url(page, r"curated=0")
    page.get_by_text("8 Plan requirements listed: none of them is addressed by any item on the record.").wait_for()
    page.get_by_text("Relations judged by the editors are hidden", exact=False).wait_for()
    open_view(page, server, "plan", "curated=0&heading=protection&lang=zh")
    page.get_by_text("列出 2 项《全球行动计划》要求：没有一项有记录中的任何条目涉及。").wait_for()
    page.screenshot(path=str(artifacts / "plan-zh-source-only.png"), full_page=True)


WIDE_TABLES = """() => [...document.querySelectorAll('[data-testid=stMarkdownContainer]:has(table)')]
    .filter(box => box.getBoundingClientRect().height > 0)
    .map(box => ({
        scrolls: box.scrollWidth > box.clientWidth + 1,
        focusable: box.tabIndex === 0,
        inside: box.getBoundingClientRect().right <= window.innerWidth + 1,
        tallest_header: Math.max(...[...box.querySelectorAll('th')].map(th => th.getBoundingClientRect().height)),
        cell: box.querySelector('td').getBoundingClientRect().height,
    }))"""


SETTLED = """() => {
    const boxes = [...document.querySelectorAll('[data-testid=stMarkdownContainer]:has(table)')]
        .filter(box => box.getBoundingClientRect().height > 0);
    return boxes.length > 0 && boxes.every(box => (box.scrollWidth > box.clientWidth + 1) === (box.tabIndex === 0));
}"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_table_of_numbers_scrolls_in_its_box_on_a_phone(page, server, artifacts, lang):
    """On a phone the numbers behind a chart were wider than their box: the whole page scrolled
    sideways and Chinese headers stood one character a line. The table now scrolls inside its box,
    which a keyboard can reach, and every header stays on one line."""
    page.set_viewport_size({"width": 390, "height": 1600})
    open_view(page, server, "", f"lang={lang}")
    label = {"en": "Numbers behind this chart", "zh": "本图所依据的数字"}[lang]
    page.get_by_text(label).first.click()
    page.locator("[data-testid=stMarkdownContainer] table").first.wait_for()
    # the page script marks a box that scrolls once the browser has laid it out (a frame later;
    # longer on a busy machine): wait for that, not for a fixed time
    page.wait_for_function(SETTLED, timeout=15_000)
    boxes = page.evaluate(WIDE_TABLES)
    assert boxes and all(b["inside"] for b in boxes), boxes
    assert any(b["scrolls"] for b in boxes), boxes  # the case: wider than a phone
    assert all(b["focusable"] == b["scrolls"] for b in boxes), boxes
    assert all(b["tallest_header"] <= b["cell"] + 2 for b in boxes), boxes  # one line, as a cell
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(artifacts / f"numbers-table-{lang}-390.png"), full_page=False)
    from test_accessibility_in_browser import violations  # axe, with the table open and scrolling

    assert violations(page) == []
