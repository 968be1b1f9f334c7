"""The coverage queries the CLI and the dashboard share.

Each query is one SQL file in sql/, run with named parameters against a read-only
connection, one cursor per query (a DuckDB connection is not thread-safe; cursors are).
The aggregate ones (coverage per heading, the timeline, session outcomes, the heading x session
grid) are answered by summing the marts the Store reads once (transforms.database.marts): the
same frames as their SQL files, which stay their definition (tests/test_marts.py).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from ..record.csvio import csv_bytes
from ..record.errors import Refusal
from ..record.schema import HEADINGS, KINDS, LANGS, STATUSES
from . import marts as marts_
from . import session_frames
from .sql_files import sql


def in_record_order(chosen, order: tuple[str, ...]) -> tuple[str, ...]:
    """The values chosen, once each, in the record's order (`order`: headings as the Plan lists
    them, statuses done, pending, proposed, kinds as the schema lists them); a value not in
    `order` comes last."""
    return tuple(sorted(dict.fromkeys(chosen), key=lambda v: order.index(v) if v in order else len(order)))


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the record to. Empty tuples keep everything."""

    headings: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    as_of: str | None = None  # a session_id: the record as it stood after that session
    lang: str = "en"
    curated: bool = True  # count relations the editors judged (addresses.csv, basis curated)

    def params(self) -> dict:
        return {
            "headings": list(self.headings),
            "statuses": list(self.statuses),
            "kinds": list(self.kinds),
            "as_of": self.as_of,
            "lang": self.lang,
            "curated": self.curated,
        }

    def in_order(self) -> Filters:
        """The same filters with each list once per value, in the record's order (in_record_order):
        the view a choice describes, whatever order its values were given in (the dashboard's
        widgets, the command line's options), so it is worded and named one way."""
        return replace(
            self,
            headings=in_record_order(self.headings, HEADINGS),
            statuses=in_record_order(self.statuses, STATUSES),
            kinds=in_record_order(self.kinds, KINDS),
        )

    def describe(self) -> str:
        """A short slug of the filters, for file names: 'all' when nothing is narrowed."""
        parts = [*self.headings, *self.statuses, *self.kinds]
        if self.as_of:
            parts.append(f"as-of-{self.as_of}")
        if not self.curated:
            parts.append("source-relations-only")
        return "-".join(parts) or "all"


@lru_cache(maxsize=64)
def _statement(name: str) -> tuple[str, frozenset[str]]:
    text = sql(name)
    return text, frozenset(re.findall(r"\$([a-z_]+)", text))


def parameters(name: str) -> frozenset[str]:
    """The named parameters ($name) that sql/<name>.sql reads; OSError if there is no such file."""
    return _statement(name)[1]


# Queries whose heading, status and kind filters (and $session_id, $item_id, $limit) only pick rows
# of their result by the value of one of its columns, keeping the result's order: who holds the result
# without them can pick the rows instead of asking again (`narrowed`; dashboard.data.MemoStore).
# The record count in SIZED_BY bounds the rows of the whole result.
# (plan_view: the heading and status filters pick requirements; the kind filter narrows the
# addressing items listed under each: a requirement left with none keeps one row, its item
# columns empty, as the SQL gives it (PLAN_ITEM_COLUMNS).)
SELECTIONS: dict[str, dict[str, str]] = {
    "item_list": {"headings": "heading", "statuses": "status", "kinds": "kind"},
    "link_list": {"headings": "heading", "statuses": "status", "kinds": "kind", "session_id": "session_id"},
    "plan_view": {"headings": "heading", "statuses": "requirement_status", "kinds": "item_kind"},
    # one item's row and its links: what an item's provenance shows (item_detail)
    "item_detail": {"item_id": "item_id"},
    "item_links": {"item_id": "item_id"},
}
# The plan_view columns of the addressing item (NULL on a requirement's row when none is listed).
PLAN_ITEM_COLUMNS = (
    "item_id",
    "item_kind",
    "item_kind_label",
    "item_title",
    "item_status",
    "item_status_label",
    "item_status_at",
    "basis",
    "rationale",
)
# The counts of sql/record_sizes.sql whose sum bounds the rows of the whole result.
SIZED_BY = {
    "item_list": ("items",),
    "link_list": ("links",),
    "plan_view": ("items", "addresses"),
    "item_detail": ("items",),
    "item_links": ("links",),
}
FILTER_FIELDS = {"headings", "statuses", "kinds"}


