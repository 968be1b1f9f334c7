"""The core commands: gaptrack build, export, summary, synth and serve."""

from __future__ import annotations

import sys
from pathlib import Path

from ..database.build import build, ensure_built
from ..database.coverage import with_total
from ..database.export import EXPORTS, export_bytes
from ..database.queries import Filters, Store, labels
from ..database.scope import EXPORT_VIEW
from ..presentation.i18n import number, percent, t
from ..record.errors import UsageError
from ..record.load import data_version
from ..record.paths import REPO, default_data_dir, default_db_path
from ..record.schema import LANGS
from .options import add_filters, add_paths, checked_filters, ready_store
from .terminal import aligned


def add_command(commands) -> None:
    """Add `gaptrack build`, `export`, `summary`, `synth` and `serve` to the command line."""
    p = commands.add_parser(
        "build",
        help="validate data/ and build the DuckDB database",
        description="Validate every file in the data folder and build the database. "
        "On bad input: one message naming file, line and column, exit status 2, "
        "and the previous database unchanged.",
    )
    add_paths(p)
    p.add_argument("--lang", default="en", choices=LANGS, help="language of messages (default: en)")
    p.set_defaults(handler=_build)
    p = commands.add_parser(
        "export",
        help="write one table as CSV (UTF-8 with BOM)",
        description="Write a table as CSV for spreadsheets: UTF-8 with BOM, RFC 4180, "
        "formula-like cells neutralised. Builds the database first if it is missing "
        "or older than data/.",
    )
    p.add_argument("table", choices=list(EXPORTS), help="which table")
    add_filters(p)
    p.add_argument(
        "--search",
        default="",
        metavar="WORDS",
        help="items only: the items holding every word in what the Items page shows of them "
        "(ids, titles, heading, kind, status, paragraphs, quote, sessions by id or name)",
    )
    p.add_argument("--open-only", action="store_true", help="items only: the pending and proposed items only")
    p.add_argument("--out", type=Path, default=None, metavar="FILE", help="write here (default, or -: standard output)")
    add_paths(p)
    p.set_defaults(handler=_export)
    p = commands.add_parser(
        "summary",
        help="coverage per heading as a table in the terminal",
        description="Print coverage per heading. Builds the database first if needed.",
    )
    add_filters(p)
    add_paths(p)
    p.set_defaults(handler=_summary)
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
    p.set_defaults(handler=_synth)
    p = commands.add_parser(
        "serve",
        help="start the dashboard",
        description="Start the Streamlit dashboard on the built database (building it first if needed).",
    )
    p.add_argument("--port", type=int, default=8501, help="port to listen on (default: 8501)")
    add_paths(p)
    p.set_defaults(handler=_serve)


def summary_table(store: Store, filters: Filters) -> str:
    """Coverage per heading as aligned text, one table per question (transforms/database/coverage.py):
    the Plan's requirements, then the Working Group's own recommendations and topics; each
    under a title saying what it counts, with a total line."""
    from ..database.coverage import QUESTIONS, answer, counted_words, excluded_sentence, kinds_text
    from ..database.queries import labels

    lang = filters.lang
    kind_labels = labels(store, lang)["kind"]
    blocks = []
    for question in QUESTIONS:
        found = answer(store, filters, question)
        if found is None:
            blocks.append(excluded_sentence(lang, question, kind_labels))
            continue
        kinds = kinds_text(lang, found.filters.kinds, kind_labels)
        title = counted_words(lang, f"summary_title_{question}", found, kinds=kinds)
        blocks.append(title + "\n" + coverage_text(lang, with_total(found)))
    return "\n\n".join(blocks)


def coverage_text(lang: str, table) -> str:
    """coverage_by_heading's rows and their total line (coverage.with_total: the same total row as
    the Overview's table and the coverage CSV, named for the headings it sums) as aligned text,
    numbers as `lang` writes them (i18n.number, percent)."""
    header = [
        t(lang, "heading"),
        t(lang, "status_done"),
        t(lang, "status_pending"),
        t(lang, "status_proposed"),
        t(lang, "total"),
        t(lang, "on_record"),
        t(lang, "done_share"),
    ]
    # shares: of every item on the record (on_record), whatever the status filter
    # counts and shares as the language writes numbers (Babel), as the dashboard and the briefing
    rows = [
        [r.heading_label, *(number(lang, int(n)) for n in (r.done, r.pending, r.proposed, r.total, r.on_record))]
        + [percent(r.done_share, lang)]
        for r in table.itertuples()
    ]
    lines = aligned([header, *rows], right=set(range(1, len(header))))
    lines.insert(-1, lines[1])
    return "\n".join(lines)


def _build(args) -> int:
    data, db = args.data or default_data_dir(), args.db or default_db_path()
    counts = build(data, db)
    shown = ", ".join(f"{counts[name]} {name}" for name in ("sessions", "documents", "items", "links"))
    print(f"built {db} from {data}: {shown}; data version {data_version(Path(data))}")
    return 0


def _serve(args) -> int:
    from .serve import check_port, child_environment, run_dashboard, streamlit_command

    check_port(args.port)  # before anything says the dashboard is running
    data, db = args.data or default_data_dir(), args.db or default_db_path()
    ensure_built(data, db)
    print(f"gaptrack: dashboard on http://localhost:{args.port} (database {db})", flush=True)
    command = streamlit_command(REPO / "dashboard" / "app.py", args.port)
    return run_dashboard(command, child_environment(data, db), REPO)  # cwd: Streamlit reads .streamlit/ there


def _synth(args) -> int:
    from ..record.synth import synthesise

    counts = synthesise(args.out, args.items, args.sessions, args.seed)
    print(f"wrote {args.out}: " + ", ".join(f"{n} {name}" for name, n in counts.items()))
    return 0


def _summary(args) -> int:
    with ready_store(args) as store:
        filters = checked_filters(store, args)
        tell_scope(store, filters, "overview")
        print(summary_table(store, filters))
    return 0


def tell_scope(store, filters, view: str, line: bool = True) -> None:
    """On stderr: what the output covers (as-of, filters applied) and any filter given that it
    does not apply, and why, so no option is ignored silently."""
    from ..database.scope import in_force, not_applied_sentence, scope_line

    if line and in_force(filters):  # summary narrowed: what it covers (an export's file name says it)
        print(scope_line(filters.lang, filters, view, labels(store, filters.lang)), file=sys.stderr)
    sentence = not_applied_sentence(filters.lang, filters, view)
    if sentence:
        print(sentence, file=sys.stderr)


def _export(args) -> int:
    if args.table != "items" and (args.search.strip() or args.open_only):
        raise UsageError(f"--search and --open-only narrow the items export only, not {args.table!r}")
    with ready_store(args) as store:
        filters = checked_filters(store, args)
        tell_scope(store, filters, EXPORT_VIEW[args.table], line=False)
        payload = export_bytes(store, args.table, filters, args.search, args.open_only)
    if args.out and str(args.out) != "-":
        args.out.write_bytes(payload)
    else:  # - is standard output, as for most commands
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    return 0
