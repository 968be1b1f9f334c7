"""A document, in any format, to candidates: format → lines → layout → structure → candidates."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from ..record.errors import DataError, UsageError
from ..record.schema import ID_PATTERN
from .candidates import UNPLACED_COLUMNS, Candidates, frame, table_frame
from .columns import QUOTE
from .documents import document_candidates, footnote_body
from .layout import sort_out
from .lines import Line, plain_lines
from .lists import cut
from .masthead import masthead, source_row
from .plan import requirement_rows
from .recognise import bullet_items, text_items, unique_ids
from .sessions import ALSO, session_candidates
from .structure import NUMBER_LIKE, NUMBERED, find_structure, path_text
from .wording import is_chinese

FORMATS = {".pdf": "pdf", ".docx": "docx", ".txt": "text", ".text": "text", ".md": "text", "": "text"}


def _labels(headings: Mapping[str, str] | None) -> Mapping[str, str]:
    if headings is not None:
        return headings
    from ..record.paths import default_data_dir
    from .headings import heading_labels

    return heading_labels(default_data_dir())


def _check_id(source_id: str) -> None:
    if not re.fullmatch(ID_PATTERN, source_id):
        raise UsageError(f"--source-id {source_id!r}: expected an id of lowercase letters, digits, '.', '_', '-'")


def read_document(
    text: str, source_id: str, *, headings: Mapping[str, str] | None = None, name: str | None = None
) -> Candidates:
    """Candidates in a document's plain text, for review.

    `headings` maps Plan heading names (folded, see headings.heading_form) to keys (default: the labels in the
    data folder's headings.csv); `name` names the document in error messages (default: source_id).
    Raises UsageError for a source_id that is not a valid id, DataError for binary or empty text or a text
    with no numbered paragraph.
    """
    name = name or source_id
    if "\x00" in text:
        raise DataError(name, "a plain-text file (UTF-8)", value="binary data (NUL bytes)")
    return read_lines(plain_lines(text), source_id, headings=headings, name=name)


def read_lines(
    lines: list[Line], source_id: str, *, headings: Mapping[str, str] | None = None, name: str | None = None
) -> Candidates:
    """Candidates from a document's lines as a format reader gives them (see read_document for the rest)."""
    name = name or source_id
    _check_id(source_id)
    if not any(line.text.strip() for line in lines):
        raise DataError(name, "a document with text", value="an empty document")
    labels = _labels(headings)
    layout = sort_out(lines)
    structure = find_structure(layout.body, labels)
    numbered = [p for label, p in structure.paragraphs.items() if label != "header"]
    if not numbered:
        expected = "a UN document with numbered paragraphs ('1. …', '2. …')"
        raise DataError(name, expected, value="no numbered paragraph")
    text = "\n".join(line.text for line in lines)
    chinese = is_chinese(text)
    paragraphs = {label: p.text for label, p in structure.paragraphs.items()} | layout.footnotes
    cover = _masthead_lines(lines)
    found = masthead([line.text for line in cover], [line.size for line in cover])
    found["language"] = "zh" if chinese else "en"

    plan_rows = requirement_rows(structure, source_id, labels, chinese)
    operative = {row["source_paragraph"] for row in plan_rows}
    items = list(plan_rows)
    for paragraph in numbered:
        if paragraph.label not in operative:
            listing = cut(paragraph)
            items += text_items(listing, source_id, labels, chinese) + bullet_items(listing, source_id, labels, chinese)
    items = unique_ids(items, "item_id", ("source_paragraph", QUOTE, "kind", "plan_paragraph"))
    documents = unique_ids(
        document_candidates(paragraphs, source_id, found["symbol"]),
        "document_id",
        ("source_paragraph", "symbol", QUOTE),
    )
    sessions = session_candidates(paragraphs, source_id, found["issued_date"])
    unplaced = _unplaced(structure, layout.footnotes, (items, documents, sessions))
    warnings = [*structure.warnings, *layout.warnings]
    if columned := sorted({line.page for line in lines if line.column}):
        pages = ", ".join(str(page) for page in columned)
        warnings.append(f"pages set in two columns, read column by column (left first): {pages}; check the order")
    if layout.furniture:
        shown = "; ".join(repr(f) for f in layout.furniture[:5]) + ("; …" if len(layout.furniture) > 5 else "")
        warnings.append(f"{len(layout.furniture)} lines of page furniture left out: {shown}")
    if unread := _unread(structure):
        shown = "; ".join(repr(text[:60]) for _, text in unread[:5]) + ("; …" if len(unread) > 5 else "")
        warnings.append(
            f"{len(unread)} lines before paragraph 1 were not read as numbered paragraphs (listed as unplaced): {shown}"
        )
    if len(unplaced):
        warnings.append(f"{len(unplaced)} paragraphs or footnotes gave no candidate: listed as unplaced")
    return Candidates(
        items=table_frame(items, "items"),
        documents=table_frame(documents, "documents"),
        sessions=table_frame(sessions, "sessions"),
        sources=table_frame([source_row(found, source_id)], "sources"),
        paragraphs=frame([{"label": k, "text": v} for k, v in paragraphs.items()], ["label", "text"]),
        unplaced=unplaced,
        warnings=tuple(warnings),
    )


def _masthead_lines(lines: list[Line]) -> list[Line]:
    """The lines before paragraph 1 (page 1 at most), furniture included: the symbol stands there alone."""
    out = []
    for line in lines:
        if (line.page > 1) or (NUMBERED.match(line.text) and not line.footnote):
            break
        if not line.footnote:
            out.append(line)
    return out


def _unread(structure) -> list[tuple[str, str]]:
    """(heading path, line) of the lines before paragraph 1 that are not the masthead: under a heading, or
    starting with a number the structure did not read (`3)`, `1、`)."""
    return [
        (path_text(path), text.strip())
        for text, path in structure.paragraphs["header"].lines
        if text.strip() and (path or NUMBER_LIKE.match(text))
    ]


def _unplaced(structure, footnotes: Mapping[str, str], tables) -> object:
    """Numbered paragraphs and footnotes no candidate cites: (label, heading_path, text, note)."""
    cited = {row["source_paragraph"] for rows in tables for row in rows}
    cited.update(label for rows in tables for row in rows for label in row.get(ALSO, ()))
    rows = []
    for label, paragraph in structure.paragraphs.items():
        if label != "header" and label not in cited:
            text = NUMBERED.sub("", paragraph.text, count=1).strip()
            rows.append(dict(label=label, heading_path=path_text(paragraph.path), text=text,
                             note="no candidate drawn from this paragraph: for the reviewer"))  # fmt: skip
    for path, text in _unread(structure):
        note = "text before paragraph 1 that is no masthead, not read as a numbered paragraph: for the reviewer"
        rows.append(dict(label="header", heading_path=path, text=text, note=note))
    for label, text in footnotes.items():
        if label not in cited:
            note = "a footnote citing no symbol, decision or publication: for the reviewer"
            rows.append(dict(label=label, heading_path="", text=footnote_body(text), note=note))
    return frame(rows, UNPLACED_COLUMNS)


# ---------------------------------------------------------------- files


def default_source_id(name: str, lines: list[Line] | None = None) -> str:
    """A valid source id: from the document's own symbol in the masthead (CTOC/COP/WG.4/2010/6 →
    ctoc-cop-wg.4-2010-6), else from the file name (lowercase; other characters → '-')."""
    symbol = masthead([line.text for line in _masthead_lines(lines)])["symbol"] if lines else ""
    base = symbol or Path(name).stem
    slug = re.sub(r"[^a-z0-9_.\-]+", "-", base.lower().replace("/", "-")).strip("-._")
    return slug or "document"


def format_of(name: str, data: bytes) -> str:
    """'pdf', 'docx' or 'text': by the magic bytes first (%PDF, a zip with word/), then by the extension.
    DataError for an empty file, an encrypted or old-format Word file, or a .pdf/.docx whose bytes are of
    another kind."""
    if not data.strip():
        raise DataError(name, "a PDF, a Word file (.docx) or plain text", value="an empty document (0 bytes or blanks)")
    if data[:5] == b"%PDF-":
        return "pdf"
    if data[:2] == b"PK" and b"word/" in data[:65536]:
        return "docx"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE: an encrypted .docx, or an old .doc
        expected = "a .docx file without a password (save a copy as .docx without protection)"
        raise DataError(name, expected, value="an encrypted Word file or an old-format .doc file")
    kind = FORMATS.get(Path(name).suffix.lower())
    if kind in ("pdf", "docx"):
        expected = "a PDF file" if kind == "pdf" else "a Word file (.docx)"
        raise DataError(name, expected, value="a file of another kind (its first bytes do not match)")
    if data[:2] == b"PK":
        raise DataError(name, "a PDF, a Word file (.docx) or plain text", value="another kind of file (a zip archive)")
    return "text"


def lines_of(name: str, data: bytes) -> list[Line]:
    """The lines of a file's content in the common model; DataError for unreadable, encrypted or empty files."""
    kind = format_of(name, data)
    if kind == "pdf":
        from .pdf import pdf_lines

        return pdf_lines(data, name)
    if kind == "docx":
        from .docx import docx_lines

        return docx_lines(data, name)
    from ..record.csvio import decode_utf8
    from .encoding import utf16_text

    if (text := utf16_text(name, data)) is not None:
        return plain_lines(text)
    if b"\x00" in data:
        raise DataError(name, "a plain-text file (UTF-8)", value="binary data (NUL bytes)")
    return plain_lines(decode_utf8(data, name))


def read_upload(
    name: str, data: bytes, *, source_id: str | None = None, headings: Mapping[str, str] | None = None
) -> Candidates:
    """Candidates from a file's name and bytes (.pdf, .docx or plain text, told by magic bytes and extension).

    source_id defaults to default_source_id. Raises DataError for an unreadable, encrypted, scanned-image-only
    or empty file or one with no numbered paragraph; UsageError for an invalid source_id.
    """
    lines = lines_of(name, data)
    return read_lines(lines, source_id or default_source_id(name, lines), headings=headings, name=name)


def read_file(path: Path, *, source_id: str | None = None, headings: Mapping[str, str] | None = None) -> Candidates:
    """Candidates from a file on disk (see read_upload); DataError also for a missing file or a folder."""
    from ..record.csvio import read_bytes

    data = read_bytes(Path(path), str(path), what="the document to read (.pdf, .docx or plain text)")
    return read_upload(str(path), data, source_id=source_id, headings=headings)
