"""The tables people download: the same queries the dashboard draws, as CSV for people."""

from __future__ import annotations

import datetime as dt

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


def export_bytes(store: Store, table: str, filters: Filters) -> bytes:
    """One export table as CSV for people (columns fixed whatever the language)."""
    query, columns = EXPORTS[table]
    return store.csv(query, filters, columns)


def export_file_name(table: str, filters: Filters, today: dt.date | None = None) -> str:
    """Says what the file holds: table, filters, language and date."""
    day = (today or dt.date.today()).isoformat()
    return f"gaptrack-{table}-{filters.describe()}-{filters.lang}-{day}.csv"


def export_command(table: str, filters: Filters, out: str) -> str:
    """The `gaptrack export` command that writes the same file."""
    parts = ["gaptrack", "export", table]
    for flag, values in (("--heading", filters.headings), ("--status", filters.statuses), ("--kind", filters.kinds)):
        parts += [part for value in values for part in (flag, value)]
    if filters.as_of:
        parts += ["--as-of", filters.as_of]
    return " ".join([*parts, "--lang", filters.lang, "--out", out])
