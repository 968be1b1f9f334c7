"""The tables people download: the same queries the dashboard draws, as CSV for people."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from .csvio import people_csv_bytes
from .queries import Filters, Store

# table name -> (query, columns in the order they are written)
EXPORTS: dict[str, tuple[str, list[str]]] = {
    "coverage": (
        "coverage_by_heading",
        [
            "heading",
            "heading_label",
            "done",
            "pending",
            "proposed",
            "total",
            "done_share",
            "pending_share",
            "proposed_share",
        ],
    ),
    "items": (
        "item_list",
        [
            "item_id",
            "kind",
            "kind_label",
            "heading",
            "heading_label",
            "heading_basis",
            "title",
            "status",
            "status_label",
            "sessions",
            "plan_paragraph",
            "source_document",
            "source_paragraph",
            "quote_zh",
        ],
    ),
    "sessions": (
        "session_list",
        [
            "session_id",
            "body_key",
            "body",
            "number",
            "sequence",
            "title",
            "start_date",
            "end_date",
            "venue",
            "document_symbols",
            "source_document",
            "source_paragraph",
            "quote_zh",
            "note",
        ],
    ),
    "links": (
        "link_list",
        [
            "item_id",
            "session_id",
            "status",
            "status_label",
            "heading",
            "kind",
            "item_title",
            "session_title",
            "document_symbol",
            "source_document",
            "source_paragraph",
            "quote_zh",
            "note",
        ],
    ),
}


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as ISO text, whole numbers without a trailing .0, missing values empty."""
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if pd.api.types.is_datetime64_any_dtype(column):
            out[name] = column.dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_float_dtype(column) and name == "plan_paragraph":
            out[name] = column.astype("Int64")
    return out


def export_frame(store: Store, table: str, filters: Filters) -> pd.DataFrame:
    """The rows of one export table, columns fixed whatever the language."""
    query, columns = EXPORTS[table]
    return _plain(store.frame(query, filters)[columns])


def export_bytes(store: Store, table: str, filters: Filters) -> bytes:
    return people_csv_bytes(export_frame(store, table, filters))


def export_file_name(table: str, filters: Filters, today: dt.date | None = None) -> str:
    """Says what the file holds: table, filters, language and date."""
    day = (today or dt.date.today()).isoformat()
    return f"gaptrack-{table}-{filters.describe()}-{filters.lang}-{day}.csv"
