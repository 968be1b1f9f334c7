"""The briefing as transforms/reports/report.py made it before it was made faster (main at
904c4eb, session 21): kept verbatim, imports made absolute, as the reference the faster one must
equal byte for byte (tests/test_files_same.py). Not used by the product."""

from __future__ import annotations

import html
import os
import tempfile
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from transforms.database.coverage import (
    QUESTIONS,
    answer,
    counted_sentence,
    excluded_sentence,
    figures_sentence,
    with_total,
)
from transforms.database.plan import plan_sentence, plan_view, requirement_summary
from transforms.database.queries import Filters, Store, coverage_by_heading, item_list, labels, record_info
from transforms.presentation.colours import STATUSES, status_colours
from transforms.presentation.i18n import moment_text, percent, t
from transforms.record.files import replace_keeping_mode
from transforms.reports.report_style import STYLE, page_footer_css

percent_text = percent  # in _segment_text, `percent` is a width
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
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else html.escape(str(value))


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


def _segment_text(count: int, share: float, percent: float) -> str:
    """What a segment `percent` of the bar wide says: count and share, the count alone, or nothing."""
    if not count or percent < 4:
        return ""
    return f"{count} · {percent_text(share)}" if percent >= 18 else str(count)


def bar_svg(row, top: int) -> str:
    """One coverage_by_heading row as a stacked bar: a coloured, patterned segment per status,
    its width the status's count over `top` (the largest total), its count and share on it."""
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
        text = _segment_text(count, float(getattr(row, f"{status}_share")), width)
        if text:
            middle = f'x="{x + width / 2:.3f}%" y="{BAR_HEIGHT / 2 + 4.5}"'
            parts.append(f'<text {middle} text-anchor="middle" class="segment">{text}</text>')
        x += width
    return f'<svg class="bar" width="100%" height="{BAR_HEIGHT}" aria-hidden="true">{"".join(parts)}</svg>'


def coverage_chart(coverage: pd.DataFrame, lang: str) -> str:
    """Coverage per heading: for each row of the coverage_by_heading result its label, its
    stacked bar (inline SVG) and its total, all bars drawn to one scale."""
    top = int(coverage["total"].max()) if len(coverage) else 0
    rows = "".join(
        f'<div class="bar-row" data-heading="{esc(row.heading)}"><div class="bar-label">{esc(row.heading_label)}</div>'
        f'<div class="bar-line">{bar_svg(row, top)}<span class="bar-total">{int(row.total)}</span></div></div>'
        for row in coverage.itertuples()
    )
    name = chart_name(coverage, lang)
    return f'<div class="chart" role="img" aria-label="{esc(name)}">{PATTERN_DEFS}{rows}</div>'


def chart_name(coverage: pd.DataFrame, lang: str) -> str:
    """The chart's accessible name (one sentence, as the dashboard's charts have): what it shows,
    then every row's count per status, e.g. "…: done, pending, proposed. Preventing trafficking in
    persons: Done 4, Pending 0, Proposed 1; …". Plain text (the caller escapes it)."""
    join = t(lang, "chart_join")
    rows = [
        t(
            lang,
            "chart_row",
            name=row.heading_label,
            counts=join.join(
                t(lang, "chart_status_count", status=t(lang, f"status_{s}"), count=int(getattr(row, s)))
                for s in STATUSES
            ),
        )
        for row in coverage.itertuples()
    ]
    return t(lang, "report_chart_name", label=t(lang, "report_chart_label"), rows=t(lang, "chart_rows_join").join(rows))


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


