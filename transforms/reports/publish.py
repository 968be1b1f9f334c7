"""gaptrack publish: the static edition, a folder of plain HTML any web server or CDN can carry.

Per language (`en/`, `zh/`): the Overview (the two questions of transforms.database.coverage,
counted apart), the Plan view, one page per Plan heading, one per item with its provenance, the
sessions (a page each), the method, the CSV downloads and the briefing. Charts
are inline SVG drawn as the briefing draws them (transforms.reports.report); pages need no
script and load nothing from outside the folder (one stylesheet at its root); links are relative,
so the folder works from a web server and from the files alone. Every number comes from the
shared queries the dashboard and the CLI use (transforms.database.queries, export). Pages are
rendered with Jinja2 templates (templates/*.html) with autoescaping on: text from the data is
always escaped.

Stable URLs, relative to the folder: `index.html` (language choice), `<lang>/index.html`
(Overview), `<lang>/plan.html`, `<lang>/headings/<heading>.html`, `<lang>/items/<item_id>.html`,
`<lang>/sessions/index.html`, `<lang>/sessions/<session_id>.html`, `<lang>/method.html`,
`<lang>/downloads.html`, `<lang>/downloads/gaptrack-<table>-all-<lang>.csv`,
`<lang>/briefing.html`.

Adding a page: write a function `(view) -> iterable of Page` that reads its frames from the
shared queries in `load_view`, a template in templates/ extending base.html, and add a
`Section` for it to SECTIONS (its place there is its place in every page's navigation); the
Plan view is one.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import pandas as pd
from markupsafe import Markup, escape

from ..database.coverage import (
    QUESTIONS,
    Answer,
    answer,
    counted_sentence,
    figures_sentence,
    headings_label,
)
from ..database.coverage import timeline_sentence as question_timeline_sentence
from ..database.export import EXPORTS, export_bytes, export_command
from ..database.plan import plan_sentence, plan_view, requirement_summary
from ..database.queries import (
    Filters,
    Store,
    coverage_by_heading,
    coverage_totals,
    heading_session_grid,
    item_details,
    item_list,
    labels,
    link_list,
    record_info,
    session_list,
    session_outcomes,
)
from ..presentation.colours import STATUSES
from ..presentation.i18n import moment_text, number, percent, short_date, t
from ..record.errors import UsageError
from ..record.schema import LANGS
from .report import PATTERN_DEFS, coverage_chart, report_html, status_swatch
from .report_style import STYLE

TEMPLATES = Path(__file__).resolve().parent / "templates"
MARKER = ".gaptrack-edition"  # names a folder this command wrote, so it may replace it
HTML_LANG = {"en": "en", "zh": "zh-Hans"}
SITE_STYLE = (
    STYLE
    + """
body { max-width: 62rem; font-size: 11pt; }
a { color: #005a8c; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; }
header.site { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: baseline;
  border-bottom: 1px solid var(--rule); padding-bottom: 6px; margin-bottom: 12px; }
header.site nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 0; padding: 0; }
header.site a[aria-current="page"] { font-weight: 700; color: var(--ink); text-decoration: none; }
.langs { margin: 0 0 0 auto; }
.figures { display: flex; flex-wrap: wrap; gap: 10px; margin: 10px 0; padding: 0; }
.figures div { border: 1px solid var(--rule); border-radius: 6px; padding: 6px 14px; min-width: 8rem; }
.figures dt { color: var(--muted); font-size: 0.9em; }
.figures dd { margin: 0; font-size: 1.5em; font-weight: 700; }
.figures dd .share { font-size: 0.6em; font-weight: 400; color: var(--muted); margin-left: 6px; }
.quote { white-space: pre-wrap; background: var(--band); padding: 6px 10px; margin: 4px 0 10px;
  border-left: 4px solid var(--rule); }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; }
