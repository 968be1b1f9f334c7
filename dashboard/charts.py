"""Plotly figures drawn from the shared query results. No numbers are computed here: each
figure shows the columns of one query result as they are.

Status colours come from the theme in .streamlit/config.toml; bars also carry a pattern per
status and their numbers as text, so nothing is told by colour alone. Text from the data is
escaped: Plotly would otherwise read tags in it.
"""

from __future__ import annotations

import html
import tomllib
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from transforms.i18n import t

STATUSES = ("done", "pending", "proposed")
PATTERNS = {"done": "", "pending": "/", "proposed": "."}
CONFIG = Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml"


@lru_cache(maxsize=1)
def status_colours() -> dict[str, str]:
    """done, pending, proposed -> colour: the first three of the theme's categorical colours."""
    with open(CONFIG, "rb") as f:
        colours = tomllib.load(f)["theme"]["chartCategoricalColors"]
    return dict(zip(STATUSES, colours))


def _share(count: int, total: int) -> str:
    return f"{count} · {count / total:.0%}" if count and total else (str(count) if count else "")


def stacked_bars(frame: pd.DataFrame, category: str, key: str, status_labels: dict[str, str], lang: str,
                 axis_title: str, shares: bool = True) -> go.Figure:
    """Horizontal bars, one per row of frame, stacked done/pending/proposed, numbers on the bars.

    Each segment carries customdata [row key, status] so a click can filter to it."""
    colours = status_colours()
    names = [html.escape(str(v)) for v in frame[category]]
    figure = go.Figure()
    for status in STATUSES:
        counts = frame[status].astype(int).tolist()
        text = [_share(c, tot) if shares else (str(c) if c else "") for c, tot in zip(counts, frame["total"])]
        figure.add_bar(
            y=names, x=counts, orientation="h", name=html.escape(status_labels[status]),
            marker=dict(color=colours[status], pattern=dict(shape=PATTERNS[status], fgcolor="#1b1b1b",
                                                            fgopacity=0.35, size=7)),
            text=text, textposition="inside", insidetextanchor="middle", textfont=dict(color="#111111"),
            customdata=[[k, status] for k in frame[key]],
            hovertemplate="%{y}<br>" + html.escape(status_labels[status]) + ": %{x}<extra></extra>")
    figure.update_layout(
        barmode="stack", height=90 + 48 * max(len(frame), 1), margin=dict(l=8, r=8, t=36, b=8),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, title_text=""),
        xaxis=dict(title=axis_title, rangemode="tozero", dtick=_tick(frame)),
        yaxis=dict(autorange="reversed", automargin=True), clickmode="event+select", uniformtext_minsize=10,
        font=dict(family="'Source Sans Pro', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"),
        separators=". " if lang == "en" else ". ")
    return figure


def _tick(frame: pd.DataFrame) -> int | None:
    top = int(frame["total"].max()) if len(frame) else 0
    return 1 if top <= 12 else None


def heading_session_heatmap(grid: pd.DataFrame, lang: str) -> go.Figure:
    """Heading x session: links recorded per cell, the count written in each cell."""
    headings = list(dict.fromkeys(grid.heading_label))
    sessions = list(dict.fromkeys(grid.session_title))
    table = grid.pivot(index="heading_label", columns="session_title", values="total").reindex(
        index=headings, columns=sessions)
    breakdown = grid.assign(text=[
        "<br>".join(f"{t(lang, 'status_' + s)}: {getattr(r, s)}" for s in STATUSES if getattr(r, s))
        for r in grid.itertuples()]).pivot(index="heading_label", columns="session_title", values="text").reindex(
        index=headings, columns=sessions)
    figure = go.Figure(go.Heatmap(
        z=table.values, x=[html.escape(s) for s in sessions], y=[html.escape(h) for h in headings],
        text=[[str(v) if v else "" for v in row] for row in table.values], texttemplate="%{text}",
        customdata=breakdown.values, hovertemplate="%{y}<br>%{x}<br>%{customdata}<extra></extra>",
        colorscale=[[0, "#f7fbff"], [1, "#08519c"]], showscale=False, xgap=2, ygap=2))
    figure.update_layout(height=120 + 56 * len(headings), margin=dict(l=8, r=8, t=16, b=8),
                         xaxis=dict(side="top", tickangle=-30, automargin=True),
                         yaxis=dict(autorange="reversed", automargin=True))
    return figure
