"""Saving an edit to the record: readable changes to data/*.csv, logged, crash-safe.

A save, step by step (`save`):
  1. take the data folder's lock (one save at a time, across processes);
  2. finish off an interrupted save, if any: put its files back as they were (`recover`);
  3. refuse if the record changed since the editor's view (their base version);
  4. plan the change against the rows as they are now, and write the new files into a
     staging copy of the data folder (unchanged files are hard links);
  5. build the database from the staging copy: the same validation as `gaptrack build`,
     with the same messages (file, line, column); on a problem nothing has changed;
  6. commit: link the current files into the save folder, write a journal, swap the new
     files in, then drop the save folder; a crash before the drop is undone by step 2;
  7. swap the new database in.

Every save appends one record to data/audit_log.csv (when, who, what, the rows before and
after), written in the same commit as the change. The edits themselves are in edit.py.
With the setting GAPTRACK_GIT=1 a save is also a git commit, pulled before and pushed after
(git_record.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..database.build import write_database
from ..record.csvio import FORMULA_TRIGGERS, decode_utf8, read_bytes, text_records
from ..record.errors import DataError, EditRefused
from ..record.files import replace_keeping_mode
from ..record.load import data_version
from ..record.lock import SAVE_DIR, locked, recover, sync_folder
from ..record.schema import TABLE_BY_NAME, Table
from . import git_record
from .audit import LOG_FILE, log_content, read_log

MAX_EDITOR = 80

Row = dict[str, str]
STEP_HOOK: Callable[[str], None] | None = None  # tests interrupt a save here


@dataclass(frozen=True)
class RowChange:
    """One row of one table: added (before None), changed, or removed (after None)."""

    table: str
    before: Row | None
    after: Row | None

    @property
    def key(self) -> str:
        row = self.after or self.before
        return "/".join(row[c] for c in TABLE_BY_NAME[self.table].key)

    def inverted(self) -> RowChange:
        return RowChange(self.table, self.after, self.before)

    def as_log(self) -> dict:
        return {"table": self.table, "key": self.key, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class FileChange:
    """A file under data/ added or removed (source texts). The log keeps its hash, not its text."""

    path: str  # relative to the data folder
    content: bytes | None  # the new content, None to remove it
    before: str | None = None  # sha256 of the content it replaces, None if it is new

    @property
    def after(self) -> str | None:
        return None if self.content is None else hashlib.sha256(self.content).hexdigest()

    def as_log(self) -> dict:
        return {"file": self.path, "before": self.before, "after": self.after}


@dataclass
class Edit:
    """What one save changes, and how the audit log names it."""

    operation: str
    summary: str
    rows: list[RowChange] = field(default_factory=list)
    files: list[FileChange] = field(default_factory=list)
    reverts: int | None = None


@dataclass(frozen=True)
class Saved:
    """What a save did: its audit log entry, the data versions before and after, its summary."""

    entry: int
    version_before: str
    version_after: str
    summary: str


def _step(name: str) -> None:
    if STEP_HOOK is not None:
        STEP_HOOK(name)


# -- reading and writing tables, keeping every untouched line as it was ----------------------


class TableFile:
    """One CSV file of the data folder, to change a few records and keep every other line as it was.

    Changes are checked against the rows as read and applied when the content is asked for, so
    an edit of any size reads and parses the file once."""

    def __init__(self, data_dir: Path, table: Table):
        self.table, self.name = table, f"{data_dir.name}/{table.file}"
        if table.optional and not (data_dir / table.file).exists():  # a new file: its header only
            raw = (",".join(table.column_names) + "\n").encode()
        else:
            raw = read_bytes(data_dir / table.file, self.name)
        self.bom = raw.startswith(b"\xef\xbb\xbf")
        text = decode_utf8(raw, self.name)
        self.lines = io.StringIO(text, newline="").readlines()  # as the csv reader counts lines
        self.newline = "\r\n" if self.lines and self.lines[0].endswith("\r\n") else "\n"
        records = [(line, fields) for line, fields in text_records(text, self.name) if fields]
        if not records:
            raise DataError(self.name, "a header row: " + ",".join(table.column_names), line=1, value="an empty file")
        (_, self.header), self.records = records[0], records[1:]
        self._index: dict[tuple[str, ...], int] | None = None
        self._replaced: dict[int, str | None] = {}  # record index -> its new line (None: removed)
        self._appended: dict[tuple[str, ...], str] = {}  # key -> line of a new record

    def rows(self) -> list[Row]:
        return [self.row(i) for i in range(len(self.records))]

    def row(self, index: int) -> Row:
        return dict(zip(self.header, self.records[index][1]))

    def key_of(self, row: Row) -> tuple[str, ...]:
        return tuple(row.get(c, "") for c in self.table.key)

    def find(self, key: tuple[str, ...]) -> int | None:
        """The index of the record with this key as read, or None."""
        if self._index is None:
            positions = [self.header.index(c) for c in self.table.key]
            self._index = {}
            for index, (_, fields) in enumerate(self.records):
                self._index.setdefault(tuple(fields[p] if p < len(fields) else "" for p in positions), index)
        return self._index.get(key)

    def _line_text(self, row: Row) -> str:
        out = io.StringIO()
        csv.writer(out, lineterminator=self.newline).writerow([row.get(c, "") for c in self.header])
        return out.getvalue()

    def apply(self, change: RowChange) -> None:
        """Add, replace or remove one record; refuse if the row is not as the change expects."""
        key = self.key_of(change.after or change.before)
        index = self.find(key)
        if change.before is None:
            if index is not None or key in self._appended:
                raise EditRefused("edit_row_exists", file=self.name, row="/".join(key))
            self._appended[key] = self._line_text(change.after)
            return
        expected = {c: change.before.get(c, "") for c in self.header}
        if index is None or index in self._replaced or self.row(index) != expected:
            raise EditRefused("edit_row_moved", file=self.name, row="/".join(key))
        self._replaced[index] = self._line_text(change.after) if change.after else None

    def content(self) -> bytes:
        """The file with the changes applied: replaced records in place, new ones at the end."""
        lines = list(self.lines)
        for index in sorted(self._replaced, reverse=True):
            first = self.records[index][0] - 1
            last = self.records[index + 1][0] - 1 if index + 1 < len(self.records) else len(lines)
            new = self._replaced[index]
            lines[first:last] = [] if new is None else [new]
        if self._appended and lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += self.newline
        lines += self._appended.values()
        return ("\ufeff" if self.bom else "").encode() + "".join(lines).encode("utf-8")


class Current:
    """The data folder as a save finds it with the lock held; each table file is read once."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self._files: dict[str, TableFile] = {}

    def file(self, table: str) -> TableFile:
        if table not in self._files:
            self._files[table] = TableFile(self.data_dir, TABLE_BY_NAME[table])
        return self._files[table]

    def rows(self, table: str) -> list[Row]:
        return self.file(table).rows()


