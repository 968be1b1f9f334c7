"""Small drawing helpers shared by the pages. Text from the data goes through `plain` (or a
table widget) so it is never read as Markdown or HTML."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from functools import lru_cache, partial

import numpy as np
import pandas as pd
import streamlit as st

from transforms.database.export import export_command, export_file_name
from transforms.database.scope import EXPORT_VIEW, not_applied_sentence, scope_line
from transforms.presentation.i18n import catalog, number, percent, t, table_count_format

from . import data
from .context import Context

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: object) -> str:
    """Text safe to put inside st.markdown: every Markdown and HTML character escaped."""
    return _MARKDOWN.sub(r"\\\1", str(text))


# Runs in the page itself (st.html): sets <html lang> (Streamlit has no setting for it) and gives each
# chart the accessible name its figure carries in layout.meta.label (dashboard/charts.py), as an image,
# so a screen reader reads one sentence with the numbers instead of the SVG's scattered text; and marks
# each container made by `in_language` (class st-key-lang_<code>_...) with its language (WCAG 3.1.2).
_PAGE_SCRIPT = """<script>
document.documentElement.lang = %s;
if (!window.gaptrackCharts) {
  let queued = false;
  const name = () => {
    queued = false;
    document.querySelectorAll('[class*="st-key-lang_"]').forEach((box) => {
      const code = (box.className.match(/st-key-lang_(en|zh)_/) || [])[1];
      if (code && box.getAttribute('lang') !== code) box.setAttribute('lang', code);
    });
    // a table of numbers wider than its box (a phone) scrolls inside it (_PAGE_STYLE): reachable by keyboard
    document.querySelectorAll('[data-testid="stMarkdownContainer"]:has(table)').forEach((box) => {
      const wide = box.scrollWidth > box.clientWidth + 1;
      if (wide && box.tabIndex !== 0) box.tabIndex = 0;
      else if (!wide && box.hasAttribute('tabindex')) box.removeAttribute('tabindex');
    });
    document.querySelectorAll('.js-plotly-plot').forEach((plot) => {
      const label = plot.layout && plot.layout.meta && plot.layout.meta.label;
      if (label && plot.getAttribute('aria-label') !== label) {
        plot.setAttribute('role', 'img');
        plot.setAttribute('aria-label', label);
      }
    });
  };
  // at most one look per frame, however many changes Streamlit makes
  window.gaptrackCharts = new MutationObserver(() => queued || (queued = requestAnimationFrame(name)));
  window.gaptrackCharts.observe(document.body, {childList: true, subtree: true});
  name();  // what was drawn before this script (it comes after the page: README, "First paint")
}
</script>"""


# Fixed CSS (no text from the data): a chip in a multiselect shows its whole name, on as many lines
# as it needs (Streamlit cuts it with "…", so three long headings chosen look alike); a table of
# numbers wider than a phone scrolls sideways inside its own box, headers whole (the page scrolled
# sideways, and Chinese headers stood one character a line), its first column (the session or
# heading each row is about) held in view as it scrolls; on a wider screen its headers wrap between
# words (never inside one, nor inside Chinese: keep-all), so every column shows without scrolling
# (at 1400 px "Proposed %" was out of sight); the Items list's box (~15 rows, columns.list_height)
# no taller than the window less Streamlit's header, so the page scrolls past it; and a visible
# focus ring (WCAG 2.4.7) on the sidebar's page links, switches, checkboxes and select boxes, where
# Streamlit draws none or a faint one. The ring is the theme's primaryColor, 3:1 or more on both
# backgrounds.
_PAGE_STYLE = """<style>
[data-testid="stMultiSelect"] [data-tag] { max-width: 100%; height: auto; }
[data-testid="stMultiSelect"] [data-tag] > span[title] {
  white-space: normal; overflow: visible; text-overflow: clip; max-width: none; overflow-wrap: anywhere;
}
[data-testid="stSidebarNavLink"]:focus-visible { outline: 3px solid #005F94 !important; outline-offset: -3px; }
[data-testid="stCheckbox"] label:has(input:focus-visible) {
  outline: 3px solid #005F94; outline-offset: 3px; border-radius: 4px;
}
[data-testid="stMultiSelect"] .react-aria-ComboBox > [role="group"]:focus-within,
[data-testid="stSelectbox"] .react-aria-ComboBox > [role="group"]:focus-within {
  outline: 3px solid #005F94; outline-offset: 1px;
}
[data-testid="stMarkdownContainer"]:has(table) { overflow-x: auto; }
[data-testid="stMarkdownContainer"] th { white-space: nowrap; word-break: keep-all; }
@media (min-width: 900px) { [data-testid="stMarkdownContainer"] th { white-space: normal; } }
[data-testid="stMarkdownContainer"] td:first-child { min-width: 10em; }
[data-testid="stMarkdownContainer"] :is(th, td):first-child {
  position: sticky; left: 0; z-index: 1; background-color: #FFFFFF;
}
.st-key-item_table, .st-key-item_table :is([data-testid="stDataFrame"], [data-testid="stDataFrameResizable"]) {
  max-height: calc(100dvh - 6rem) !important;
}
[data-testid="stMarkdownContainer"]:has(table):focus-visible { outline: 3px solid #005F94; outline-offset: 2px; }
</style>"""


# Streamlit writes these words itself in English (catalog keys streamlit_*, locales/a11y.*.toml),
# with no setting to change them (streamlit#1353). On a Chinese page the page script puts the
# Chinese in their place: a text node whose whole text is one of them (not in the page's own
# content: Markdown, tables, code, charts, headings, choices), or an aria-label, title,
# placeholder or aria-valuetext; and keeps doing so as Streamlit redraws. It changes only text and
# attributes React does not read back; the words are fixed catalog values, never data. Some are
# looked for only inside one kind of widget (and there also where the page's content is excluded:
# an empty list's "No results" is drawn as a choice).
_CALENDAR = '[data-testid="stDateInputCalendar"]'
_DIALOG = '[role="dialog"]'
_NUMBER = '[data-testid="stNumberInput"], [data-testid="stTooltipErrorContent"]'
_STREAMLIT_WORDS_ONLY_IN = {
    "streamlit_no_results": '[data-testid="stMultiSelectDropdown"], [data-testid="stSelectboxVirtualDropdown"]',
    "streamlit_date_year": '[data-testid="stDateInputField"]',
    "streamlit_date_month": '[data-testid="stDateInputField"]',
    "streamlit_date_day": '[data-testid="stDateInputField"]',
    "streamlit_date_year_of": '[data-testid="stDateInputField"]',
    "streamlit_date_month_of": '[data-testid="stDateInputField"]',
    "streamlit_date_day_of": '[data-testid="stDateInputField"]',
    "streamlit_date_month_value": '[data-testid="stDateInputField"]',
    "streamlit_choose_date_month": _CALENDAR,  # the calendar's heading and its grid's name
    # the "Page not found" dialog (a page path the app does not have): its title and its text
    "streamlit_page_not_found": _DIALOG,
    "streamlit_page_not_found_named": _DIALOG,
    "streamlit_page_not_found_unnamed": _DIALOG,
    # a number out of its field's range: the field's alert and its (!) icon's tooltip
    "streamlit_number_between": _NUMBER,
    "streamlit_number_between_tip": _NUMBER,
    "streamlit_number_at_least": _NUMBER,
    "streamlit_number_at_least_tip": _NUMBER,
    "streamlit_error": _NUMBER,
}
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_JS_SPECIAL = re.compile(r"[.*+?^${}()|[\]\\/]")
_DIGITS = ("count", "size", "number")  # placeholders Streamlit fills with digits


def streamlit_words(lang: str) -> list[tuple[str, str, str | None]]:
    """Streamlit's English words and the same in `lang`, as the page script uses them: (a JavaScript
    regular expression matching the whole English text, its {placeholders} as groups (digits for
    {count}, {size} and {number}); the replacement in `lang`, groups as $1, $2; a CSS selector the
    text must be inside, or None). Empty for English."""
    if lang != "zh":
        return []
    english, words = catalog("en"), catalog(lang)
    found = []
    for key in sorted(k for k in english if k.startswith("streamlit_")):
        names = _PLACEHOLDER.findall(english[key])
        pieces = _PLACEHOLDER.split(english[key])  # text, name, text, name, ..., text
        source = "".join(
            (r"(\d+)" if piece in _DIGITS else "(.+?)") if i % 2 else _JS_SPECIAL.sub(r"\\\g<0>", piece)
            for i, piece in enumerate(pieces)
        )
        replacement = words[key].replace("$", "$$")
        for place, name in enumerate(names, start=1):
            replacement = replacement.replace(f"{{{name}}}", f"${place}")
        found.append((source, replacement, _STREAMLIT_WORDS_ONLY_IN.get(key)))
    return found


# Runs in the page on every script run (after _PAGE_SCRIPT): see streamlit_words.
_WORDS_SCRIPT = """<script>
(() => {
  window.gaptrackWordList = %s.map(([source, to, inside]) => [new RegExp('^' + source + '$'), to, inside]);
  if (!window.gaptrackWords) {
    const ATTRIBUTES = ['aria-label', 'title', 'placeholder', 'aria-valuetext'];
    const CONTENT = '.js-plotly-plot, pre, code, table, h1, h2, h3, h4, h5, h6, [role="option"], ' +
      '[data-testid="stMarkdownContainer"]:not(button *)';
    // what the script changed: text node -> [its English, the words put in], or element ->
    // {attribute: [English, words put in]}; the words put in tell whether React has changed it since
    const english = new Map();
    // the words in the page's language for text (of element), or null; content: text of the page's own
    const swap = (text, element, content) => {
      const trimmed = text.trim();
      for (const [pattern, to, inside] of window.gaptrackWordList) {
        if (pattern.test(trimmed) && (inside ? element.closest(inside) : !content)) return trimmed.replace(pattern, to);
      }
      return null;
    };
    const text = (node) => {
      const parent = node.parentElement;
      if (!parent) return;
      const now = swap(node.nodeValue, parent, !!parent.closest(CONTENT));
      if (now !== null) {
        english.set(node, [node.nodeValue, now]);
        node.nodeValue = now;
      }
    };
    const attributes = (element, names) => {
      if (element.closest('.js-plotly-plot, table') && !element.closest(%s)) return;  // (but a date's calendar grid)
      for (const name of names) {
        const value = element.getAttribute(name);
        const now = value && swap(value, element, false);
        if (now) {
          english.set(element, {...(english.get(element) || {}), [name]: [value, now]});
          element.setAttribute(name, now);
        }
      }
    };
    const look = (root) => {
      if (!window.gaptrackWordList.length) return;
      if (root.nodeType === Node.TEXT_NODE) return text(root);
      if (root.nodeType !== Node.ELEMENT_NODE || root.closest('.js-plotly-plot')) return;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) text(walker.currentNode);
      attributes(root, ATTRIBUTES);
      root.querySelectorAll('[aria-label], [title], [placeholder], [aria-valuetext]').forEach(
        (element) => attributes(element, ATTRIBUTES));
    };
    window.gaptrackWords = {
      // forget what Streamlit has since taken out of the page
      prune: () => english.forEach((_, node) => node.isConnected || english.delete(node)),
      // English again where the script put other words (the reader switched back to English), only
      // where they are still there: a text or attribute React has set since (e.g. "Help for" with
      // the label in the new language) is React's, and the English remembered is out of date
      restore: () => {
        english.forEach((was, node) => {
          if (node.nodeType === Node.TEXT_NODE) {
            if (node.nodeValue === was[1]) node.nodeValue = was[0];
          } else Object.entries(was).forEach(([name, [value, now]]) => {
            if (node.getAttribute(name) === now) node.setAttribute(name, value);
          });
        });
        english.clear();
      },
      look,
    };
    new MutationObserver((records) => {
      if (!window.gaptrackWordList.length) return;
      for (const record of records) {
        if (record.type === 'childList') record.addedNodes.forEach(look);
        else if (record.type === 'characterData') text(record.target);
        else attributes(record.target, [record.attributeName]);
      }
    }).observe(document.body, {childList: true, subtree: true, characterData: true, attributes: true,
      attributeFilter: ATTRIBUTES});
  }
  if (window.gaptrackWordList.length) {
    window.gaptrackWords.prune();
    window.gaptrackWords.look(document.body);
  } else window.gaptrackWords.restore();
})();
</script>"""


def tab_title(lang: str, page_title: str) -> None:
    """The browser tab's title: the page's, in its language."""
    st.set_page_config(page_title=t(lang, "tab_title", page=page_title))


def page_script(lang: str) -> None:
    """The document's language, the charts' accessible names, the language of text marked by
    `in_language` (see _PAGE_SCRIPT), Streamlit's own English words in the page's language
    (_WORDS_SCRIPT, streamlit_words), chips and focus rings (_PAGE_STYLE). No text from the data
    goes into the script or the style: the words are fixed catalog values, JSON with < escaped."""
    words = json.dumps(streamlit_words(lang), ensure_ascii=False).replace("<", "\\u003c")
    st.html(
        _PAGE_STYLE
        + _PAGE_SCRIPT % json.dumps("zh" if lang == "zh" else "en")
        + _WORDS_SCRIPT % (words, json.dumps(_CALENDAR)),
        unsafe_allow_javascript=True,
    )


def in_language(code: str, key: str):
    """A container for text in language `code` ("en" or "zh"): the page script gives it lang=code,
    so a screen reader reads English as English on a Chinese page and the other way round. `key`
    makes the container unique on the page. Use as `with in_language("en", "title"): ...`."""
    return st.container(key=f"lang_{'zh' if code == 'zh' else 'en'}_{key}")


def command(text: str) -> None:
    """A command for the reader to copy, in a code block that wraps at any width (a box that scrolls
    sideways is a region a keyboard cannot reach: axe's scrollable-region-focusable)."""
    st.code(text, language="bash", wrap_lines=True)


def quote(text: object) -> None:
    """A quote from a source document as a block quote in the page's own type (it was a monospaced
    code box): every Markdown and HTML character escaped (`plain`), its line breaks kept."""
    st.markdown("  \n".join("> " + plain(line.strip()) for line in str(text).splitlines() or [""]))


def upload_help(lang: str, types: list[str]) -> str:
    """The file uploader's help: the size limit and file types in the page's language (Streamlit
    writes "200MB per file" under the box in English only)."""
    mb = st.get_option("server.maxUploadSize")
    return t(lang, "upload_help", mb=mb, types=", ".join(x.upper() for x in types))


def day(value, lang: str) -> str:
    """A date as YYYY-MM-DD, or the words saying the source gives none."""
    return t(lang, "not_given") if pd.isna(value) else f"{value:%Y-%m-%d}"


def scope_caption(ctx: Context, view: str) -> None:
    """What the page shows: the as-of point and the filters it applies (transforms.scope); then,
    if any filter in force is not applied here, which and why."""
    st.caption(plain(scope_line(ctx.lang, ctx.view.filters, view, ctx.labels)))
    not_applied_note(ctx, view)


def not_applied_note(ctx: Context, view: str) -> None:
    """Which filters in force this view (or part of a page) does not apply, and why; nothing if none."""
    sentence = not_applied_sentence(ctx.lang, ctx.view.filters, view)
    if sentence:
        st.caption(plain(sentence))


DOWNLOAD_LIMIT = 100_000  # rows; larger tables come from the command line


def download(
    ctx: Context,
    table: str,
    label_key: str,
    rows: int,
    filters=None,
    key: str | None = None,
    search: str = "",
    open_only: bool = False,
) -> None:
    """A download button for one export table under the current filters (or the `filters`
    given), for the items also searched and open only as the Items page lists them; for a table
    too large to hand over from a web page, the command that writes it instead."""
    filters = filters or ctx.view.filters
    name = export_file_name(table, filters, dt.date.today(), search, open_only)
    dropped = not_applied_sentence(ctx.lang, filters, EXPORT_VIEW[table])
    if dropped:
        st.caption(plain(dropped))
    if rows > DOWNLOAD_LIMIT:
        st.caption(t(ctx.lang, "download_too_large", rows=rows))
        command(export_command(table, filters, name, search, open_only))
        return
    made = partial(data.download, table, ctx.db, filters, search, open_only)
    st.download_button(
        t(ctx.lang, label_key),
        data.on_request(made, "text/csv", name),  # made when clicked
        file_name=name,
        mime="text/csv",
        icon=":material/download:",
        key=key or f"download_{table}",
        on_click="ignore",
    )


def counts(lang: str, prefix: str = "status") -> dict[str, str]:
    """Headers for the done, pending, proposed and total columns of a coverage table."""
    return {**{s: t(lang, f"{prefix}_{s}") for s in ("done", "pending", "proposed")}, "total": t(lang, "total")}


def count_columns(lang: str, prefix: str = "status") -> dict[str, dict]:
    """counts() as a table widget's column settings: the same headers, each count written as the
    language writes numbers (i18n.table_count_format: "12,345"; Streamlit writes "12345")."""
    written = table_count_format(lang)
    return {
        name: st.column_config.NumberColumn(header, format=written) for name, header in counts(lang, prefix).items()
    }


def table(frame: pd.DataFrame, columns: dict, **kwargs):
    """A read-only table showing `columns` of frame (name -> header text or column config); for a
    frame of no rows nothing (None): Streamlit's grid writes an English "empty" in its one row, on
    its canvas, which no page script can put in the page's language (dashboard.ready.draw)."""
    if frame.empty:
        return None
    return st.dataframe(frame[list(columns)], hide_index=True, width="stretch", column_config=columns, **kwargs)


def _pick_segment(key: str) -> None:
    """The keyboard twin of a click on a bar segment: filter to that heading and status."""
    chosen = st.session_state.get(key)
    if chosen:
        heading, status = chosen.split("|")
        st.session_state["heading"], st.session_state["status"] = [heading], [status]
        st.session_state["url_unknown"] = []
        st.session_state[key] = None


def segment_choices(
    frame: pd.DataFrame | Mapping[str, np.ndarray], status_labels: dict[str, str], lang: str = "en"
) -> dict[str, str]:
    """The segment picker's choices: one per segment drawn (heading and status with its count) in a
    coverage_by_heading frame (or its columns as numpy arrays, name -> array), "heading|status" ->
    its label, punctuated and its count written as lang writes them."""
    statuses = ("done", "pending", "proposed")
    return {
        f"{heading}|{status}": t(
            lang,
            "punct_dash",
            text=heading_label,
            more=t(lang, "punct_paren", text=status_labels[status], inner=number(lang, count)),
        )
        # whole columns as lists: no frame or namedtuple made per call
        for heading, heading_label, *counts in zip(
            *(frame[c].tolist() for c in ("heading", "heading_label", *statuses))
        )
        for status, count in zip(statuses, counts)
        if count
    }


def segment_picker(
    lang: str, frame: pd.DataFrame | Mapping[str, np.ndarray], status_labels: dict[str, str], key: str, choices=None
) -> None:
    """A select box doing what a click on a bar segment does, for keyboard and screen-reader users:
    one choice per segment drawn (heading and status with its count) in a coverage_by_heading frame
    or its columns (or the `choices` segment_choices made from it already)."""
    choices = choices if choices is not None else segment_choices(frame, status_labels, lang)
    st.selectbox(
        t(lang, "segment_pick"),
        list(choices),
        index=None,
        key=key,
        format_func=choices.get,
        placeholder=t(lang, "segment_pick_placeholder"),
        on_change=_pick_segment,
        args=(key,),
    )


def number_markdown(
    frame: pd.DataFrame | Mapping[str, np.ndarray],
    columns: dict[str, str],
    shares: tuple[str, ...] = ("done_share",),
    total: bool = False,
    *,
    lang: str,
) -> str:
    """The numbers behind a chart as a Markdown table (drawn as a real <table>, <th> and rows a
    screen reader can walk, no grid script to load): `columns` maps column -> header; the columns
    in `shares` are shown as percentages (transforms.presentation.i18n.percent, as on the bars),
    whole numbers as `lang` writes them (i18n.number, Babel: "12,345", as the bars and the
    briefing write them), text as it is (numeric columns right-aligned); with `total`, the last row is a total row,
    set in bold. Every cell is escaped; a header's " %" is kept on one line with its word.
    `frame`: a frame, or its columns as numpy arrays (name -> array, as transforms.database.coverage
    gives them): the same table."""
    if isinstance(frame, pd.DataFrame):
        dtypes = frame.dtypes  # one Series, not a column made per check
        numeric = {c for c in columns if c in shares or pd.api.types.is_numeric_dtype(dtypes[c])}
    else:
        numeric = {c for c in columns if c in shares or pd.api.types.is_numeric_dtype(frame[c].dtype)}
    lines = [
        "| " + " | ".join(plain(h.replace(" %", "\u00a0%")) for h in columns.values()) + " |",
        "| " + " | ".join("---:" if c in numeric else ":---" for c in columns) + " |",
    ]
    # whole columns, each cell written once: no pandas work per row
    cells = [_cells(frame[c].tolist(), c in shares, lang) for c in columns]
    rows = [" | ".join(row) for row in zip(*cells)]
    if total and rows:
        rows[-1] = " | ".join(f"**{c}**" if c else c for c in (column[-1] for column in cells))
    lines.extend(f"| {row} |" for row in rows)
    return "\n".join(lines)


def _cells(values: list, share: bool, lang: str) -> list[str]:
    """A column's cells as number_markdown writes them in `lang`: a share as a percentage, a whole
    number as the language writes it (i18n.number), a missing value empty, anything else as it
    is; escaped."""
    if share:
        return [_escaped(percent(v, lang)) for v in values]
    return [
        _escaped(v) if type(v) is str else _escaped(number(lang, v)) if type(v) is int else _other_cell(v, lang)
        for v in values
    ]


def _other_cell(value, lang: str) -> str:
    """A cell neither text nor int: empty when missing, a number (a whole float from a column with
    a gap, 3.0) as `lang` writes it, anything else as it is; escaped."""
    if pd.isna(value):
        return ""
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return plain(number(lang, value))
    return plain(value)


@lru_cache(maxsize=16384)  # a table writes the same few numbers and labels over and over
def _escaped(value: int | str) -> str:
    return plain(value)
