"""`gaptrack check`: the validation report (transforms.reports.check) in the terminal."""

from __future__ import annotations

from ..database.queries import Store
from ..presentation.i18n import number, t
from ..record.errors import UsageError
from ..reports.check import CHECKS, DEFAULT_WAITED
from .options import add_filters, add_paths, checked_filters, ready_store
from .terminal import table_text


def report_text(store: Store, as_of: str | None, lang: str, waited: int) -> tuple[str, int]:
    """The report as text for the terminal, and how many rows it found in all."""
    lines, found = [], 0
    for check in CHECKS:
        rows = check.rows(store, as_of, lang, waited)
        found += len(rows)
        lines += ["", f"{check.title(lang, waited)}: {number(lang, len(rows))}", f"  {check.help(lang)}"]
        if len(rows):
            lines += ["  " + line for line in table_text(rows).splitlines()]
        elif reason := check.nothing_on_record(store, as_of, lang):  # none on the record then: why
            lines += [f"  {reason}"]
    return "\n".join(lines).lstrip("\n"), found


def _run(args) -> int:
    if args.waited < 0:
        raise UsageError("--waited: expected a whole number of sessions, 0 or more")
    with ready_store(args) as store:
        filters = checked_filters(store, args)
        text, found = report_text(store, filters.as_of, filters.lang, args.waited)
    print(t(filters.lang, "check_valid"))
    print(text)
    return 1 if args.strict and found else 0


def add_command(commands) -> None:
    """Add `gaptrack check` to the command line."""
    p = commands.add_parser(
        "check",
        help="validate data/ and report what the record still lacks",
        description="Validate the data folder (as gaptrack build does: one message and exit status 2 on bad "
        "input), then report items without a numbered source paragraph, Plan requirements and headings no "
        "session has addressed, proposals waiting more than N Working Group sessions, and sessions without a "
        "document symbol. Exit status 0, or 1 with --strict when anything is reported.",
    )
    p.add_argument(
        "--waited",
        type=int,
        default=DEFAULT_WAITED,
        metavar="N",
        help=f"report proposals that have waited more than N Working Group sessions (default: {DEFAULT_WAITED})",
    )
    add_filters(p, keys=())
    p.add_argument("--strict", action="store_true", help="exit with status 1 when the report finds anything")
    add_paths(p)
    p.set_defaults(handler=_run)
