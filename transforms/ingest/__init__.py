"""Read a UN document (PDF, Word or plain text) into candidate rows for a person to review.

Parts, each about one thing: formats into a common model of lines (`text`/`lines`, `pdf` with `gutter` for
two columns, `docx` with `numbering` for Word's automatic numbering, `encoding` for UTF-16 text); page
layout — furniture and footnotes (`layout`); structure — numbered paragraphs, headings, numbering warnings
(`structure`, `lists`); recognising candidates (`recognise`, `plan_refs`, `plan`, `documents`, `sessions`,
`masthead`); the result and its CSV files (`candidates`); the command is transforms.cli.ingest.

Nothing is added to the record: `write_candidates` writes CSV files outside the data folder.

Quotes. A candidate's quote (column `columns.QUOTE`) is exact: a substring of its paragraph as the
`paragraphs` frame gives it. Where the document breaks a wording across lines, the quote keeps the line break
as it stands; `flatten(quote)` gives the wording on one line. The quote is in the document's language.
"""

from __future__ import annotations

from .candidates import Candidates, candidates_csv, refuse_data_folder, write_candidates
from .columns import QUOTE
from .headings import heading_key, heading_labels
from .reader import default_source_id, read_document, read_file, read_lines, read_upload
from .wording import flatten, is_chinese

__all__ = [
    "QUOTE",
    "Candidates",
    "candidates_csv",
    "default_source_id",
    "flatten",
    "heading_key",
    "heading_labels",
    "is_chinese",
    "read_document",
    "read_file",
    "read_lines",
    "read_upload",
    "refuse_data_folder",
    "write_candidates",
]
