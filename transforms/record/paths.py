"""Where things live by default. GAPTRACK_DATA and GAPTRACK_DB override the defaults."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SQL_DIR = Path(__file__).resolve().parents[1] / "sql"


def default_data_dir() -> Path:
    return Path(os.environ.get("GAPTRACK_DATA", REPO / "data"))


def default_db_path() -> Path:
    return Path(os.environ.get("GAPTRACK_DB", REPO / "var" / "gaptrack.duckdb"))


def sql(name: str) -> str:
    """The text of one SQL file in transforms/sql/."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
