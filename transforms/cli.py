"""The gaptrack command line: build, export, summary, serve."""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
import unicodedata
from pathlib import Path

from .build import build, ensure_built
from .errors import DataError, UsageError
from .export import EXPORTS, export_bytes
from .i18n import percent, t
from .load import data_version
from .paths import REPO, default_data_dir, default_db_path
from .queries import Filters, Store, check_filters, coverage_totals, labels
from .schema import HEADINGS, KINDS, LANGS, STATUSES


def paths_of(args) -> tuple[Path, Path]:
    """The data folder and database file the command works on."""
    return Path(args.data or default_data_dir()), Path(args.db or default_db_path())


def add_paths(parser: argparse.ArgumentParser) -> None:
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


# Modules that add their own commands: each has add_command(commands), which adds one or more
# subparsers and sets `handler` (args -> exit status) on them through set_defaults.
FEATURES: tuple[str, ...] = ("check", "edit_cli", "report", "diff", "ingest")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="gaptrack",
        description="How far the Working Group on Trafficking in "
        "Persons has covered the Global Plan of Action, session by session.",
    )
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = commands.add_parser(
        "build",
        help="validate data/ and build the DuckDB database",
        description="Validate every file in the data folder and build the database. "
        "On bad input: one message naming file, line and column, exit status 2, "
        "and the previous database unchanged.",
    )
    add_paths(p)
    p.add_argument("--lang", default="en", choices=LANGS, help="language of messages (default: en)")
    p = commands.add_parser(
        "export",
        help="write one table as CSV (UTF-8 with BOM)",
        description="Write a table as CSV for spreadsheets: UTF-8 with BOM, RFC 4180, "
        "formula-like cells neutralised. Builds the database first if it is missing "
        "or older than data/.",
    )
    p.add_argument("table", choices=list(EXPORTS), help="which table")
    add_filters(p)
    p.add_argument("--out", type=Path, default=None, metavar="FILE", help="write here (default: standard output)")
    add_paths(p)
    p = commands.add_parser(
        "summary",
        help="coverage per heading as a table in the terminal",
        description="Print coverage per heading. Builds the database first if needed.",
    )
    add_filters(p)
    add_paths(p)
    p = commands.add_parser(
        "synth",
        help="write a synthetic data folder of any size (for benchmarks)",
        description="Write a valid, deterministic synthetic data folder: the shape of the real record at any "
        "size, for benchmarks and scale tests. Never mix it with the real data.",
    )
    p.add_argument("--items", type=int, required=True, help="number of items")
    p.add_argument("--sessions", type=int, required=True, help="number of sessions")
    p.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="the folder to write")
    p = commands.add_parser(
        "serve",
        help="start the dashboard",
        description="Start the Streamlit dashboard on the built database (building it first if needed).",
    )
    p.add_argument("--port", type=int, default=8501, help="port to listen on (default: 8501)")
    add_paths(p)
    for name in FEATURES:
        importlib.import_module(f".{name}", __package__).add_command(commands)
    return top


def _ready_store(args) -> Store:
    data, db = args.data or default_data_dir(), args.db or default_db_path()
    ensure_built(data, db)
    return Store(db)


def _checked_filters(store: Store, args) -> Filters:
    sessions = list(labels(store, "en")["session"])
    return check_filters(
        Filters(tuple(args.heading), tuple(args.status), tuple(args.kind), args.as_of, args.lang), sessions
    )


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    space = " " * max(0, width - _width(text))
    return space + text if right else text + space


# What a terminal would act on, not show: C0 and C1 controls, and the bidirectional controls
# (marks, embeddings, overrides, isolates) that reorder what follows them on the line.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MAX_CELL_WIDTH = 60  # a longer value is shortened in terminal tables (exports keep it whole)


def _shortened(text: str, width: int = MAX_CELL_WIDTH) -> str:
    if _width(text) <= width:
        return text
    while _width(text) > width - 1:
        text = text[:-1]
    return text + "…"


