"""The data tables' columns the candidates are written in, and the one name of the quote column.

The quote column is named once here (QUOTE): when the record renames it, this is the one line to change.
"""

from __future__ import annotations

from ..record.schema import TABLE_BY_NAME

QUOTE = "quote_zh"  # the exact wording of the source paragraph, in the document's language
OUTPUT_TABLES = ("items", "documents", "sessions", "sources")


def columns(table: str) -> list[str]:
    """The column names of a data table, in the data's own order."""
    return TABLE_BY_NAME[table].column_names


def blank_row(table: str, **values: str) -> dict[str, str]:
    """A row of `table` with every column empty, then `values` filled in (unknown names are a bug)."""
    row = dict.fromkeys(columns(table), "")
    unknown = set(values) - set(row)
    if unknown:
        raise KeyError(f"{table} has no column {sorted(unknown)}")
    row.update(values)
    return row
