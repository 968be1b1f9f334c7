"""The coverage questions answered from the build's marts held in memory.

The build writes small marts (sql/marts.sql): coverage_steps (per heading, kind, session and
status, how many items entered (+) or left (-) the status there) and session_counts (per
session, heading, kind and status, how many links were recorded there). They hold a few
thousand rows whatever the size of the record. `Marts` reads them, with the sessions and
headings they refer to, once per database file; the four aggregate queries below are then
sums over their rows, with numpy.

Why not SQL each time: a DuckDB statement costs about 4.5 ms to parse, bind and plan, and
under 1 ms to run on rows this few; a dashboard view asks several of them, for filters seldom
asked before. Here a view costs well under a millisecond.

Each function returns the same frame (columns, order, dtypes, values) as the SQL file of the
same name in sql/ run with the filters' parameters: those files stay the definition (the diff
of two records runs them), and tests/test_marts.py holds the two equal over many filters on
the shipped record and on synthetic ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

STATUS_COLUMNS = ("done", "pending", "proposed")  # the count columns, in this order
AFTER_EVERYTHING = 2_147_483_647  # as sql/rollup.sql's as_of_sequence for no (or an unknown) as-of


@dataclass(frozen=True)
class Marts:
    """The marts and their dimensions, read from one database file. Never modified.

    sessions: column -> values (session_id, sequence (int32), body, title_en, title_zh, start_date,
      end_date) in sequence order; headings: column -> values (heading, label_en, label_zh) in sort
      order; bodies:
      body -> (label_en, label_zh); kinds: kind ids in sort order; steps and counts: the marts'
      rows as integer arrays (positions in `sessions`, `headings`, kinds and STATUS_COLUMNS) with
      their delta or links."""

    sessions: dict[str, np.ndarray]
    headings: dict[str, np.ndarray]
    bodies: dict[str, tuple[str, str]]
    kinds: tuple[str, ...]
    steps: dict[str, np.ndarray]  # session, heading, kind, status, delta
    counts: dict[str, np.ndarray]  # session, heading, kind, status, links

    def as_of_position(self, as_of: str | None) -> int:
        """How many sessions (in sequence order) the record holds as of `as_of`: all of them
        when as_of is None or not a session on the record."""
        if as_of is not None:
            found = np.flatnonzero(self.sessions["session_id"] == as_of)
            if len(found):
                return int(found[0]) + 1
        return len(self.sessions["session_id"])


def read_marts(tables) -> Marts:
    """Marts from `tables(name) -> DataFrame` (the whole table `name` of the database).

    Raises whatever `tables` raises (duckdb.Error on a damaged file)."""
    sessions = tables("sessions").sort_values("sequence", kind="stable", ignore_index=True)
    sessions = sessions[["session_id", "sequence", "body", "title_en", "title_zh", "start_date", "end_date"]]
    headings = tables("headings").sort_values("sort_order", kind="stable", ignore_index=True)
    headings = headings[["heading", "label_en", "label_zh", "sort_order"]]
    bodies = {row.body: (row.label_en, row.label_zh) for row in tables("bodies").itertuples()}
    kinds = tuple(tables("kinds").sort_values("sort_order", kind="stable")["kind"])
    positions = {
        "session": dict(zip(sessions["sequence"].tolist(), range(len(sessions)))),
        "heading": dict(zip(headings["heading"].tolist(), range(len(headings)))),
        "kind": dict(zip(kinds, range(len(kinds)))),
        "status": dict(zip(STATUS_COLUMNS, range(len(STATUS_COLUMNS)))),
    }

    def coded(frame: pd.DataFrame, session_column: str, value: str) -> dict[str, np.ndarray]:
        # rows whose heading is not in the headings table drop out, as the SQL's joins drop them
        out = {
            "session": frame[session_column].map(positions["session"]),
            "heading": frame["heading"].map(positions["heading"]),
            "kind": frame["kind"].map(positions["kind"]),
            "status": frame["status"].map(positions["status"]),
        }
        known = np.logical_and.reduce([column.notna().to_numpy() for column in out.values()])
        arrays = {name: column.to_numpy()[known].astype(np.int64) for name, column in out.items()}
        arrays[value] = frame[value].to_numpy(dtype=np.int64)[known]
        return arrays

    return Marts(
        sessions={name: column.to_numpy() for name, column in sessions.items()},
        headings={name: column.to_numpy() for name, column in headings.items()},
        bodies=bodies,
        kinds=kinds,
        steps=coded(tables("coverage_steps"), "sequence", "delta"),
        counts=coded(tables("session_counts"), "sequence", "links"),
    )


def _kept(marts: Marts, rows: dict[str, np.ndarray], headings, statuses, kinds) -> np.ndarray:
    """sql/rollup.sql's kept(): the rows in the filters (an empty filter keeps all)."""
    keep = np.ones(len(rows["heading"]), dtype=bool)
    for column, wanted, names in (
        ("heading", headings, list(marts.headings["heading"])),
        ("status", statuses, STATUS_COLUMNS),
        ("kind", kinds, marts.kinds),
    ):
        if len(wanted):
            allowed = np.array([name in wanted for name in names], dtype=bool)
            keep &= allowed[rows[column]]
    return keep


