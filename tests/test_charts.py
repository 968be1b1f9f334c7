"""The figures are built from plain specs without Plotly's validation (for speed); here every
kind of figure the dashboard draws is validated by Plotly, so a wrong property name fails."""

from __future__ import annotations

import copy
import json

import pandas as pd
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
    """The figure's spec, checked by Plotly (ValueError on any property it does not know), and
    equal to the spec Plotly's own Figure gives for the same traces and layout (charts.DrawnFigure
    keeps it without Plotly's copies)."""
    spec = figure.to_dict()
    go.Figure(copy.deepcopy(spec))
    plain_layout = {k: v for k, v in spec["layout"].items() if k != "template"}
    assert spec == go.Figure({"data": spec["data"], "layout": plain_layout}, _validate=False).to_dict()
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


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_heatmap_column_labels_are_one_short_line_with_full_names_on_hover(shipped, lang):
    """Wrapped labels turned upright on a phone crossed each other (issue 16 trial, finding 11)."""
    grid = heading_session_grid(shipped, Filters(lang=lang))
    spec = validated(charts.heading_session_heatmap(grid, lang))
    trace = spec["data"][0]
    limit = 12 if lang == "zh" else 28
    assert all("<br>" not in x and len(x) <= limit for x in trace["x"])
    assert any(x.endswith("…") for x in trace["x"])  # the shipped headings are longer than that
    assert spec["layout"]["xaxis"]["autotickangles"] == [0, 90]
    full = [cell[0] for cell in trace["customdata"][0]]
    assert full == list(dict.fromkeys(grid.heading_label))
    assert "%{customdata[0]}" in trace["hovertemplate"]


def test_bar_numbers_stay_level():
    """Plotly turns a number that does not fit sideways (finding 12): every bar keeps it level."""
    frame = pd.DataFrame(
        {"heading": ["a", "b"], "heading_label": ["A", "B"], "done": [2, 22], "pending": [0, 1], "proposed": [0, 7]}
    ).assign(total=lambda f: f.done + f.pending + f.proposed)
    for trace in charts.stacked_bars(frame, "heading_label", "heading", LABELS, "en", "Items").to_dict()["data"]:
        assert trace["textangle"] == 0


def test_a_narrow_segment_carries_its_count_alone():
    """ "1 / 12%" does not fit a phone's narrow segment and was hidden (finding 12): the count alone does."""
    frame = pd.DataFrame(
        {"heading": ["a", "b"], "heading_label": ["A", "B"], "done": [6, 1], "pending": [1, 0], "proposed": [1, 2]}
    ).assign(total=lambda f: f.done + f.pending + f.proposed)
    text = {
        t["name"]: t["text"]
        for t in charts.stacked_bars(frame, "heading_label", "heading", LABELS, "en", "Items").to_dict()["data"]
    }
    assert text["Done"] == ["6<br>75%", "1"]  # 1 of an axis of 8: under a fifth
    assert text["Pending"] == ["1", ""]
    assert text["Proposed"] == ["1", "2<br>67%"]


def test_under_a_status_filter_bar_shares_are_of_every_item_on_the_record(shipped):
    """status=done keeps the done items; each bar's share is still of every item of the heading on
    the record (80% of prevention's five), as the table, the CSV and `summary` say, not done of done."""
    from transforms.database.coverage import answer
    from transforms.database.queries import Filters as F

    found = answer(shipped, F(statuses=("done",)), "own")
    figure = charts.stacked_bars(
        found.coverage, "heading_label", "heading", {"done": "D", "pending": "P", "proposed": "R"}, "en", "Items"
    )
    done = next(trace for trace in figure.to_dict()["data"] if trace["name"] == "D")
    on_screen = dict(zip(found.coverage["heading"], done["text"]))
    top = int(found.coverage["total"].max())  # a narrow segment shows its count alone (charts.NARROW)
    expected = {r.heading: charts._share(r.done, r.on_record, top) for r in found.coverage.itertuples() if r.done}
    assert "4<br>80%" in expected.values()  # prevention: 4 done of its 5 on record
    assert {k: v for k, v in on_screen.items() if v} == expected
    assert any(r.done < r.on_record for r in found.coverage.itertuples())  # the case that used to read 100%
    last = found.timeline.iloc[-1]
    assert last.done_share == round(last.done / last.on_record, 4) < 1  # after each session: of all on record too


def test_under_a_status_filter_the_timeline_sentence_says_what_the_filter_counts(shipped):
    from transforms.database.coverage import answer, timeline_sentence
    from transforms.database.queries import Filters as F

    found = answer(shipped, F(statuses=("done",)), "own")
    said = timeline_sentence("en", found)
    assert "it holds 30, of which the status filter counts 22 (73%)" in said, said
    assert "已完成" not in said and "状态筛选计入 22 个（73%）" in timeline_sentence("zh", found)


def test_a_drawn_figure_gives_its_own_spec_without_copying_and_drawing_leaves_it_unchanged(shipped):
    """charts.DrawnFigure: to_dict() is the spec Plotly itself gives for the same traces and layout,
    the same dict each time (no deep copy per draw), and what st.plotly_chart does with it (take the
    figure's dict, write JSON with Plotly's engines) leaves it as it was."""
    import plotly.io as pio
    import plotly.tools

    frame = coverage_by_heading(shipped, Filters())
    bars = charts.stacked_bars(frame, "heading_label", "heading", LABELS, "en", "Items")
    spec = bars.to_dict()
    assert spec is bars.to_dict()
    assert spec == go.Figure(copy.deepcopy(spec)).to_dict()
    kept = copy.deepcopy(spec)
    for engine in ("json", "orjson"):
        drawn = plotly.tools.return_figure_from_figure_or_data(bars, validate_figure=True)
        assert json.loads(pio.to_json(drawn, validate=False, engine=engine)) == json.loads(json.dumps(kept))
    assert bars.to_dict() == kept


def test_a_bar_prints_the_share_its_table_prints():
    """The bar's percentage is the frame's own share (four places, as the numbers table and the
    CSV hold it), not the count over the total again: 10,099 of 19,999 is 50.4975%, held as 0.505,
    which every table shows as 51%; the bar says 51% too."""
    from transforms.presentation.i18n import percent

    frame = pd.DataFrame(
        {
            "heading": ["prevention"],
            "heading_label": ["Prevention"],
            "done": [10099],
            "pending": [0],
            "proposed": [9900],
            "total": [19999],
            "on_record": [19999],
            "done_share": [0.505],
            "pending_share": [0.0],
            "proposed_share": [0.495],
        }
    )
    spec = charts.stacked_bars(frame, "heading_label", "heading", LABELS, "en", "Items").to_dict()
    done = next(trace for trace in spec["data"] if trace["name"] == "Done")
    assert done["text"] == [f"10,099<br>{percent(0.505)}"] == ["10,099<br>51%"]
    assert percent(10099 / 19999) == "50%"  # what the bar said before
