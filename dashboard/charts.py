"""Plotly figures drawn from the shared query results. No numbers are computed here: each
figure shows the columns of one query result as they are.

Status colours come from the theme in .streamlit/config.toml (read by transforms/presentation/colours.py);
bars also carry a pattern per status and their numbers as text, so nothing is told by colour
alone. Text from the data is escaped: Plotly would otherwise read tags in it.

Each figure carries its accessible name in layout.meta.label: one sentence with every number it
shows, which the dashboard sets as the chart's aria-label (dashboard/ui.py, page_script).
"""

from __future__ import annotations

import functools
import html
import textwrap
from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from transforms.presentation.colours import CHART_TEXT, STATUSES, TEXT_ON_MARK, status_colours
from transforms.presentation.i18n import chart_separators, number, percent, t

PATTERNS = {"done": "", "pending": "/", "proposed": "."}


FONT = dict(family="'Source Sans Pro', 'Noto Sans CJK SC', sans-serif", color=CHART_TEXT)
AXIS_TEXT = dict(size=12, color=CHART_TEXT)  # Streamlit's chart theme draws ticks at 3.7:1; this is 18:1


class DrawnFigure(go.Figure):
    """A Figure made once and drawn on many reruns (the dashboard keeps figures per view and shares
    them between sessions). Plotly's own Figure deep-copies its traces, layout and the default
    template when made and again in every to_dict(), which st.plotly_chart calls on each draw; here
    the spec is kept as given, with the default template (read once) as Plotly would add it, and
    to_dict() returns that same dict: the spec Plotly would give (tests/test_charts.py), at a tenth
    of the cost. Read it through to_dict() only (the Figure's own layout and data are left empty),
    and never modify it."""

    def __init__(self, data: list[dict], layout: dict):
        super().__init__(layout={"template": {}}, _validate=False)  # no template to copy
        self._drawn_spec = {"data": data, "layout": {**layout, "template": _default_template()}}

    @classmethod
    def made(cls, data: list[dict], layout: dict) -> DrawnFigure:
        """DrawnFigure(data, layout) without Plotly's Figure made again each time (~50 us): the
        empty Figure's state is shared with one made once, which (like every DrawnFigure's) is
        never modified."""
        drawn = object.__new__(cls)
        drawn.__dict__.update(_empty_figure().__dict__)
        drawn._drawn_spec = {"data": data, "layout": {**layout, "template": _default_template()}}
        return drawn

    def to_dict(self) -> dict:
        return self._drawn_spec


@functools.cache
def _empty_figure() -> DrawnFigure:
    """The DrawnFigure whose (empty) Figure state every DrawnFigure.made shares."""
    return DrawnFigure([], {})


@functools.cache
def _default_template() -> dict:
    """Plotly's default template as a figure's to_dict() holds it (shared: never modify)."""
    return go.Figure().to_dict()["layout"]["template"]


def figure(data: list[dict], layout: dict) -> go.Figure:
    """A Figure from plain specs, without Plotly's per-property validation (it cost ten times more
    than everything else in a rerun). tests/test_charts.py validates every spec the module makes."""
    return DrawnFigure.made(data, layout)


CLOSING = "，。、；：？！）》」』】〕〉”’"  # never at the start of a Chinese line


def _zh_lines(words: str, width: int) -> list[str]:
    """Chinese text cut every `width` characters, a closing punctuation mark kept on the line before."""
    lines: list[str] = []
    for i in range(0, len(words), width):
        piece = words[i : i + width]
        while lines and piece and piece[0] in CLOSING:
            lines[-1], piece = lines[-1] + piece[0], piece[1:]
        if piece:
            lines.append(piece)
    return lines or [""]


def wrap(text: object, lang: str, width: int | None = None) -> str:
    """Escaped label text broken into short lines, so long labels fit a narrow screen; no Chinese
    line starts with closing punctuation."""
    return _wrapped(str(text), lang, width or (11 if lang == "zh" else 22))


@functools.lru_cache(maxsize=16384)  # the same labels are wrapped for view after view; textwrap is slow
def _wrapped(words: str, lang: str, width: int) -> str:
    lines = _zh_lines(words, width) if lang == "zh" else (textwrap.wrap(words, width) or [""])
    return "<br>".join(html.escape(line) for line in lines)


def short(text: object, lang: str, limit: int = 60) -> str:
    """A long label shortened to `limit` characters with an ellipsis (the full name is on hover and in
    the table), then wrapped."""
    words = str(text)
    return wrap(words if len(words) <= limit else words[: limit - 1].rstrip() + "…", lang)


