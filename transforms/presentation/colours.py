"""Status colours from the theme in .streamlit/config.toml, shared by the dashboard and the briefing,
and the WCAG 2.1 contrast ratio used to check them (marks at 3:1, text at 4.5:1)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

STATUSES = ("done", "pending", "proposed")
CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"  # in the repository, as record.paths.REPO
CHART_TEXT = "#111111"  # axis, legend and numbers drawn on or beside a bar (see dashboard/charts.py)
TEXT_ON_MARK = "#000000"  # numbers drawn inside a coloured bar segment


@lru_cache(maxsize=1)
def theme() -> dict:
    """The [theme] table of .streamlit/config.toml (textColor, backgroundColor, chartCategoricalColors, ...)."""
    with open(CONFIG, "rb") as f:
        return tomllib.load(f)["theme"]


def status_colours() -> dict[str, str]:
    """done, pending, proposed -> colour: the first three of the theme's categorical colours."""
    return dict(zip(STATUSES, theme()["chartCategoricalColors"]))


def _luminance(colour: str) -> float:
    """Relative luminance (0 black .. 1 white) of '#RRGGBB', as WCAG 2.1 defines it."""
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"expected a colour as #RRGGBB, found {colour!r}")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two '#RRGGBB' colours: 1.0 (none) to 21.0 (black on white);
    ValueError for another form."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
