"""Chart colours meet WCAG 2.1 AA: marks at 3:1 against the page, text at 4.5:1 against what it is
drawn on (computed from the theme in .streamlit/config.toml and the colours dashboard/charts.py uses)."""

from __future__ import annotations

import pytest

from dashboard import charts
from transforms.database.queries import Filters, coverage_by_heading, heading_session_grid
from transforms.presentation.colours import CHART_TEXT, TEXT_ON_MARK, contrast_ratio, status_colours, theme

LABELS = {"done": "Done", "pending": "Pending", "proposed": "Proposed"}


def test_contrast_ratio_is_wcag():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the classic AA grey
    with pytest.raises(ValueError):
        contrast_ratio("red", "#FFFFFF")


def test_status_marks_and_their_numbers_are_readable():
    page = theme()["backgroundColor"]
    for status, colour in status_colours().items():
        assert contrast_ratio(colour, page) >= 3.0, (status, colour)
        assert contrast_ratio(TEXT_ON_MARK, colour) >= 4.5, (status, colour)
    for colour in theme()["chartCategoricalColors"]:
        assert contrast_ratio(colour, page) >= 3.0, colour


def test_chart_and_caption_text_are_readable():
    page, text = theme()["backgroundColor"], theme()["textColor"]
    assert contrast_ratio(CHART_TEXT, page) >= 4.5
    caption = "#" + "".join(f"{round(int(text[i : i + 2], 16) * 0.6 + 255 * 0.4):02x}" for i in (1, 3, 5))
    assert contrast_ratio(caption, page) >= 4.5  # Streamlit draws st.caption in textColor at 60%
    # the selected language button: primaryColor on its own tint (primaryColor at 15% on white)
    primary = theme()["primaryColor"]
    tint = "#" + "".join(f"{round(int(primary[i : i + 2], 16) * 0.15 + 255 * 0.85):02x}" for i in (1, 3, 5))
    assert contrast_ratio(primary, tint) >= 4.5


def test_every_figure_draws_in_readable_colours(shipped):
    page = theme()["backgroundColor"]
    frame = coverage_by_heading(shipped, Filters())
    bars = charts.stacked_bars(frame, "heading_label", "heading", LABELS, "en", "Items")
    for trace in bars.to_dict()["data"]:
        assert contrast_ratio(trace["marker"]["color"], page) >= 3.0
        assert contrast_ratio(trace["textfont"]["color"], trace["marker"]["color"]) >= 4.5
    layout = bars.to_dict()["layout"]
    for font in (layout["xaxis"]["tickfont"], layout["yaxis"]["tickfont"], layout["legend"]["font"]):
        assert contrast_ratio(font["color"], page) >= 4.5
    heat = charts.heading_session_heatmap(heading_session_grid(shipped, Filters()), "en").to_dict()["data"][0]
    filled = [colour for stop, colour in heat["colorscale"] if colour != charts.HEAT_EMPTY]
    assert filled and all(contrast_ratio(c, page) >= 3.0 for c in filled)
    assert all(contrast_ratio(heat["textfont"]["color"], c) >= 4.5 for c in filled)


def test_every_chart_has_a_sentence_with_its_numbers(shipped):
    frame = coverage_by_heading(shipped, Filters())
    spec = charts.stacked_bars(frame, "heading_label", "heading", LABELS, "en", "Items").to_dict()
    label = spec["layout"]["meta"]["label"]
    assert label.startswith("Stacked bar chart by status")
    for row in frame.itertuples():
        assert f"{row.heading_label}: Done {row.done}, Pending {row.pending}, Proposed {row.proposed}" in label


def test_chinese_labels_never_start_a_line_with_closing_punctuation():
    wrapped = charts.wrap("保护和协助贩运人口行为受（害者）", "zh", width=9)
    assert not any(line[0] in charts.CLOSING for line in wrapped.split("<br>"))
    assert "".join(wrapped.split("<br>")) == "保护和协助贩运人口行为受（害者）"
    assert charts.wrap("一二三四五六七八九）十", "zh", width=9).split("<br>") == ["一二三四五六七八九）", "十"]