def _sentence(lang: str, key: str, rows: list[str], **values) -> str:
    """The accessible name of a chart: its kind and what it counts, then every row's numbers."""
    return t(lang, key, rows=t(lang, "chart_rows_join").join(rows), **values)


NARROW = 0.2  # a segment under this part of the axis carries its count alone (it fits a phone's bar)


def _share(count: int, total: int, top: int = 0, share: float | None = None, lang: str = "en") -> str:
    """The count over its share, on two short lines; on a segment under NARROW of the axis (`top`,
    the longest bar) the count alone, which a phone's narrow segment still holds. Empty for 0.
    `share`: the frame's own share (rounded to four places as the tables and files hold it), so
    the bar prints the very percentage the table beside it prints; else count / total. Both
    written as `lang` writes numbers (Babel: "12,345<br>51%")."""
    if not count:
        return ""
    if not total or (top and count / top < NARROW):
        return number(lang, count)
    exact = share if share is not None and share == share else count / total
    return f"{number(lang, count)}<br>{percent(exact, lang)}"  # rounded as every table and file rounds a share


def stacked_bars(
    frame: pd.DataFrame | Mapping[str, np.ndarray],
    category: str,
    key: str,
    status_labels: dict[str, str],
    lang: str,
    axis_title: str,
    shares: bool = True,
) -> go.Figure:
    """Horizontal bars, one per row of frame, stacked done/pending/proposed, numbers on the bars.

    Each segment carries customdata [row key, status] so a click can filter to it. `frame`: a
    frame, or its columns as numpy arrays (name -> array, as transforms.database.coverage gives
    them): the same figure."""
    colours = status_colours()
    # each column read once, as a list (a pandas column access costs tens of microseconds)
    columns = {c: frame[c].tolist() for c in {category, key, "total", *STATUSES} | _optional(frame)}
    categories, keys = columns[category], columns[key]
    size = len(categories)
    names = [short(v, lang) for v in categories]
    numbers = {s: [int(c) for c in columns[s]] for s in STATUSES}
    traces = []
    # a share is of every item on the record (on_record), whatever the status filter: the counts a
    # filter keeps are not their own denominator
    base = columns["on_record"] if "on_record" in columns else columns["total"]
    top = int(max(columns["total"])) if size else 0
    hover = [html.escape(str(v)) for v in categories]
    for status in STATUSES:
        counts = numbers[status]
        given = columns.get(f"{status}_share", [None] * size)
        text = [
            _share(c, tot, top, sh, lang) if shares else (number(lang, c) if c else "")
            for c, tot, sh in zip(counts, base, given)
        ]
        bar = dict(
            type="bar",
            y=names,
            x=counts,
            orientation="h",
            name=html.escape(status_labels[status]),
            marker=dict(
                color=colours[status],
                line=dict(color="#FFFFFF", width=1),
                pattern=dict(shape=PATTERNS[status], fillmode="overlay", fgcolor="#1b1b1b", fgopacity=0.22, size=6),
            ),
            text=text,
            textposition="inside",
            insidetextanchor="middle",
            textangle=0,  # numbers stay level; one too big for its segment is hidden (it is in the table)
            textfont=dict(color=TEXT_ON_MARK),
            # the count on hover as the page's language writes it (Plotly would write %{x} its own way)
            customdata=[[k, status, v, number(lang, c)] for k, v, c in zip(keys, hover, counts)],
            hovertemplate="%{customdata[2]}<br>"
            + html.escape(t(lang, "punct_label", label=status_labels[status], value="%{customdata[3]}"))
            + "<extra></extra>",
        )
        traces.append(bar)
    join, worded = t(lang, "chart_join"), {}  # (status, count) -> "Done: 3", made once each

    def part(status: str, count: int) -> str:
        if (status, count) not in worded:
            worded[status, count] = t(lang, "chart_status_count", status=status_labels[status], count=count)
        return worded[status, count]

    rows = [
        t(lang, "punct_label", label=name, value=join.join([part(s, n) for s, n in zip(STATUSES, counted)]))
        for name, *counted in zip(categories, *(numbers[s] for s in STATUSES))
    ]
    layout = dict(
        barmode="stack",
        height=90 + 48 * max(size, 1) + 12 * max((n.count("<br>") for n in names), default=0),
        margin=dict(l=8, r=8, t=36, b=8),
        legend=dict(
            orientation="h", yanchor="bottom", y=1.0, x=0, title=dict(text=""), traceorder="normal", font=AXIS_TEXT
        ),
        xaxis=dict(
            title=dict(text=axis_title, font=AXIS_TEXT),
            rangemode="tozero",
            dtick=1 if top <= 12 else None,
            tickfont=AXIS_TEXT,
            tickformat=",d",  # whole counts, thousands grouped ("1,000", not "1000" or "1k")
        ),
        separators=chart_separators(lang),  # grouped as the page's language groups them (Babel)
        yaxis=dict(autorange="reversed", automargin=True, tickfont=AXIS_TEXT),
        clickmode="event+select",
        uniformtext=dict(minsize=10, mode="hide"),
        font=FONT,
        meta=dict(label=_sentence(lang, "chart_bars_name", rows, axis=axis_title)),
    )
    return figure(traces, layout)


