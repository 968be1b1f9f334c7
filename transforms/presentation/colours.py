"""Status colours from the theme in .streamlit/config.toml, shared by the dashboard and the briefing."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

STATUSES = ("done", "pending", "proposed")
CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"  # in the repository, as record.paths.REPO


@lru_cache(maxsize=1)
def status_colours() -> dict[str, str]:
    """done, pending, proposed -> colour: the first three of the theme's categorical colours."""
    with open(CONFIG, "rb") as f:
        colours = tomllib.load(f)["theme"]["chartCategoricalColors"]
    return dict(zip(STATUSES, colours))
