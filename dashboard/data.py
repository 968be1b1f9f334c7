"""The dashboard's only way to the data: cached calls of the shared queries in transforms.

Caches are bounded and keyed on what the database holds (Identity: its data, schema and
gaptrack versions, read once per file from its build information), so a rebuild that swaps in
a changed record is seen on the next rerun without a restart, a rebuild of the same record
keeps every view already asked, and a warm rerun runs no query at all. Below them, the Store
of each database version remembers the frames of its recent queries (MemoStore), so a query
that several views, figures and questions share runs once per database version, whoever asks
for it first.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import streamlit as st
from streamlit import runtime

from dashboard.columns import dates_in_words, day_in_table
from dashboard.kept import kept
from transforms.database import as_of, coverage, export, plan, queries
from transforms.database.build import schema_version
from transforms.database.queries import Filters, Store, parameters
from transforms.editing.saving import read_rows
from transforms.presentation.i18n import t
from transforms.record.csvio import people_csv_bytes
from transforms.record.files import lock_holder
from transforms.record.load import data_files, data_version
from transforms.record.paths import default_db_path
from transforms.record.schema import TABLE_BY_NAME
from transforms.reports import check as checks
from transforms.reports import diff, method, report

# A database file as found on disk: (path, inode, size, mtime in ns). A rebuild makes a new one.
FileIdentity = tuple[str, int, int, int]
# What a database file holds, the key of every cache below: (path, data version, schema version,
# gaptrack version), from the file's build_info. A rebuild from the same files and code holds the
# same, so the views already asked keep being served from the caches (a routine rebuild, or an
# edit saved and undone, does not make every reader's next view a cache miss).
Identity = tuple[str, str, str, str]
# Streamlit hashes cache arguments on every call; a Filters' repr says all there is to it and
# hashes far faster than walking the dataclass.
FAST_HASH = {Filters: repr}


@dataclass(frozen=True)
class Problem:
    """Why the database can't be used: which message to show, for which path."""

    key: str  # message key: db_missing | db_unreadable | db_outdated | db_locked
    path: str
    detail: str = ""


def identity(path: Path | None = None) -> FileIdentity | Problem:
    """(path, inode, size, mtime) of the database file, or the Problem if it isn't there."""
    path = Path(path or default_db_path())
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return Problem("db_missing", str(path))
    return (str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns)


