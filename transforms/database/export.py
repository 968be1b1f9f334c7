"""The tables people download: the same queries the dashboard draws, as CSV for people."""

from __future__ import annotations

import datetime as dt
import shlex

import pandas as pd

from ..record.csvio import people_csv_bytes
from . import marts, queries
from .coverage import QUESTIONS, headings_label
from .listing import search_items
from .queries import Filters, Store
from .scope import EXPORT_VIEW, applied

# table name -> (query, columns in the order they are written)
EXPORTS: dict[str, tuple[str, list[str]]] = {
    "coverage": (
        "coverage_export",
        [
            "question",
            "heading",
            "heading_label",
            "done",
            "pending",
            "proposed",
            "total",
            "done_share",
            "pending_share",
            "proposed_share",
            "on_record",
            "kinds_counted",
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
            "quote",
            "quote_language",
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
            "quote",
            "quote_language",
            "note",
        ],
    ),
    "plan": (
        "plan_view",
        [
            "heading",
            "heading_label",
            "requirement_id",
            "plan_paragraph",
            "requirement_title",
            "requirement_status",
            "requirement_status_label",
            "requirement_status_at",
            *queries.PLAN_ITEM_COLUMNS,
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
            "quote",
            "quote_language",
            "note",
        ],
    ),
}


def found_items(store: Store, filters: Filters, search: str = "", open_only: bool = False) -> pd.DataFrame:
    """The items export's rows (sql/item_list.sql under the filters it applies, in filters.lang)
    that the Items page's search finds: every word of `search` in what the row shows (ids, titles,
    heading, kind, status, paragraphs, quote, the sessions by id and by name in filters.lang), and
    only the pending and proposed ones with `open_only` (transforms.database.listing.search_items).
    The Items page's list and `gaptrack export items --search ... --open-only` are these rows."""
    items = queries.item_list(store, applied(filters, "items"))
    return search_items(items, search, open_only, filters.lang, queries.labels(store, filters.lang)["session"])


def export_bytes(store: Store, table: str, filters: Filters, search: str = "", open_only: bool = False) -> bytes:
    """One export table as CSV for people (columns fixed whatever the language), narrowed by the
    filters the table applies (transforms.scope: the sessions file only by as-of); for the items,
    also by a search and to the open ones (found_items). ValueError if a search or open_only is
    given for another table."""
    query, columns = EXPORTS[table]
    if search.strip() or open_only:
        if table != "items":
            raise ValueError(f"only the items export can be searched, not {table!r}")
        return people_csv_bytes(found_items(store, filters, search, open_only)[columns])
    if table == "coverage":  # the two questions apart, each with its total row (sql/coverage_export.sql)
        # summed from the marts (transforms.database.marts), written as Store.csv writes; the total
        # row named for the headings it sums
        coverage_filters = applied(filters, "coverage")
        label = headings_label(filters.lang, coverage_filters)
        frame = marts.coverage_export(store.marts(), coverage_filters, QUESTIONS, label)
        return people_csv_bytes(frame[columns])
    return store.csv(query, applied(filters, EXPORT_VIEW[table]), columns)


def export_file_name(
    table: str, filters: Filters, today: dt.date | None = None, search: str = "", open_only: bool = False
) -> str:
    """Says what the file holds: table, the filters it applies, whether it was searched (the words
    are not put in the name) or holds the open items only, language and date."""
    day = (today or dt.date.today()).isoformat()
    narrowed = ("-searched" if search.strip() else "") + ("-open-only" if open_only else "")
    return f"gaptrack-{table}-{applied(filters, EXPORT_VIEW[table]).describe()}{narrowed}-{filters.lang}-{day}.csv"


def export_command(table: str, filters: Filters, out: str, search: str = "", open_only: bool = False) -> str:
    """The `gaptrack export` command that writes the same file (the search words quoted for a
    POSIX shell)."""
    filters = applied(filters, EXPORT_VIEW[table])
    parts = ["gaptrack", "export", table]
    for flag, values in (("--heading", filters.headings), ("--status", filters.statuses), ("--kind", filters.kinds)):
        parts += [part for value in values for part in (flag, value)]
    if filters.as_of:
        parts += ["--as-of", filters.as_of]
    if not filters.curated:
        parts.append("--no-curated")
    if search.strip():
        parts += ["--search", shlex.quote(search.strip())]
    if open_only:
        parts.append("--open-only")
    return " ".join([*parts, "--lang", filters.lang, "--out", out])