def _heading_rows(marts: Marts, headings: Sequence[str]) -> np.ndarray:
    """Positions of the headings listed (all, or those in the heading filter), in sort order."""
    names = list(marts.headings["heading"])
    return np.array([i for i, name in enumerate(names) if not len(headings) or name in headings], dtype=np.int64)


def _summed(rows: dict[str, np.ndarray], keep: np.ndarray, value: str, shape: tuple[int, ...], *axes: str):
    """rows[value] summed into an array of `shape` indexed by the `axes` columns (kept rows)."""
    index = np.zeros(int(keep.sum()), dtype=np.int64)
    for axis, size in zip(axes, shape):
        index = index * size + rows[axis][keep]
    total = np.bincount(index, weights=rows[value][keep], minlength=int(np.prod(shape)))
    return np.rint(total).astype(np.int64).reshape(shape)


def _rounded(values: np.ndarray) -> np.ndarray:
    """DuckDB's round(x, 4): the exact value of each double rounded half away from zero (numpy
    rounds half to even, and x * 10000 can round up to a half first: 117/160 -> 0.7312)."""
    quantum = Decimal("0.0001")
    return np.array(
        [v if np.isnan(v) else float(Decimal(v).quantize(quantum, ROUND_HALF_UP)) for v in values.tolist()],
        dtype=np.float64,
    )


def _label(lang: str) -> str:
    return "label_zh" if lang == "zh" else "label_en"


def _title(lang: str) -> str:
    return "title_zh" if lang == "zh" else "title_en"


def coverage_by_heading(marts: Marts, filters) -> pd.DataFrame:
    """sql/coverage_by_heading.sql: per heading (in the heading filter, sort order): done,
    pending, proposed and total items as of filters.as_of (the status filter narrows these),
    their shares of on_record (items of the heading and kinds on the record then, whatever the
    status; NaN for a status the filter leaves out), on_record, and kinds_counted."""
    return pd.DataFrame(coverage_columns(marts, filters))