def widened(query: str, filters: Filters | None, extra: dict) -> tuple[Filters, dict]:
    """The filters and extra parameters of `query` without those `narrowed` applies (and no limit)."""
    picked = SELECTIONS[query]
    wide_filters = {k: () for k in picked if k in FILTER_FIELDS}
    wide_extra = {k: None for k in (*picked, "limit") if k not in FILTER_FIELDS}
    return replace(filters or Filters(), **wide_filters), {**extra, **wide_extra}


def narrowed(query: str, whole: pd.DataFrame, filters: Filters | None, extra: dict, holding=None) -> pd.DataFrame:
    """The rows of `whole` (the query's result under `widened` parameters) that the query gives
    under these: those whose columns hold a value each filter lists, in order, the first
    extra["limit"] of them. A new frame (0..n index). `holding(column, value)`, if given, is
    whole[column] == value as a numpy array (kept by the caller: whole is the same each time)."""
    given = {**(filters or Filters()).params(), **extra}
    holds = holding or (lambda column, value: (whole[column] == value).to_numpy())
    keep = None  # None: every row
    for parameter, column in SELECTIONS[query].items():
        if query == "plan_view" and parameter == "kinds":
            continue  # below: it narrows the items listed, not the requirements
        wanted = given.get(parameter)
        if isinstance(wanted, list) and wanted:
            if holding is None:
                picked = whole[column].isin(wanted).to_numpy()
            else:  # the same rows as isin: those equal to one of the values (a missing one to none)
                picked = np.logical_or.reduce([holds(column, value) for value in wanted])
        elif wanted is not None and not isinstance(wanted, list):
            picked = holds(column, wanted)
        else:
            continue
        keep = picked if keep is None else keep & picked
    if query == "plan_view" and given.get("kinds"):
        out = _plan_items_of_kinds(whole if keep is None else whole[keep], given["kinds"])
    else:
        # the rows kept, the first `limit` of them, picked at once (nothing narrowed: none picked)
        rows = np.arange(len(whole)) if keep is None else np.flatnonzero(keep)
        if given.get("limit") is not None and "limit" in parameters(query):
            rows = rows[: max(int(given["limit"]), 0)]
        if len(rows) == len(whole):
            out = whole
        elif len(rows) and rows[-1] - rows[0] == len(rows) - 1:  # one run of rows (an item's): a slice
            out = whole.iloc[rows[0] : rows[-1] + 1]
        else:
            out = whole.take(rows)
    return out.reset_index(drop=True)


def _plan_items_of_kinds(plan: pd.DataFrame, kinds: list[str]) -> pd.DataFrame:
    """plan_view rows with only the addressing items of these kinds listed: each requirement keeps
    its rows whose item is of one of the kinds, in order, or (none left) its first row with the item
    columns emptied; the counts are of every addressing item, so they stay."""
    listed = plan["item_kind"].isin(kinds).to_numpy()
    requirement = plan["requirement_id"].tolist()
    first = np.ones(len(plan), dtype=bool)
    first[1:] = [a != b for a, b in zip(requirement[1:], requirement[:-1])]
    having = {r for r, wanted in zip(requirement, listed.tolist()) if wanted}  # requirements with one listed
    has_listed = np.fromiter((r in having for r in requirement), dtype=bool, count=len(requirement))
    empty = first & ~has_listed  # one row kept for a requirement none of whose items is listed
    keep = listed | empty
    out = plan[keep]
    emptied = empty[keep]
    if emptied.any():
        blank = ~emptied
        for column in PLAN_ITEM_COLUMNS:
            values = out[column]
            # as setting None in the rows leaves the column (NaN in a str column, None in an object
            # one), at a fraction of the cost
            if values.dtype == "str":
                out[column] = values.where(blank)
            elif values.dtype == object:
                cleared = values.to_numpy(dtype=object, copy=True)
                cleared[emptied] = None
                out[column] = pd.Series(cleared, index=out.index, dtype=object)
            else:
                out.loc[emptied, column] = None
    return out


MART_TABLES = frozenset({"sessions", "headings", "bodies", "kinds", "coverage_steps", "session_counts"})


