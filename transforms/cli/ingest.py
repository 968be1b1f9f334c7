"""`gaptrack ingest`: candidate rows from a UN document's text (transforms.ingest), written for review."""

from __future__ import annotations

from pathlib import Path

from ..ingest import heading_labels, is_chinese, read_document, refuse_data_folder, write_candidates
from ..presentation.i18n import t
from ..record.paths import default_data_dir
from ..record.schema import LANGS
from ..record.source_text import read_text_file
from ..review.folder import review_files


def add_command(commands) -> None:
    """`gaptrack ingest FILE --source-id ID [--out DIR]`."""
    p = commands.add_parser(
        "ingest",
        help="propose candidate rows from a UN document's text, for review",
        description="Read the plain text of a UN document of the series (Chinese or English) and write "
        "candidate items, documents and sessions as CSV files in the data's own columns, plus the "
        "document's paragraphs. Nothing is added to the record: a person reviews the rows and "
        "copies those they accept into the data folder.",
    )
    p.add_argument("file", type=Path, help="the document's plain text (UTF-8)")
    p.add_argument("--source-id", required=True, metavar="ID", help="the id the record gives the document")
    p.add_argument("--out", type=Path, default=Path("candidates"), metavar="DIR", help="default: candidates/")
    p.add_argument(
        "--data", type=Path, default=None, metavar="DIR", help="the data folder: heading names; --out may not be in it"
    )
    p.add_argument("--lang", default="en", choices=LANGS, help="language of the summary (default: en)")
    p.set_defaults(handler=run_ingest)


def run_ingest(args) -> int:
    """Read, propose, write; print what was written and that the record is unchanged."""
    data_dir = args.data or default_data_dir()
    refuse_data_folder(args.out, data_dir)
    text = read_text_file(args.file)
    candidates = read_document(text, args.source_id, headings=heading_labels(data_dir), name=str(args.file))
    write_candidates(candidates, args.out, data_dir)
    language = "zh" if is_chinese(text) else "en"  # sources.csv, links.csv and the text, for gaptrack merge
    for relative, payload in review_files(candidates, text, args.source_id, language).items():
        (args.out / relative).parent.mkdir(parents=True, exist_ok=True)
        (args.out / relative).write_bytes(payload)
    counts = candidates.counts()
    print(t(args.lang, "ingest_summary", file=args.file, out=args.out, **counts))
    print(t(args.lang, "ingest_not_added"))
    return 0