def coverage_columns(marts: Marts, filters) -> dict[str, np.ndarray]:
    """coverage_by_heading's columns (name -> array, in its order: the frame is made of these),
    without making a frame: heading and heading_label (object arrays of str), the counts
    (int64), the shares (float64), on_record (int64), kinds_counted (object)."""
    sessions_up_to = marts.as_of_position(filters.as_of)
    steps = marts.steps
    listed = _heading_rows(marts, filters.headings)
    shape = (len(marts.headings["heading"]), len(STATUS_COLUMNS))
    every_status = _kept(marts, steps, filters.headings, (), filters.kinds) & (steps["session"] < sessions_up_to)
    counted = every_status & _kept(marts, steps, (), filters.statuses, ())
    by_status = _summed(steps, counted, "delta", shape, "heading", "status")[listed]
    on_record = _summed(steps, every_status, "delta", shape, "heading", "status").sum(axis=1)[listed]
    shares = {}
    with np.errstate(divide="ignore", invalid="ignore"):
        for i, status in enumerate(STATUS_COLUMNS):
            shown = not filters.statuses or status in filters.statuses
            share = _rounded(by_status[:, i] / np.where(on_record > 0, on_record, np.nan))
            shares[f"{status}_share"] = share if shown else np.full(len(listed), np.nan)
    return {
        "heading": marts.headings["heading"][listed],
        "heading_label": marts.headings[_label(filters.lang)][listed],
        **{status: by_status[:, i] for i, status in enumerate(STATUS_COLUMNS)},
        "total": by_status.sum(axis=1),
        **shares,
        "on_record": on_record,
        "kinds_counted": np.full(len(listed), "; ".join(filters.kinds or marts.kinds), dtype=object),
    }


def _total_values(rows, statuses: tuple[str, ...]) -> dict[str, object]:
    """The total row's values for coverage_by_heading's `rows` (a frame, or its columns as
    arrays): counts summed (int64), each status's share of on_record rounded as DuckDB rounds
    (NaN for none on the record, or a status the filter `statuses` leaves out)."""
    names = [*STATUS_COLUMNS, "total", "on_record"]
    counts = {name: np.int64(np.asarray(rows[name], dtype=np.int64).sum()) for name in names}
    base = counts["on_record"]
    for status in STATUS_COLUMNS:
        shown = not statuses or status in statuses
        share = _rounded(np.array([counts[status] / base if base else np.nan]))[0]
        counts[f"{status}_share"] = share if shown else np.nan
    return counts


def total_row(rows: pd.DataFrame, statuses: tuple[str, ...], label: str) -> pd.DataFrame:
    """The total row of coverage_by_heading's `rows` (computed under the status filter
    `statuses`), as sql/coverage_export.sql writes it: heading missing, heading_label `label`,
    done, pending, proposed, total and on_record summed, each status's share of on_record rounded
    to 4 places as DuckDB rounds (NaN for none on the record, or a status the filter leaves out)."""
    values = _total_values(rows, statuses)
    columns = {"heading": np.array([None], dtype=object), "heading_label": [label]}
    for name in (*STATUS_COLUMNS, "total", "on_record"):
        columns[name] = np.array([values[name]], dtype=np.int64)
    for status in STATUS_COLUMNS:
        columns[f"{status}_share"] = np.array([values[f"{status}_share"]], dtype=np.float64)
    return pd.DataFrame(columns)


def with_total_row(rows: pd.DataFrame, statuses: tuple[str, ...], label: str) -> pd.DataFrame:
    """coverage_by_heading's `rows` without kinds_counted, then their total_row (same columns,
    order and dtypes as concatenating the two frames, index 0..n), made in one frame: the
    `gaptrack summary` and the briefing print it (the Overview prints with_total_columns)."""
    dtypes = rows.dtypes
    held = {name: rows[name].to_numpy() for name in rows.columns if name != "kinds_counted"}  # each read once
    columns: dict[str, object] = with_total_columns(held, statuses, label)
    # a missing heading on the total row: object, as a concatenation gives; the label as the rows hold it
    columns["heading"] = pd.Series(columns["heading"], dtype=object)
    columns["heading_label"] = pd.Series(columns["heading_label"].tolist(), dtype=dtypes["heading_label"])
    return pd.DataFrame(columns)


