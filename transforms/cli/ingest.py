"""`gaptrack ingest FILE [--source-id ID] [--out DIR]`: candidates from a .pdf, .docx or plain-text document
(transforms.ingest), written for review."""

from __future__ import annotations

import sys
from pathlib import Path

from ..ingest import heading_labels, read_file, refuse_data_folder, write_candidates
from ..presentation.i18n import t
from ..record.paths import default_data_dir
from ..record.schema import LANGS


def add_command(commands) -> None:
    """Add the `ingest` subcommand."""
    p = commands.add_parser(
        "ingest",
        help="propose candidate rows from a UN document (PDF, Word or text), for review",
        description="Read a UN document of the series (.pdf, .docx or plain text; Chinese or English) and write "
        "candidate items, documents, sessions and the document's sources row as CSV files in the data's own "
        "columns, plus its paragraphs and the text no candidate was drawn from (unplaced.csv). Nothing is "
        "added to the record: a person reviews the rows and copies those they accept into the data folder.",
    )
    p.add_argument("file", type=Path, help="the document: .pdf, .docx or plain text (UTF-8)")
    p.add_argument(
        "--source-id",
        default=None,
        metavar="ID",
        help="the id the record gives the document (default: from its own symbol, else from the file name)",
    )
    p.add_argument("--out", type=Path, default=Path("candidates"), metavar="DIR", help="default: candidates/")
    p.add_argument(
        "--data", type=Path, default=None, metavar="DIR", help="the data folder: heading names; --out may not be in it"
    )
    p.add_argument("--lang", default="en", choices=LANGS, help="language of the summary (default: en)")
    p.set_defaults(handler=run_ingest)


def run_ingest(args) -> int:
    """Read, propose, write; print counts, warnings, and that the record is unchanged."""
    data_dir = args.data or default_data_dir()
    refuse_data_folder(args.out, data_dir)
    candidates = read_file(args.file, source_id=args.source_id, headings=heading_labels(data_dir))
    write_candidates(candidates, args.out, data_dir)
    counts = candidates.counts()
    source_id = candidates.sources["source_id"].iloc[0]
    print(t(args.lang, "ingest_summary", file=args.file, out=args.out, **counts))
    print(t(args.lang, "ingest_counts", source_id=source_id, **counts))
    for warning in candidates.warnings:
        print(t(args.lang, "ingest_warning", warning=warning), file=sys.stdout)
    print(t(args.lang, "ingest_not_added"))
    return 0
