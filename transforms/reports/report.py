"""gaptrack report: a standalone, printable HTML briefing.

One HTML file with its CSS inline, charts as inline SVG and no network or JavaScript: coverage
per heading, the open (pending and proposed) items with their provenance, the data version and
how to read it. Every number comes from the shared queries the dashboard and the CLI use; every
text from the data is escaped. Prints on A4 (table headers repeat, rows are not split).
"""

from __future__ import annotations

import html
import os
import tempfile
import threading
from collections import OrderedDict, namedtuple
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..database.coverage import (
    QUESTIONS,
    Answer,
    Columns,
    column_totals,
    counted_sentence,
    counted_words,
    excluded_sentence,
    figures_sentence,
    first_session,
    question_filters,
    with_total_of,
)
from ..database.marts import coverage_columns
from ..database.plan import plan_question_filters, plan_sentence, plan_view, requirement_summary
from ..database.queries import (
    SELECTIONS,
    Filters,
    Store,
    item_list,
    labels,
    record_info,
)
from ..presentation.colours import STATUSES, status_colours
from ..presentation.i18n import moment_text, number, percent, t
from ..record.files import replace_keeping_mode
from .report_style import CHINESE_HEADER_WORDS, STYLE, page_footer_css

percent_text = percent  # in _segment_text, `percent` is a width (i18n keeps each share's text)
OPEN = ("pending", "proposed")
HTML_LANG = {"en": "en", "zh": "zh-Hans"}

# The chart: one bar per heading, all to one scale (the largest total fills the width), as
# inline SVG with segment positions in percent, so text keeps its size at any width.
BAR_HEIGHT = 24
PATTERN_DEFS = (
    '<svg class="defs" width="0" height="0" aria-hidden="true"><defs>'
    '<pattern id="gt-pattern-pending" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="2" height="6" fill="#1b1b1b" fill-opacity="0.3"/></pattern>'
    '<pattern id="gt-pattern-proposed" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<circle cx="3" cy="3" r="1.2" fill="#1b1b1b" fill-opacity="0.4"/></pattern></defs></svg>'
)


def esc(value: object) -> str:
    """Text from the data as HTML text (never markup); empty for a missing value."""
    if type(value) is str:
        return html.escape(value)
    return "" if value is None or pd.isna(value) else html.escape(str(value))


# Chinese header text -> its words (report_style.CHINESE_HEADER_WORDS)
HEADER_WORDS = {"zh": {marked.replace("|", ""): tuple(marked.split("|")) for marked in CHINESE_HEADER_WORDS}}


def header_html(lang: str, key: str) -> str:
    """The text of the message `key` as a table header: escaped, and where its words are known
    (Chinese, written without spaces: report_style.CHINESE_HEADER_WORDS) with a break opportunity
    (<wbr>) between them. Chinese headers break only there and at punctuation (word-break:
    keep-all), so a word such as 比例 is never split across lines."""
    text = t(lang, key)
    words = HEADER_WORDS.get(lang, {}).get(text)
    return "<wbr>".join(esc(word) for word in words) if words else esc(text)


@lru_cache(maxsize=64)
def _row_type(columns: tuple[str, ...]) -> type:
    return namedtuple("Row", ["Index", *columns])


def rows(frame: pd.DataFrame) -> list[tuple]:
    """The frame's rows as named tuples, as `frame.itertuples()` gives them (Index first, then each
    column by name, the values Python's), read column by column: a fraction of itertuples' cost,
    which indexes each column anew."""
    make = _row_type(tuple(frame.columns))._make
    return [make(values) for values in zip(frame.index.tolist(), *(frame[c].tolist() for c in frame.columns))]


def column_rows(columns: Columns) -> list[tuple]:
    """rows() of the frame these columns (name -> numpy array, as transforms.database.coverage
    gives them) would make, its index 0..n, without making the frame."""
    make = _row_type(tuple(columns))._make
    size = len(next(iter(columns.values()))) if columns else 0
    return [make(values) for values in zip(range(size), *(column.tolist() for column in columns.values()))]


