"""The lists as they stood after a session, derived from the same query's rows for the whole
record (no as-of session) instead of asking DuckDB again for each as-of session.

The session list, link list, item list and Plan view (sql/<name>.sql) change with $as_of only in
ways the build's status_rises table says: the sessions and links up to that session are kept (both
lists are in session order), and an item's status then is its last rise up to it (sql/rollup.sql's
item_status), which decides whether the item is on the record, its status and label, where it
reached it (the Plan view's *_status_at), the sessions listed for it (those up to then) and the
lists' order. `History` holds those rises and what names them, read once per database file
(small statements; the rises only once the item list or Plan view needs them); `derived` then
costs a pass in Python over the whole list's rows, where a DuckDB statement costs 5-12 ms of
planning. The item and session lists in Chinese are likewise made from the English ones
(`in_language`). Each derived frame is the frame the SQL gives for
that as-of session (columns, order, dtypes, values; tests/test_as_of.py holds them equal for every
session, both languages, on the shipped record and synthetic ones).
"""

from __future__ import annotations

import bisect
import threading

import numpy as np
import pandas as pd

from .queries import PLAN_ITEM_COLUMNS, Store, typed_as_duckdb

_TEXT = pd.api.types.pandas_dtype("str")

AFTER_EVERYTHING = 2_147_483_647  # sql/rollup.sql's as_of_sequence for no (or an unknown) as-of session
DERIVED = frozenset({"session_list", "link_list", "item_list", "plan_view"})
# Lists whose rows in one language are those in another, but for the labels and titles (the_other)
IN_EITHER_LANGUAGE = frozenset({"item_list", "session_list"})


class History:
    """What the lists as of a session are derived from, for one database file. Never modified.

    sequence: session id -> sequence; titles: lang -> sequence -> the session's title;
    venues, notes: lang -> session id -> the session's venue, note (None: not given); read when
    made (the marts' sessions and the sessions table). The items' status rises
    (sql/as_of_rises.sql), which the item list and the Plan view need, are read when first asked:
    `reached`, labels (lang -> status -> label) and orders (item id -> (its heading's sort order,
    its kind's)). Raises duckdb.Error on a damaged file. Thread-safe."""

    def __init__(self, store: Store):
        marts = store.marts()
        sessions = marts.sessions
        sequences = [int(s) for s in sessions["sequence"].tolist()]
        words = store._table("sessions")  # the sessions' venues and notes in each language
        ids = words["session_id"].tolist()
        self.sequence: dict[str, int] = dict(zip(sessions["session_id"].tolist(), sequences))
        self.titles = {lang: dict(zip(sequences, sessions[f"title_{lang}"].tolist())) for lang in ("en", "zh")}
        self.venues = {lang: dict(zip(ids, words[f"venue_{lang}"].tolist())) for lang in ("en", "zh")}
        self.notes = {"en": dict(zip(ids, words["note"].tolist())), "zh": dict(zip(ids, words["note_zh"].tolist()))}
        self._store = store
        self._rises: tuple | None = None
        self._lock = threading.Lock()

    def as_of_sequence(self, as_of: str | None) -> int:
        """sql/rollup.sql's as_of_sequence: the session's sequence, or after everything."""
        return self.sequence.get(as_of, AFTER_EVERYTHING) if as_of is not None else AFTER_EVERYTHING

    def reached(self, item_id: str, upto: int) -> tuple[int, str, int] | None:
        """(sequence, status, rank) of the item's last rise at a session up to sequence `upto`:
        its status then and where it reached it; None when no session up to then recorded it."""
        rises = self._rising()[0].get(item_id)
        if rises is None:
            return None
        at = bisect.bisect_right(rises[0], upto) - 1
        return None if at < 0 else (rises[0][at], rises[1][at], rises[2][at])

    @property
    def labels(self) -> dict[str, dict[str, str]]:
        return self._rising()[1]

    @property
    def orders(self) -> dict[str, tuple[int, int]]:
        return self._rising()[2]

    def _rising(self) -> tuple:
        with self._lock:
            if self._rises is None:
                self._rises = _read_rises(self._store)
            return self._rises


