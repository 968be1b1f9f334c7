"""The SQL the database is built and queried with: one file per statement in transforms/database/sql/."""

from __future__ import annotations

from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent / "sql"


def sql(name: str) -> str:
    """The text of one SQL file in transforms/database/sql/ (name without .sql); OSError if there is none."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
