"""Word (.docx) into lines (python-docx): the body's paragraphs and tables in order, footnote references as
superscript markers (¹²³, numbered in order of reference), the footnotes part as footnote lines. Word's
automatic numbering and bullets are written before their paragraph as Word displays them (see `numbering`).
Headers and footers are page furniture; the first page's header is read as furniture lines before the body,
as UN Word templates set the masthead (symbol, date of issue, original language) there."""

from __future__ import annotations

import io

from ..record.errors import DataError
from .lines import Line
from .numbering import read_numbering
from .wording import TO_SUPERSCRIPT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def _open(data: bytes, name: str):
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as err:  # a damaged zip, a missing part, XML errors: all mean the same to the user
        raise DataError(
            name, "a readable Word file (.docx)", value=f"a file that cannot be read ({type(err).__name__})"
        ) from None


def _paragraph_text(p, numbers: dict[str, int]) -> str:
    """A w:p element's text; a footnote reference becomes its number in superscript."""
    out = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}footnoteReference"):
        if el.tag == f"{W}t":
            out.append(el.text or "")
        elif el.tag == f"{W}tab":
            out.append("\t")
        elif el.tag == f"{W}br":
            out.append("\n")
        else:
            note = el.get(f"{W}id")
            numbers.setdefault(note, len(numbers) + 1)
            out.append(str(numbers[note]).translate(TO_SUPERSCRIPT))
    return "".join(out)


def _body_paragraphs(body):
    """w:p elements of the body in order, table cells included (row by row)."""
    for child in body.iterchildren():
        if child.tag == f"{W}p":
            yield child
        elif child.tag == f"{W}tbl":
            yield from child.iter(f"{W}p")


def _first_page_header(document):
    """The w:p elements of the first section's first-page header ([] when the section has none: the running
    head of every page is furniture, never read)."""
    try:
        section = document.sections[0]
        header = section.first_page_header
        if not section.different_first_page_header_footer or header.is_linked_to_previous:
            return []
        return list(_body_paragraphs(header._element))
    except Exception:  # noqa: BLE001 - a header part that cannot be read is furniture left out
        return []


def _footnotes(document) -> dict[str, str]:
    """Footnote id → its text, from the footnotes part (separators left out)."""
    from lxml import etree

    part = next((rel.target_part for rel in document.part.rels.values() if rel.reltype == FOOTNOTES), None)
    if part is None:
        return {}
    root = etree.fromstring(part.blob)
    notes = {}
    for note in root.iter(f"{W}footnote"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join("".join(t.text or "" for t in p.iter(f"{W}t")).strip() for p in note.iter(f"{W}p"))
        notes[note.get(f"{W}id")] = text.strip()
    return notes


def docx_lines(data: bytes, name: str) -> list[Line]:
    """The lines of a Word file: body paragraphs (a line break inside one makes two lines), then its
    footnotes as footnote lines '<number> <text>'. DataError for an unreadable file or one with no text."""
    document = _open(data, name)
    numbers: dict[str, int] = {}
    lines = []
    for p in _first_page_header(document):
        lines += [Line(text, furniture=True) for text in _paragraph_text(p, {}).split("\n") if text.strip()]
    numbering = read_numbering(document)
    for p in _body_paragraphs(document.element.body):
        text = _paragraph_text(p, numbers)
        if (label := numbering.label(p)) and text.strip():
            text = f"{label} {text}"
        lines += [Line(text) for text in text.split("\n")]
    notes = _footnotes(document)
    for note_id, number in sorted(numbers.items(), key=lambda kv: kv[1]):
        if note_id in notes:
            lines.append(Line(f"{number} {notes[note_id]}", footnote=True))
    if not any(line.text.strip() for line in lines):
        raise DataError(name, "a Word file with text", value="an empty document")
    return lines