class MemoStore(Store):
    """A Store that remembers the frames of its last `size` queries, keyed on the query's name
    and the values of the parameters it reads (so views that differ only in a filter the query
    does not read share its frame). Each caller gets its own copy. A frame of more than
    `most_rows` rows is not kept (the caches above keep what a page shows). The item list, link
    list and Plan view (queries.SELECTIONS) are kept whole per as-of and language when the record
    is that small, and each view's rows picked from them (queries.narrowed; for the Plan view's
    kind filter, the items listed under each requirement). Those lists and the session list are
    asked of DuckDB as of no session only, once per language: as of a session they are derived
    from that (transforms.database.as_of). Thread-safe."""

    def __init__(self, db_path: Path, size: int = 4096, most_rows: int = 5000):
        super().__init__(db_path)
        # Many sessions at once each run small queries: one thread per query costs less CPU than
        # DuckDB sharing every query between the cores (and the sessions use the cores).
        self.con.execute("SET threads = 1")
        self.size, self.most_rows = size, most_rows
        self._frames: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
        self._lock = threading.Lock()
        self._counts: dict | None = None
        self._as_of_history: as_of.History | None = None
        self._history_lock = threading.Lock()
        self._masks: OrderedDict[tuple, tuple[pd.DataFrame, np.ndarray]] = OrderedDict()

    def frame(self, name: str, filters: Filters | None = None, **extra) -> pd.DataFrame:
        if name in queries.SELECTIONS and self._small(name):
            # one result per as-of and language, its rows picked per view (queries.narrowed)
            wide_filters, wide_extra = queries.widened(name, filters, extra)
            whole = self._whole(name, wide_filters, wide_extra)
            return queries.narrowed(name, whole, filters, extra, functools.partial(self._holding, whole))
        if name == "session_list":
            return self._whole(name, filters or Filters(), extra).copy()
        return self._kept(
            (name, *self._values(name, filters, extra)), lambda: super(MemoStore, self).frame(name, filters, **extra)
        )

    def _whole(self, name: str, filters: Filters, extra: dict) -> pd.DataFrame:
        """The query's result (kept, not copied: the caller only reads it); as of a session, for
        the lists as_of.DERIVED, derived from the result as of none (one DuckDB statement per
        language, not one per as-of session and language), and that, for as_of.IN_EITHER_LANGUAGE,
        from the result in English."""
        key = (name, *self._values(name, filters, extra))
        if name in as_of.IN_EITHER_LANGUAGE and filters.as_of is None and filters.lang != "en":
            return self._kept(
                key,
                lambda: as_of.in_language(
                    name,
                    self._whole(name, replace(filters, lang="en"), extra),
                    queries.labels(self, filters.lang),
                    self._history(),
                    filters.lang,
                ),
                copy=False,
            )
        if name in as_of.DERIVED and filters.as_of is not None:
            return self._kept(
                key,
                lambda: as_of.derived(
                    name,
                    self._whole(name, replace(filters, as_of=None), extra),
                    self._history(),
                    filters.as_of,
                    filters.lang,
                ),
                copy=False,
            )
        return self._kept(key, lambda: Store.frame(self, name, filters, **extra), copy=False)

    def _holding(self, whole: pd.DataFrame, column: str, value) -> np.ndarray:
        """whole[column] == value as a numpy array, kept for the whole kept (read-only)."""
        key = (id(whole), column, value)
        with self._lock:
            held = self._masks.get(key)
            if held is not None and held[0] is whole:
                self._masks.move_to_end(key)
                return held[1]
        picked = (whole[column] == value).to_numpy()
        picked.flags.writeable = False
        with self._lock:
            self._masks[key] = (whole, picked)  # the whole held with it: its id stays its own
            while len(self._masks) > self.size:
                self._masks.popitem(last=False)
        return picked

    def _history(self) -> as_of.History:
        with self._history_lock:
            if self._as_of_history is None:
                self._as_of_history = as_of.read_history(self)
            return self._as_of_history

    def csv(self, name: str, filters: Filters, columns: list[str], **extra) -> bytes:
        """As Store.csv; the item and link lists written from the rows kept (the same bytes)."""
        if name in queries.SELECTIONS and self._small(name):
            return people_csv_bytes(self.frame(name, filters, **extra)[columns])
        return super().csv(name, filters, columns, **extra)

    def _small(self, query: str) -> bool:
        """Whether the whole result of `query` is small enough to keep (by the record's counts)."""
        if self._counts is None:
            self._counts = Store.frame(self, "record_sizes").iloc[0].to_dict()
        return sum(int(self._counts[table]) for table in queries.SIZED_BY[query]) <= self.most_rows

    @staticmethod
    def _values(query: str, filters: Filters | None, extra: dict) -> tuple:
        given = {**(filters or Filters()).params(), **extra}
        return tuple((k, _frozen(given.get(k))) for k in sorted(parameters(query)))

    def _kept(self, key: tuple, make, copy: bool = True) -> pd.DataFrame:
        with self._lock:
            kept = self._frames.get(key)
            if kept is not None:
                self._frames.move_to_end(key)
        if kept is None:
            kept = make()
            if len(kept) <= self.most_rows:
                with self._lock:
                    self._frames[key] = kept
                    while len(self._frames) > self.size:
                        self._frames.popitem(last=False)
        return kept.copy() if copy else kept  # not copied: the caller only reads it


def _frozen(value):
    return tuple(value) if isinstance(value, list) else value


@kept(max_entries=2)
def _store(db: Identity) -> Store:
    return MemoStore(Path(db[0]))


def check(file: FileIdentity) -> Problem | None:
    """None if the database file can be read, else the Problem (checked once per file version)."""
    try:
        built_by = record_info(file)["schema_version"]
    except (duckdb.Error, IndexError, KeyError) as err:
        _store.clear()
        holder = lock_holder(err)  # another program has it open for writing: not broken, wait
        return (
            Problem("db_locked", file[0], holder)
            if holder
            else Problem("db_unreadable", file[0], str(err).splitlines()[0])
        )
    return None if built_by == _code_schema_version() else Problem("db_outdated", file[0])


def holding(file: FileIdentity) -> Identity:
    """The key of what the file holds (Identity), from its build information (read once per file
    version; call after check() found the file readable)."""
    info = record_info(file)
    return (file[0], str(info["data_version"]), str(info["schema_version"]), str(info["gaptrack"]))


@functools.lru_cache(maxsize=1)
def _code_schema_version() -> str:
    """The schema this code builds (hashing the SQL files once per process, not every rerun)."""
    return schema_version()


