"""The edits an officer makes to the record, shared by the Edit page and the command line.

Each function here returns a plan: given the data folder as it is when the save holds the
lock (a `saving.Current`, which reads each file once), it says which rows (and files)
change. `saving.save` validates and writes it. Cells are text exactly as they go into the
CSV files; the build's checks apply to them unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

from ..record.errors import DataError, EditRefused, UsageError
from ..record.ids import unknown_id
from ..record.schema import ID_PATTERN, TABLE_BY_NAME
from .audit import read_log
from .saving import Current, Edit, FileChange, RowChange

Plan = Callable[[Current], Edit]


def _row(table: str, fields: Mapping[str, str | None]) -> dict[str, str]:
    """A full row of `table` from the given fields (others empty); unknown fields refused."""
    columns = TABLE_BY_NAME[table].column_names
    unknown = sorted(set(fields) - set(columns))
    if unknown:
        raise UsageError(f"{table}.csv has no column {', '.join(unknown)}; its columns are {', '.join(columns)}")
    return {c: _cell(fields.get(c)) for c in columns}


def _cell(value) -> str:
    return "" if value is None else str(value)


def _existing(current: Current, table: str, key: tuple[str, ...]) -> dict[str, str] | None:
    file = current.file(table)
    index = file.find(key)
    return None if index is None else file.row(index)


def _missing(current: Current, table: str, column: str, value: str) -> UsageError:
    """The refusal for a row (`column` = `value`, keys joined by "+" and "/") that is not there."""
    columns = column.split("+")
    known = ["/".join(row[c] for c in columns) for row in current.rows(table)]
    return unknown_id(f"{current.data_dir.name}/{table}.csv", column, value, known)


def _check_ids(current: Current, table: str, row: dict[str, str]) -> None:
    """Refuse a row naming an item, session, document or source that does not exist, with the
    closest ids (before the build would report it as a line of a file the user never wrote)."""
    for column in TABLE_BY_NAME[table].columns:
        if not column.ref or not row.get(column.name):
            continue
        target, key = column.ref.split(".")
        if next(c for c in TABLE_BY_NAME[target].columns if c.name == key).pattern != ID_PATTERN:
            continue  # a fixed key (status, body, kind): the build lists them all
        if current.file(target).find((row[column.name],)) is None:
            raise _missing(current, target, key, row[column.name])


def add_session(fields: Mapping[str, str | None]) -> Plan:
    """A new session; `sequence` defaults to the next after the last session."""

    def plan(current: Current) -> Edit:
        row = _row("sessions", fields)
        _check_ids(current, "sessions", row)
        if not row["sequence"]:
            numbers = [int(r["sequence"]) for r in current.rows("sessions") if r["sequence"].lstrip("-").isdigit()]
            row["sequence"] = str(max(numbers, default=0) + 1)
        return Edit("add session", f"add session {row['session_id']}", [RowChange("sessions", None, row)])

    return plan


def add_item(fields: Mapping[str, str | None]) -> Plan:
    """A new requirement, recommendation or topic."""

    def plan(current: Current) -> Edit:
        row = _row("items", fields)
        _check_ids(current, "items", row)
        return Edit("add item", f"add item {row['item_id']}", [RowChange("items", None, row)])

    return plan


def add_document(fields: Mapping[str, str | None]) -> Plan:
    """A new cited document (a session's report, a resolution), with where the source cites it."""

    def plan(current: Current) -> Edit:
        row = _row("documents", fields)
        _check_ids(current, "documents", row)
        return Edit("add document", f"add document {row['document_id']}", [RowChange("documents", None, row)])

    return plan


def set_link(fields: Mapping[str, str | None]) -> Plan:
    """Record an item's status at a session, or change it. On a change, fields not given keep
    their value; the provenance (source, paragraph, quote) must then be given again if the
    evidence for the new status is elsewhere."""

    def plan(current: Current) -> Edit:
        given = {k: v for k, v in fields.items() if v is not None}
        row = _row("links", given)
        _check_ids(current, "links", row)
        before = _existing(current, "links", (row["item_id"], row["session_id"]))
        after = {**before, **{k: _cell(v) for k, v in given.items()}} if before else row
        verb = "record" if before is None else "change"
        if before == after:
            return Edit("set link", "no change", [])  # refused by save as nothing to do
        summary = f"{verb} {after['item_id']} at {after['session_id']}: {after['status']}"
        return Edit("set link", summary, [RowChange("links", before, after)])

    return plan


def set_fields(table: str, key: tuple[str, ...], fields: Mapping[str, str | None]) -> Plan:
    """Correct cells of one existing row (a session's dates or venue, an item's note...): the
    given fields change, None keeps a cell; the key itself cannot change."""

    def plan(current: Current) -> Edit:
        columns = TABLE_BY_NAME[table].key
        given = {k: v for k, v in fields.items() if v is not None}
        _check_ids(current, table, _row(table, given))  # unknown fields and ids refused
        if set(given) & set(columns):
            raise UsageError(f"{table}.csv: the key ({', '.join(columns)}) cannot be changed; add a new row instead")
        before = _existing(current, table, key)
        if before is None:
            raise _missing(current, table, "+".join(columns), "/".join(key))
        after = {**before, **{k: _cell(v) for k, v in given.items()}}
        changed = sorted(k for k in after if after[k] != before[k])
        summary = f"set {', '.join(changed)} of {table[:-1]} {'/'.join(key)}"
        return Edit(f"set {table[:-1]}", summary, [] if after == before else [RowChange(table, before, after)])

    return plan


def remove_link(item_id: str, session_id: str) -> Plan:
    """Remove an item's link to a session (a status recorded by mistake)."""

    def plan(current: Current) -> Edit:
        before = _existing(current, "links", (item_id, session_id))
        if before is None:
            raise _missing(current, "links", "item_id+session_id", f"{item_id}/{session_id}")
        return Edit("remove link", f"remove {item_id} at {session_id}", [RowChange("links", before, None)])

    return plan


def set_title(item_id: str, title_en: str | None = None, title_zh: str | None = None) -> Plan:
    """Fix an item's English and/or Chinese title (None keeps it)."""
    return set_titles({item_id: (title_en, title_zh)})


def set_titles(titles: Mapping[str, tuple[str | None, str | None]]) -> Plan:
    """Fix the titles of several items in one save: item_id -> (title_en, title_zh), None keeps one."""

    def plan(current: Current) -> Edit:
        file = current.file("items")
        changes = []
        for item_id, (title_en, title_zh) in titles.items():
            index = file.find((item_id,))
            if index is None:
                raise _missing(current, "items", "item_id", item_id)
            before = file.row(index)
            after = {**before, **{k: v for k, v in (("title_en", title_en), ("title_zh", title_zh)) if v is not None}}
            if after != before:
                changes.append(RowChange("items", before, after))
        summary = (
            f"retitle {', '.join(c.key for c in changes)}" if len(changes) < 4 else f"retitle {len(changes)} items"
        )
        return Edit("set title", summary, changes)

    return plan


def add_source(fields: Mapping[str, str | None], text: bytes) -> Plan:
    """A new source document: its row in sources.csv and its plain text under sources/."""

    def plan(current: Current) -> Edit:
        row = _row("sources", fields)
        if not row["path"]:
            row["path"] = f"sources/{row['source_id']}.txt"
        name = f"{current.data_dir.name}/sources.csv"
        if not row["path"].startswith("sources/") or ".." in Path(row["path"]).parts:
            raise DataError(name, "a path under sources/", column="path", value=row["path"])
        if (current.data_dir / row["path"]).exists():
            raise DataError(name, "a path no file has yet", column="path", value=row["path"])
        return Edit(
            "add source",
            f"add source {row['source_id']}",
            [RowChange("sources", None, row)],
            [FileChange(row["path"], bytes(text))],
        )

    return plan


def undo() -> Plan:
    """Revert the last change not yet undone (an undo is not itself undone: undo again to go
    further back)."""

    def plan(current: Current) -> Edit:
        entry = last_undoable(current.data_dir)
        if entry is None:
            raise EditRefused("edit_nothing_to_undo")
        rows, files = [], []
        for change in json.loads(entry["changes"]):
            if "table" in change:
                rows.append(RowChange(change["table"], change["after"], change["before"]))
            else:
                files.append(_file_reverted(change))
        summary = f"undo {entry['entry']}: {entry['summary']}"
        return Edit("undo", summary, rows[::-1], files, reverts=int(entry["entry"]))

    return plan


def _file_reverted(change: dict) -> FileChange:
    """The inverse of a logged file change: only an added file can be taken back."""
    if change["before"] is not None:
        raise UsageError(f"cannot undo the replacement of {change['file']}: its old text is not kept")
    return FileChange(change["file"], None, before=change["after"])


def last_undoable(data_dir: Path) -> dict[str, str] | None:
    """The latest audit entry that is not an undo and has not been undone."""
    entries = read_log(data_dir)
    undone = {e["reverts"] for e in entries if e["reverts"]}
    for entry in reversed(entries):
        if entry["operation"] != "undo" and entry["entry"] not in undone:
            return entry
    return None
