"""Plotly figures drawn from the shared query results. No numbers are computed here: each
figure shows the columns of one query result as they are.

Status colours come from the theme in .streamlit/config.toml (read by transforms/presentation/colours.py);
bars also carry a pattern per status and their numbers as text, so nothing is told by colour
alone. Text from the data is escaped: Plotly would otherwise read tags in it.
"""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go

from transforms.presentation.colours import STATUSES, status_colours
from transforms.presentation.i18n import t

PATTERNS = {"done": "", "pending": "/", "proposed": "."}


FONT = dict(family="'Source Sans Pro', 'Noto Sans CJK SC', sans-serif")


def figure(data: list[dict], layout: dict) -> go.Figure:
    """A Figure from plain specs, without Plotly's per-property validation (it cost ten times more
    than everything else in a rerun). tests/test_charts.py validates every spec the module makes."""
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def wrap(text: object, lang: str) -> str:
    """Escaped label text broken into short lines, so long labels fit a narrow screen."""
    words, width = str(text), 11 if lang == "zh" else 22
    if lang == "zh":
        lines = [words[i : i + width] for i in range(0, len(words), width)]
    else:
        lines = textwrap.wrap(words, width) or [""]
    return "<br>".join(html.escape(line) for line in lines)


def _share(count: int, total: int) -> str:
    return f"{count} · {count / total:.0%}" if count and total else (str(count) if count else "")


def stacked_bars(
    frame: pd.DataFrame,
    category: str,
    key: str,
    status_labels: dict[str, str],
    lang: str,
    axis_title: str,
    shares: bool = True,
) -> go.Figure:
    """Horizontal bars, one per row of frame, stacked done/pending/proposed, numbers on the bars.

    Each segment carries customdata [row key, status] so a click can filter to it."""
    colours = status_colours()
    names = [wrap(v, lang) for v in frame[category]]
    traces = []
    for status in STATUSES:
        counts = frame[status].astype(int).tolist()
        text = [_share(c, tot) if shares else (str(c) if c else "") for c, tot in zip(counts, frame["total"])]
        bar = dict(
            type="bar",
            y=names,
            x=counts,
            orientation="h",
            name=html.escape(status_labels[status]),
            marker=dict(
                color=colours[status],
                pattern=dict(shape=PATTERNS[status], fillmode="overlay", fgcolor="#1b1b1b", fgopacity=0.22, size=6),
            ),
            text=text,
            textposition="inside",
            insidetextanchor="middle",
            textfont=dict(color="#111111"),
            customdata=[[k, status] for k in frame[key]],
            hovertemplate="%{y}<br>" + html.escape(status_labels[status]) + ": %{x}<extra></extra>",
        )
        traces.append(bar)
    layout = dict(
        barmode="stack",
        height=90 + 48 * max(len(frame), 1),
        margin=dict(l=8, r=8, t=36, b=8),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, title=dict(text=""), traceorder="normal"),
        xaxis=dict(title=dict(text=axis_title), rangemode="tozero", dtick=_tick(frame)),
        yaxis=dict(autorange="reversed", automargin=True, tickfont=dict(size=12)),
        clickmode="event+select",
        uniformtext=dict(minsize=10, mode="hide"),
        font=FONT,
    )
    return figure(traces, layout)


def _tick(frame: pd.DataFrame) -> int | None:
    top = int(frame["total"].max()) if len(frame) else 0
    return 1 if top <= 12 else None


def heading_session_heatmap(grid: pd.DataFrame, lang: str) -> go.Figure:
    """Session (rows) x heading (columns): items recorded per cell, the count written in it."""
    headings = list(dict.fromkeys(grid.heading_label))
    sessions = list(dict.fromkeys(grid.session_title))
    counts = grid.pivot(index="session_title", columns="heading_label", values="total").reindex(
        index=sessions, columns=headings
    )
    detail = (
        grid.assign(
            text=[
                "<br>".join(f"{t(lang, 'status_' + s)}: {getattr(r, s)}" for s in STATUSES if getattr(r, s))
                for r in grid.itertuples()
            ]
        )
        .pivot(index="session_title", columns="heading_label", values="text")
        .reindex(index=sessions, columns=headings)
    )
    heatmap = dict(
        type="heatmap",
        z=counts.fillna(0).astype(int).values.tolist(),
        x=[wrap(h, lang) for h in headings],
        y=[wrap(s, lang) for s in sessions],
        text=[[str(v) if v else "" for v in row] for row in counts.values],
        texttemplate="%{text}",
        customdata=detail.fillna("").values.tolist(),
        hovertemplate="%{y}<br>%{x}<br>%{customdata}<extra></extra>",
        colorscale=[[0, "#f4f8fc"], [1, "#2166ac"]],
        showscale=False,
        xgap=3,
        ygap=3,
    )
    layout = dict(
        height=140 + 48 * len(sessions),
        margin=dict(l=8, r=8, t=8, b=8),
        xaxis=dict(side="top", automargin=True, tickfont=dict(size=12)),
        yaxis=dict(autorange="reversed", automargin=True, tickfont=dict(size=12)),
        font=FONT,
    )
    return figure([heatmap], layout)


BODY_SYMBOLS = {"wg": "circle", "cop": "diamond", "bureau": "square", "ga": "star"}


def session_timeline(sessions: pd.DataFrame, lang: str) -> go.Figure:
    """Dated sessions on a time axis, one row per body; a marker shape per body, titles as text."""
    dated = sessions[sessions.start_date.notna()]
    traces = []
    for body_key, group in dated.groupby("body_key", sort=False):
        starts = [f"{a:%Y-%m-%d}" for a in group.start_date]
        traces.append(
            dict(
                type="scatter",
                x=starts,
                y=[wrap(b, lang) for b in group.body],
                mode="markers+text",
                name=html.escape(str(group.body.iloc[0])),
                text=[wrap(s, lang) for s in group.title],
                textposition=["top center" if n % 2 == 0 else "bottom center" for n in range(len(group))],
                textfont=dict(size=11),
                marker=dict(
                    symbol=BODY_SYMBOLS.get(body_key, "circle"),
                    size=13,
                    color="#0072B2",
                    line=dict(color="#1b1b1b", width=1),
                ),
                customdata=[[a, f"{b:%Y-%m-%d}"] for a, b in zip(starts, group.end_date)],
                hovertemplate="%{text}<br>%{customdata[0]} – %{customdata[1]}<extra></extra>",
            )
        )
    pad = pd.Timedelta(days=120)
    span = (
        [f"{dated.start_date.min() - pad:%Y-%m-%d}", f"{dated.end_date.max() + pad:%Y-%m-%d}"] if len(dated) else None
    )
    layout = dict(
        height=160 + 110 * max(dated.body_key.nunique(), 1),
        margin=dict(l=8, r=8, t=16, b=8),
        showlegend=False,
        xaxis=dict(type="date", automargin=True, range=span, tickformat="%Y-%m"),  # the same in both languages
        yaxis=dict(automargin=True, tickfont=dict(size=12)),
        font=FONT,
    )
    return figure(traces, layout)