dl.fields dt { font-weight: 600; }
dl.fields dd { margin: 0; overflow-wrap: anywhere; }
.scroll { overflow-x: auto; }
.scroll table { table-layout: auto; }
.scroll th { overflow-wrap: normal; hyphens: auto; }
th.num, td.num, td.date { overflow-wrap: normal; white-space: nowrap; }
td.date .missing { white-space: normal; }
footer { margin-top: 28px; border-top: 1px solid var(--rule); padding-top: 6px; color: var(--muted);
  font-size: 0.9em; }
"""
)


@dataclass(frozen=True)
class Page:
    """One file of the edition: its path inside the language's folder, its template and what the
    template is given (besides the site-wide names: _, url, view, nav)."""

    path: str
    template: str
    title: str
    context: dict = field(default_factory=dict)


@dataclass
class View:
    """What one language's pages show: the shared queries' frames for the whole record."""

    lang: str
    langs: tuple[str, ...]
    names: dict[str, dict[str, str]]
    info: dict
    coverage: pd.DataFrame  # every kind, per heading: the heading pages' lists
    answers: dict[str, Answer]  # the Overview's two questions, each on its own set of items
    plan: pd.DataFrame  # plan_view rows: requirement and addressing item
    plan_summary: pd.DataFrame  # one row per requirement (requirement_summary)
    items: pd.DataFrame
    details: dict[str, dict]
    links: list[dict]
    sessions: pd.DataFrame
    outcomes: pd.DataFrame
    grid: pd.DataFrame
    meanings: pd.DataFrame
    sources: pd.DataFrame
    generated: dt.datetime
    downloads: list[dict] = field(default_factory=list)


def load_view(store: Store, lang: str, langs: tuple[str, ...], generated: dt.datetime) -> View:
    """Run the shared queries once for one language, over the whole record (no filter)."""
    filters = Filters(lang=lang)
    details = item_details(store, filters)
    plan = plan_view(store, filters)
    return View(
        lang=lang,
        langs=langs,
        names=labels(store, lang),
        info=record_info(store),
        coverage=coverage_by_heading(store, filters),
        answers={question: answer(store, filters, question) for question in QUESTIONS},
        plan=plan,
        plan_summary=requirement_summary(plan, lang),
        items=item_list(store, filters),
        details={row["item_id"]: row for row in records(details)},
        links=records(link_list(store, filters)),
        sessions=session_list(store, filters),
        outcomes=session_outcomes(store, filters),
        grid=heading_session_grid(store, filters),
        meanings=store.frame("status_meanings", filters),
        sources=store.frame("source_list", filters),
        generated=generated,
    )


def records(frame: pd.DataFrame) -> list[dict]:
    """A frame's rows as dicts, a missing value as None."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


# ---- the pages ---------------------------------------------------------------------------------


def _shares(frame: pd.DataFrame) -> pd.DataFrame:
    """A timeline frame with the share of each status, as a coverage row has them, for the chart."""
    out = frame.rename(columns={"session_id": "heading", "session_title": "heading_label"})
    for status in STATUSES:
        out[f"{status}_share"] = out[status] / out["total"].where(out["total"] > 0)
    return out


def overview_pages(view: View) -> Iterator[Page]:
    """The Overview: the two questions apart (what each counts, its figures with their denominator,
    per heading as chart and table, after each session as chart and table)."""
    lang, names = view.lang, view.names
    questions = []
    for question, found in view.answers.items():
        questions.append(
            {
                "key": question,
                "found": found,
                "counted": counted_sentence(lang, found, names["kind"]),
                "figures": figures_sentence(lang, found, names["session"]),
                "chart": Markup(coverage_chart(found.coverage, lang)),
                "rows": records(found.coverage),
                "total_label": headings_label(lang, found.filters),
                "timeline_sentence": question_timeline_sentence(lang, found),
                "timeline_chart": Markup(coverage_chart(_shares(found.timeline), lang)),
                "timeline_rows": records(found.timeline),
            }
        )
    yield Page(
        "index.html",
        "overview.html",
        t(lang, "overview_title"),
        {"questions": questions, "pattern_defs": Markup(PATTERN_DEFS)},
    )