def _read_rises(store: Store) -> tuple:
    """(rises: item id -> (sequences, statuses, ranks) in sequence order, labels, orders)."""
    rows = Store.frame(store, "as_of_rises")
    rises: dict[str, tuple[list[int], list[str], list[int]]] = {}
    labels: dict[str, dict[str, str]] = {"en": {}, "zh": {}}
    orders: dict[str, tuple[int, int]] = {}
    columns = ("item_id", "sequence", "status", "rank", "status_label_en", "status_label_zh", "heading_order")
    for item, sequence, status, rank, label_en, label_zh, heading_order, kind_order in zip(
        *(rows[c].tolist() for c in (*columns, "kind_order"))
    ):
        held = rises.setdefault(item, ([], [], []))
        held[0].append(int(sequence)), held[1].append(status), held[2].append(int(rank))
        labels["en"][status], labels["zh"][status] = label_en, label_zh
        orders[item] = (int(heading_order), int(kind_order))
    return rises, labels, orders


def read_history(store: Store) -> History:
    """The History of the store's database file (see History)."""
    return History(store)


def derived(query: str, whole: pd.DataFrame, history: History, as_of: str | None, lang: str) -> pd.DataFrame:
    """The rows sql/<query>.sql gives with $as_of = as_of (and $lang = lang), from `whole`, its
    rows with $as_of NULL and every other parameter the same (none narrowing: no heading, status
    or kind filter, session or limit). `whole` itself when they are the same rows; else a new frame
    (0..n index), typed as DuckDB types the rows it returns. `query` one of DERIVED."""
    if as_of is None:
        return whole
    upto = history.as_of_sequence(as_of)
    if query == "session_list":
        return _picked(whole, whole["sequence"].to_numpy() <= upto)
    if query == "link_list":
        sequence = history.sequence
        return _picked(whole, np.array([sequence[s] <= upto for s in whole["session_id"].tolist()], dtype=bool))
    if upto == AFTER_EVERYTHING and query == "item_list":
        return whole  # an unknown session: every item recorded, as with none
    if query == "item_list":
        return _item_list(whole, history, upto, lang)
    return _plan_view(whole, history, upto, lang)


