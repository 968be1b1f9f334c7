"""Options several commands share: the data folder and database (--data, --db), the filters
(--heading, --status, --kind, --as-of, --lang), and the store they open."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..database.build import ensure_built
from ..database.queries import Filters, Store, check_filters, labels
from ..presentation.i18n import t
from ..record.paths import default_data_dir, default_db_path
from ..record.schema import HEADINGS, KINDS, LANGS, STATUSES


def paths_of(args) -> tuple[Path, Path]:
    """The data folder and database file the command works on (--data, --db, or the defaults)."""
    return Path(args.data or default_data_dir()), Path(args.db or default_db_path())


def add_paths(parser: argparse.ArgumentParser) -> None:
    """The options --data DIR and --db PATH (None when left out: the defaults apply)."""
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        metavar="DIR",
        help="the data folder (default: data/ in the repository, or $GAPTRACK_DATA)",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        metavar="PATH",
        help="the DuckDB file (default: var/gaptrack.duckdb, or $GAPTRACK_DB)",
    )


FILTERS = {
    "heading": HEADINGS,
    "status": STATUSES,
    "kind": KINDS,
}


def add_filters(parser: argparse.ArgumentParser, keys: tuple[str, ...] = ("heading", "status", "kind")) -> None:
    """The filter options: --heading/--status/--kind (those in keys; each repeatable), --as-of
    and --lang. A filter left out is set empty, so every command reads the same Filters."""
    for key, choices in FILTERS.items():
        if key not in keys:
            parser.set_defaults(**{key: []})
            continue
        parser.add_argument(
            f"--{key}",
            action="append",
            default=[],
            metavar="KEY",
            help=f"keep only this {key}; repeat for several ({', '.join(choices)})",
        )
    parser.add_argument(
        "--as-of",
        default=None,
        metavar="SESSION",
        help="the record as it stood after this session (a session_id such as wg-3)",
    )
    parser.add_argument("--lang", default="en", choices=LANGS, help="language of labels and titles (default: en)")
    parser.add_argument(
        "--no-curated",
        dest="curated",
        action="store_false",
        help="leave out the relations between items and Plan requirements that the editors judged (basis curated)",
    )


def ready_store(args) -> Store:
    """The store on the database of --db, built first from --data if it is missing or older than the
    data (DataError on bad data); close it after use (a context manager)."""
    data, db = args.data or default_data_dir(), args.db or default_db_path()
    if ensure_built(data, db):  # say so: the dashboard on the same file shows these figures only now
        lang = getattr(args, "lang", None)  # `publish` takes several languages: the first
        lang = (lang[0] if lang else "en") if isinstance(lang, list) else (lang or "en")
        print(t(lang, "db_built_first", data=data, db=db), file=sys.stderr)
    return Store(db)


def checked_filters(store: Store, args) -> Filters:
    """The Filters of the parsed options; a UsageError naming the option for an unknown heading,
    status, kind or session."""
    sessions = list(labels(store, "en")["session"])
    return check_filters(
        Filters(tuple(args.heading), tuple(args.status), tuple(args.kind), args.as_of, args.lang, args.curated),
        sessions,
    )
