"""Split a source document's plain text into its paragraphs, so a quote can be checked
against the exact paragraph it cites.

Labels: '1', '2', ... for numbered paragraphs; 'annex-1', 'annex-2', ... for the numbered
paragraphs after a line 'Annex' (附件), whose numbering starts again, as transforms.ingest labels
them; 'header' for the cover page before paragraph 1; 'fn1', 'fn2', ... and 'fn*' for
footnotes. Footnotes and section titles are
page furniture: they are taken out of the paragraph they interrupt.

A footnote line starts with its marker: a superscript number (¹ ²…) or '*' as in the
Chinese documents, or, as English renderings often print it, a plain number followed by a
document symbol or a citation word ("1 CTOC/COP/WG.4/2009/2.", "4 Resolution 5/2, …", "2 General Assembly
resolution 61/180, annex.", "3 United Nations, Treaty Series, …"), as transforms.ingest.layout also reads them.

`read_text_file` reads a document's text from a file, for ingest and for adding a source text.
"""

from __future__ import annotations

import re
from pathlib import Path

from .csvio import decode_utf8, read_bytes
from .errors import DataError

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
FOOTNOTE = re.compile(r"^\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+|\*)\s+\S")
PLAIN_FOOTNOTE = re.compile(
    r"^\s*([0-9]{1,2})\s+(?=[A-Z][A-Z0-9.]*/[A-Z0-9]|(?:See|Ibid|Resolution|Decision|Official Records"
    r"|General Assembly|Security Council|Economic and Social Council|Human Rights Council|United Nations"
    r"|Treaty Series|Available at|For the text|Report of|Reports of|Note by|Adopted|Also|Cf)\b)"
)
NUMBERED = re.compile(r"^\s*([0-9]+)\.\s")
FOOTNOTE_STARTS = set("⁰¹²³⁴⁵⁶⁷⁸⁹*")
ANNEX = re.compile(r"^\s*(?:Annex|ANNEX|附件)(?:\s+[IVX]+)?\s*$")
CONTENTS_ENTRY = re.compile(r"^\s*([一二三四五六七八九十]+\.\s*.+?)\t\s*\d+\s*$")
# A line starting with a digit is a plain footnote (group 1) or else a numbered paragraph (group 2):
# PLAIN_FOOTNOTE and NUMBERED in one match, as paragraph_lines tries them, one line after another.
DIGIT_LINE = re.compile(
    PLAIN_FOOTNOTE.pattern.replace("^\\s*", "^\\s*(?:", 1) + "|" + NUMBERED.pattern.removeprefix("^\\s*") + ")"
)


def _footnote_label(marker: str) -> str:
    return "fn*" if marker == "*" else "fn" + marker.translate(SUPERSCRIPTS)


def _footnote_marker(line: str) -> str | None:
    """The marker of a footnote line ('¹', '*', '1'), or None for any other line."""
    first = line.lstrip()[:1]
    if first in FOOTNOTE_STARTS and (m := FOOTNOTE.match(line)):
        return m.group(1)
    if first.isdigit() and (m := PLAIN_FOOTNOTE.match(line)):
        return m.group(1)
    return None


def paragraph_lines(text: str) -> dict[str, list[str]]:
    """Map each paragraph label to its lines as they stand in the text, in order.

    Footnote lines (stripped) go to their footnote's label; contents-listed section titles
    are dropped; every other line, blank ones included, stays in the paragraph it falls in.
    """
    lines = text.splitlines()
    section_titles = {m.group(1).strip() for line in lines if "\t" in line and (m := CONTENTS_ENTRY.match(line))}
    paragraphs: dict[str, list[str]] = {"header": []}
    current = paragraphs["header"]
    prefix = ""
    annex_starts = ("A", "附")
    for line in lines:  # a million lines at 1M links: the common cases cost one regex match at most
        first = line.lstrip()[:1]
        number = None
        if first.isdigit():
            if first in FOOTNOTE_STARTS and (m := FOOTNOTE.match(line)):  # a superscript digit
                paragraphs.setdefault(_footnote_label(m.group(1)), []).append(line.strip())
                continue
            if m := DIGIT_LINE.match(line):
                if m.group(1) is not None:
                    paragraphs.setdefault(_footnote_label(m.group(1)), []).append(line.strip())
                    continue
                number = m.group(2)
        elif first in FOOTNOTE_STARTS and (m := FOOTNOTE.match(line)):
            paragraphs.setdefault(_footnote_label(m.group(1)), []).append(line.strip())
            continue
        elif first in annex_starts and ANNEX.match(line) and len(paragraphs) > 1:
            prefix = "annex-"
        if number is not None and prefix + number not in paragraphs:
            current = paragraphs[prefix + number] = []
        elif section_titles and line.strip() in section_titles:
            continue
        current.append(line)
    return paragraphs


def split_paragraphs(text: str) -> dict[str, str]:
    """Map each paragraph label to its text (lines joined by newlines)."""
    return {label: "\n".join(body).strip() for label, body in paragraph_lines(text).items()}


def read_text_file(path: Path) -> str:
    """A document's text from a UTF-8 file; a DataError if missing, binary, not UTF-8 or too large."""
    name = str(path)
    raw = read_bytes(Path(path), name, what="the plain-text file of a document")
    if b"\x00" in raw:
        raise DataError(name, "a plain-text file (UTF-8)", value="binary data (NUL bytes)")
    return decode_utf8(raw, name)