def _optional(frame: pd.DataFrame | Mapping[str, np.ndarray]) -> set[str]:
    """The optional columns stacked_bars reads when the frame has them (on_record, the shares)."""
    return {c for c in ("on_record", *(f"{s}_share" for s in STATUSES)) if c in frame}


HEAT_EMPTY, HEAT_LOW, HEAT_HIGH = "#F2F4F7", "#5696CC", "#3C80B8"


def heat_scale(top: int) -> list[list]:
    """Colour scale for counts 0..top: an empty cell in the page's light grey, every cell with a
    count between HEAT_LOW and HEAT_HIGH (at 3:1 or more on white, black numbers on them at 4.5:1 or more)."""
    if top < 1:
        return [[0, HEAT_EMPTY], [1, HEAT_EMPTY]]
    edge = 0.5 / top
    return [[0, HEAT_EMPTY], [edge, HEAT_EMPTY], [edge, HEAT_LOW], [1, HEAT_HIGH]]


def column_label(text: object, lang: str) -> str:
    """A heading as a heatmap column label: one line, cut at a word (English) to 28 characters or to
    12 Chinese characters, with an ellipsis; the full name is on hover and in the table. One line, so
    that on a phone Plotly can turn the labels upright (autotickangles) without their lines crossing."""
    words, limit = str(text), 12 if lang == "zh" else 28
    if len(words) > limit:
        cut = words[: limit - 1]
        if lang != "zh" and " " in cut:
            cut = cut[: cut.rindex(" ")]
        words = cut.rstrip(" ,(（") + "…"
    return html.escape(words)


def heading_session_heatmap(grid: pd.DataFrame, lang: str) -> go.Figure:
    """Session (rows) x heading (columns): items recorded per cell, the count written in it. Column
    labels are shortened (column_label); the hover and the accessible name give full names.

    `grid`: one row per heading and session (heading_label, session_title, done, pending, proposed,
    total), at most one per pair (ValueError otherwise); a pair with no row is an empty cell. Made
    from the columns as lists, not pivoted frames (the same spec: tests/test_charts.py)."""
    columns = {c: grid[c].tolist() for c in ("heading_label", "session_title", "total", *STATUSES)}
    labels, titles, totals = columns["heading_label"], columns["session_title"], columns["total"]
    headings = list(dict.fromkeys(labels))
    sessions = list(dict.fromkeys(titles))
    row_of = {pair: i for i, pair in enumerate(zip(titles, labels))}
    if len(row_of) != len(grid):
        raise ValueError("Index contains duplicate entries, cannot reshape")
    # a cell with no row is missing: as a pivot leaves it, its counts are then floats ("3.0", "nan")
    complete = len(row_of) == len(headings) * len(sessions)
    status_names = {s: t(lang, "status_" + s) for s in STATUSES}
    worded: dict[tuple[str, object], str] = {}  # (status, count) -> "Done: 3", made once each

    def said(status: str, count) -> str:
        if (status, count) not in worded:
            worded[status, count] = t(lang, "punct_label", label=status_names[status], value=number(lang, count))
        return worded[status, count]

    details = [
        "<br>".join(said(s, c) for s, c in zip(STATUSES, counts) if c)
        for counts in zip(*(columns[s] for s in STATUSES))
    ]
    z, text, customdata = [], [], []
    escaped = [html.escape(h) for h in headings]
    for session in sessions:
        rows = [row_of.get((session, heading)) for heading in headings]
        counts = [totals[i] if complete else (float(totals[i]) if i is not None else float("nan")) for i in rows]
        z.append([int(c) if c == c else 0 for c in counts])
        text.append([number(lang, c) if c and c == c else "" for c in counts])  # a missing cell: empty
        customdata.append([[h, details[i] if i is not None else ""] for h, i in zip(escaped, rows)])
    heatmap = dict(
        type="heatmap",
        z=z,
        x=[column_label(h, lang) for h in headings],
        y=[short(s, lang) for s in sessions],
        text=text,
        texttemplate="%{text}",
        customdata=customdata,
        hovertemplate="%{y}<br>%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        colorscale=heat_scale(int(max(max(row) for row in z)) if len(grid) else 0),
        zmin=0,
        textfont=dict(color=TEXT_ON_MARK),
        showscale=False,
        xgap=3,
        ygap=3,
    )
    comma = "，" if lang == "zh" else ", "
    cells = [
        t(lang, "punct_label", label=f"{session}{comma}{heading}", value=number(lang, total))
        for session, heading, total in zip(titles, labels, totals)
        if total
    ]
    layout = dict(
        height=160 + 48 * len(sessions),
        margin=dict(l=8, r=8, t=8, b=8),
        xaxis=dict(side="top", automargin=True, tickfont=AXIS_TEXT, autotickangles=[0, 90]),
        yaxis=dict(autorange="reversed", automargin=True, tickfont=AXIS_TEXT),
        font=FONT,
        meta=dict(label=_sentence(lang, "chart_grid_name", cells)),
    )
    return figure([heatmap], layout)