def shared(max_entries: int):
    """A kept cache (dashboard.kept, st.cache_resource's behaviour without its per-call hashing) for
    functions returning frames (or tuples or dicts of them): the result is made once per arguments
    and kept, and each caller gets a shallow copy, which pandas'
    copy-on-write (pandas 3) keeps apart from the kept frame whatever the caller then changes
    (tests/test_dashboard.py). st.cache_data unpickled a whole copy on every call instead, on every
    rerun of every session. `.clear()` empties the cache."""

    def wrap(func):
        cached = kept(max_entries)(func)

        @functools.wraps(func)
        def call(*args, **kwargs):
            return _copied(cached(*args, **kwargs))

        call.clear = cached.clear
        return call

    return wrap


def _copied(value):
    if isinstance(value, pd.DataFrame):
        return value.copy(deep=False)
    if isinstance(value, tuple):
        return tuple(_copied(v) for v in value)
    if isinstance(value, dict):  # a value that is not copied taken as it is (no call per label)
        return {k: _copied(v) if isinstance(v, _COPIED) else v for k, v in value.items()}
    return value


_COPIED = (pd.DataFrame, tuple, dict)


@shared(max_entries=1024)
def frame(query: str, db: Identity, filters: Filters, **extra) -> pd.DataFrame:
    """The result of one shared query (a function name in transforms.database.queries)."""
    return getattr(queries, query)(_store(db), filters, **extra)


def answer(db: Identity, filters: Filters, question: str) -> coverage.Answer | None:
    """One coverage question answered (transforms.coverage.answer: the Overview, summary, briefing).
    Not cached here: the Overview keeps each question's whole section (dashboard.question_view.drawn)."""
    return coverage.answer(_store(db), filters, question)


def item_count(db: Identity, filters: Filters) -> int:
    """How many items the record holds in the filters (as of filters.as_of): the total of
    frame("coverage_by_heading"), summed from the marts without making it (queries.coverage_total)."""
    return queries.coverage_total(_store(db), filters)


@shared(max_entries=256)
def plan_summary(db: Identity, filters: Filters) -> pd.DataFrame:
    """One row per Plan requirement in the filters (transforms.plan.requirement_summary of
    frame("plan_view"): the same frame, picked from plan_whole's requirements)."""
    whole = plan_whole(db, filters)
    return plan.summary_of(
        whole.requirements, plan.picked(whole.requirements, filters.headings, filters.statuses), filters.kinds
    )


@dataclass(frozen=True)
class PlanWhole:
    """The Plan view under no heading, status or kind filter (`frame`, plan_view's rows) and its
    requirements gathered and worded (transforms.plan.gathered). Shared: never modify."""

    frame: pd.DataFrame
    requirements: plan.Requirements


def plan_whole(db: Identity, filters: Filters) -> PlanWhole:
    """The PlanWhole of the filters' as-of session, language and curated switch (the others
    ignored), kept once for every view that differs only in them."""
    return _plan_whole(db, replace(filters, headings=(), statuses=(), kinds=()))


@kept(max_entries=64)
def _plan_whole(db: Identity, filters: Filters) -> PlanWhole:
    whole = frame("plan_view", db, filters)
    return PlanWhole(whole, plan.gathered(whole, filters.lang))


@shared(max_entries=1024)
def shown(query: str, db: Identity, filters: Filters, **extra) -> pd.DataFrame:
    """A query result ready for a table on screen (see for_display)."""
    return for_display(frame(query, db, filters, **extra), filters.lang)