def _picked(whole: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
    if keep.all():
        return whole
    return typed_as_duckdb(whole.take(np.flatnonzero(keep)).reset_index(drop=True))


def _sessions_up_to(listed: object, sequence: dict[str, int], upto: int) -> object:
    """An item_list `sessions` value ("wg-1; cop-5", in session order) with only the sessions up to `upto`."""
    ids = listed.split("; ")
    kept = [s for s in ids if sequence[s] <= upto]
    return listed if len(kept) == len(ids) else "; ".join(kept)


def _item_list(whole: pd.DataFrame, history: History, upto: int, lang: str) -> pd.DataFrame:
    labels, sequence = history.labels[lang], history.sequence
    rows, statuses, sort_keys = [], [], []
    for i, item in enumerate(whole["item_id"].tolist()):
        reached = history.reached(item, upto)
        if reached is None:
            continue  # not on the record yet
        heading_order, kind_order = history.orders[item]
        rows.append(i)
        statuses.append(reached[1])
        sort_keys.append((heading_order, -reached[2], kind_order, item))
    order = sorted(range(len(rows)), key=sort_keys.__getitem__)  # item_list.sql's ORDER BY
    picked = [rows[j] for j in order]
    out = whole.take(picked).reset_index(drop=True)
    status = [statuses[j] for j in order]
    out["status"] = pd.array(status, dtype=whole["status"].dtype)
    out["status_label"] = pd.array([labels[s] for s in status], dtype=whole["status_label"].dtype)
    out["sessions"] = pd.array(
        [_sessions_up_to(v, sequence, upto) for v in out["sessions"].tolist()], dtype=whole["sessions"].dtype
    )
    return typed_as_duckdb(out)


def _plan_view(whole: pd.DataFrame, history: History, upto: int, lang: str) -> pd.DataFrame:
    """plan_view.sql with $as_of set: a requirement listed once a session up to then recorded it,
    with its status then; each addressing item on the record then, with its status then, in the
    order of those statuses; the counts of those items."""
    labels, titles = history.labels[lang], history.titles[lang]
    column = {c: whole[c].tolist() for c in ("requirement_id", "item_id", "basis")}
    rows: list[int] = []  # rows of whole kept (a requirement's first row when none of its items is kept)
    emptied: list[bool] = []  # the row's item columns emptied (its item not on the record then)
    requirement_status: list[tuple] = []  # per row kept: its requirement's (status, label, session)
    item_status: list[tuple] = []  # per row kept: its item's (status, label, session)
    counts: list[tuple[int, int, int]] = []
    n, start = len(whole), 0
    while start < n:  # one requirement's rows at a time (whole holds them together)
        requirement = column["requirement_id"][start]
        end = start
        while end < n and column["requirement_id"][end] == requirement:
            end += 1
        own = history.reached(requirement, upto)
        if own is not None:
            said = (own[1], labels[own[1]], titles[own[0]])
            listed = []  # (rank then, item id, row, its status said)
            for i in range(start, end):
                item = column["item_id"][i]
                if not isinstance(item, str):
                    continue  # the requirement's row without an item
                reached = history.reached(item, upto)
                if reached is not None:
                    listed.append((-reached[2], item, i, (reached[1], labels[reached[1]], titles[reached[0]])))
            listed.sort(key=lambda x: (x[0], x[1]))  # plan_view.sql: xs.rank DESC, x.item_id
            count = (
                len(listed),
                sum(1 for x in listed if x[3][0] == "done"),
                sum(1 for x in listed if column["basis"][x[2]] == "curated"),
            )
            for _, _, i, item_said in listed or [(None, None, start, None)]:
                rows.append(i)
                emptied.append(item_said is None)
                requirement_status.append(said)
                item_status.append(item_said or (None, None, None))
                counts.append(count)
        start = end
    out = whole.take(rows).reset_index(drop=True)
    for name, values in (
        ("requirement_status", [s[0] for s in requirement_status]),
        ("requirement_status_label", [s[1] for s in requirement_status]),
        ("requirement_status_at", [s[2] for s in requirement_status]),
    ):
        out[name] = pd.array(values, dtype=whole[name].dtype)
    blank = np.array(emptied, dtype=bool)
    for name in PLAN_ITEM_COLUMNS:
        if name in ("item_status", "item_status_label", "item_status_at"):
            values = [s[("item_status", "item_status_label", "item_status_at").index(name)] for s in item_status]
            out[name] = pd.array(values, dtype=whole[name].dtype)
        elif blank.any():
            kept = out[name].to_numpy(dtype=object, copy=True)
            kept[blank] = None
            out[name] = pd.array(kept, dtype=whole[name].dtype)
    for j, name in enumerate(("addressing_count", "addressing_done", "addressing_curated")):
        out[name] = np.array([c[j] for c in counts], dtype=whole[name].dtype)
    return typed_as_duckdb(out)


def in_language(
    query: str, whole: pd.DataFrame, labels: dict[str, dict[str, str]], history: History, lang: str
) -> pd.DataFrame:
    """The rows sql/<query>.sql gives in `lang` (`labels`: queries.labels in it, field -> key ->
    label), from `whole`, its rows in the other language with every other parameter the same: the
    same rows in the same order, each label that of its key; for the item list the item's title
    and its title in the other language swapped; for the session list the session's title, venue
    and note in lang. A new frame, typed as DuckDB types the rows it returns. `query` one of
    IN_EITHER_LANGUAGE."""
    out = whole.copy(deep=False)
    if query == "session_list":
        ids = whole["session_id"].tolist()
        for column, names in (
            ("body", [labels["body"].get(b) for b in whole["body_key"].tolist()]),
            ("title", [labels["session"].get(s) for s in ids]),
            ("venue", [history.venues[lang][s] for s in ids]),
            ("note", [history.notes[lang][s] for s in ids]),
        ):
            out[column] = pd.array(names, dtype=_TEXT if whole[column].dtype == object else whole[column].dtype)
        return typed_as_duckdb(out)
    for column, field in (("kind_label", "kind"), ("heading_label", "heading"), ("status_label", "status")):
        names = labels.get(field, {})
        keys = whole[field].tolist()
        out[column] = pd.array([names.get(key) for key in keys], dtype=whole[column].dtype)
    out["title"], out["other_title"] = whole["other_title"], whole["title"]
    return typed_as_duckdb(out)
