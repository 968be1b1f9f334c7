"""`gaptrack report`: write the printable briefing (transforms.reports.report) as one HTML file."""

from __future__ import annotations

from pathlib import Path

from ..database.queries import record_info
from ..presentation.i18n import t
from ..reports.report import report_html, write_report
from .options import add_filters, add_paths, checked_filters, ready_store


def _report(args) -> int:
    with ready_store(args) as store:
        filters = checked_filters(store, args)
        text = report_html(store, filters)
        version = record_info(store)["data_version"]
    write_report(args.out, text)
    print(t(filters.lang, "report_wrote", path=args.out, version=version))
    return 0


def add_command(commands) -> None:
    """`gaptrack report`: the printable briefing as one HTML file."""
    p = commands.add_parser(
        "report",
        help="write a printable HTML briefing (coverage, open items with provenance, data version)",
        description="Write a standalone HTML briefing: coverage per heading with a chart, the open (pending and "
        "proposed) items with their provenance, the data version and how to read it. One file, no network, "
        "prints on A4. Builds the database first if it is missing or older than data/.",
    )
    add_filters(p, ("heading", "kind"))  # a status filter does not apply: the briefing shows every open item
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="the HTML file to write")
    add_paths(p)
    p.set_defaults(handler=_report)