# Pieces of the briefing kept between calls, keyed on what the database holds (record_info's data,
# schema and gaptrack versions; with its build time and counts for the part that shows them) and
# the part of the filters each reads; bounded. Only strings and small dicts are kept; callers
# never modify them.
_KEPT: OrderedDict[tuple, object] = OrderedDict()
_KEPT_MOST = 512
_kept_lock = threading.Lock()


def _kept(key: tuple, make):
    with _kept_lock:
        found = _KEPT.get(key)
        if found is not None:
            _KEPT.move_to_end(key)
            return found
    made = make()
    with _kept_lock:
        _KEPT[key] = made
        while len(_KEPT) > _KEPT_MOST:
            _KEPT.popitem(last=False)
    return made


def briefing_filters(filters: Filters) -> Filters:
    """The filters the briefing honours: all of them, as the dashboard does (headings, statuses,
    kinds, as-of session, language). Coverage counts the statuses kept; the list holds the open
    items among them."""
    return filters


def open_statuses(filters: Filters) -> tuple[str, ...]:
    """The open statuses (pending, proposed) the status filter keeps: those the list shows."""
    return tuple(s for s in OPEN if not filters.statuses or s in filters.statuses)


def report_file_name(filters: Filters, today: date | None = None) -> str:
    """The briefing's file name: what it covers, its language and the day (as the CSV names)."""
    day = (today or date.today()).isoformat()
    return f"gaptrack-briefing-{briefing_filters(filters).describe()}-{filters.lang}-{day}.html"


def _segment_text(count: int, share: float, percent: float, lang: str) -> str:
    """What a segment `percent` of the bar wide says: count and share, the count alone, or nothing;
    numbers written as `lang` writes them (Babel, as every number of the briefing)."""
    if not count or percent < 4:
        return ""
    return f"{number(lang, count)} · {percent_text(share, lang)}" if percent >= 18 else number(lang, count)


def bar_svg(row, top: int, lang: str) -> str:
    """One coverage_by_heading row as a stacked bar: a coloured, patterned segment per status,
    its width the status's count over `top` (the largest total), its count and share on it
    (written as `lang` writes numbers)."""
    colours, parts, x = status_colours(), [], 0.0
    for status in STATUSES:
        count = int(getattr(row, status))
        if not count:
            continue
        width = 100 * count / top
        box = f'x="{x:.3f}%" y="0" width="{width:.3f}%" height="{BAR_HEIGHT}"'
        parts.append(f'<rect {box} fill="{colours[status]}" stroke="#1b1b1b" stroke-width="0.6"/>')
        if status != "done":
            parts.append(f'<rect {box} fill="url(#gt-pattern-{status})"/>')
        text = _segment_text(count, float(getattr(row, f"{status}_share")), width, lang)
        if text:
            middle = f'x="{x + width / 2:.3f}%" y="{BAR_HEIGHT / 2 + 4.5}"'
            parts.append(f'<text {middle} text-anchor="middle" class="segment">{text}</text>')
        x += width
    return f'<svg class="bar" width="100%" height="{BAR_HEIGHT}" aria-hidden="true">{"".join(parts)}</svg>'


def coverage_chart(coverage: pd.DataFrame | list[tuple], lang: str) -> str:
    """Coverage per heading: for each row of the coverage_by_heading result (a frame, or its
    `rows`) its label, its stacked bar (inline SVG) and its total, all bars drawn to one scale:
    the totals' column is as wide beside every bar, and wide enough for the longest total as
    written ("1,050"; the chart's --total-chars, report_style)."""
    listed = rows(coverage) if isinstance(coverage, pd.DataFrame) else coverage
    top = max(int(row.total) for row in listed) if listed else 0
    totals = [number(lang, int(row.total)) for row in listed]
    bars = "".join(
        f'<div class="bar-row" data-heading="{esc(row.heading)}"><div class="bar-label">{esc(row.heading_label)}</div>'
        f'<div class="bar-line">{bar_svg(row, top, lang)}<span class="bar-total">{total}</span>'
        "</div></div>"
        for row, total in zip(listed, totals)
    )
    name = chart_name(listed, lang)
    chars = max(map(len, totals), default=1)
    return (
        f'<div class="chart" role="img" aria-label="{esc(name)}" style="--total-chars:{chars}">'
        f"{PATTERN_DEFS}{bars}</div>"
    )


