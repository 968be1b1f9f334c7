"""Editing the relation "item addresses Plan requirement" (data/addresses.csv): the plans the
Edit page and the command line (transforms/cli/addresses.py: gaptrack address set|remove) share.

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