class Store:
    """Read-only access to one built database file.

    The file is attached, read-only, to a private in-memory DuckDB instance. Connecting to
    the path directly would reuse any instance this process already has open on that path,
    which after a rebuild is the old, swapped-out file."""

    def __init__(self, db_path: Path):
        self.path = Path(db_path)
        self._marts: marts_.Marts | None = None
        self._marts_lock = threading.Lock()
        self.con = duckdb.connect(":memory:")
        try:
            self.con.execute("ATTACH ? AS record (READ_ONLY)", [str(self.path)])
        except duckdb.Error:
            self.con.close()
            raise

    def frame(self, name: str, filters: Filters | None = None, **extra) -> pd.DataFrame:
        """Run sql/<name>.sql with the filters' parameters (and any extra ones)."""
        text, wanted = _statement(name)
        given = {**(filters or Filters()).params(), **extra}  # parameters not given are NULL
        cursor = self.con.cursor()
        try:
            cursor.execute("USE record")
            return cursor.execute(text, {k: given.get(k) for k in wanted}).df()
        finally:
            cursor.close()

    def marts(self) -> marts_.Marts:
        """The marts of this file (transforms.database.marts), read on first use and kept: the
        file is read-only, so they never change. Thread-safe."""
        with self._marts_lock:
            if self._marts is None:
                self._marts = marts_.read_marts(self._table)
            return self._marts

    def _table(self, name: str) -> pd.DataFrame:
        if name not in MART_TABLES:  # table names are not parameters: only these are read whole
            raise ValueError(f"not a mart table: {name!r}")
        cursor = self.con.cursor()
        try:
            cursor.execute("USE record")
            return cursor.execute(f"SELECT * FROM {name}").df()
        finally:
            cursor.close()

    def csv(self, name: str, filters: Filters, columns: list[str], **extra) -> bytes:
        """sql/<name>.sql's rows, these columns, as CSV for people (written by DuckDB)."""
        text, wanted = _statement(name)
        given = {**filters.params(), **extra}
        listed = ", ".join(f'"{c}"' for c in columns)
        cursor = self.con.cursor()
        try:
            cursor.execute("USE record")
            return csv_bytes(cursor, f"SELECT {listed} FROM ({text})", {k: given.get(k) for k in wanted})
        finally:
            cursor.close()

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def labels(store: Store, lang: str) -> dict[str, dict[str, str]]:
    """For each field (heading, status, kind, session, body): key -> label, in display order."""
    out: dict[str, dict[str, str]] = {}
    for row in store.frame("labels", Filters(lang=lang)).itertuples():
        out.setdefault(row.field, {})[row.key] = row.label
    return out


def coverage_totals(coverage: pd.DataFrame) -> dict[str, int]:
    """Headline figures: the coverage table summed over its headings: done, pending, proposed,
    total (items matching the filters) and, when the table has it, on_record (items of the set
    on the record as of, whatever the status filter: the denominator of every share)."""
    columns = ("done", "pending", "proposed", "total", *(["on_record"] if "on_record" in coverage else []))
    return {column: int(coverage[column].to_numpy().sum()) for column in columns}


def check_filters(filters: Filters, sessions: list[str]) -> Filters:
    """The filters, in the record's order (Filters.in_order: the briefing and file names read the
    same whatever order the options were typed in, as on the dashboard), if every key is known;
    otherwise a UsageError saying what is allowed."""
    for option, given, allowed in (
        ("--heading", filters.headings, HEADINGS),
        ("--status", filters.statuses, STATUSES),
        ("--kind", filters.kinds, KINDS),
        ("--lang", (filters.lang,), LANGS),
        ("--as-of", (filters.as_of,) if filters.as_of else (), tuple(sessions)),
    ):
        for value in given:
            if value not in allowed:
                raise Refusal("filter_unknown", option=option, value=value, allowed=", ".join(allowed))
    return filters.in_order()


def coverage_by_heading(store: Store, filters: Filters) -> pd.DataFrame:
    """Per heading: items done, pending, proposed, total, and the shares of each (the rows of
    sql/coverage_by_heading.sql, summed from the marts in memory: transforms.database.marts)."""
    return marts_.coverage_by_heading(store.marts(), filters)


def coverage_timeline(store: Store, filters: Filters) -> pd.DataFrame:
    """Per session and heading: coverage as it stood after that session, up to the as-of session
    (the rows of sql/coverage_timeline.sql, summed from the marts in memory)."""
    return marts_.coverage_timeline(store.marts(), filters)


