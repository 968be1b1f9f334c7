"""The static edition (gaptrack publish) read in Chromium from the files alone: no server, and
any request for something outside the edition's folder fails the test. Every page is opened
(crawled from the root index.html, every link and stylesheet resolves), no page has a script,
the numbers on the pages are the shared queries', axe-core finds no violation, and hostile text
from the data is shown as text."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from fixtures import every_free_text
from test_hostile_everywhere import INJECTED, PAYLOAD

from transforms.database.build import build
from transforms.database.coverage import QUESTIONS, answer
from transforms.database.export import EXPORTS, export_bytes
from transforms.database.plan import plan_view, requirement_summary
from transforms.database.queries import (
    Filters,
    Store,
    coverage_by_heading,
    heading_session_grid,
    item_detail,
    item_list,
    link_list,
    session_outcomes,
)
from transforms.reports.publish import download_name, publish

LANGS = ("en", "zh")
STATUS_COUNTS = ("done", "pending", "proposed", "total")

# What a page holds, read in the browser: its links, its rows with data-* keys and their counts.
READ_PAGE = r"""() => ({
    links: [...document.querySelectorAll('a[href], link[href]')].map(e => e.href),
    sources: [...document.querySelectorAll('[src]')].map(e => e.src),
    scripts: document.scripts.length,
    title: document.title,
    lang: document.documentElement.lang,
    rows: [...document.querySelectorAll(
        'tr[data-heading], tr[data-session], tr[data-item], tr[data-table], tr[data-requirement]')].map(
        tr => ({
            table: tr.closest('table').id,
            keys: Object.assign({}, tr.dataset),
            items: [...tr.querySelectorAll('li[data-item]')].map(li => li.dataset.item),
            counts: Object.fromEntries([...tr.querySelectorAll('[data-count]')].map(
                td => [(td.dataset.heading ? td.dataset.heading + ':' : '') + td.dataset.count,
                       Number(td.textContent)])),
        })),
    figures: Object.fromEntries([...document.querySelectorAll('[data-figure]')].map(
        d => [d.dataset.figure, Number(d.querySelector('.value').textContent)])),
})"""


@pytest.fixture(scope="module")
def edition(tmp_path_factory, shipped_db) -> Path:
    folder = tmp_path_factory.mktemp("edition") / "site"
    with Store(shipped_db) as store:
        publish(store, folder, LANGS)
    return folder


@pytest.fixture
def local_page(browser, edition):
    """A tab that may load files of the edition only: any other request is aborted and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    outside: list[str] = []
    root = edition.resolve().as_uri() + "/"

    def guard(route):
        url = route.request.url
        if url.startswith(root):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    tab.outside = outside
    yield tab
    context.close()
    assert outside == [], f"requests outside the edition: {outside}"


def local_file(url: str) -> Path:
    return Path(unquote(urlsplit(url).path))


def crawl(page, edition: Path) -> dict[str, dict]:
    """Open index.html and every page reachable from it by links; path (relative) -> what it holds."""
    seen: dict[str, dict] = {}
    queue = [edition / "index.html"]
    while queue:
        path = queue.pop()
        key = path.relative_to(edition).as_posix()
        if key in seen:
            continue
        page.goto(path.as_uri())
        seen[key] = held = page.evaluate(READ_PAGE)
        for url in held["links"] + held["sources"]:
            assert url.startswith("file://"), f"{key} links outside the edition: {url}"
            target = local_file(url)
            assert target.is_file(), f"{key} links to {url}, which is not in the edition"
            assert edition in target.parents, f"{key} links outside the edition: {url}"
            if target.suffix == ".html":
                queue.append(target)
    return seen


@pytest.fixture(scope="module")
def pages(browser, edition) -> dict[str, dict]:
    context = browser.new_context()
    outside: list[str] = []
    root = edition.resolve().as_uri() + "/"
    context.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith(root) else (outside.append(r.request.url), r.abort()),
    )
    try:
        seen = crawl(context.new_page(), edition.resolve())
    finally:
        context.close()
    assert outside == [], f"requests outside the edition: {outside}"
    return seen