def aligned(rows: list[list[str]], right: set[int] = frozenset()) -> list[str]:
    """Rows of cells as lines of text in columns (Chinese characters count as two wide), a rule
    under the first row; the columns in `right` are right-aligned. Control characters in a cell
    (an escape sequence, a line break, a bidirectional override) become spaces; a value wider
    than MAX_CELL_WIDTH is shortened with "…"."""
    rows = [[_shortened(CONTROL.sub(" ", cell)) for cell in row] for row in rows]
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(_pad(cell, widths[i], right=i in right) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def _cell_text(value) -> str:
    if value is None or value != value:  # None, NaN, NaT
        return ""
    return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else str(value)


def table_text(frame) -> str:
    """A data frame as aligned text: its column names, then its rows (numbers right-aligned)."""
    numeric = {i for i, dtype in enumerate(frame.dtypes) if dtype.kind in "iuf"}
    cells = [[_cell_text(v) for v in row] for row in frame.itertuples(index=False)]
    return "\n".join(aligned([list(map(str, frame.columns)), *cells], numeric))


def summary_table(store: Store, filters: Filters) -> str:
    """Coverage per heading as aligned text, with a total line."""
    from .queries import coverage_by_heading

    lang = filters.lang
    coverage = coverage_by_heading(store, filters)
    totals = coverage_totals(coverage)
    header = [
        t(lang, "heading"),
        t(lang, "status_done"),
        t(lang, "status_pending"),
        t(lang, "status_proposed"),
        t(lang, "total"),
        t(lang, "done_share"),
    ]
    rows = [
        [
            r.heading_label,
            str(r.done),
            str(r.pending),
            str(r.proposed),
            str(r.total),
            percent(r.done_share),
        ]
        for r in coverage.itertuples()
    ]
    share = percent(totals["done"] / totals["total"] if totals["total"] else None)
    rows.append([t(lang, "all_headings"), *(str(totals[k]) for k in ("done", "pending", "proposed", "total")), share])
    lines = aligned([header, *rows], right=set(range(1, len(header))))
    lines.insert(-1, lines[1])
    return "\n".join(lines)


def _serve(args) -> int:
    from .serving import check_port, child_environment, run_dashboard, streamlit_command

    check_port(args.port)  # before anything says the dashboard is running
    data, db = args.data or default_data_dir(), args.db or default_db_path()
    ensure_built(data, db)
    print(f"gaptrack: dashboard on http://localhost:{args.port} (database {db})", flush=True)
    command = streamlit_command(REPO / "dashboard" / "app.py", args.port)
    return run_dashboard(command, child_environment(data, db), REPO)  # cwd: Streamlit reads .streamlit/ there


def run(args) -> int:
    if getattr(args, "handler", None):
        return args.handler(args)
    if args.command == "build":
        data, db = args.data or default_data_dir(), args.db or default_db_path()
        counts = build(data, db)
        shown = ", ".join(f"{counts[name]} {name}" for name in ("sessions", "documents", "items", "links"))
        print(f"built {db} from {data}: {shown}; data version {data_version(Path(data))}")
        return 0
    if args.command == "serve":
        return _serve(args)
    if args.command == "synth":
        from .synth import synthesise

        counts = synthesise(args.out, args.items, args.sessions, args.seed)
        print(f"wrote {args.out}: " + ", ".join(f"{n} {name}" for name, n in counts.items()))
        return 0
    with _ready_store(args) as store:
        filters = _checked_filters(store, args)
        if args.command == "summary":
            print(summary_table(store, filters))
            return 0
        payload = export_bytes(store, args.table, filters)
    if args.out:
        args.out.write_bytes(payload)
    else:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        status = run(args)
        sys.stdout.flush()  # here, not at exit, so that a reader gone away is caught below
        return status
    except BrokenPipeError:  # the reader went away (gaptrack export items | head): a normal end
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that Python's final flush does not fail again
        return 0
    except DataError as err:
        lang = getattr(args, "lang", "en")
        print(f"gaptrack: {err.message(lang)}\n{t(lang, 'nothing_changed')}", file=sys.stderr)
        return 2
    except UsageError as err:
        lang = getattr(args, "lang", "en")
        print(f"gaptrack: {err.message(lang) if hasattr(err, 'message') else err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"gaptrack: {err.strerror}: {err.filename}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
