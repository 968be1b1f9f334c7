"""Figures built once per database version, filters and language (bounded caches)."""

from __future__ import annotations

import plotly.graph_objects as go

from transforms.database.queries import Filters
from transforms.presentation.i18n import t

from . import charts, data
from .data import Identity
from .kept import kept


@kept(max_entries=256)
def coverage(db: Identity, filters: Filters) -> go.Figure:
    labels = data.labels(db, filters.lang)["status"]
    frame = data.frame("coverage_by_heading", db, filters)
    return charts.stacked_bars(frame, "heading_label", "heading", labels, filters.lang, t(filters.lang, "axis_items"))


@kept(max_entries=256)
def timeline(db: Identity, filters: Filters) -> go.Figure:
    labels = data.labels(db, filters.lang)["status"]
    frame = data.frame("coverage_timeline_totals", db, filters)
    return charts.stacked_bars(
        frame, "session_title", "session_id", labels, filters.lang, t(filters.lang, "axis_items")
    )


@kept(max_entries=256)
def outcomes(db: Identity, filters: Filters) -> go.Figure:
    labels = data.labels(db, filters.lang)["status"]
    frame = data.frame("session_outcomes", db, filters)
    return charts.stacked_bars(
        frame, "title", "session_id", labels, filters.lang, t(filters.lang, "axis_links"), shares=False
    )


@kept(max_entries=256)
def grid(db: Identity, filters: Filters) -> go.Figure:
    return charts.heading_session_heatmap(data.frame("heading_session_grid", db, filters), filters.lang)


@kept(max_entries=64)
def session_timeline(db: Identity, filters: Filters) -> go.Figure:
    return charts.session_timeline(data.frame("session_list", db, filters), filters.lang)
