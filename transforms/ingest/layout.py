"""Page layout: take page furniture and footnotes out of a document's lines, keeping the body in order.

Furniture (dropped from the body, listed for the summary): job numbers with a language letter and date
stamps (`V.11-12345 (E)    100811    110811`, with or without a prefix: `V.`, `GE.`, `NY.`), bar codes
(`*1112345*`, also spaced `* 1 1 1 2 3 4 5 *`), running heads (the symbol alone, maybe with a page number
`3` or `3/12`), page numbers (`3`, `- 3 -`, `2/3`, `Page 3`), rules under
which footnotes stand (`________`), and lines the format itself marks as furniture.

Footnotes (labelled fn1, fn2, … and fn*): lines the format places in a footnote area; in plain text, a line
starting with a superscript marker or '*'; a line starting with a plain number (`2 General Assembly
resolution 61/180, annex.`) when it starts with a citation, stands under a rule, runs on from or into a
footnote with the next number, or its number stands glued to a word earlier in the text; in a footnote area
or under a rule, a number glued to the footnote's text (`1CTOC/COP/WG.4/2014/1.`, as LibreOffice prints it); a
marker alone on
its line under a rule, whose text follows on the next line. A footnote that falls between two lines of a
list item is taken out, so the item's lines meet again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import Line
from .wording import BULLETS, FROM_SUPERSCRIPT

JOB_NUMBER = r"(?:\d{1,3}\s+)?(?:[A-Z]{1,3}\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+(?:\d{6}|\d{1,3}|[A-Z]{1,3}))*"
SYMBOL_ALONE = (
    r"(?:\d{1,3}(?:\s*/\s*\d{1,3})?\s+)?[A-Z][A-Z0-9.]*(?:/[A-Za-z0-9.]*[A-Za-z0-9])+"
    r"(?:\s+\d{1,3}(?:\s*/\s*\d{1,3})?)?"
)  # no final stop
PAGE_NUMBER = r"-?\s*\d{1,3}\s*-?|\d{1,3}\s*/\s*\d{1,3}|(?:Page|页)\s*\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?"
BAR_CODE = r"\*\s*(?:\d\s*){5,9}\*"  # also spaced: * 1 1 1 2 3 4 5 *
STAMPS = re.compile(rf"^\s*(?:(?:{BAR_CODE}\s+)?{JOB_NUMBER}(?:\s+{BAR_CODE})?|{BAR_CODE})\s*$")  # page 1's foot
FURNITURE = re.compile(
    rf"^\s*(?:{SYMBOL_ALONE}|{PAGE_NUMBER}|[-–—{BULLETS}])\s*$"  # last: a bullet sign alone
)
RULE = re.compile(r"^\s*[_\-–—─]{5,}\s*$")
MARKED = re.compile(r"^\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+|\*)\s*(?=\S)")  # a footnote line in the Chinese documents' style
PLAIN = re.compile(r"^\s*([0-9]{1,2})(?![0-9.])\s+(?=\S)")  # "2 General Assembly …", not "2. Text" nor "2010 年"
GLUED = re.compile(r"^\s*([0-9]{1,2})(?=[A-Z“\"][a-zA-Z/ ]|See\b|Ibid)")  # "1CTOC/COP/WG.4/2014/1." in a footnote area
MARKER_ALONE = re.compile(r"^\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+|\*|[0-9]{1,2})\s*$")
CITATION = re.compile(
    r"[A-Z][A-Z0-9.]*/[A-Z0-9]|(?:See|Ibid|Resolution|Decision|Official Records|General Assembly|Security Council"
    r"|Economic and Social Council|Human Rights Council|United Nations|Treaty Series|Available at|For the text"
    r"|Report of|Reports of|Note by|Adopted|Also|Cf)\b"
)
BODY_START = re.compile(rf"^\s*(?:[0-9]{{1,4}}[.．]|\([a-z]{{1,4}}\)|[-–—]\s|[{BULLETS}]|[IVX]{{1,5}}\.\s|[A-H]\.\s)")


@dataclass
class Layout:
    """A document's lines sorted out: the body (strings, in order), footnotes by label, furniture, warnings."""

    body: list[str] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)
    furniture: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def footnote_label(marker: str) -> str:
    """'¹' → 'fn1', '12' → 'fn12', '*' → 'fn*'."""
    return "fn*" if marker == "*" else "fn" + marker.translate(FROM_SUPERSCRIPT)


def is_furniture(text: str) -> bool:
    """Whether a line is page furniture by its form alone (job number, bar code, running head, page number)."""
    return bool(STAMPS.match(text) or FURNITURE.match(text) or RULE.match(text))


def _glued_markers(lines: list[str]) -> set[str]:
    """Plain numbers glued to a word or a closing mark in the text ('recommendations.4'): footnote markers."""
    found = set()
    for line in lines:
        found.update(re.findall(r"(?<=[A-Za-z,.;:)”\"])([0-9]{1,2})(?=[\s,.;:]|$)", line))
    return found