def read_rows(data_dir: Path, table: str) -> list[Row]:
    """The rows of one table as they are in its file (raw text cells)."""
    return TableFile(Path(data_dir), TABLE_BY_NAME[table]).rows()


# -- the audit log record -----------------------------------------------------------------------


def _log_record(data_dir: Path, edit: Edit, editor: str, before: str, after: str) -> Row:
    entries = read_log(data_dir)
    changes = [c.as_log() for c in edit.rows] + [f.as_log() for f in edit.files]
    return {
        "entry": str(int(entries[-1]["entry"]) + 1 if entries else 1),
        "at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "editor": editor,
        "operation": edit.operation,
        "summary": edit.summary,
        "changes": json.dumps(changes, ensure_ascii=False, sort_keys=True),
        "reverts": "" if edit.reverts is None else str(edit.reverts),
        "version_before": before,
        "version_after": after,
    }


# -- the save folder and the commit -----------------------------------------------------------------


def _write_synced(path: Path, content: bytes) -> None:
    """Write a new file at path (through a temporary name: never into a file a hard link shares)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.writing")
    with open(temporary, "wb") as f:
        f.write(content)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, path)


def _stage(data_dir: Path, new_files: dict[str, bytes | None], root: Path | None = None) -> Path:
    """A copy of the data folder (hard links) with the new files in place; same folder name.
    root: where the copy goes (default: the data folder's save area)."""
    staging = (root or data_dir / SAVE_DIR) / data_dir.name
    for path in data_dir.rglob("*"):
        relative = path.relative_to(data_dir)
        if relative.parts[0].startswith(".") or not path.is_file() or relative.as_posix() in new_files:
            continue
        (staging / relative).parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, staging / relative)
        except OSError:  # a file system without hard links
            shutil.copy2(path, staging / relative)
    for name, content in new_files.items():
        if content is not None:
            _write_synced(staging / name, content)
    return staging


def _commit(data_dir: Path, staging: Path, new_files: dict[str, bytes | None]) -> None:
    """Swap the staged files in; a journal lets `recover` put the old ones back until the end."""
    save = data_dir / SAVE_DIR
    existed = {name: (data_dir / name).exists() for name in new_files}
    for name in (n for n, present in existed.items() if present):
        (save / "old" / name).parent.mkdir(parents=True, exist_ok=True)
        os.link(data_dir / name, save / "old" / name)
    _write_synced(save / "journal.tmp", json.dumps(existed).encode())
    os.replace(save / "journal.tmp", save / "journal.json")
    _step("journaled")
    for name, content in new_files.items():
        if content is None:
            (data_dir / name).unlink()
        else:
            (data_dir / name).parent.mkdir(parents=True, exist_ok=True)
            replace_keeping_mode(staging / name, data_dir / name)
        _step(f"swapped {name}")
    sync_folder(data_dir)
    os.replace(save, data_dir / f"{SAVE_DIR}.done")  # the commit point
    _step("committed")
    shutil.rmtree(data_dir / f"{SAVE_DIR}.done")


