"""Percentages on screen round half away from zero, as the CSV and marts round shares (DuckDB's
round), in both languages, keeping Babel's way of writing a percentage."""

from __future__ import annotations

import pytest

from dashboard.charts import _share
from transforms.presentation.i18n import percent


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    ("share", "shown"),
    [
        (0.125, "13%"),  # Babel alone: "12%" (half to even)
        (0.135, "14%"),
        (0.145, "15%"),  # the share the CSV writes as 0.145, though the double is a hair below it
        (0.005, "1%"),  # Babel alone: "0%"
        (0.015, "2%"),
        (0.7312, "73%"),
        (0.995, "100%"),
        (0.0, "0%"),
        (1.0, "100%"),
        (1 / 8, "13%"),
    ],
)
def test_half_rounds_away_from_zero(share, shown, lang):
    assert percent(share, lang) == shown


def test_locale_writing_kept():
    assert percent(12.345, "en") == "1,235%" and percent(12.345, "zh") == "1,235%"
    assert percent(None, "en") == percent(float("nan"), "zh") == "–"


def test_bar_labels_round_as_the_tables_do():
    """The share written on a bar segment is the one the table beside it shows (1 of 8: 13%)."""
    assert _share(1, 8) == "1<br>" + percent(1 / 8) == "1<br>13%"
    assert _share(29, 200) == "29<br>15%"