def with_total_columns(rows, statuses: tuple[str, ...], label: str) -> dict[str, np.ndarray]:
    """with_total_row's columns as arrays (name -> array, in the order of `rows`: coverage_by_heading's
    columns as arrays, as coverage_columns gives them, kinds_counted left out), without making a
    frame: the rows' values then the total row's (heading None and heading_label `label`, in
    object arrays; the counts and shares in the rows' dtypes)."""
    values = _total_values(rows, statuses)
    columns: dict[str, np.ndarray] = {}
    for name, column in rows.items():
        if name == "kinds_counted":
            continue
        if name in ("heading", "heading_label"):
            joined = np.empty(len(column) + 1, dtype=object)
            joined[:-1] = column
            joined[-1] = None if name == "heading" else label
            columns[name] = joined
        else:
            columns[name] = np.append(column, np.array([values[name]], dtype=column.dtype))
    return columns


def coverage_export(marts: Marts, filters, questions: dict[str, tuple[str, ...]], all_headings: str) -> pd.DataFrame:
    """sql/coverage_export.sql: for each question (name -> its kinds, in order) whose kinds the
    kind filter leaves any of, coverage_by_heading's rows under those kinds and a total row
    (heading missing, label `all_headings`): question, heading, heading_label, done, pending,
    proposed, total, the three shares (of on_record; NaN for a status filtered out), on_record,
    kinds_counted."""
    parts = []
    for question, kinds in questions.items():
        kinds_in = tuple(k for k in kinds if not filters.kinds or k in filters.kinds)
        if not kinds_in:
            continue
        rows = coverage_by_heading(marts, replace(filters, kinds=kinds_in))
        if rows.empty:  # no heading listed: no total row either (the SQL sums no rows into none)
            continue
        part = with_total_row(rows, filters.statuses, all_headings)
        part.insert(0, "question", question)
        part["kinds_counted"] = "; ".join(kinds_in)
        parts.append(part)
    columns = ["question", "heading", "heading_label", *STATUS_COLUMNS, "total"]
    columns += [f"{status}_share" for status in STATUS_COLUMNS] + ["on_record", "kinds_counted"]
    if not parts:
        return pd.DataFrame({column: [] for column in columns})
    return pd.concat(parts, ignore_index=True)[columns]


def coverage_timeline(marts: Marts, filters) -> pd.DataFrame:
    """sql/coverage_timeline.sql: per session up to filters.as_of (sequence order) and heading
    (in the heading filter, sort order): items done, pending, proposed and total as the record
    stood after that session, in the filters."""
    sessions_up_to = marts.as_of_position(filters.as_of)
    steps = marts.steps
    listed = _heading_rows(marts, filters.headings)
    shape = (len(marts.sessions["session_id"]), len(marts.headings["heading"]), len(STATUS_COLUMNS))
    keep = _kept(marts, steps, filters.headings, filters.statuses, filters.kinds)
    running = _summed(steps, keep, "delta", shape, "session", "heading", "status").cumsum(axis=0)
    running = running[:sessions_up_to][:, listed]  # (sessions, headings listed, statuses)
    sessions = {name: values[:sessions_up_to] for name, values in marts.sessions.items()}
    headings = {name: values[listed] for name, values in marts.headings.items()}
    per_session, per_heading = len(listed), sessions_up_to
    out = pd.DataFrame(
        {
            "session_id": np.repeat(sessions["session_id"], per_session),
            "sequence": np.repeat(sessions["sequence"], per_session),
            "session_title": np.repeat(sessions[_title(filters.lang)], per_session),
            "heading": np.tile(headings["heading"], per_heading),
            "heading_label": np.tile(headings[_label(filters.lang)], per_heading),
            **{status: running[:, :, i].ravel() for i, status in enumerate(STATUS_COLUMNS)},
            "total": running.sum(axis=2).ravel(),
        }
    )
    return out