def plan_pages(view: View) -> Iterator[Page]:
    """The Plan view: each Plan requirement under its heading, its own status, whether it was taken
    up, and the items that address it (each linked to its page)."""
    relations: dict[str, list[dict]] = {}
    for row in records(view.plan):
        if row["item_id"] is not None:
            relations.setdefault(row["requirement_id"], []).append(row)
    headings: dict[str, dict] = {}
    for row in records(view.plan_summary):
        block = headings.setdefault(row["heading"], {"key": row["heading"], "label": row["heading_label"], "rows": []})
        block["rows"].append({**row, "relations": relations.get(row["requirement_id"], [])})
    yield Page(
        "plan.html",
        "plan.html",
        t(view.lang, "plan_title"),
        {"headings": list(headings.values()), "sentence": plan_sentence(view.lang, view.plan_summary)},
    )


def heading_pages(view: View) -> Iterator[Page]:
    """One page per Plan heading: each question's figures for it and every item under it."""
    by_heading: dict[str, list[dict]] = {}
    for row in records(view.items):
        by_heading.setdefault(row["heading"], []).append(row)
    for row in view.coverage.itertuples():
        questions = []
        for question, found in view.answers.items():
            one = found.coverage[found.coverage.heading == row.heading]
            counts = records(one)[0] if len(one) else dict.fromkeys(("done", "pending", "proposed", "total"), 0)
            questions.append({"key": question, "counts": counts, "chart": Markup(coverage_chart(one, view.lang))})
        yield Page(
            f"headings/{row.heading}.html",
            "heading.html",
            row.heading_label,
            {
                "row": row,
                "questions": questions,
                "pattern_defs": Markup(PATTERN_DEFS),
                "items": by_heading.get(row.heading, []),
            },
        )


def item_pages(view: View) -> Iterator[Page]:
    """One page per item on the record: its provenance and its links to sessions."""
    links: dict[str, list[dict]] = {}
    for link in view.links:
        links.setdefault(link["item_id"], []).append(link)
    other = "en" if view.lang == "zh" else "zh"
    for item in records(view.items):
        detail = view.details[item["item_id"]]
        yield Page(
            f"items/{item['item_id']}.html",
            "item.html",
            detail[f"title_{view.lang}"],
            {
                "item": item,
                "detail": detail,
                "other_title": detail[f"title_{other}"],
                "other_lang": HTML_LANG[other],
                "links": links.get(item["item_id"], []),
            },
        )


def session_pages(view: View) -> Iterator[Page]:
    """The sessions: their list, what each recorded as done, pending or proposed, the heading × session
    grid; and a page per session with the links recorded there."""
    links: dict[str, list[dict]] = {}
    for link in view.links:
        links.setdefault(link["session_id"], []).append(link)
    outcomes = {row["session_id"]: row for row in records(view.outcomes)}
    grid = {(row["session_id"], row["heading"]): row for row in records(view.grid)}
    sessions = records(view.sessions)
    yield Page(
        "sessions/index.html",
        "sessions.html",
        t(view.lang, "sessions_title"),
        {
            "sessions": sessions,
            "outcomes": outcomes,
            "outcome_totals": coverage_totals(view.outcomes),
            "grid": grid,
            "headings": list(view.names["heading"].items()),
        },
    )
    for session in sessions:
        yield Page(
            f"sessions/{session['session_id']}.html",
            "session.html",
            session["title"],
            {
                "session": session,
                "outcome": outcomes[session["session_id"]],
                "links": links.get(session["session_id"], []),
            },
        )


def method_pages(view: View) -> Iterator[Page]:
    """Method and data: sources, how status is computed, headings, data version."""
    yield Page(
        "method.html",
        "method.html",
        t(view.lang, "about_title"),
        {"meanings": records(view.meanings), "sources": records(view.sources)},
    )