def chart_name(coverage: pd.DataFrame | list[tuple], lang: str) -> str:
    """The chart's accessible name (one sentence, as the dashboard's charts have): what it shows,
    then every row's count per status (of a coverage_by_heading frame, or its `rows`), e.g. "…:
    done, pending, proposed. Preventing trafficking in persons: Done 4, Pending 0, Proposed 1; …".
    Plain text (the caller escapes it)."""
    join = t(lang, "chart_join")
    listed = rows(coverage) if isinstance(coverage, pd.DataFrame) else coverage
    named = [
        t(
            lang,
            "chart_row",
            name=row.heading_label,
            counts=join.join(
                t(lang, "chart_status_count", status=t(lang, f"status_{s}"), count=int(getattr(row, s)))
                for s in STATUSES
            ),
        )
        for row in listed
    ]
    listing = t(lang, "chart_rows_join").join(named)
    return t(lang, "report_chart_name", label=t(lang, "report_chart_label"), rows=listing)


def status_swatch(status: str) -> str:
    """A small square in the status colour and pattern, for legends and tables."""
    fill = "" if status == "done" else f'<rect width="12" height="12" fill="url(#gt-pattern-{status})"/>'
    return (
        f'<svg class="swatch" viewBox="0 0 12 12" aria-hidden="true"><rect width="12" height="12" '
        f'fill="{status_colours()[status]}" stroke="#1b1b1b" stroke-width="0.8"/>{fill}</svg>'
    )


def _legend(status_labels: dict[str, str]) -> str:
    entries = "".join(f"<li>{status_swatch(s)} {esc(status_labels[s])}</li>" for s in STATUSES)
    return f'<ul class="legend">{entries}</ul>'


def _when(moment: datetime, lang: str) -> str:
    """A moment in UTC as the language writes dates and times (Babel)."""
    return moment_text(lang, moment)


def _header(lang: str, filters: Filters, names: dict, info: dict, generated: datetime) -> str:
    """Title, what the briefing covers (filters), data version and generation time."""
    session = names["session"].get(filters.as_of, filters.as_of)
    scope = t(lang, "scope_as_of", session=session) if filters.as_of else t(lang, "scope_whole")
    separator = t(lang, "list_separator")
    headings = separator.join(names["heading"][h] for h in filters.headings) or t(lang, "all_headings")
    facts = [
        ("report_scope", esc(scope)),
        ("report_headings", esc(headings)),
        *(
            [("report_status_filter", esc(separator.join(names["status"][s] for s in filters.statuses)))]
            if filters.statuses
            else []
        ),
        *([("report_kinds", esc(separator.join(names["kind"][k] for k in filters.kinds)))] if filters.kinds else []),
        ("report_relations", esc(t(lang, f"report_relations_{'included' if filters.curated else 'hidden'}"))),
        ("report_language", esc(t(lang, "report_language_name"))),
        ("report_data_version", f"<code>{esc(info['data_version'])}</code>"),
        ("report_generated", esc(_when(generated, lang))),
    ]
    listed = "".join(f"<dt>{esc(t(lang, key))}</dt><dd>{value}</dd>" for key, value in facts)
    return (
        f'<header><p class="brand">gaptrack</p><h1>{esc(t(lang, "report_title"))}</h1>'
        f'<p class="intro">{esc(t(lang, "report_intro"))}</p><dl class="facts">{listed}</dl></header>'
    )