def timeline_totals(marts: Marts, filters) -> dict[str, np.ndarray]:
    """coverage_timeline_totals's columns (name -> array, in its order), without making a frame."""
    sessions_up_to = marts.as_of_position(filters.as_of)
    steps = marts.steps
    listed = _heading_rows(marts, filters.headings)
    if not len(listed):
        sessions_up_to = 0
    shape = (len(marts.sessions["session_id"]), len(STATUS_COLUMNS))
    keep = _kept(marts, steps, filters.headings, filters.statuses, filters.kinds)
    running = _summed(steps, keep, "delta", shape, "session", "status").cumsum(axis=0)[:sessions_up_to]
    return {
        "sequence": marts.sessions["sequence"][:sessions_up_to],
        "session_id": marts.sessions["session_id"][:sessions_up_to],
        "session_title": marts.sessions[_title(filters.lang)][:sessions_up_to],
        **{status: running[:, i] for i, status in enumerate(STATUS_COLUMNS)},
        "total": running.sum(axis=1),
    }


def coverage_timeline_totals(marts: Marts, filters) -> pd.DataFrame:
    """coverage_timeline summed over its headings: per session up to filters.as_of (sequence
    order): sequence, session_id, session_title, done, pending, proposed, total. No rows when the
    heading filter lists no heading on the record."""
    return pd.DataFrame(timeline_totals(marts, filters))


def session_outcomes(marts: Marts, filters) -> pd.DataFrame:
    """sql/session_outcomes.sql: per session up to filters.as_of (sequence order): its body and
    title, dates, and the links recorded there as done, pending and proposed (and their total)
    in the filters (the status filter: the status recorded at that session)."""
    sessions_up_to = marts.as_of_position(filters.as_of)
    counts = marts.counts
    keep = _kept(marts, counts, filters.headings, filters.statuses, filters.kinds)
    shape = (len(marts.sessions["session_id"]), len(STATUS_COLUMNS))
    by_status = _summed(counts, keep, "links", shape, "session", "status")[:sessions_up_to]
    sessions = {name: values[:sessions_up_to] for name, values in marts.sessions.items()}
    label = 1 if filters.lang == "zh" else 0
    known = np.isin(sessions["body"], list(marts.bodies))  # the SQL joins bodies
    sessions, by_status = {name: values[known] for name, values in sessions.items()}, by_status[known]
    out = pd.DataFrame(
        {
            "session_id": sessions["session_id"],
            "sequence": sessions["sequence"],
            "body": sessions["body"],
            "body_label": [marts.bodies[body][label] for body in sessions["body"]],
            "title": sessions[_title(filters.lang)],
            "start_date": sessions["start_date"],
            "end_date": sessions["end_date"],
            **{status: by_status[:, i] for i, status in enumerate(STATUS_COLUMNS)},
            "total": by_status.sum(axis=1),
        }
    )
    return out


def heading_session_grid(marts: Marts, filters) -> pd.DataFrame:
    """sql/heading_session_grid.sql: per heading (in the heading filter, sort order) and session
    up to filters.as_of (sequence order): links recorded there, by the status recorded, in the
    filters."""
    sessions_up_to = marts.as_of_position(filters.as_of)
    counts = marts.counts
    listed = _heading_rows(marts, filters.headings)
    keep = _kept(marts, counts, filters.headings, filters.statuses, filters.kinds)
    shape = (len(marts.headings["heading"]), len(marts.sessions["session_id"]), len(STATUS_COLUMNS))
    grid = _summed(counts, keep, "links", shape, "heading", "session", "status")[listed][:, :sessions_up_to]
    sessions = {name: values[:sessions_up_to] for name, values in marts.sessions.items()}
    headings = {name: values[listed] for name, values in marts.headings.items()}
    per_heading, per_session = sessions_up_to, len(listed)
    return pd.DataFrame(
        {
            "heading": np.repeat(headings["heading"], per_heading),
            "heading_label": np.repeat(headings[_label(filters.lang)], per_heading),
            "session_id": np.tile(sessions["session_id"], per_session),
            "sequence": np.tile(sessions["sequence"], per_session),
            "session_title": np.tile(sessions[_title(filters.lang)], per_session),
            **{status: grid[:, :, i].ravel() for i, status in enumerate(STATUS_COLUMNS)},
            "total": grid.sum(axis=2).ravel(),
        }
    )