def item_detail(db: Identity, item_id: str, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One item and, ready for a table, its links to sessions (queries.item_detail). Kept per the
    filters its queries read (as-of and language), so a view that differs in any other filter
    reuses it."""
    return _item_detail(db, item_id, read_by(("item_detail", "item_links"), filters))


@shared(max_entries=256)
def _item_detail(db: Identity, item_id: str, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    item, links = queries.item_detail(_store(db), item_id, filters)
    return item, for_display(links, filters.lang)


def read_by(names: tuple[str, ...], filters: Filters) -> Filters:
    """The filters with only the fields the queries `names` (sql/<name>.sql) read, the others as
    Filters() leaves them: what their results can depend on, so a piece made from their results
    alone is kept once for all the views that differ only in what they do not read."""
    read = frozenset().union(*(parameters(name) for name in names))
    return Filters(**{f.name: getattr(filters, f.name) for f in dataclasses.fields(Filters) if f.name in read})


def for_display(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Dates as YYYY-MM-DD; a value the source does not give is said to be missing. A new frame
    (sharing the columns it leaves as they are: pandas' copy-on-write keeps them apart)."""
    out = frame.copy(deep=False)
    missing = t(lang, "not_given")
    for name, column in frame.items():
        if pd.api.types.is_datetime64_any_dtype(column):
            out[name] = column.dt.strftime("%Y-%m-%d").fillna(missing)
        elif (column.dtype == object or pd.api.types.is_string_dtype(column)) and column.count() < len(column):
            # a column with no value missing is left as it is (filling nothing gives the same column)
            out[name] = column.fillna(missing if name not in ("note", "document_symbol") else "")
    return out


DISPLAYED_ROWS = 64  # rows up to which displayed() reads values as lists (beyond: pandas' own calls)


def displayed(frame: pd.DataFrame, names: list[str], lang: str, dates: tuple[str, ...] = ()) -> pd.DataFrame:
    """The columns `names` of frame as for_display gives them, the datetime ones among `dates` then
    written in words as dashboard.columns.dates_in_words writes them: the very frame
    dates_in_words(for_display(frame[names], lang), lang, dates) gives (frame's index), made from
    each column's values read once as a list where pandas' fillna and strftime cost several times
    more on a few rows (up to DISPLAYED_ROWS; tests/test_displayed.py)."""
    if not len(frame) or len(frame) > DISPLAYED_ROWS:  # pandas' way, its cost no longer the frame's
        shown = for_display(frame[names], lang)
        return dates_in_words(shown, lang, dates) if dates else shown
    missing = t(lang, "not_given")
    out: dict[str, object] = {}
    for name in names:
        column = frame[name]
        dtype = column.dtype
        if dtype.kind in "iufb" and name not in dates:
            out[name] = column  # a number is shown as it is
            continue
        if dtype == _TEXT and name not in dates:
            if column.count() < len(column):  # a value the source does not give (NaN)
                filled = missing if name not in ("note", "document_symbol") else ""
                out[name] = pd.array([filled if v != v else v for v in column.tolist()], dtype=dtype)
            else:
                out[name] = column
            continue
        values = column.tolist() if dtype.kind == "M" else None
        if dtype.kind == "M" and name in dates and all(v is pd.NaT or 1000 <= v.year <= 9999 for v in values):
            # a date, or none, in words (a four-digit year: what for_display writes and dates_in_words reads)
            out[name] = [missing if value is pd.NaT else day_in_table(lang, value) for value in values]
        else:  # anything else as for_display and dates_in_words make it
            shown = for_display(frame[[name]], lang)
            out[name] = (dates_in_words(shown, lang, (name,)) if name in dates else shown)[name]
    return pd.DataFrame(out, index=frame.index)


_TEXT = pd.api.types.pandas_dtype("str")


@shared(max_entries=16)
def labels(db: Identity, lang: str) -> dict[str, dict[str, str]]:
    return queries.labels(_store(db), lang)


@shared(max_entries=16)
def lookup(query: str, db: Identity, lang: str) -> pd.DataFrame:
    """Small reference tables that do not depend on the filters (sources, status meanings)."""
    return _store(db).frame(query, Filters(lang=lang))


@shared(max_entries=16)
def worked_examples(db: Identity, lang: str) -> dict[str, list[str]]:
    """The method page's examples on the record (transforms.method)."""
    return method.worked_examples(_store(db), lang)


@kept(max_entries=4)
def record_info(file: FileIdentity) -> dict:
    """What this database file holds and when it was built (queries.record_info), read from the
    file itself (not a Store kept for the same content: built_at is the file's own). Asked on every
    rerun, so shared rather than copied: never modify."""
    with Store(Path(file[0])) as store:
        return queries.record_info(store)


@st.cache_data(max_entries=256, max_size="256MB", show_spinner=False, hash_funcs=FAST_HASH)
def download(table: str, db: Identity, filters: Filters, search: str = "", open_only: bool = False) -> bytes:
    """The CSV bytes of an export table (the items also searched, open only): the same function
    `gaptrack export` uses."""
    return export.export_bytes(_store(db), table, filters, search, open_only)


@shared(max_entries=256)
def found_items(db: Identity, filters: Filters, search: str, open_only: bool) -> pd.DataFrame:
    """The Items page's list when searched or open only (transforms.database.export.found_items,
    what `gaptrack export items --search --open-only` writes), ready for a table."""
    return for_display(export.found_items(_store(db), filters, search, open_only), filters.lang)


PINNED = 64  # files made on request kept referenced until this many later ones were made
_pins = itertools.count()


def on_request(make: Callable[[], bytes], mimetype: str, file_name: str) -> Callable[[], bytes]:
    """What st.download_button is given so that the file is made only when the button is
    clicked, not on every rerun: `make` (e.g. a partial of `download` or `briefing`) returning
    the file's bytes.

    Streamlit (1.67) stores a file made on request without any session referring to it, so the
    clean-up after the next two script runs of any session deletes it, often before the
    browser has fetched it: under load, half such downloads got HTTP 404 (benchmarks/load.py).
    So the file is also registered, with the same bytes, type and name (hence the same media
    id), under one of PINNED places of its own, and stays until PINNED later files were made."""

    def made() -> bytes:
        body = make()
        if runtime.exists():
            place = f"gaptrack-on-request-{next(_pins) % PINNED}"
            runtime.get_instance().media_file_mgr.add(
                body, mimetype, place, file_name=file_name, is_for_static_download=True
            )
        return body

    return made


@shared(max_entries=256)
def check_rows(name: str, db: Identity, as_of: str | None, lang: str, waited: int) -> pd.DataFrame:
    """The rows one check of the validation report finds (transforms.reports.check), ready for a table."""
    check = next(c for c in checks.CHECKS if c.name == name)
    return for_display(check.rows(_store(db), as_of, lang, waited), lang)


def check_reason(name: str, db: Identity, as_of: str | None, lang: str) -> str | None:
    """Why a check lists nothing when none of its items is on the record as of `as_of` (the
    Overview's and Plan view's sentence), or None (transforms.reports.check.Check.nothing_on_record)."""
    check = next(c for c in checks.CHECKS if c.name == name)
    return check.nothing_on_record(_store(db), as_of, lang)


@st.cache_data(max_entries=32, show_spinner=False)
def data_rows(table: str, data_dir: str, version: str) -> pd.DataFrame:
    """The rows of one data file as they stand at `version` (for the Edit page's choices)."""
    return pd.DataFrame(read_rows(Path(data_dir), table), columns=TABLE_BY_NAME[table].column_names)


@st.cache_data(max_entries=64, max_size="64MB", show_spinner=False, hash_funcs=FAST_HASH)
def briefing(db: Identity, filters: Filters) -> bytes:
    """The HTML briefing for the filters: the same function `gaptrack report` uses."""
    return report.report_html(_store(db), filters).encode("utf-8")


def revisions(data_dir: str) -> tuple[pd.DataFrame, bool]:
    """The git commits that changed the record, newest first, and whether the files hold changes
    not yet committed (read again each new minute)."""
    return _revisions(data_dir, int(time.time() // 60))


@shared(max_entries=4)
def _revisions(data_dir: str, minute: int) -> tuple[pd.DataFrame, bool]:
    return diff.data_revisions(Path(data_dir), data_dir=Path(data_dir)), diff.uncommitted(Path(data_dir))


def files_version(data_dir: str) -> str:
    """The data version of the files in the folder now; hashed again only when a file's size or
    modification time changed, so a rerun costs a few stat calls."""
    stats = tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in data_files(Path(data_dir)) if p.exists())
    return _files_version(data_dir, stats)


@kept(max_entries=8)
def _files_version(data_dir: str, stats: tuple) -> str:
    return data_version(Path(data_dir))


@kept(max_entries=8)
def changes_of(commit: str, data_dir: str, version: str) -> dict[str, diff.RecordDiff]:
    """The record with data version `version` (the files in data_dir now) against data_dir at
    commit, in each language (lang -> the comparison `gaptrack diff` prints)."""
    # Both languages from one build of each side: switching language costs no second build. Kept as
    # one shared object (not a copy per rerun, which cost more than drawing the page): never modify.
    return diff.diff_sides_in(commit, diff.WORKTREE, data_dir=Path(data_dir))


@st.cache_data(max_entries=4096, show_spinner=False)
def item_known(db: Identity, item_id: str) -> bool:
    return not queries.item_detail(_store(db), item_id, Filters())[0].empty


class KnownItems:
    """`item_id in KnownItems(db)` asks the database, without loading every id."""

    def __init__(self, db: Identity):
        self.db = db

    def __contains__(self, item_id: object) -> bool:
        return isinstance(item_id, str) and item_known(self.db, item_id)