def test_every_page_is_reached_by_links_and_every_link_resolves(pages, edition):
    written = {p.relative_to(edition).as_posix() for p in edition.rglob("*.html")}
    assert set(pages) == written  # every page is linked from somewhere, every link lands on a file
    assert {page["scripts"] for page in pages.values()} == {0}
    assert {pages[p]["lang"] for p in pages if p.startswith("zh/") and not p.endswith("briefing.html")} == {"zh-Hans"}
    # every CSV is linked from its language's downloads page
    for lang in LANGS:
        linked = {local_file(u).name for u in pages[f"{lang}/downloads.html"]["links"]}
        assert {download_name(t, lang) for t in EXPORTS if t != "coverage"} <= linked
        assert {download_name("coverage", lang, q) for q in QUESTIONS} <= linked


def test_stable_urls_for_every_heading_item_and_session(pages, shipped_db):
    with Store(shipped_db) as store:
        for lang in LANGS:
            f = Filters(lang=lang)
            headings = set(coverage_by_heading(store, f).heading)
            items = set(item_list(store, f).item_id)
            sessions = set(session_outcomes(store, f).session_id)
            assert {p for p in pages if p.startswith(f"{lang}/headings/")} == {
                f"{lang}/headings/{h}.html" for h in headings
            }
            assert {p for p in pages if p.startswith(f"{lang}/items/")} == {f"{lang}/items/{i}.html" for i in items}
            assert {p for p in pages if p.startswith(f"{lang}/sessions/") and not p.endswith("index.html")} == {
                f"{lang}/sessions/{s}.html" for s in sessions
            }


def rows(page: dict, table: str) -> list[dict]:
    return [r for r in page["rows"] if r["table"] == table]


def counts_of(frame, key: str) -> dict[str, dict[str, int]]:
    return {row[key]: {s: int(row[s]) for s in STATUS_COUNTS} for row in frame.to_dict("records")}


def test_numbers_on_the_pages_are_the_queries(pages, shipped_db, edition):
    with Store(shipped_db) as store:
        for lang in LANGS:
            f = Filters(lang=lang)
            overview = pages[f"{lang}/index.html"]
            figures = {}
            for question in QUESTIONS:
                found = answer(store, f, question)
                shown = {r["keys"]["heading"]: r["counts"] for r in rows(overview, f"coverage-{question}")}
                assert shown == counts_of(found.coverage, "heading")
                figures |= {f"{question}:{s}": found.totals[s] for s in STATUS_COUNTS}
                timeline = {r["keys"]["session"]: r["counts"] for r in rows(overview, f"timeline-{question}")}
                assert timeline == {
                    row["session_id"]: {s: int(row[s]) for s in (*STATUS_COUNTS, "new_items")}
                    for row in found.timeline.to_dict("records")
                }
                for row in found.coverage.itertuples():
                    page = pages[f"{lang}/headings/{row.heading}.html"]
                    assert {k: v for k, v in page["figures"].items() if k.startswith(question)} == {
                        f"{question}:{s}": int(getattr(row, s)) for s in STATUS_COUNTS
                    }
            assert overview["figures"] == figures

            listing = pages[f"{lang}/sessions/index.html"]
            outcomes = session_outcomes(store, f)
            assert {r["keys"]["session"]: r["counts"] for r in rows(listing, "outcomes-table")} == counts_of(
                outcomes, "session_id"
            )
            grid = heading_session_grid(store, f)
            expected = {}
            for row in grid.itertuples():
                expected.setdefault(row.session_id, {})[f"{row.heading}:total"] = int(row.total)
            assert {r["keys"]["session"]: r["counts"] for r in rows(listing, "grid-table")} == expected

            items = item_list(store, f)
            for heading in coverage_by_heading(store, f).heading:
                listed = items[items.heading == heading]
                page = pages[f"{lang}/headings/{heading}.html"]
                assert [(r["keys"]["item"], r["keys"]["status"]) for r in rows(page, "heading-items")] == list(
                    zip(listed.item_id, listed.status)
                )
            for row in outcomes.itertuples():
                page = pages[f"{lang}/sessions/{row.session_id}.html"]
                assert page["figures"] == {s: int(getattr(row, s)) for s in STATUS_COUNTS}
                links = link_list(store, f, session_id=row.session_id)
                assert [(r["keys"]["item"], r["keys"]["status"]) for r in rows(page, "session-links")] == list(
                    zip(links.item_id, links.status)
                )
            for item_id in items.item_id:
                _, links = item_detail(store, item_id, f)
                page = pages[f"{lang}/items/{item_id}.html"]
                assert [(r["keys"]["session"], r["keys"]["status"]) for r in rows(page, "item-links")] == list(
                    zip(links.session_id, links.status)
                )

            plan = plan_view(store, f)
            summary = requirement_summary(plan, lang)
            shown = [r for r in pages[f"{lang}/plan.html"]["rows"] if "requirement" in r["keys"]]
            assert [(r["keys"]["requirement"], r["keys"]["addressed"] == "yes", r["items"]) for r in shown] == [
                (
                    row.requirement_id,
                    row.addressed,
                    plan[plan.requirement_id == row.requirement_id].item_id.dropna().tolist(),
                )
                for row in summary.itertuples()
            ]

            downloads = {
                r["keys"]["table"]: r["counts"]["rows"] for r in rows(pages[f"{lang}/downloads.html"], "downloads")
            }
            for table in EXPORTS:
                for question in QUESTIONS if table == "coverage" else (None,):
                    narrowed = answer(store, f, question).filters if question else f
                    name = download_name(table, lang, question)
                    assert (edition / lang / "downloads" / name).read_bytes() == export_bytes(store, table, narrowed)
                    key = f"{table}_{question}" if question else table
                    assert downloads[key] == len(store.frame(EXPORTS[table][0], narrowed))


