"""The coverage queries the CLI and the dashboard share.

Each query is one SQL file in sql/, run with named parameters against a read-only
connection, one cursor per query (a DuckDB connection is not thread-safe; cursors are).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from ..record.csvio import csv_bytes
from ..record.errors import Refusal
from ..record.schema import HEADINGS, KINDS, LANGS, STATUSES
from .sql_files import sql


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


class Store:
    """Read-only access to one built database file.

    The file is attached, read-only, to a private in-memory DuckDB instance. Connecting to
    the path directly would reuse any instance this process already has open on that path,
    which after a rebuild is the old, swapped-out file."""

    def __init__(self, db_path: Path):
        self.path = Path(db_path)
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

    def derived(self, name: str, query: str, filters: Filters, make) -> pd.DataFrame:
        """make(): a frame computed from sql/<query>.sql's result for these filters (`name` says
        what it is). Here simply made; a Store that remembers frames (dashboard.data.MemoStore)
        keeps it with the query's own result, under the parameters the query reads."""
        return make()

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
    return {column: int(coverage[column].sum()) for column in columns}


def check_filters(filters: Filters, sessions: list[str]) -> Filters:
    """The filters if every key is known; otherwise a UsageError saying what is allowed."""
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
    return filters


def coverage_by_heading(store: Store, filters: Filters) -> pd.DataFrame:
    """Per heading: items done, pending, proposed, total, and the shares of each."""
    return store.frame("coverage_by_heading", filters)


def coverage_timeline(store: Store, filters: Filters) -> pd.DataFrame:
    """Per session and heading: coverage as it stood after that session, up to the as-of session.

    The running sums up to a session do not depend on the sessions after it, so the query runs
    without as-of (one result, and one query to plan, for every as-of point of the same filters)
    and the sessions after as-of are cut here: the same rows sql/coverage_timeline.sql gives with
    $as_of (tests/test_coverage.py)."""
    return _up_to(store.frame("coverage_timeline", replace(filters, as_of=None)), filters.as_of)


def _up_to(frame: pd.DataFrame, as_of: str | None) -> pd.DataFrame:
    """The rows of a frame in session order (sequence, session_id columns) up to the as-of session:
    a slice, so nothing is copied; all of them when as_of is None or not a session on the record
    (as sql/rollup.sql's as_of_sequence)."""
    if as_of is None:
        return frame
    at = np.flatnonzero(frame["session_id"].to_numpy(dtype=object) == as_of)
    if not len(at):
        return frame
    return frame.iloc[: frame["sequence"].searchsorted(frame["sequence"].iat[at[0]], side="right")]


def session_outcomes(store: Store, filters: Filters) -> pd.DataFrame:
    """Per session: links recorded there as done (adopted), pending (deferred), proposed."""
    return store.frame("session_outcomes", filters)


def heading_session_grid(store: Store, filters: Filters) -> pd.DataFrame:
    """Per heading and session: links recorded there, by status."""
    return store.frame("heading_session_grid", filters)


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
    it, first_session: the first that did) and its links to sessions (counted: up to as-of)."""
    return (store.frame("item_detail", filters, item_id=item_id), store.frame("item_links", filters, item_id=item_id))


def item_details(store: Store, filters: Filters) -> pd.DataFrame:
    """Every item with everything behind it (item_detail's columns, one row per item, in item_id
    order), for pages that show each item's provenance at once."""
    return store.frame("item_detail", filters, item_id=None)


def record_info(store: Store) -> dict:
    """Data version, build time and counts of the database."""
    return store.frame("record_info").iloc[0].to_dict()


def coverage_timeline_totals(store: Store, filters: Filters) -> pd.DataFrame:
    """Coverage after each session summed over the headings: one row per session, in order."""
    whole = replace(filters, as_of=None)
    totals = store.derived(
        "coverage_timeline_totals", "coverage_timeline", whole, lambda: _summed(coverage_timeline(store, whole))
    )
    return _up_to(totals, filters.as_of)


def _summed(timeline: pd.DataFrame) -> pd.DataFrame:
    """A coverage_timeline frame summed over its headings: one row per session, in order."""
    columns = ["done", "pending", "proposed", "total"]
    # The rows come in session order (ORDER BY sequence): each session's rows are summed as one
    # run of rows with numpy (a pandas group-by on the id and title strings cost more than the
    # query); each session has one id and title, taken from its first row.
    if not timeline["sequence"].is_monotonic_increasing:
        timeline = timeline.sort_values("sequence", kind="stable", ignore_index=True)
    sequence = timeline["sequence"].to_numpy()
    starts = np.flatnonzero(np.r_[True, sequence[1:] != sequence[:-1]]) if len(sequence) else np.array([], int)
    out = timeline.iloc[starts][["sequence", "session_id", "session_title"]].reset_index(drop=True)
    for column in columns:
        values = timeline[column].to_numpy(dtype="int64")
        out[column] = np.add.reduceat(values, starts) if len(starts) else values[:0]
    return out
