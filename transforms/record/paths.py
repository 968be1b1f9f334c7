"""Where things live by default. GAPTRACK_DATA and GAPTRACK_DB override the defaults."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def default_data_dir() -> Path:
    """The data folder: $GAPTRACK_DATA, or data/ in the repository."""
    return Path(os.environ.get("GAPTRACK_DATA", REPO / "data"))


def default_db_path() -> Path:
    """The database file: $GAPTRACK_DB, or var/gaptrack.duckdb in the repository."""
    return Path(os.environ.get("GAPTRACK_DB", REPO / "var" / "gaptrack.duckdb"))
