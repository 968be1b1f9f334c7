"""`gaptrack publish`: write the static edition (transforms.reports.publish) to a folder."""

from __future__ import annotations

import time
from pathlib import Path

from ..presentation.i18n import t
from ..record.schema import LANGS
from ..reports.publish import publish
from .options import add_paths, ready_store


def _publish(args) -> int:
    langs = tuple(args.lang) or LANGS
    started = time.perf_counter()
    with ready_store(args) as store:
        edition = publish(store, args.out, langs)
    seconds = time.perf_counter() - started
    print(
        t(
            langs[0],
            "publish_wrote",
            path=edition.path,
            pages=edition.pages,
            downloads=edition.downloads,
            version=edition.version,
            seconds=seconds,
        )
    )
    return 0


def add_command(commands) -> None:
    """`gaptrack publish`: the static edition as a folder of HTML pages and CSV files."""
    p = commands.add_parser(
        "publish",
        help="write the static edition (HTML pages, CSV files, the briefing) to a folder",
        description="Write a static edition of the record to a folder any web server can carry: the Overview, "
        "one page per heading, per item (with provenance) and per session, the method, the CSV downloads and the "
        "briefing, in each language; charts as inline SVG, no script, nothing loaded from outside the folder. "
        "The folder is replaced whole; an existing folder gaptrack did not write is refused. Builds the database "
        "first if it is missing or older than data/.",
    )
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="the folder to write")
    p.add_argument(
        "--lang",
        action="append",
        default=[],
        choices=LANGS,
        help="a language to publish; repeat for several (default: all: " + ", ".join(LANGS) + ")",
    )
    add_paths(p)
    p.set_defaults(handler=_publish)