def _plain_footnotes(texts: list[str]) -> set[int]:
    """Indexes of lines that are footnotes printed with a plain number (see the module's rules)."""
    glued = _glued_markers(texts)
    plain = {i: m.group(1) for i, t in enumerate(texts) if (m := PLAIN.match(t))}

    def neighbour(i: int, step: int) -> int | None:
        j = i + step
        while 0 <= j < len(texts) and not texts[j].strip():
            j += step
        return j if 0 <= j < len(texts) else None

    chosen = set()
    for i, number in plain.items():
        rest = texts[i][PLAIN.match(texts[i]).end() :]
        before, after = neighbour(i, -1), neighbour(i, 1)
        runs = any(
            j is not None and j in plain and int(plain[j]) == int(number) + step
            for j, step in ((before, -1), (after, 1))
        )
        if CITATION.match(rest) or runs or number in glued:
            chosen.add(i)
    return chosen


def sort_out(lines: list[Line]) -> Layout:
    """Split lines into body, footnotes and furniture (see the module's docstring for the rules)."""
    layout = Layout()
    texts = [line.text for line in lines]
    plain = _plain_footnotes(texts)
    paged = any(line.page for line in lines)
    current: str | None = None  # label of the footnote the previous lines belong to
    under_rule = False
    pending: str | None = None  # a marker alone on its line, waiting for its text
    for index, line in enumerate(lines):
        text = line.text.rstrip()
        if not text.strip():
            if not (under_rule or line.footnote):
                layout.body.append("")
            continue
        if pending is not None:
            current, pending = footnote_label(pending), None
            _add_footnote(layout, current, f"{texts[_previous(texts, index)].strip()} {text.strip()}")
            continue
        if line.furniture or STAMPS.match(text):
            layout.furniture.append(text.strip())
            continue
        if (under_rule or line.footnote) and (m := MARKER_ALONE.match(text)) and _text_follows(texts, index):
            pending = m.group(1)
            continue
        if RULE.match(text):
            layout.furniture.append(text.strip())
            under_rule, current = True, None
            continue
        if (marker := _marker(text, index, line, plain, under_rule, paged)) is not None:
            current = footnote_label(marker)
            if (glued := GLUED.match(text)) and glued.group(1) == marker:  # "1CTOC/…" → "1 CTOC/…"
                text = f"{marker} {text[glued.end() :]}"
            _add_footnote(layout, current, text.strip())
            continue
        if FURNITURE.match(text) or STAMPS.match(text):
            layout.furniture.append(text.strip())
            continue
        continues = under_rule and current and not BODY_START.match(text) and not _ends(current, layout)
        if line.footnote or continues:
            current = current or "fn*"  # footnote-area text with no marker before it
            _add_footnote(layout, current, text.strip(), joined=True)
            continue
        under_rule, current = False, None
        layout.body.append(text)
    return layout


def _previous(texts: list[str], index: int) -> int:
    j = index - 1
    while j > 0 and not texts[j].strip():
        j -= 1
    return j


def _text_follows(texts: list[str], index: int) -> bool:
    """Whether the next non-blank line is a footnote's text (not furniture, not the body going on)."""
    j = index + 1
    while j < len(texts) and not texts[j].strip():
        j += 1
    return j < len(texts) and not FURNITURE.match(texts[j]) and not BODY_START.match(texts[j])


def _ends(label: str, layout: Layout) -> bool:
    return layout.footnotes[label].rstrip()[-1:] in ".。"


def _marker(text: str, index: int, line: Line, plain: set[int], under_rule: bool, paged: bool) -> str | None:
    """The footnote marker a line starts with, if the line is a footnote. Where the format places footnotes
    (`paged`: a PDF's footnote area), a plain number in body type starts one only before a citation (so the
    rows of a table, `1 Opening of the meeting`, stay in the body)."""
    if m := MARKED.match(text):
        return m.group(1)
    in_area = line.footnote or under_rule
    cites = bool(m := PLAIN.match(text)) and bool(CITATION.match(text[m.end() :]))
    if m and (in_area or (index in plain and (not paged or cites))):
        return m.group(1)
    if (m := GLUED.match(text)) and (line.footnote or under_rule):  # a marker printed glued to its text
        return m.group(1)
    return None


def _add_footnote(layout: Layout, label: str, text: str, *, joined: bool = False, alone: str | None = None) -> None:
    """Start footnote `label` (or, joined, add a line to it); a marker that stood alone goes before its text."""
    if alone is not None:
        text = f"{alone} {text}"
    if label in layout.footnotes:
        if not joined:
            layout.warnings.append(f"footnote {label[2:]} appears twice; its texts are kept together: {text!r}")
        layout.footnotes[label] += "\n" + text
    else:
        layout.footnotes[label] = text
