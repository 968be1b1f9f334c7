"""The briefing writes every count and share as its language writes numbers, by Babel
(transforms.presentation.i18n.number and percent), as the dashboard's sentences do: on the bars,
beside them, in the table under the chart, in the chart's accessible name and in the open items'
counts. Counts are large, so a number written as Python writes it ("12345") is caught."""

from __future__ import annotations

import re
from collections import namedtuple

import pytest

from transforms.presentation.i18n import number, percent, t
from transforms.reports.report import _coverage_table, coverage_chart

Row = namedtuple(
    "Row",
    "heading heading_label done pending proposed total on_record done_share pending_share proposed_share",
)
ROWS = [
    Row("prevention", "Alpha", 12345, 2345, 1310, 16000, 16000, 0.7716, 0.1466, 0.0819),
    Row("protection", "Beta", 1000, 0, 0, 1000, 1000, 1.0, 0.0, 0.0),
]
TOTAL = Row(None, "All", 13345, 2345, 1310, 17000, 17000, 0.785, 0.1379, 0.0771)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_and_table_write_counts_and_shares_as_the_language_does(lang):
    chart = coverage_chart(ROWS, lang)
    assert re.findall(r'class="bar-total">([^<]*)<', chart) == [number(lang, 16000), number(lang, 1000)]
    segments = re.findall(r'class="segment">([^<]*)<', chart)
    assert segments[0] == f"{number(lang, 12345)} · {percent(0.7716, lang)}"
    assert number(lang, 1000) in segments and number(lang, 2345) in segments
    name = re.search(r'aria-label="([^"]*)"', chart).group(1)
    assert t(lang, "chart_status_count", status=t(lang, "status_done"), count=12345) in name
    assert number(lang, 12345) in name

    table = _coverage_table(lang, ROWS, TOTAL)
    cells = [re.findall(r"<td[^>]*>([^<]*)</td>", row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table)[1:]]
    for row, cell in zip([*ROWS, TOTAL], cells):
        counts = [number(lang, n) for n in (row.done, row.pending, row.proposed, row.total, row.on_record)]
        assert cell[1:] == [*counts, percent(row.done_share, lang)]
    # never as Python writes a large number
    assert not re.search(r"\d{4}", re.sub(r"<[^>]*>|#[0-9A-Fa-f]{6}|\d+\.\d+%?|width:\d+%", " ", chart + table))


def test_the_open_items_intro_counts_in_english_plurals_and_babel_numbers():
    assert "1 Plan requirement," in t("en", "report_open_intro", plan=1, own=1234)
    assert "1,234 of the Working Group" in t("en", "report_open_intro", plan=1, own=1234)
    assert "1,234" in t("zh", "report_open_intro", plan=1234, own=2)
    assert t("zh", "report_heading_open", count=1234) == "（未结 1,234 个）"
