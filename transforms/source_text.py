"""Split a source document's plain text into its paragraphs, so a quote can be checked
against the exact paragraph it cites.

Labels: '1', '2', ... for numbered paragraphs; 'header' for the cover page before
paragraph 1; 'fn1', 'fn2', ... and 'fn*' for footnotes. Footnotes and section titles are
page furniture: they are taken out of the paragraph they interrupt.
"""

from __future__ import annotations

import re

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
FOOTNOTE = re.compile(r"^\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+|\*)\s+\S")
NUMBERED = re.compile(r"^\s*([0-9]+)\.\s")
FOOTNOTE_STARTS = set("⁰¹²³⁴⁵⁶⁷⁸⁹*")
CONTENTS_ENTRY = re.compile(r"^\s*([一二三四五六七八九十]+\.\s*.+?)\t\s*\d+\s*$")


def _footnote_label(marker: str) -> str:
    return "fn*" if marker == "*" else "fn" + marker.translate(SUPERSCRIPTS)


def split_paragraphs(text: str) -> dict[str, str]:
    """Map each paragraph label to its text (lines joined by newlines)."""
    lines = text.splitlines()
    section_titles = {m.group(1).strip() for line in lines if "\t" in line and (m := CONTENTS_ENTRY.match(line))}
    paragraphs: dict[str, list[str]] = {"header": []}
    current = paragraphs["header"]
    for line in lines:
        first = line.lstrip()[:1]
        if first in FOOTNOTE_STARTS and (m := FOOTNOTE.match(line)):
            paragraphs.setdefault(_footnote_label(m.group(1)), []).append(line.strip())
            continue
        if first.isdigit() and (m := NUMBERED.match(line)) and m.group(1) not in paragraphs:
            current = paragraphs[m.group(1)] = []
        elif section_titles and line.strip() in section_titles:
            continue
        current.append(line)
    return {label: "\n".join(body).strip() for label, body in paragraphs.items()}