def download_pages(view: View) -> Iterator[Page]:
    """The CSV downloads (written by write_downloads) and the briefing, listed with what they hold."""
    yield Page("downloads.html", "downloads.html", t(view.lang, "publish_page_downloads"), {})


@dataclass(frozen=True)
class Section:
    """A part of the edition: its pages, and its entry in every page's navigation (message key and
    the path it links to; no entry when nav_key is empty)."""

    nav_key: str
    path: str
    pages: Callable[[View], Iterable[Page]]


# In navigation order.
SECTIONS: list[Section] = [
    Section("page_overview", "index.html", overview_pages),
    Section("page_plan", "plan.html", plan_pages),
    Section("", "", heading_pages),
    Section("", "", item_pages),
    Section("page_sessions", "sessions/index.html", session_pages),
    Section("page_about", "method.html", method_pages),
    Section("publish_page_downloads", "downloads.html", download_pages),
]


# ---- writing -----------------------------------------------------------------------------------

_MARKDOWN = [
    (re.compile(r"\*\*(.+?)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"\*(.+?)\*"), r"<em>\1</em>"),
    (re.compile(r"`(.+?)`"), r"<code>\1</code>"),
]


def catalog_markdown(text: str) -> Markup:
    """A message from the catalogs (never data) with its bits of Markdown (**bold**, *emphasis*,
    `code`) as HTML; the text itself is escaped first."""
    out = str(escape(text))
    for pattern, replacement in _MARKDOWN:
        out = pattern.sub(replacement, out)
    return Markup(out)


@jinja2.pass_context
def _day(context, value) -> str | None:
    """The `day` filter: a date (date, datetime, Timestamp or ISO text) as the page's language
    writes it in a table (i18n.short_date, Babel: "14 Apr 2009", "2009年4月14日", as the dashboard's
    tables); None when there is none."""
    return None if value is None or pd.isna(value) else short_date(context["lang"], pd.Timestamp(value))


@jinja2.pass_context
def _num(context, n) -> str:
    """The `num` filter: a count as the page's language (`lang` in the template's context) writes
    it, by Babel (i18n.number: "12,345"), as the dashboard and the briefing write it."""
    return number(context["lang"], n)


@jinja2.pass_context
def _pct(context, share) -> str:
    """The `pct` filter: a share (0..1, or None) as a whole percentage in the page's language
    (i18n.percent), a dash when there is none."""
    return percent(share, context["lang"])


def environment() -> jinja2.Environment:
    """The templates, with autoescaping on for every template and undefined names an error; the
    filters `num`, `pct` and `day` write numbers and dates as the page's language does (its
    context's `lang`)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(num=_num, pct=_pct, day=_day, md=catalog_markdown)
    env.globals.update(swatch=lambda status: Markup(status_swatch(status)), statuses=STATUSES, quote_lang=HTML_LANG)
    return env


def download_name(table: str, lang: str, question: str | None = None) -> str:
    """A CSV download's file name: stable from one edition to the next (coverage: one per question)."""
    return f"gaptrack-{table}-{question or 'all'}-{lang}.csv"


def write_downloads(store: Store, view: View, folder: Path) -> None:
    """The export tables (the same bytes `gaptrack export TABLE --lang LANG` writes; coverage once per
    question, with its kinds) and the briefing."""
    lang = view.lang
    (folder / "downloads").mkdir(parents=True, exist_ok=True)
    wanted = [
        (table, question, view.answers[question].filters if question else Filters(lang=lang))
        for table in EXPORTS
        for question in (QUESTIONS if table == "coverage" else (None,))
    ]
    for table, question, filters in wanted:
        name = download_name(table, lang, question)
        data = export_bytes(store, table, filters)
        (folder / "downloads" / name).write_bytes(data)
        view.downloads.append(
            {
                "table": table,
                "question": question,
                "key": f"{table}_{question}" if question else table,
                "path": f"downloads/{name}",
                "name": name,
                "rows": len(store.frame(EXPORTS[table][0], filters)),
                "kib": max(1, round(len(data) / 1024)),
                "command": export_command(table, filters, name),
            }
        )
    (folder / "briefing.html").write_text(report_html(store, Filters(lang=lang), view.generated), encoding="utf-8")


def render_language(env: jinja2.Environment, view: View, root: Path) -> int:
    """Write one language's pages under root/<lang>/; returns how many pages."""
    lang, written = view.lang, 0
    base = {"lang": lang, "view": view, "html_lang": HTML_LANG[lang], "t": t, "_": lambda key, **kw: t(lang, key, **kw)}
    base["when"] = lambda moment: moment_text(lang, moment)  # dates and times as the language writes them
    for section in SECTIONS:
        for page in section.pages(view):
            depth = page.path.count("/")  # folders between the language's folder and the page

            def url(target: str, _up: str = "../" * depth) -> str:
                """A relative link from this page to a path in this language's folder, or with '/' first,
                to a path from the edition's root."""
                return f"{_up}../{target[1:]}" if target.startswith("/") else f"{_up}{target}"

            nav = [
                {"label": t(lang, s.nav_key), "href": url(s.path), "current": s.path == page.path}
                for s in SECTIONS
                if s.nav_key
            ]
            nav.append({"label": t(lang, "publish_page_briefing"), "href": url("briefing.html"), "current": False})
            alternates = [
                {
                    "lang": other,
                    "html_lang": HTML_LANG[other],
                    "name": t(other, "publish_language_self"),
                    "href": url(f"/{other}/{page.path}"),
                }
                for other in view.langs
                if other != lang
            ]
            text = env.get_template(page.template).render(
                **base, **page.context, title=page.title, url=url, nav=nav, alternates=alternates
            )
            target = root / lang / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written += 1
    return written


@dataclass(frozen=True)
class Edition:
    """What publish wrote: the folder, its pages (HTML files written from templates), its CSV files."""

    path: Path
    pages: int
    downloads: int
    version: str


def publish(store: Store, out: Path, langs: Iterable[str] = LANGS, generated: dt.datetime | None = None) -> Edition:
    """Write the static edition of the record in `store` to the folder `out`, in these languages.

    The edition is written to a new folder beside `out` and swapped in whole, so a reader (or a web
    server) sees the old edition or the new one, never half of one. An existing `out` is replaced
    only if an earlier publish wrote it (it holds MARKER) or it is empty; otherwise UsageError,
    and nothing is changed."""
    langs = tuple(dict.fromkeys(langs)) or LANGS
    for lang in langs:
        if lang not in LANGS:
            raise UsageError(f"unknown language {lang!r}; expected one of: {', '.join(LANGS)}")
    out = Path(out)
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise UsageError(t(langs[0], "publish_not_an_edition", path=out, marker=MARKER))
    generated = generated or dt.datetime.now(dt.UTC)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.new-"))
    try:
        env, pages, downloads = environment(), 0, 0
        views = [load_view(store, lang, langs, generated) for lang in langs]
        for view in views:
            write_downloads(store, view, staging / view.lang)
            downloads += len(view.downloads)
            pages += render_language(env, view, staging)
        (staging / "style.css").write_text(SITE_STYLE, encoding="utf-8")
        choice = env.get_template("choose.html").render(views=views, html_lang=HTML_LANG, t=t, info=views[0].info)
        (staging / "index.html").write_text(choice, encoding="utf-8")
        (staging / MARKER).write_text(f"{views[0].info['data_version']}\n", encoding="utf-8")
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Edition(out, pages + 1, downloads, str(views[0].info["data_version"]))


def _swap(staging: Path, out: Path) -> None:
    """Put the new folder in place of out (renames only; the old one is removed after)."""
    os.chmod(staging, 0o755)
    if not out.exists():
        os.replace(staging, out)
        return
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    os.replace(out, old)
    os.replace(staging, out)
    shutil.rmtree(old, ignore_errors=True)
