"""The figures are built from plain specs without Plotly's validation (for speed); here every
kind of figure the dashboard draws is validated by Plotly, so a wrong property name fails."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dashboard import charts
from transforms.database.queries import (
    Filters,
    coverage_by_heading,
    heading_session_grid,
    session_list,
    session_outcomes,
)

LABELS = {"done": "Done", "pending": "Pending", "proposed": "Proposed"}


def validated(figure: go.Figure) -> dict:
    spec = figure.to_dict()
    go.Figure(spec)  # raises ValueError on any property Plotly does not know
    return spec


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_figure_is_valid_plotly(shipped, lang):
    filters = Filters(lang=lang)
    bars = validated(
        charts.stacked_bars(coverage_by_heading(shipped, filters), "heading_label", "heading", LABELS, lang, "Items")
    )
    assert [trace["name"] for trace in bars["data"]] == list(LABELS.values())
    validated(
        charts.stacked_bars(
            session_outcomes(shipped, filters), "title", "session_id", LABELS, lang, "Links", shares=False
        )
    )
    heatmap = validated(charts.heading_session_heatmap(heading_session_grid(shipped, filters), lang))
    assert len(heatmap["data"][0]["z"]) == 10
    timeline = validated(charts.session_timeline(session_list(shipped, filters), lang))
    assert sum(len(trace["x"]) for trace in timeline["data"]) == 7


def test_a_misspelt_property_would_be_caught():
    with pytest.raises(ValueError):
        validated(charts.figure([dict(type="bar", colour="red")], {}))