def _coverage_table(lang: str, coverage: list[tuple], total: tuple) -> str:
    """The numbers behind the chart: coverage_by_heading's `rows` and their total line
    (coverage.with_total: the same total row as the Overview's table and the coverage CSV), counts
    and shares written as `lang` writes numbers (Babel)."""
    columns = ["heading", "status_done", "status_pending", "status_proposed", "total", "on_record", "done_share"]
    head = "".join(f"<th{'' if i == 0 else ' class=num'}>{header_html(lang, c)}</th>" for i, c in enumerate(columns))
    listed = [
        [
            esc(r.heading_label),
            *(number(lang, int(n)) for n in (r.done, r.pending, r.proposed, r.total, r.on_record)),
            percent_text(r.done_share, lang),
        ]
        for r in (*coverage, total)
    ]
    body = "".join(
        f'<tr data-heading="{esc(r.heading)}">' + "".join(_cell(i, v) for i, v in enumerate(row)) + "</tr>"
        for r, row in zip(coverage, listed)
    )
    body += '<tr class="total">' + "".join(_cell(i, v) for i, v in enumerate(listed[-1])) + "</tr>"
    return (
        '<table class="coverage"><colgroup><col style="width:34%">' + '<col style="width:11%">' * 6 + "</colgroup>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _cell(position: int, value: object) -> str:
    return f"<td>{value}</td>" if position == 0 else f'<td class="num">{value}</td>'


def _answer(store: Store, filters: Filters, question: str) -> Answer | None:
    """coverage.answer(store, filters, question) without the timeline, which the briefing does not
    show (timeline None): the coverage per heading, its totals, and the first session only where
    figures_sentence reads it (nothing counted, as of a session)."""
    narrowed = question_filters(filters, question)
    if narrowed is None:
        return None
    coverage = coverage_columns(store.marts(), narrowed)  # columns: no frame is made
    totals = column_totals(coverage)
    first = first_session(store, narrowed) if narrowed.as_of and not totals["total"] else None
    return Answer(question, narrowed, coverage, totals, None, first)


def _coverage_section(lang: str, question: str, found, names: dict) -> str:
    """One coverage question (transforms/database/coverage.py): what it counts, its figures with their
    denominator, its chart and table per heading; or why it is not answered."""
    # the title names the kinds counted (one of the question's kinds under a kind filter keeping one)
    title = t(lang, f"q_{question}_title") if found is None else counted_words(lang, f"q_{question}_title", found)
    opening = f'<section id="coverage-{question}" data-question="{question}"><h2>{esc(title)}</h2>'
    if found is None:
        return f"{opening}<p>{esc(excluded_sentence(lang, question, names['kind']))}</p></section>"
    said = (
        f"<p>{esc(counted_sentence(lang, found, names['kind']))}</p>"
        f"<p>{esc(figures_sentence(lang, found, names['session']))}</p>"
    )
    if not found.totals["total"]:
        return f"{opening}{said}</section>"
    *coverage, total = column_rows(with_total_of(found))  # the headings' rows, then their total line
    return (
        f"{opening}{said}<figure>{_legend(names['status'])}{coverage_chart(coverage, lang)}"
        f"<figcaption>{esc(t(lang, 'report_coverage_note'))}</figcaption></figure>"
        f"{_coverage_table(lang, coverage, total)}</section>"
    )


# The Plan view's column widths (%): paragraph, requirement, verdict, addressed by. The Chinese
# paragraph header names the Plan (《全球行动计划》段落): its column holds it on two lines.
PLAN_WIDTHS = {"en": (10, 34, 14, 42), "zh": (14, 32, 14, 40)}


def _plan_section(lang: str, summary: list[tuple], sentence: str, filters: Filters) -> str:
    """The Plan view (transforms/database/plan.py): each requirement under its heading, its own status,
    what addresses it and whether it has been taken up. `summary`: the rows of requirement_summary
    under the filters; `sentence`: plan_sentence of it."""
    keys = ["plan_column_paragraph", "plan_column_requirement", "plan_column_verdict", "plan_column_addressed_by"]
    head = "".join(f"<th>{header_html(lang, k)}</th>" for k in keys)
    widths = "".join(f'<col style="width:{w}%">' for w in PLAN_WIDTHS[lang])
    grouped: dict[str, list[tuple]] = {}  # the requirements under each heading, headings in order of appearance
    for r in summary:
        grouped.setdefault(r.heading, []).append(r)
    blocks = []
    for heading, listed in grouped.items():
        body = "".join(
            f'<tr data-requirement="{esc(r.requirement_id)}"><td>{r.plan_paragraph}</td>'
            f'<td>{esc(r.requirement_title)}<br><span class="meta">{esc(r.own_status)}</span></td>'
            f"<td>{esc(r.verdict)}</td><td>{esc(r.addressed_by)}</td></tr>"
            for r in listed
        )
        blocks.append(
            f'<section class="heading-block" data-heading="{esc(heading)}"><h3>{esc(listed[0].heading_label)}</h3>'
            f'<table class="items"><colgroup>{widths}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
            "</table></section>"
        )
    hidden = "" if filters.curated else f"<p>{esc(t(lang, 'plan_curated_hidden'))}</p>"
    return (
        f'<section id="plan-view" class="new-page"><h2>{esc(t(lang, "plan_title"))}</h2>'
        f"<p>{esc(t(lang, 'plan_filters_note'))}</p>{hidden}<p>{esc(sentence)}</p>"
        f"{''.join(blocks)}</section>"
    )


# The filters that pick whole requirements out of the Plan view (queries.SELECTIONS: the heading
# and status filters, on the requirement's heading and own status); the kind filter narrows the
# items listed under each, and so is part of what a summary is made under.
PLAN_PICKED_BY = {k: v for k, v in SELECTIONS["plan_view"].items() if k in ("headings", "statuses")}


@dataclass(frozen=True)
class PlanWhole:
    """requirement_summary under some filters: the frame, its rows, its plan_sentence and, for each
    row, the values of the requirement's PLAN_PICKED_BY columns (the same on each of its plan_view
    rows). Shared: never modify."""

    summary: pd.DataFrame
    rows: list[tuple]
    sentence: str
    values: list[dict[str, object]]


def _plan_part(store: Store, filters: Filters, held: tuple) -> str:
    """_plan_section for the filters, from the requirement summary under the same filters without
    those that pick whole requirements (PLAN_PICKED_BY), kept per database content: the rows it
    keeps are those the filters pick (as queries.narrowed picks them), each summarised the same."""
    wide = replace(filters, **{parameter: () for parameter in PLAN_PICKED_BY})
    whole = _kept(("plan", held, wide), lambda: _plan_whole(store, wide))
    wanted = [(chosen, column) for p, column in PLAN_PICKED_BY.items() if (chosen := getattr(filters, p))]
    if not wanted and whole.rows:
        return _plan_section(filters.lang, whole.rows, whole.sentence, filters)
    picked = tuple(
        position
        for position, values in enumerate(whole.values)
        if all(values[column] in chosen for chosen, column in wanted)
    )
    if not picked:  # none listed: why, as the Overview's Plan question says it (the same sentence)
        found = _answer(store, plan_question_filters(filters), "plan")
        sentence = plan_sentence(filters.lang, whole.summary.iloc[[]], found, labels(store, filters.lang)["session"])
        return _plan_section(filters.lang, [], sentence, filters)
    sentence = _kept(
        ("plan-sentence", held, wide, picked), lambda: plan_sentence(filters.lang, whole.summary.iloc[list(picked)])
    )
    return _plan_section(filters.lang, [whole.rows[i] for i in picked], sentence, filters)


def _plan_whole(store: Store, filters: Filters) -> PlanWhole:
    """The PlanWhole of plan_view under the filters."""
    plan = plan_view(store, filters)
    columns = {column: plan[column].tolist() for column in PLAN_PICKED_BY.values()}
    first = {}
    for position, requirement in enumerate(plan["requirement_id"].tolist()):
        first.setdefault(requirement, position)
    summary = requirement_summary(plan, filters.lang)
    values = [
        {column: columns[column][first[requirement]] for column in columns}
        for requirement in summary["requirement_id"].tolist()
    ]
    return PlanWhole(summary, rows(summary), plan_sentence(filters.lang, summary), values)


def _item_row(lang: str, item, session_names: dict[str, str]) -> str:
    """One open item with its provenance: id, kind, status, Plan paragraph, title, the exact
    Chinese wording, the sessions it is linked to, and the source document and paragraph."""
    plan = (
        ""
        if pd.isna(item.plan_paragraph)
        else f'<span class="meta">{esc(t(lang, "plan_paragraph", n=int(item.plan_paragraph)))}</span>'
    )
    sessions = "".join(
        f"<li>{esc(session_names.get(s, s))} <code>{esc(s)}</code></li>" for s in str(item.sessions).split("; ")
    )
    source = t(lang, "report_source_at", document=item.source_document, paragraph=item.source_paragraph)
    quote_label = t(lang, "quote_in", language=t(lang, f"language_{item.quote_language}"))
    cells = [
        (
            "report_item",
            f'<code class="id">{esc(item.item_id)}</code><span class="meta">{esc(item.kind_label)}</span>'
            f'<span class="meta status">{status_swatch(item.status)} {esc(item.status_label)}</span>{plan}',
        ),
        (
            "report_title_and_wording",
            f'<p class="title">{esc(item.title)}</p><p class="quote-language">{esc(quote_label)}</p>'
            f'<p class="quote" lang="{HTML_LANG[item.quote_language]}">{esc(item.quote)}</p>',
        ),
        ("report_linked_sessions", f"<ul>{sessions}</ul>"),
        ("report_source", esc(source)),
    ]
    tds = "".join(f'<td data-label="{esc(t(lang, key))}">{content}</td>' for key, content in cells)
    return f'<tr data-item="{esc(item.item_id)}" data-status="{esc(item.status)}">{tds}</tr>'


def _items_table(lang: str, drawn: list[str]) -> str:
    """The table of open items, each row drawn by _item_row."""
    keys = ["report_item", "report_title_and_wording", "report_linked_sessions", "report_source"]
    head = "".join(f"<th>{header_html(lang, k)}</th>" for k in keys)
    widths = "".join(f'<col style="width:{w}%">' for w in (20, 44, 20, 16))
    body = "".join(drawn)
    return (
        f'<table class="items"><colgroup>{widths}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


# The filters that pick the open items out of the item list (queries.SELECTIONS: heading, status and
# kind, each on the item's own column); the item list is kept whole per as-of and language.
ITEMS_PICKED_BY = SELECTIONS["item_list"]


def _open_items(store: Store, filters: Filters, held: tuple, session_names: dict[str, str]) -> list[OpenItem]:
    """The open items the briefing lists (item_list under the filters, statuses narrowed to the
    open ones they keep: none when they keep none), each drawn by _item_row: picked from the item
    list of the filters' as-of and language (kept per database content) as queries.narrowed picks
    them, in its order."""
    kept = open_statuses(filters)
    if not kept:
        return []
    whole = _kept(
        ("open-items", held, filters.as_of, filters.lang),
        lambda: _every_item(store, Filters(as_of=filters.as_of, lang=filters.lang), session_names),
    )
    wanted = {column: getattr(replace(filters, statuses=kept), p) for p, column in ITEMS_PICKED_BY.items()}
    wanted = {column: chosen for column, chosen in wanted.items() if chosen}
    return [item for item in whole if all(item.values[column] in chosen for column, chosen in wanted.items())]


@dataclass(frozen=True)
class OpenItem:
    """An item of the list as the briefing draws it: the values of its ITEMS_PICKED_BY columns, its
    heading and kind, and its row (_item_row)."""

    values: dict[str, object]
    heading: str
    kind: str
    drawn: str


def _every_item(store: Store, filters: Filters, session_names: dict[str, str]) -> list[OpenItem]:
    """Every item of item_list under the filters (no heading, status or kind filter), drawn."""
    return [
        OpenItem(
            {column: getattr(item, column) for column in ITEMS_PICKED_BY.values()},
            item.heading,
            item.kind,
            _item_row(filters.lang, item, session_names),
        )
        for item in rows(item_list(store, filters))
    ]


def _open_section(lang: str, headings: dict[str, str], items: list[OpenItem], filters: Filters) -> str:
    """The open items (_open_items), grouped under the headings the coverage table lists (those in
    the heading filter, in their order), given as heading -> label."""
    if not open_statuses(filters):
        intro = f"<p>{esc(t(lang, 'report_open_filtered'))}</p>"
    elif not items:
        intro = f"<p>{esc(t(lang, 'report_open_none'))}</p>"
    else:
        plan = sum(item.kind == "requirement" for item in items)  # the two sets, counted apart
        intro = f"<p>{esc(t(lang, 'report_open_intro', plan=plan, own=len(items) - plan))}</p>"
    under: dict[str, list[str]] = {}
    for item in items:
        under.setdefault(item.heading, []).append(item.drawn)
    blocks = []
    for heading, label in headings.items():
        listed = under.get(heading, [])
        count = esc(t(lang, "report_heading_open", count=len(listed)))
        title = f'<h3>{esc(label)} <span class="count">{count}</span></h3>'
        content = _items_table(lang, listed) if len(listed) else f"<p>{esc(t(lang, 'report_heading_none'))}</p>"
        blocks.append(f'<section class="heading-block" data-heading="{esc(heading)}">{title}{content}</section>')
    title = f"<h2>{esc(t(lang, 'report_open_items'))}</h2>"
    return f'<section id="open-items" class="new-page">{title}{intro}{"".join(blocks)}</section>'


def report_command(filters: Filters, out: str) -> str:
    """The `gaptrack report` command that writes the same briefing."""
    filters = briefing_filters(filters)
    parts = ["gaptrack", "report", *(p for h in filters.headings for p in ("--heading", h))]
    parts += [p for k in filters.statuses for p in ("--status", k)]
    parts += [p for k in filters.kinds for p in ("--kind", k)]
    if filters.as_of:
        parts += ["--as-of", filters.as_of]
    if not filters.curated:
        parts.append("--no-curated")
    return " ".join([*parts, "--lang", filters.lang, "--out", out])


def _record_part(lang: str, meanings: pd.DataFrame, sources: pd.DataFrame, info: dict) -> str:
    """How to read, up to the command (_command_part): what each status means, how status rolls
    up, what the record holds; the same for every view of one database build in one language."""
    rows = "".join(
        f"<tr><td>{status_swatch(status)} {esc(label)}</td><td>{esc(meaning)}</td></tr>"
        for status, label, meaning in zip(meanings["status"], meanings["label"], meanings["meaning"])
    )
    statuses = (
        f'<table class="statuses"><colgroup><col style="width:22%"><col style="width:78%"></colgroup>'
        f"<thead><tr><th>{header_html(lang, 'status')}</th><th>{header_html(lang, 'meaning')}</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
    version = t(
        lang,
        "version_line",
        version=info["data_version"],
        built=_when(info["built_at"].to_pydatetime(), lang),
        items=info["items"],
        links=info["links"],
        sessions=info["sessions"],
        documents=info["documents"],
    )
    drawn = t(lang, "list_separator").join(
        t(lang, "report_source_named", title=title, document=symbol or source_id)
        for title, symbol, source_id in zip(sources["title"], sources["symbol"], sources["source_id"])
    )
    return (
        f'<section id="how-to-read"><h2>{esc(t(lang, "report_how_to_read"))}</h2>'
        f'<div class="keep"><h3>{esc(t(lang, "report_statuses"))}</h3>{statuses}'
        f"<p>{esc(t(lang, 'report_rollup'))}</p></div>"
        f'<div class="keep"><h3>{esc(t(lang, "report_record"))}</h3><p>{esc(version)}</p>'
        f"<p>{esc(t(lang, 'report_build', schema=info['schema_version'], gaptrack=info['gaptrack']))}</p>"
        f"<p>{esc(t(lang, 'report_sources', sources=drawn))}</p></div>"
    )


def _command_part(lang: str, filters: Filters) -> str:
    """How to read, from the command that remakes this briefing to the section's end."""
    return (
        f'<div class="keep"><h3>{esc(t(lang, "report_command"))}</h3>'
        f"<pre><code>{esc(report_command(filters, report_file_name(filters)))}</code></pre></div></section>"
    )


def _page(lang: str, title: str, body: str, footer: str) -> str:
    """The standalone document: inline CSS, no script, nothing loaded from anywhere."""
    return (
        f'<!DOCTYPE html>\n<html lang="{HTML_LANG[lang]}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="gaptrack"><title>{esc(title)}</title>'
        f"<style>{STYLE}{footer}</style></head><body><main>{body}</main></body></html>\n"
    )


def report_html(store: Store, filters: Filters, generated: datetime | None = None) -> str:
    """The briefing for these filters (headings, kinds, as-of session, language) as one HTML file.
    Kept between calls (keyed on what the database holds, record_info, and bounded): what one
    database gives for one language (labels, how to read it, the footer), each coverage question's
    section (under the filters it reads: question_filters) and the Plan view's requirement summary
    (under the filters without heading and status, which pick its rows: _plan_part)."""
    filters = briefing_filters(filters)
    lang = filters.lang
    info = record_info(store)
    # what the database holds (as dashboard.data.Identity: a rebuild of the same record holds the
    # same), and with its build time and counts, for the parts that show them
    held = (info["data_version"], info["schema_version"], info["gaptrack"])
    built = tuple(info.items())
    names = _kept(("labels", held, lang), lambda: labels(store, lang))
    # the headings the coverage table lists (marts.coverage_by_heading): those in the filter, in order
    headings = {h: label for h, label in names["heading"].items() if not filters.headings or h in filters.headings}
    open_items = _open_items(store, filters, held, names["session"])
    sections = "".join(_question_section(store, filters, question, held, names) for question in QUESTIONS)
    record_part = _kept(  # status meanings and sources read the language only
        ("how-to-read", built, lang),
        lambda: _record_part(lang, store.frame("status_meanings", filters), store.frame("source_list", filters), info),
    )
    body = (
        _header(lang, filters, names, info, generated or datetime.now(UTC))
        + sections
        + _plan_part(store, filters, held)
        + _open_section(lang, headings, open_items, filters)
        + record_part
        + _command_part(lang, filters)
    )
    footer = _kept(
        ("footer", held, lang),
        lambda: page_footer_css(t(lang, "report_footer", version=info["data_version"]), t(lang, "report_page")),
    )
    return _page(lang, f"{t(lang, 'report_title')} · {info['data_version']}", body, footer)


def _question_section(store: Store, filters: Filters, question: str, held: tuple, names: dict) -> str:
    """_coverage_section of one question, kept per database content and the filters the question
    is answered under (question_filters; when it is not answered, the language alone)."""
    return _kept(
        ("coverage", held, question, question_filters(filters, question) or filters.lang),
        lambda: _coverage_section(filters.lang, question, _answer(store, filters, question), names),
    )


def write_report(path: Path, text: str) -> None:
    """Write the file whole or not at all (a temporary file renamed into place)."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        replace_keeping_mode(Path(temporary), path)  # mkstemp makes it private; the report is for others
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