def test_an_item_page_shows_its_provenance(local_page, edition, shipped_db):
    with Store(shipped_db) as store:
        for lang in LANGS:
            item = item_list(store, Filters(lang=lang)).iloc[0]
            detail, links = item_detail(store, item.item_id, Filters(lang=lang))
            local_page.goto((edition / lang / "items" / f"{item.item_id}.html").as_uri())
            text = local_page.inner_text("main")
            row = detail.iloc[0]
            for value in (row.source_document, row.source_paragraph, row.quote, row.source_title, item.title):
                assert str(value) in text
            for link in links.itertuples():
                assert link.quote in text and link.session_title in text


AXE_PAGES = [
    "index.html",
    "{lang}/index.html",
    "{lang}/plan.html",
    "{lang}/headings/protection.html",
    "{lang}/items/rec-wg3-01.html",
    "{lang}/sessions/index.html",
    "{lang}/sessions/wg-1.html",
    "{lang}/method.html",
    "{lang}/downloads.html",
    "{lang}/briefing.html",
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_violation(local_page, edition, path, lang):
    target = edition / path.format(lang=lang)
    assert target.is_file(), target
    local_page.goto(target.as_uri())
    results = Axe().run(local_page)
    violations = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["html"][:160] for n in v["nodes"][:3]]}
        for v in results.response["violations"]
    ]
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_scrolls_sideways_in_a_narrow_window(local_page, edition, lang):
    local_page.set_viewport_size({"width": 380, "height": 800})
    for path in AXE_PAGES[1:-1]:  # the briefing has its own test (test_report_pdf)
        local_page.goto((edition / path.format(lang=lang)).as_uri())
        assert local_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path


@pytest.fixture(scope="module")
def hostile_edition(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-edition")
    data = every_free_text(folder / "data", lambda table, column, row: f"{PAYLOAD} {table}.{column}.{row} 引文")
    build(data, folder / "gaptrack.duckdb")
    with Store(folder / "gaptrack.duckdb") as store:
        publish(store, folder / "site", LANGS)
    return folder / "site"


def test_hostile_text_from_the_data_is_shown_as_text(browser, hostile_edition):
    context = browser.new_context()
    dialogs: list[str] = []
    outside: list[str] = []
    root = hostile_edition.resolve().as_uri() + "/"
    context.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith(root) else (outside.append(r.request.url), r.abort()),
    )
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        seen = crawl(page, hostile_edition.resolve())
        assert len(seen) > 10
        for path in seen:
            page.goto((hostile_edition / path).as_uri())
            page.wait_for_timeout(50)
            assert page.evaluate(INJECTED) == [], path
            assert page.locator("main strong").filter(has_text="bold").count() == 0, path
        page.goto((hostile_edition / "en" / "index.html").as_uri())
        assert "<img src=x onerror=alert(1)>" in page.inner_text("main")
    finally:
        context.close()
    assert dialogs == [] and outside == []
