"""Editing the relation "item addresses Plan requirement" (data/addresses.csv): the plans the
Edit page and the command line share, and the commands

gaptrack address set ITEM REQUIREMENT --basis curated --rationale-en ... --rationale-zh ... --editor NAME
gaptrack address remove ITEM REQUIREMENT --editor NAME

Saving, validation (the build's: ids exist, the requirement is a requirement, the item is not,
a rationale in both languages), the audit log and undo are those of every other edit.
"""

from __future__ import annotations

from collections.abc import Mapping

from .edit import Plan, _cell, _existing, _missing, _row
from .saving import Current, Edit, RowChange


def set_address(fields: Mapping[str, str | None]) -> Plan:
    """Record that an item addresses a Plan requirement, or change that row (fields not given
    keep their value). fields: the columns of addresses.csv (item_id and requirement_id required)."""

    def plan(current: Current) -> Edit:
        given = {k: v for k, v in fields.items() if v is not None}
        row = _row("addresses", given)
        before = _existing(current, "addresses", (row["item_id"], row["requirement_id"]))
        after = {**before, **{k: _cell(v) for k, v in given.items()}} if before else row
        if before == after:
            return Edit("set address", "no change", [])  # refused by save as nothing to do
        verb = "record" if before is None else "change"
        summary = f"{verb} {after['item_id']} addresses {after['requirement_id']} ({after['basis']})"
        return Edit("set address", summary, [RowChange("addresses", before, after)])

    return plan


def remove_address(item_id: str, requirement_id: str) -> Plan:
    """Remove the row saying item_id addresses requirement_id (a DataError if there is none)."""

    def plan(current: Current) -> Edit:
        before = _existing(current, "addresses", (item_id, requirement_id))
        if before is None:
            raise _missing(current, "addresses", "item_id+requirement_id", f"{item_id}/{requirement_id}")
        summary = f"remove {item_id} addresses {requirement_id}"
        return Edit("remove address", summary, [RowChange("addresses", before, None)])

    return plan


def _set(args) -> int:
    from .edit_cli import _fields, _save

    return _save(args, set_address(_fields(args, "addresses")))


def _remove(args) -> int:
    from .edit_cli import _save

    return _save(args, remove_address(args.item_id, args.requirement_id))


def add_command(commands) -> None:
    """`gaptrack address set|remove`."""
    from .edit_cli import _editing, _table_options

    p = commands.add_parser("address", help="record, change or remove that an item addresses a Plan requirement")
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    q = sub.add_parser(
        "set",
        help="record or change that an item addresses a Plan requirement",
        description="Record that a recommendation or topic addresses a Plan requirement: basis source (a "
        "document says so: source, paragraph and quote required) or curated (the editors judge it), with a "
        "one-line rationale in English and Chinese. On a change, options not given keep their value.",
    )
    q.add_argument("item_id", metavar="ITEM", help="the recommendation or topic")
    q.add_argument("requirement_id", metavar="REQUIREMENT", help="the Plan requirement (an item of kind requirement)")
    _table_options(q, "addresses", skip=("item_id", "requirement_id"), optional=("*",))
    _editing(q)
    q.set_defaults(handler=_set)
    q = sub.add_parser("remove", help="remove that an item addresses a Plan requirement")
    q.add_argument("item_id", metavar="ITEM")
    q.add_argument("requirement_id", metavar="REQUIREMENT")
    _editing(q)
    q.set_defaults(handler=_remove)