def _coverage_table(lang: str, table: pd.DataFrame) -> str:
    """The numbers behind the chart: coverage_by_heading's rows and their total line
    (coverage.with_total: the same total row as the Overview's table and the coverage CSV)."""
    columns = ["heading", "status_done", "status_pending", "status_proposed", "total", "on_record", "done_share"]
    head = "".join(f"<th{'' if i == 0 else ' class=num'}>{esc(t(lang, c))}</th>" for i, c in enumerate(columns))
    rows = [
        [esc(r.heading_label), r.done, r.pending, r.proposed, r.total, r.on_record, percent(r.done_share)]
        for r in table.itertuples()
    ]
    coverage, rows, total_row = table.iloc[:-1], rows[:-1], rows[-1]
    body = "".join(
        f'<tr data-heading="{esc(key)}">' + "".join(_cell(i, v) for i, v in enumerate(row)) + "</tr>"
        for key, row in zip(coverage["heading"], rows)
    )
    body += '<tr class="total">' + "".join(_cell(i, v) for i, v in enumerate(total_row)) + "</tr>"
    return (
        '<table class="coverage"><colgroup><col style="width:34%">' + '<col style="width:11%">' * 6 + "</colgroup>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _cell(position: int, value: object) -> str:
    return f"<td>{value}</td>" if position == 0 else f'<td class="num">{value}</td>'


def _coverage_section(lang: str, question: str, found, names: dict) -> str:
    """One coverage question (transforms/database/coverage.py): what it counts, its figures with their
    denominator, its chart and table per heading; or why it is not answered."""
    opening = (
        f'<section id="coverage-{question}" data-question="{question}"><h2>{esc(t(lang, f"q_{question}_title"))}</h2>'
    )
    if found is None:
        return f"{opening}<p>{esc(excluded_sentence(lang, question, names['kind']))}</p></section>"
    said = (
        f"<p>{esc(counted_sentence(lang, found, names['kind']))}</p>"
        f"<p>{esc(figures_sentence(lang, found, names['session']))}</p>"
    )
    if not found.totals["total"]:
        return f"{opening}{said}</section>"
    return (
        f"{opening}{said}<figure>{_legend(names['status'])}{coverage_chart(found.coverage, lang)}"
        f"<figcaption>{esc(t(lang, 'report_coverage_note'))}</figcaption></figure>"
        f"{_coverage_table(lang, with_total(found))}</section>"
    )


def _plan_section(lang: str, summary: pd.DataFrame, filters: Filters) -> str:
    """The Plan view (transforms/database/plan.py): each requirement under its heading, its own status,
    what addresses it and whether it has been taken up."""
    keys = ["plan_column_paragraph", "plan_column_requirement", "plan_column_verdict", "plan_column_addressed_by"]
    head = "".join(f"<th>{esc(t(lang, k))}</th>" for k in keys)
    widths = "".join(f'<col style="width:{w}%">' for w in (10, 34, 14, 42))
    blocks = []
    for heading, rows in summary.groupby("heading", sort=False):
        body = "".join(
            f'<tr data-requirement="{esc(r.requirement_id)}"><td>{r.plan_paragraph}</td>'
            f'<td>{esc(r.requirement_title)}<br><span class="meta">{esc(r.own_status)}</span></td>'
            f"<td>{esc(r.verdict)}</td><td>{esc(r.addressed_by)}</td></tr>"
            for r in rows.itertuples()
        )
        blocks.append(
            f'<section class="heading-block" data-heading="{esc(heading)}"><h3>{esc(rows.heading_label.iloc[0])}</h3>'
            f'<table class="items"><colgroup>{widths}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
            "</table></section>"
        )
    hidden = "" if filters.curated else f"<p>{esc(t(lang, 'plan_curated_hidden'))}</p>"
    return (
        f'<section id="plan-view" class="new-page"><h2>{esc(t(lang, "plan_title"))}</h2>'
        f"<p>{esc(t(lang, 'plan_filters_note'))}</p>{hidden}<p>{esc(plan_sentence(lang, summary))}</p>"
        f"{''.join(blocks)}</section>"
    )


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


def _items_table(lang: str, items: pd.DataFrame, session_names: dict[str, str]) -> str:
    keys = ["report_item", "report_title_and_wording", "report_linked_sessions", "report_source"]
    head = "".join(f"<th>{esc(t(lang, k))}</th>" for k in keys)
    widths = "".join(f'<col style="width:{w}%">' for w in (20, 44, 20, 16))
    body = "".join(_item_row(lang, item, session_names) for item in items.itertuples())
    return (
        f'<table class="items"><colgroup>{widths}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


def _open_section(
    lang: str, coverage: pd.DataFrame, items: pd.DataFrame, session_names: dict[str, str], filters: Filters
) -> str:
    """The open items, grouped under the headings in the coverage table's order."""
    if not open_statuses(filters):
        intro = f"<p>{esc(t(lang, 'report_open_filtered'))}</p>"
    elif items.empty:
        intro = f"<p>{esc(t(lang, 'report_open_none'))}</p>"
    else:
        plan = int((items.kind == "requirement").sum())  # the two sets, counted apart
        intro = f"<p>{esc(t(lang, 'report_open_intro', plan=plan, own=len(items) - plan))}</p>"
    blocks = []
    for heading in coverage.itertuples():
        listed = items[items.heading == heading.heading]
        count = esc(t(lang, "report_heading_open", count=len(listed)))
        title = f'<h3>{esc(heading.heading_label)} <span class="count">{count}</span></h3>'
        content = (
            _items_table(lang, listed, session_names)
            if len(listed)
            else f"<p>{esc(t(lang, 'report_heading_none'))}</p>"
        )
        blocks.append(
            f'<section class="heading-block" data-heading="{esc(heading.heading)}">{title}{content}</section>'
        )
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


def _how_to_read(lang: str, filters: Filters, meanings: pd.DataFrame, sources: pd.DataFrame, info: dict) -> str:
    """What each status means, how status rolls up, what the record holds and how to remake this."""
    rows = "".join(
        f"<tr><td>{status_swatch(status)} {esc(label)}</td><td>{esc(meaning)}</td></tr>"
        for status, label, meaning in zip(meanings["status"], meanings["label"], meanings["meaning"])
    )
    statuses = (
        f'<table class="statuses"><colgroup><col style="width:22%"><col style="width:78%"></colgroup>'
        f"<thead><tr><th>{esc(t(lang, 'status'))}</th><th>{esc(t(lang, 'meaning'))}</th></tr></thead>"
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
    """The briefing for these filters (headings, kinds, as-of session, language) as one HTML file."""
    filters = briefing_filters(filters)
    lang = filters.lang
    names = labels(store, lang)
    info = record_info(store)
    coverage = coverage_by_heading(store, filters)
    kept = open_statuses(filters)
    open_items = item_list(store, replace(filters, statuses=kept)) if kept else item_list(store, filters).iloc[0:0]
    body = (
        _header(lang, filters, names, info, generated or datetime.now(UTC))
        + "".join(_coverage_section(lang, q, answer(store, filters, q), names) for q in QUESTIONS)
        + _plan_section(lang, requirement_summary(plan_view(store, filters), lang), filters)
        + _open_section(lang, coverage, open_items, names["session"], filters)
        + _how_to_read(
            lang, filters, store.frame("status_meanings", filters), store.frame("source_list", filters), info
        )
    )
    footer = page_footer_css(t(lang, "report_footer", version=info["data_version"]), t(lang, "report_page"))
    return _page(lang, f"{t(lang, 'report_title')} · {info['data_version']}", body, footer)


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