BODY_SYMBOLS = {"wg": "circle", "cop": "diamond", "bureau": "square", "ga": "star"}


TICK_MONTH = {"en": "%b %Y", "zh": "%Y年%-m月"}  # d3 time formats: "Apr 2009", "2009年4月"


def session_timeline(sessions: pd.DataFrame, lang: str) -> go.Figure:
    """Dated sessions on a time axis, one row per body; a marker shape per body, its number written by
    it, the title on hover. Made from the columns as lists (a group-by and row tuples cost more than
    the rest; the same spec: tests/test_charts.py)."""
    # the dated rows of the columns read, as lists (picking them in the frame took every column)
    dated = [i for i, start in enumerate(sessions["start_date"].tolist()) if pd.notna(start)]
    columns = {
        c: [values[i] for i in dated]
        for c, values in (
            (c, sessions[c].tolist()) for c in ("body_key", "body", "number", "title", "start_date", "end_date")
        )
    }
    groups: dict[object, list[int]] = {}  # body_key -> its rows, in the order the bodies first come
    for i, body_key in enumerate(columns["body_key"]):
        if pd.notna(body_key):  # a group-by leaves out a missing key
            groups.setdefault(body_key, []).append(i)
    bodies, numbers, titles = columns["body"], columns["number"], columns["title"]
    starts, ends = columns["start_date"], columns["end_date"]
    from .columns import day_in_words  # each date said once (Babel takes ~15 us a date)

    def said(day) -> str:
        return day_in_words(lang, day)

    traces = []
    for body_key, rows in groups.items():
        traces.append(
            dict(
                type="scatter",
                x=[f"{starts[i]:%Y-%m-%d}" for i in rows],
                y=[wrap(bodies[i], lang) for i in rows],
                mode="markers+text",
                name=html.escape(str(bodies[rows[0]])),
                # the session's number by its marker (the row names the body): whole titles ran into
                # each other on a phone; the full title is on hover and in the table under the chart
                text=[html.escape(str(numbers[i])) if pd.notna(numbers[i]) else "" for i in rows],
                textposition="top center",
                textfont=dict(size=11, color=CHART_TEXT),
                cliponaxis=False,  # a title above the top row or below the bottom one is not cut
                marker=dict(
                    symbol=BODY_SYMBOLS.get(body_key, "circle"),
                    size=13,
                    color="#0072B2",
                    line=dict(color="#1b1b1b", width=1),
                ),
                customdata=[[said(starts[i]), said(ends[i]), wrap(titles[i], lang)] for i in rows],
                hovertemplate="%{customdata[2]}<br>%{customdata[0]} – %{customdata[1]}<extra></extra>",
            )
        )
    pad = pd.Timedelta(days=120)
    # the first start and the last end (a missing end skipped, as pandas' max skips it)
    last = max((end for end in ends if pd.notna(end)), default=pd.NaT)
    span = [f"{min(starts) - pad:%Y-%m-%d}", f"{last + pad:%Y-%m-%d}"] if dated else None
    comma = "，" if lang == "zh" else ", "
    rows = [
        t(lang, "punct_paren", text=title, inner=body) + comma + said(start)
        for title, body, start in zip(titles, bodies, starts)
    ]
    layout = dict(
        height=160 + 110 * max(len(groups), 1),
        margin=dict(l=8, r=8, t=16, b=8),
        showlegend=False,
        # months as the page's language writes them
        xaxis=dict(type="date", automargin=True, range=span, tickformat=TICK_MONTH[lang], tickfont=AXIS_TEXT),
        # room above the top row and below the bottom one for the titles written there
        yaxis=dict(automargin=True, tickfont=AXIS_TEXT, range=[-0.8, max(len(groups), 1) - 0.2]),
        font=FONT,
        meta=dict(label=_sentence(lang, "chart_timeline_name", rows)),
    )
    return figure(traces, layout)