def coverage_total(store: Store, filters: Filters) -> int:
    """coverage_totals(coverage_by_heading(store, filters))["total"]: how many items the record
    holds as of filters.as_of in the filters, summed from the marts' steps without making the
    frame (tests/test_coverage_total.py holds it equal to the SQL file's)."""
    marts = store.marts()
    steps = marts.steps
    keep = steps["session"] < marts.as_of_position(filters.as_of)
    for column, wanted, names in (
        ("heading", filters.headings, marts.headings["heading"].tolist()),
        ("status", filters.statuses, marts_.STATUS_COLUMNS),
        ("kind", filters.kinds, marts.kinds),
    ):
        if wanted:
            keep &= np.array([name in wanted for name in names], dtype=bool)[steps[column]]
    return int(steps["delta"][keep].sum())


def session_outcomes(store: Store, filters: Filters) -> pd.DataFrame:
    """Per session: links recorded there as done (adopted), pending (deferred), proposed (the
    rows of sql/session_outcomes.sql, summed from the marts in memory; transforms.database.session_frames)."""
    return session_frames.session_outcomes(store.marts(), filters)


def heading_session_grid(store: Store, filters: Filters) -> pd.DataFrame:
    """Per heading and session: links recorded there, by status (the rows of
    sql/heading_session_grid.sql, summed from the marts in memory; transforms.database.session_frames)."""
    return session_frames.heading_session_grid(store.marts(), filters)


def item_list(store: Store, filters: Filters, limit: int | None = None) -> pd.DataFrame:
    """The items on the record, filtered, with their rolled-up status (the first `limit`, or all)."""
    return store.frame("item_list", filters, limit=limit)


def link_list(store: Store, filters: Filters, session_id: str | None = None, limit: int | None = None) -> pd.DataFrame:
    """Item-session links, filtered (and to one session if given), with their provenance."""
    return store.frame("link_list", filters, session_id=session_id, limit=limit)


def plan_view(store: Store, filters: Filters) -> pd.DataFrame:
    """Plan requirements and the items that address them (see transforms.plan.plan_view)."""
    return store.frame("plan_view", filters)


def session_list(store: Store, filters: Filters) -> pd.DataFrame:
    """Sessions and meetings up to the as-of session."""
    return store.frame("session_list", filters)


def item_detail(store: Store, item_id: str, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One item (one row, or none if unknown; on_record: whether a session up to as-of recorded
    it, first_session: the first that did) and its links to sessions (counted: up to as-of).
    The item's plan_paragraph is int32 when it has one, else Int32 (as DuckDB types one row)."""
    item = store.frame("item_detail", filters, item_id=item_id)
    links = store.frame("item_links", filters, item_id=item_id)
    del links["item_id"]  # a frame of its own (Store.frame makes one per call)
    return typed_as_duckdb(item), typed_as_duckdb(links)


_TEXT, _INT32 = pd.api.types.pandas_dtype("str"), pd.Int32Dtype()


def typed_as_duckdb(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its columns typed as DuckDB types the rows it returns, when they were picked
    from a longer result (narrowed): a text column with no value is object (None), an Int32 column
    with no missing number int32. The same frame (changed) when anything changed."""
    missing = frame.isna().to_numpy()  # rows x columns, at once
    none_given, all_given = missing.all(axis=0), ~missing.any(axis=0)
    for i, (name, dtype) in enumerate(frame.dtypes.items()):
        if dtype == _TEXT and none_given[i]:
            frame[name] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
        elif dtype == _INT32 and all_given[i]:
            frame[name] = frame[name].astype("int32")
    return frame


def item_details(store: Store, filters: Filters) -> pd.DataFrame:
    """Every item with everything behind it (item_detail's columns, one row per item, in item_id
    order), for pages that show each item's provenance at once."""
    return store.frame("item_detail", filters, item_id=None)


def record_info(store: Store) -> dict:
    """Data version, build time and counts of the database."""
    return store.frame("record_info").iloc[0].to_dict()


def coverage_timeline_totals(store: Store, filters: Filters) -> pd.DataFrame:
    """Coverage after each session summed over the headings: one row per session up to as-of,
    in order (sequence, session_id, session_title, done, pending, proposed, total)."""
    return marts_.coverage_timeline_totals(store.marts(), filters)
