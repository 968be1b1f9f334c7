"""gaptrack address set|remove: which items address which Plan requirements (data/addresses.csv),
with the same save, validation, audit log and undo as every other edit.

gaptrack address set ITEM REQUIREMENT --basis curated --rationale-en ... --rationale-zh ... --editor NAME
gaptrack address remove ITEM REQUIREMENT --editor NAME
"""

from __future__ import annotations

from ..editing.addresses import remove_address, set_address
from .edit import _editing, _fields, _save, _table_options


def _set(args) -> int:
    return _save(args, set_address(_fields(args, "addresses")))


def _remove(args) -> int:
    return _save(args, remove_address(args.item_id, args.requirement_id))


def add_command(commands) -> None:
    """`gaptrack address set|remove`."""
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
