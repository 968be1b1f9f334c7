"""Structure of a document's body: numbered paragraphs, the headings they stand under, numbering warnings.

Paragraphs: a number (up to 4 digits) and a full stop where a paragraph starts (`1. Text`, `1.Text`, Chinese
`1．`).
The numbering is followed: the next number in sequence starts a paragraph also where lines were joined
(`I. Introduction 1. The Working Group met … 2. It held …`); a number out of sequence starts one only after
a sentence ends (a jump is reported), never in the middle of a sentence (`… as said in\\n16. Several …`),
and a repeated or lower number never does (both reported, with the line). Numbering that starts again at 1
(an annex) is kept apart: `annex-1`, `annex-2`, … (a second restart: `part3-1`, …).

Headings (structure, never text of a paragraph; each applies to what follows it, across paragraphs):
level 1 `I.`, Chinese `一.`, `一 .`, `三．`, `一、`, `四 加强…`, and a line that is exactly a Plan heading label or
"Recommendations"; level 2 `A.`, Chinese `（一）`; level 3 a numbered sub-heading (`1. General recommendations`:
a short line without closing punctuation, after a sentence's end, whose number is out of sequence, or in
sequence right before the paragraph that carries the same number); a lettered sub-heading (`(a) General
recommendations`: a short title-like line, no final punctuation, after a sentence's end and not after a list
item, standing right before the paragraph with the next number).
`Annex` on its own line starts the annex (level 0).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .headings import is_label

NUMBERED = re.compile(r"^\s*([0-9]{1,4})[.．](?![0-9])\s*(?=\S)")  # also Chinese full-width "1．"
NUMBER_LIKE = re.compile(r"^\s*(?:[0-9]{1,4}\s*[)）．.、]|[（(][0-9]{1,4}[)）])")  # a number, maybe one not read
HEADING_TAIL = re.compile(
    r"(?:^|\s)(?:[IVX]{1,5}\.|[A-H]\.|\([a-z]\))\s+[A-Z][^.;:。]{0,80}$"
)  # "… I. Recommendations"
LONG = 5000  # characters: a paragraph longer than this likely holds others whose numbers were not read
SHOWN = 5  # places named in a grouped warning
ROMAN = re.compile(r"^\s*([IVX]{1,5})\.\s*(\S.*?)\s*$")
CHINESE = re.compile(r"^\s*([一二三四五六七八九十]+)(?:\s*[.．、]\s*|[ \t\u3000]+)(\S.*?)\s*$")  # "四 加强…"
LETTER = re.compile(r"^\s*([A-H])\.\s+(\S.*?)\s*$")
CHINESE_SUB = re.compile(r"^\s*[（(]([一二三四五六七八九十]+)[）)]\s*(\S.*?)\s*$")
LETTERED = re.compile(r"^\s*\(([a-z])\)\s+(\S.*?)\s*$")
LETTERED_ITEM = re.compile(r"^\s*[（(](?:[a-z]|[ivx]{1,4})[)）]")
ANNEX = re.compile(r"^\s*(?:Annex|ANNEX|附件)(?:\s+[IVX]+)?\s*$")
SECTION_WORDS = re.compile(r"^\s*(?:(?:Conclusions and )?[Rr]ecommendations|建议|结论和建议)\s*$")
CONTENTS_ENTRY = re.compile(r"\t\s*\d+\s*$")  # a table-of-contents line: title, tab, page number
CLOSES = tuple(".;:,。；：，!?！？")
ENDS_SENTENCE = tuple(".;:。；：!?！？")
PARAGRAPH_START = re.compile(r"[A-Z\u4e00-\u9fff《“\"(（]")


@dataclass(frozen=True)
class Heading:
    """A heading line: its level (0 annex, 1 section, 2 sub-section, 3 numbered sub-heading), numeral, name."""

    level: int
    numeral: str
    name: str

    def __str__(self) -> str:
        if self.numeral.startswith("("):  # a lettered sub-heading: "(a) General recommendations"
            return f"{self.numeral} {self.name}"
        return f"{self.numeral}. {self.name}" if self.numeral else self.name


Path_ = tuple[Heading, ...]


@dataclass
class Paragraph:
    """A numbered paragraph (or the header before paragraph 1): its label, number and lines with their path."""

    label: str
    number: int | None
    path: Path_
    lines: list[tuple[str, Path_]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(text for text, _ in self.lines).strip()

    @property
    def texts(self) -> list[str]:
        return [text for text, _ in self.lines]


@dataclass
class Structure:
    """Paragraphs in order (header first), the headings met, and numbering warnings."""

    paragraphs: dict[str, Paragraph]
    headings: list[tuple[Heading, str]] = field(default_factory=list)  # (heading, paragraph it was met in)
    warnings: list[str] = field(default_factory=list)


def path_text(path: Path_) -> str:
    """'I. Recommendations / A. Reporting of cases' ('' for no heading)."""
    return " / ".join(str(h) for h in path)


def heading_of(
    text: str,
    labels: Mapping[str, str],
    expected: int | None,
    next_text: str,
    after_break: bool = True,
    previous: str = "",
) -> Heading | None:
    """The heading a line is, or None (see the module's docstring). `after_break`: the line before ended a
    sentence, was a heading or blank (a numbered sub-heading never stands in the middle of a sentence)."""
    if CONTENTS_ENTRY.search(text):
        return None
    stripped = text.strip()
    if ANNEX.match(stripped):
        return Heading(0, "", stripped)
    if m := ROMAN.match(stripped):
        return Heading(1, m.group(1), m.group(2))
    if m := CHINESE.match(stripped):
        return Heading(1, m.group(1), m.group(2))
    if (m := LETTER.match(stripped) or CHINESE_SUB.match(stripped)) and len(stripped) <= 120:
        if not stripped.endswith(CLOSES):
            return Heading(2, m.group(1), m.group(2))
    if SECTION_WORDS.match(stripped) or (len(stripped) <= 80 and is_label(stripped, labels)):
        return Heading(1, "", stripped)
    if after_break and (m := LETTERED.match(stripped)) and not _continues_list(m.group(1), previous):
        after = NUMBERED.match(next_text)
        if (
            _title_like(m.group(2), 60)
            and PARAGRAPH_START.match(m.group(2))
            and after
            and int(after.group(1)) == expected
        ):
            return Heading(3, f"({m.group(1)})", m.group(2))
    if after_break and (m := NUMBERED.match(stripped)):
        name = stripped[m.end() :].strip()
        title_like = len(name) <= 60 and not name.endswith(CLOSES) and bool(PARAGRAPH_START.match(name))
        after = NUMBERED.match(next_text)
        before_numbered = bool(after) and int(after.group(1)) == expected  # it would take the next one's number
        if title_like and (int(m.group(1)) != expected or before_numbered):
            return Heading(3, m.group(1), name)
    return None


def _continues_list(letter: str, previous: str) -> bool:
    """Whether a lettered line goes on from the list item before it: that item does not end a sentence, or the
    line has the item's next letter ("(c)" after "(b) …")."""
    if not (item := LETTERED_ITEM.match(previous)):
        return False
    prior = item.group(0).strip("（()） ")
    return not previous.rstrip().endswith((".", "。")) or (len(prior) == 1 and ord(letter) == ord(prior) + 1)


def _title_like(text: str, longest: int) -> bool:
    return len(text) <= longest and not text.endswith(CLOSES) and not NUMBERED.match(text)


def _push(path: Path_, heading: Heading) -> Path_:
    return tuple(h for h in path if h.level < heading.level) + (heading,)


def _joined_start(text: str, expected: int, heading_first: bool, begin: int = 0) -> int | None:
    """Where paragraph `expected` starts inside a line (lines joined in extraction), or None."""
    pattern = re.compile(rf"(?<=\S)\s+({expected})[.．]\s*(?=[A-Z\u4e00-\u9fff《“\"])")
    for m in pattern.finditer(text, begin):
        before = text[: m.start()].rstrip()
        if before.endswith(ENDS_SENTENCE) or heading_first or HEADING_TAIL.search(before):
            return m.start()
    return None


def find_structure(body: list[str], labels: Mapping[str, str]) -> Structure:
    """Cut the body lines into the header and numbered paragraphs, with the heading path of every line."""
    header = Paragraph("header", None, ())
    structure = Structure({"header": header})
    current, path = header, ()
    last: int | None = None
    prefix, restarts, annex_seen = "", 0, False
    joined: list[int] = []
    jumps: list[tuple[str, str]] = []  # (the place, the warning when it is the only one)
    strays: list[tuple[str, str]] = []
    queue = list(reversed(body))
    previous, after_heading = "", False  # the last non-blank body line, and whether it was a heading
    blank_before = False
    while queue:
        text = queue.pop()
        expected = 1 if last is None else last + 1
        stripped = text.strip()
        if not stripped:
            current.lines.append((text, path))
            blank_before = True
            continue
        starts = NUMBERED.match(text)
        heading_first = bool(ROMAN.match(stripped) or CHINESE.match(stripped) or LETTER.match(stripped))
        if starts and int(starts.group(1)) == expected:  # the line starts paragraph N: is N + 1 inside it?
            found, at = expected + 1, _joined_start(text, expected + 1, False, starts.end())
        else:
            found, at = expected, _joined_start(text, expected, heading_first)
        if at is not None and at > 0:
            queue.append(text[at:].lstrip())
            text = text[:at]
            stripped = text.strip()
            joined.append(found)
            starts = NUMBERED.match(text)
        next_text = next((t for t in reversed(queue) if t.strip()), "")
        if after_heading and path and path[-1].level == 0 and _title_like(stripped, 150):  # the annex's title
            path = path[:-1] + (Heading(0, "", f"{path[-1].name}: {stripped}"),)
            structure.headings[-1] = (path[-1], current.label)
            continue
        after_break = not previous or previous.endswith(ENDS_SENTENCE) or after_heading or blank_before
        if heading := heading_of(text, labels, expected, next_text, after_break, "" if after_heading else previous):
            path = _push(path, heading)
            annex_seen = annex_seen or heading.level == 0
            structure.headings.append((heading, current.label))
            previous, after_heading, blank_before = stripped, True, False
            continue
        if starts:
            number = int(starts.group(1))
            verdict = _verdict(number, last, previous, after_heading)
            if verdict == "restart":
                restarts += 1
                prefix = "annex-" if annex_seen and restarts == 1 else f"part{restarts + 1}-"
                structure.warnings.append(
                    f"numbering starts again at 1 after paragraph {last}: kept apart as {prefix}1, {prefix}2, …"
                )
            if verdict in ("next", "jump", "restart", "first"):
                if verdict == "jump":
                    jumps.append(
                        (f"from {last} to {number}", f"numbering jumps from {last} to {number}: {stripped[:80]!r}")
                    )
                label = f"{prefix}{number}"
                if label in structure.paragraphs:  # should not happen: numbers only grow within a series
                    label = f"{label}-{len(structure.paragraphs)}"
                current = Paragraph(label, number, path)
                structure.paragraphs[label] = current
                last = number
            else:
                strays.append(
                    (
                        f"{number}. in paragraph {current.label} (expected {expected}): {stripped[:60]!r}",
                        f"line starting with {number}. out of sequence (expected {expected}) kept as text of "
                        f"paragraph {current.label}: {stripped[:80]!r}",
                    )
                )
        current.lines.append((text, path))
        previous, after_heading, blank_before = stripped, False, False
    if joined:
        structure.warnings.append(
            "paragraph numbers stood inside lines (lines joined when the text was extracted): "
            + _grouped([str(n) for n in joined], ", ")
        )
    if len(jumps) == 1 or len(strays) == 1:
        structure.warnings += [alone for group in (jumps, strays) if len(group) == 1 for _, alone in group]
    if len(jumps) > 1:
        structure.warnings.append(f"numbering jumps at {len(jumps)} places: {_grouped([p for p, _ in jumps])}")
    if len(strays) > 1:
        structure.warnings.append(
            f"{len(strays)} lines starting with a number out of sequence kept as text of the paragraph before: "
            + _grouped([p for p, _ in strays])
        )
    long = [f"{p.label} ({len(p.text):,} characters)" for p in structure.paragraphs.values()
            if p.label != "header" and len(p.text) > LONG]  # fmt: skip
    if long:
        structure.warnings.append(
            f"{len(long)} paragraphs longer than {LONG:,} characters (numbers inside them may not have been read): "
            + _grouped(long)
        )
    return structure


def _grouped(places: list[str], sep: str = "; ") -> str:
    """The first places of a warning and how many more."""
    more = len(places) - SHOWN
    return sep.join(places[:SHOWN]) + (f"{sep}… and {more} more" if more > 0 else "")


def _verdict(number: int, last: int | None, previous: str, after_heading: bool) -> str:
    """How a line starting with a number stands in the numbering: first, next, jump, restart or stray."""
    if last is None:
        return "first"
    if number == last + 1:
        return "next"
    sentence_ended = not previous or previous.endswith(ENDS_SENTENCE) or after_heading
    if number == 1 and sentence_ended:
        return "restart"
    if number > last + 1 and sentence_ended:
        return "jump"
    return "stray"
