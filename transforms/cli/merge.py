"""`gaptrack merge DIR`: the candidate rows `gaptrack ingest FILE --out DIR` wrote, reviewed in a
spreadsheet or an editor, added to the record as one change (transforms.review)."""

from __future__ import annotations

import os
from pathlib import Path

from ..editing.saving import Current, check, save
from ..presentation.i18n import t
from ..record.errors import UsageError
from ..record.schema import LANGS
from ..review.folder import read_folder
from ..review.rules import ReviewRefused, mapping_lines, plan_merge
from .options import add_paths, paths_of


def add_command(commands) -> None:
    """`gaptrack merge DIR --editor NAME`."""
    p = commands.add_parser(
        "merge",
        help="add reviewed candidate rows (from gaptrack ingest --out DIR) to the record as one change",
        description="Add the candidate rows left in DIR (as gaptrack ingest wrote them, reviewed: delete a row "
        "to reject it, fill what is missing) and the document's text to the record as ONE change: candidate ids "
        "get record ids (the mapping is printed), rows the record already holds are not added twice, half-filled "
        "rows are refused naming file, line and field; validated as gaptrack build validates, logged, undoable "
        "in one step (gaptrack undo).",
    )
    p.add_argument("folder", type=Path, metavar="DIR", help="the folder gaptrack ingest --out wrote")
    p.add_argument(
        "--editor", default=None, metavar="NAME", help="who is making the change (default: $GAPTRACK_EDITOR)"
    )
    p.add_argument(
        "--expect-version", default=None, metavar="VERSION", help="refuse unless the record is at this version"
    )
    p.add_argument("--dry-run", action="store_true", help="check and print the mapping; save nothing")
    p.add_argument("--lang", default="en", choices=LANGS, help="language of the messages (default: en)")
    add_paths(p)
    p.set_defaults(handler=run_merge)


def run_merge(args) -> int:
    """Read, check, save as one edit; print the id mapping and the saved entry."""
    data, db = paths_of(args)
    proposal = read_folder(args.folder)
    try:
        for line in mapping_lines(proposal, Current(data), args.lang):
            print(line)
        if args.dry_run:  # everything the merge checks, the staged build included; nothing written
            check(data, plan_merge(proposal), args.expect_version)
            print(t(args.lang, "merge_dry_run"))
            return 0
        saved = save(
            data, db, plan_merge(proposal), args.editor or os.environ.get("GAPTRACK_EDITOR", ""), args.expect_version
        )
    except ReviewRefused as err:
        raise UsageError(err.message(args.lang) + "\n" + t(args.lang, "merge_nothing_saved")) from None
    print(
        t(
            args.lang,
            "merge_saved",
            entry=saved.entry,
            summary=saved.summary,
            before=saved.version_before,
            after=saved.version_after,
        )
    )
    return 0