# -- saving ------------------------------------------------------------------------------------------


def check_editor(editor: str) -> str:
    """The editor's name as entered, trimmed; refused if empty, too long or not plain text."""
    name = " ".join((editor or "").split())
    if not name or len(name) > MAX_EDITOR or not name.isprintable():
        raise EditRefused("edit_editor", limit=MAX_EDITOR)
    if name.startswith(FORMULA_TRIGGERS):  # a spreadsheet opening the audit log would run it
        raise EditRefused("edit_editor_formula", first=name[0])
    return name


def check_cells(change: RowChange) -> None:
    """Refuse a cell the change writes (new or changed) that begins like a spreadsheet formula
    (csvio.FORMULA_TRIGGERS): data/*.csv are opened in spreadsheets, and the record keeps text as
    typed, so such text is refused at entry rather than stored with an apostrophe. Raises EditRefused."""
    before = change.before or {}
    for column, value in (change.after or {}).items():
        if value and value != before.get(column) and value.startswith(FORMULA_TRIGGERS):
            first = repr(value[0]) if value[0] in "\t\r\n" else value[0]
            raise EditRefused("edit_cell_formula", file=TABLE_BY_NAME[change.table].file, column=column, first=first)


def _new_files(current: Current, edit: Edit) -> dict[str, bytes | None]:
    """The new content of every file the edit touches, the audit log excluded."""
    data_dir = current.data_dir
    for change in edit.rows:
        check_cells(change)
        current.file(change.table).apply(change)
    touched = {change.table for change in edit.rows}
    out: dict[str, bytes | None] = {TABLE_BY_NAME[t].file: current.file(t).content() for t in touched}
    for change in edit.files:
        current = data_dir / change.path
        sha = hashlib.sha256(current.read_bytes()).hexdigest() if current.is_file() else None
        if sha != change.before:
            raise EditRefused("edit_file_moved", file=f"{data_dir.name}/{change.path}")
        out[change.path] = change.content
    return out


def check(data_dir: Path, plan: Callable[[Current], Edit], base_version: str | None = None) -> Edit:
    """What `save` would do, without writing anything under data_dir: plan the edit against the current
    files, stage them in a temporary folder and validate and build them there as `save` does.

    Returns the Edit. Raises what `save` would raise before its commit (EditRefused: stale or nothing
    to save; DataError: the staged record is invalid; the plan's own errors)."""
    import tempfile

    data_dir = Path(data_dir)
    before = data_version(data_dir)
    if base_version is not None and base_version != before:
        raise EditRefused("edit_stale", seen=base_version, now=before)
    current = Current(data_dir)
    edit = plan(current)
    if not edit.rows and not edit.files:
        raise EditRefused("edit_nothing")
    new_files = _new_files(current, edit)
    with tempfile.TemporaryDirectory(prefix="gaptrack-check-") as root:
        staging = _stage(data_dir, new_files, Path(root))
        write_database(staging, Path(root) / "check.duckdb")
    return edit


def save(
    data_dir: Path,
    db_path: Path,
    plan: Callable[[Current], Edit],
    editor: str,
    base_version: str | None = None,
) -> Saved:
    """Plan an edit against the current files and save it (see the module's docstring).

    base_version: the data version the editor saw; the save is refused if the files changed
    since. None (scripts) means: whatever the files hold when the lock is taken."""
    data_dir, db_path = Path(data_dir), Path(db_path)
    editor = check_editor(editor)
    with locked(data_dir):
        recover(data_dir)
        git = git_record.for_folder(data_dir)  # None unless saves are git commits
        if git is not None:
            git.pull(db_path)
            base_commit = git.head()
        before = data_version(data_dir)
        if base_version is not None and base_version != before:
            raise EditRefused("edit_stale", seen=base_version, now=before)
        current = Current(data_dir)
        edit = plan(current)
        if not edit.rows and not edit.files:
            raise EditRefused("edit_nothing")
        _step("planned")
        new_files = _new_files(current, edit)
        temporary = db_path.with_name(f".{db_path.name}.{os.getpid()}.building")
        try:
            staging = _stage(data_dir, new_files)
            after = data_version(staging)
            record = _log_record(data_dir, edit, editor, before, after)
            new_files[LOG_FILE] = log_content(data_dir, record)
            _write_synced(staging / LOG_FILE, new_files[LOG_FILE])
            _step("staged")
            db_path.parent.mkdir(parents=True, exist_ok=True)
            write_database(staging, temporary)
            _step("built")
            _commit(data_dir, staging, new_files)
            if git is not None:  # a rejected push puts the files back and refuses the save
                git.commit_and_push(new_files, editor, edit.summary, base_commit, db_path)
            replace_keeping_mode(temporary, db_path)
        finally:
            temporary.unlink(missing_ok=True)
            Path(f"{temporary}.wal").unlink(missing_ok=True)
            recover(data_dir)  # after a failure: the files as they were; after success: nothing to do
    return Saved(int(record["entry"]), before, after, edit.summary)
