"""Edit commands for scripted use: the same edits, validation and audit log as the Edit page.

gaptrack session add --session-id wg-5 --body wg --number 5 ... --editor NAME
gaptrack item add --item-id ... ; gaptrack item retitle ITEM --title-en ...
gaptrack link set ITEM SESSION --status done ... ; gaptrack link remove ITEM SESSION
gaptrack source add FILE --source-id ... ; gaptrack undo ; gaptrack log
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..editing import edit
from ..editing.audit import read_log
from ..editing.saving import save
from ..presentation.i18n import t
from ..record.schema import ID_PATTERN, LANGS, TABLE_BY_NAME
from ..record.source_text import read_text_file
from .options import add_paths, paths_of
from .terminal import CONTROL
from .values import check_option


def _option(column: str) -> str:
    return "--" + column.replace("_", "-")


def _table_options(
    parser: argparse.ArgumentParser, table: str, skip: tuple[str, ...] = (), optional: tuple[str, ...] = ()
) -> None:
    """One --option per column of the table, required where the schema requires a value
    (except the `optional` ones: "*" for all)."""
    for column in TABLE_BY_NAME[table].columns:
        if column.name in skip:
            continue
        hint = column.describe or (
            "one of: " + ", ".join(column.choices)
            if column.choices
            else f"a {column.ref.split('.')[1]} listed in {column.ref.split('.')[0]}.csv"
            if column.ref
            else {"date": t("en", "form_date"), "int": t("en", "form_int")}.get(column.type, column.type)
        )
        if column.pattern == ID_PATTERN or _is_id_ref(column):
            hint += "; " + t("en", "form_id")
        parser.add_argument(
            _option(column.name),
            dest=column.name,
            default=None,
            required=column.required and column.name not in optional and optional != ("*",),
            metavar="VALUE",
            help=f"{column.name} ({hint})" + ("" if column.required else "; optional"),
        )


def _is_id_ref(column) -> bool:
    if not column.ref:
        return False
    target, key = column.ref.split(".")
    return next(c for c in TABLE_BY_NAME[target].columns if c.name == key).pattern == ID_PATTERN


ITEM_HELP = "an item_id listed in items.csv, such as rec-wg1-01 (lower-case letters, digits, '-', '_' or '.')"
SESSION_HELP = "a session_id listed in sessions.csv, such as wg-1 (lower-case letters, digits, '-', '_' or '.')"


def _editing(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", default="en", choices=LANGS, help="language of messages (default: en)")
    parser.add_argument(
        "--editor",
        default=os.environ.get("GAPTRACK_EDITOR"),
        metavar="NAME",
        help="who is making the change, as the audit log records it (default: $GAPTRACK_EDITOR)",
    )
    parser.add_argument(
        "--expect-version",
        default=None,
        metavar="VERSION",
        help="refuse the save unless the record is at this data version (see gaptrack log)",
    )
    add_paths(parser)


def _fields(args, table: str) -> dict[str, str | None]:
    """The columns given as options (None: not given), each checked as the option it is."""
    fields = {c: getattr(args, c) for c in TABLE_BY_NAME[table].column_names if hasattr(args, c)}
    positional = set(getattr(args, "positional", ()))  # ids given as arguments: checked by the save
    for column in TABLE_BY_NAME[table].columns:
        if fields.get(column.name) is not None and column.name not in positional:
            check_option(column, fields[column.name])
    return fields


def _save(args, plan) -> int:
    data, db = paths_of(args)
    saved = save(data, db, plan, args.editor or "", args.expect_version)
    print(
        f"saved entry {saved.entry}: {saved.summary} "
        f"(data version {saved.version_before} -> {saved.version_after}; database {db} rebuilt)"
    )
    return 0


def _session_add(args) -> int:
    return _save(args, edit.add_session(_fields(args, "sessions")))


def _item_add(args) -> int:
    return _save(args, edit.add_item(_fields(args, "items")))


def _item_retitle(args) -> int:
    columns = {c.name: c for c in TABLE_BY_NAME["items"].columns}
    for name in ("title_en", "title_zh"):
        if getattr(args, name) is not None:
            check_option(columns[name], getattr(args, name))
    return _save(args, edit.set_title(args.item_id, args.title_en, args.title_zh))


def _set_row(args) -> int:
    key = TABLE_BY_NAME[args.table].key[0]
    fields = {k: v for k, v in _fields(args, args.table).items() if k != key}
    return _save(args, edit.set_fields(args.table, (getattr(args, key),), fields))


def _document_add(args) -> int:
    return _save(args, edit.add_document(_fields(args, "documents")))


def _link_set(args) -> int:
    return _save(args, edit.set_link(_fields(args, "links")))


def _link_remove(args) -> int:
    return _save(args, edit.remove_link(args.item_id, args.session_id))


def _source_add(args) -> int:
    text = read_text_file(args.file)  # the same checks as gaptrack ingest: present, text, UTF-8
    return _save(args, edit.add_source(_fields(args, "sources"), text.encode("utf-8")))


def _undo(args) -> int:
    return _save(args, edit.undo())


def _log(args) -> int:
    data, _ = paths_of(args)
    entries = read_log(data)[-args.last :] if args.last else read_log(data)
    for e in entries:
        reverts = f" (reverts {e['reverts']})" if e["reverts"] else ""
        line = f"{e['entry']:>4}  {e['at']}  {e['editor']}  {e['summary']}{reverts}  -> {e['version_after']}"
        print(CONTROL.sub(" ", line))
    if not entries:
        print("no changes have been saved through gaptrack yet")
    return 0


def _add_parser(sub, table: str, help: str, handler, optional: tuple[str, ...] = ()) -> None:
    q = sub.add_parser("add", help=help)
    _table_options(q, table, optional=optional)
    _editing(q)
    q.set_defaults(handler=handler)


def _set_parser(sub, table: str, metavar: str, what: str) -> None:
    """`<table> set KEY --column value...`: correct fields of one row."""
    key = TABLE_BY_NAME[table].key[0]
    q = sub.add_parser(
        "set",
        help=f"correct {what}'s fields",
        description=f"Correct fields of {what}; options not given keep their value.",
    )
    q.add_argument(key, metavar=metavar, help=ITEM_HELP if key == "item_id" else SESSION_HELP)
    q.set_defaults(positional=(key,))
    _table_options(q, table, skip=(key,), optional=("*",))
    _editing(q)
    q.set_defaults(handler=_set_row, table=table)


def add_command(commands) -> None:
    """Add the edit commands: session, item, document, link, source (add, set, ...), undo and log."""
    sub = commands.add_parser("session", help="add a session or correct one").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    _add_parser(sub, "sessions", "add a session (sequence defaults to the next)", _session_add, ("sequence",))
    _set_parser(sub, "sessions", "SESSION", "a session (dates, venue, titles, provenance)")

    sub = commands.add_parser("item", help="add an item or correct it").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    _add_parser(sub, "items", "add a requirement, recommendation or topic", _item_add)
    _set_parser(sub, "items", "ITEM", "an item (heading, kind, note, provenance)")
    q = sub.add_parser("retitle", help="fix an item's English and/or Chinese title")
    q.add_argument("item_id", metavar="ITEM", help=ITEM_HELP)
    q.add_argument("--title-en", default=None, metavar="TEXT")
    q.add_argument("--title-zh", default=None, metavar="TEXT")
    _editing(q)
    q.set_defaults(handler=_item_retitle)

    sub = commands.add_parser("document", help="add a cited document (a report, a resolution)").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    _add_parser(sub, "documents", "add a document the record cites, with its symbol and session", _document_add)
    _link_and_source_commands(commands)


def _link_and_source_commands(commands) -> None:
    p = commands.add_parser("link", help="record, change or remove an item's status at a session")
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    q = sub.add_parser(
        "set",
        help="record or change an item's status at a session",
        description="Record an item's status at a session (source, paragraph and quote required), or change "
        "it (options not given keep their value).",
    )
    q.add_argument("item_id", metavar="ITEM", help=ITEM_HELP)
    q.add_argument("session_id", metavar="SESSION", help=SESSION_HELP)
    q.set_defaults(positional=("item_id", "session_id"))
    _table_options(q, "links", skip=("item_id", "session_id"), optional=("*",))
    _editing(q)
    q.set_defaults(handler=_link_set)
    q = sub.add_parser("remove", help="remove an item's link to a session")
    q.add_argument("item_id", metavar="ITEM", help=ITEM_HELP)
    q.add_argument("session_id", metavar="SESSION", help=SESSION_HELP)
    q.set_defaults(positional=("item_id", "session_id"))
    _editing(q)
    q.set_defaults(handler=_link_remove)

    p = commands.add_parser("source", help="add a source document (its plain text and its row)")
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    q = sub.add_parser("add", help="add a source document from a UTF-8 text file")
    q.add_argument("file", type=Path, metavar="FILE", help="the document's plain text (UTF-8)")
    _table_options(q, "sources", skip=("path",))
    _editing(q)
    q.set_defaults(handler=_source_add)

    q = commands.add_parser("undo", help="revert the last saved change (logged as a change itself)")
    _editing(q)
    q.set_defaults(handler=_undo)

    q = commands.add_parser("log", help="the audit log of saved changes")
    q.add_argument("--last", type=int, default=None, metavar="N", help="only the last N entries")
    add_paths(q)
    q.set_defaults(handler=_log)
