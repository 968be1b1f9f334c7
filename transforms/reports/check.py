"""The validation report: what the record still lacks, beyond what `gaptrack build` refuses.

Each check is one SQL file (sql/check_<name>.sql) returning the rows that need attention;
`gaptrack check` prints them and the dashboard shows them in a panel.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..database.queries import Filters, Store
from ..presentation.i18n import t

DEFAULT_WAITED = 2  # Working Group sessions a proposal may wait before it is reported


@dataclass(frozen=True)
class Check:
    name: str  # sql/check_<name>.sql; check_<name> and check_<name>_help in the catalogs

    def rows(self, store: Store, as_of: str | None, lang: str, waited: int) -> pd.DataFrame:
        return store.frame(f"check_{self.name}", Filters(as_of=as_of, lang=lang), waited=waited)

    def title(self, lang: str, waited: int) -> str:
        return t(lang, f"check_{self.name}", waited=waited)

    def help(self, lang: str) -> str:
        return t(lang, f"check_{self.name}_help")


CHECKS = (
    Check("items_without_paragraph"),
    Check("unaddressed_requirements"),
    Check("unaddressed_headings"),
    Check("waiting_proposals"),
    Check("sessions_without_symbol"),
)


def validation_report(
    store: Store, as_of: str | None = None, lang: str = "en", waited: int = DEFAULT_WAITED
) -> dict[str, pd.DataFrame]:
    """Each check's name with the rows it found (an empty frame: nothing to report)."""
    return {check.name: check.rows(store, as_of, lang, waited) for check in CHECKS}


def report_text(store: Store, as_of: str | None, lang: str, waited: int) -> tuple[str, int]:
    """The report as text for the terminal, and how many rows it found in all."""
    from ..cli import table_text

    lines, found = [], 0
    for check in CHECKS:
        rows = check.rows(store, as_of, lang, waited)
        found += len(rows)
        lines += ["", f"{check.title(lang, waited)}: {len(rows)}", f"  {check.help(lang)}"]
        if len(rows):
            lines += ["  " + line for line in table_text(rows).splitlines()]
    return "\n".join(lines).lstrip("\n"), found


def _run(args) -> int:
    from ..cli import _checked_filters, _ready_store

    if args.waited < 0:
        from ..record.errors import UsageError

        raise UsageError("--waited: expected a whole number of sessions, 0 or more")
    with _ready_store(args) as store:
        filters = _checked_filters(store, args)
        text, found = report_text(store, filters.as_of, filters.lang, args.waited)
    print(t(filters.lang, "check_valid"))
    print(text)
    return 1 if args.strict and found else 0


def add_command(commands) -> None:
    from ..cli import add_filters, add_paths

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
