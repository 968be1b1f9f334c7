"""Read the plain text of a UN document into candidate rows for a person to review.

`read_document(text, source_id)` proposes, in the data's own columns: items (each bullet of a
list with the numbered paragraph it belongs to; lead-in clauses that state a recommendation;
proposals of bullet-less paragraphs; Plan paragraph references with the Plan heading they
stand under), documents (every cited symbol with its footnote and the paragraph where the
footnote marker stands) and sessions (dates with the wording they come from). Nothing is
added to the record: `write_candidates` writes CSV files outside the data folder.

Quotes. A candidate's `quote` is exact: a substring of its paragraph as
`source_text.split_paragraphs` gives it, so the build's quote check accepts it. Where the
document breaks a wording across lines, the quote keeps the line break as it stands.
`flatten(quote)` gives the wording on one line (a line break and the spaces around it vanish
between two Chinese characters and become one space otherwise), to compare wordings across
renderings of the same document. For an English document `quote` holds the English wording.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .record.csvio import BOM
from .record.errors import DataError, UsageError
from .record.schema import ID_PATTERN, TABLE_BY_NAME
from .record.source_text import paragraph_lines, split_paragraphs

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
TERMINAL = "。；;.!?！？"

BULLET = re.compile(r"^\s*(?:[-–—•●▪◦·](?:\s+|(?=[^\x00-\x7f]))|\((?:[a-z]|[ivx]{1,4})\)\s+|（[a-z]）\s*)")
HEADING_LINE = re.compile(r"^\s*(?:[一二三四五六七八九十]+|[IVX]{1,5}|[A-H])\.\s*(\S.*?)\s*$")
NUMBER_PREFIX = re.compile(r"^\s*[0-9]+\.\s+")
FURNITURE = re.compile(
    r"^\s*(?:"
    r"(?:\d{1,3}\s+)?V\.\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{1,3})?"  # job number, maybe with a page number
    r"|-?\s*\d{1,3}\s*-?|\d{1,3}\s*/\s*\d{1,3}"  # page numbers: 2, - 2 -, 2/3
    r"|[A-Z][A-Z0-9.]*(?:/[A-Za-z0-9.]+)+"  # the document's symbol alone, as a running head
    r"|[-–—•●▪◦·]"  # a bullet sign with nothing after it
    r")\s*$"
)
CLAUSE_END = re.compile(r"[。！？；：]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|(?<=[A-Za-z0-9)”\"])[.:;](?=\s|$)|\n\s*\n")
RECOMMENDS = re.compile(r"^(?:建议|recommend(?:s|ed|ing)?\s+that\b)", re.IGNORECASE)
MAY_WISH = re.compile(r"不妨|\bmay wish to\s+")
QUOTED = re.compile(r"[“\"]([^”\"\n]{2,})[”\"]")
TITLE_BEFORE = re.compile(r"(?:题为|entitled|[（(])\s*$", re.IGNORECASE)  # a title, or a short name defined
PLAN_REF_END = re.compile(r"\s*[（(](?:第\s*(\d+)\s*条|(?:paragraph|para\.)\s*(\d+))[）)]\s*$", re.IGNORECASE)
PLAN_REF_INLINE = re.compile(
    r"《全球行动计划》[^。，《]{0,12}?第\s*(\d+)\s*条|paragraph\s+(\d+)\s+of\s+the\s+(?:Global\s+)?Plan",
    re.IGNORECASE,
)
TOPIC_WORDS = re.compile(r"议题|领域|\btopics?\b|\bareas?\b", re.IGNORECASE)
RECOMMENDATION_WORDS = re.compile(r"建议|recommend", re.IGNORECASE)
PLAN_WORDS = re.compile(r"全球行动计划|Global Plan|Plan of Action", re.IGNORECASE)
SYMBOL = re.compile(r"(?<![A-Za-z0-9/.])[A-Z][A-Z0-9.]*(?:/[A-Z0-9][A-Za-z0-9.]*)+")
DECISION = re.compile(
    r"(?:(?:缔约方会议|大会)\s*)?第\s*(\d+/\d+)\s*号(?:决定|决议)"
    r"|(?:(?:Conference|General Assembly)\s+)?(?:decision|resolution)\s+(\d+/\d+)",
    re.IGNORECASE,
)
FOOTNOTE_MARK = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+|\*|[0-9]{1,2})\s+")

MONTHS = "January February March April May June July August September October November December".split()
_MONTH = "(" + "|".join(MONTHS) + ")"
DATE_ZH = re.compile(
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*星期.)?"
    r"(?:\s*(?:至|到|-|–)\s*(?:(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*)?(\d{1,2})\s*日)?"
)
DATE_EN = re.compile(
    rf"\b(\d{{1,2}})(?:\s+{_MONTH}(?:\s+(\d{{4}}))?)?\s*(?:-|–|to|and)\s*(\d{{1,2}})\s+{_MONTH},?\s+(\d{{4}})\b"
    rf"|\b(\d{{1,2}})\s+{_MONTH},?\s+(\d{{4}})\b"
)
SESSION_NOUN_ZH = re.compile(r"会议|决议|决定")
SENTENCE_END = re.compile(r"[。！？]|(?<=[A-Za-z0-9)”\"])\.(?=\s|$)|\n\s*\n")
ORDINAL_ZH = re.compile(r"第([一二三四五六七八九十]+)(?=[、，和及届次]|\s)")
ORDINALS_EN = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
ORDINAL_EN = re.compile(r"\b(" + "|".join(ORDINALS_EN) + r"|\d{1,2}(?:st|nd|rd|th))\b", re.IGNORECASE)
CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
BODY_WORDS = (  # most specific first: "the extended Bureau of the Conference" is the Bureau
    ("bureau", ("主席团", "Bureau")),
    ("ga", ("大会", "General Assembly")),
    ("cop", ("缔约方会议", "Conference of the Parties", "Conference")),
    ("wg", ("工作组", "Working Group")),
)
VENUES = {"维也纳": ("Vienna", "维也纳"), "Vienna": ("Vienna", "维也纳"), "纽约": ("New York", "纽约"),
          "New York": ("New York", "纽约"), "日内瓦": ("Geneva", "日内瓦"), "Geneva": ("Geneva", "日内瓦")}  # fmt: skip
HEADING_KEYWORDS = (  # fallback when a heading is not one of the labels; partnerships first (伙伴 with 防止)
    ("partnerships", ("伙伴", "partnership")),
    ("prosecution", ("起诉", "prosecut")),
    ("protection", ("保护", "协助", "protect", "assist")),
    ("prevention", ("防止", "预防", "prevent")),
)
OUTPUT_TABLES = ("items", "documents", "sessions")


@dataclass(frozen=True)
class Candidates:
    """Candidate rows for review, one frame per data table, plus the paragraphs they cite."""

    items: pd.DataFrame
    documents: pd.DataFrame
    sessions: pd.DataFrame
    paragraphs: pd.DataFrame

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in (*OUTPUT_TABLES, "paragraphs")}


@dataclass
class Bullet:
    """One bullet of a list: its exact wording and the sub-heading line it stands under."""

    number: int
    quote: str
    heading: str | None


@dataclass
class Paragraph:
    """A numbered paragraph cut into running text, bullets and sub-headings."""

    label: str
    text: str
    blocks: list[str] = field(default_factory=list)  # runs of consecutive running-text lines
    bullets: list[Bullet] = field(default_factory=list)
    lead_blocks: int | None = None  # how many blocks stand before the first bullet

    @property
    def lead(self) -> list[str]:
        """The running text before the list (all of it when there is no list)."""
        return self.blocks[: self.lead_blocks]


# ---------------------------------------------------------------- text helpers


def flatten(quote: str) -> str:
    """The wording on one line: a line break vanishes between Chinese characters, else one space."""

    def join(m: re.Match) -> str:
        before, after = m.string[m.start() - 1 : m.start()], m.string[m.end() : m.end() + 1]
        return "" if _is_cjk(before) or _is_cjk(after) else " "

    return re.sub(r"[ \t\u3000]*\n\s*", join, quote.strip())


def _is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")


def is_chinese(text: str) -> bool:
    """Whether the text is mostly Chinese (more Chinese characters than Latin letters)."""
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return cjk > sum(1 for ch in text if ch.isascii() and ch.isalpha())


def _trim(text: str) -> str:
    """Strip spaces, closing punctuation and an English list's trailing 'and'/'or'."""
    text = re.sub(r"[;,]?\s+(?:and|or)\s*$", "", text.strip())
    return text.strip().rstrip(TERMINAL + "，,：:").rstrip()


def _chinese_number(numeral: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20 (numbers up to 99)."""
    if "十" not in numeral:
        return CHINESE_DIGITS.get(numeral) if len(numeral) == 1 else None
    tens, _, units = numeral.partition("十")
    return (CHINESE_DIGITS.get(tens, 0) if tens else 1) * 10 + (CHINESE_DIGITS.get(units, 0) if units else 0)


# ---------------------------------------------------------------- headings


def heading_labels(data_dir: Path) -> dict[str, str]:
    """Heading label (English and Chinese, as in headings.csv) → heading key."""
    from .editing.saving import read_rows

    return {
        _heading_form(row[column]): row["heading"]
        for row in read_rows(Path(data_dir), "headings")
        for column in ("label_en", "label_zh")
        if row.get(column)
    }


def _heading_form(name: str) -> str:
    return re.sub(r"\s+", "", name).casefold().rstrip("。.:：")


def heading_key(name: str, labels: Mapping[str, str]) -> tuple[str, str]:
    """The heading key a Plan heading's name stands for, and how it was matched ('' if none)."""
    if key := labels.get(_heading_form(name)):
        return key, "label"
    folded = name.casefold()
    for key, words in HEADING_KEYWORDS:
        if any(word.casefold() in folded for word in words):
            return key, "keyword"
    return "", ""


# ---------------------------------------------------------------- paragraph structure


def _line_kind(line: str) -> tuple[str, str]:
    """('blank'|'furniture'|'heading'|'bullet'|'text', the line's content)."""
    if not line.strip():
        return "blank", ""
    if FURNITURE.match(line):
        return "furniture", ""
    if m := HEADING_LINE.match(line):
        return "heading", m.group(1)
    if m := BULLET.match(line):
        return "bullet", line[m.end() :].rstrip()
    return "text", line


def parse_paragraph(label: str, lines: list[str]) -> Paragraph:
    """Cut a numbered paragraph's lines into running-text blocks, bullets and sub-headings.

    An unmarked line right after a bullet (no blank line between) continues that bullet unless
    the bullet already ends a sentence; footnotes are already out, page furniture is skipped.
    """
    paragraph = Paragraph(label, "\n".join(lines).strip())
    heading, previous = None, "blank"
    for index, line in enumerate(lines):
        kind, content = _line_kind(NUMBER_PREFIX.sub("", line, count=1) if index == 0 else line)
        bullets, blocks = paragraph.bullets, paragraph.blocks
        if kind == "text" and previous == "bullet" and bullets[-1].quote[-1:] not in TERMINAL:
            bullets[-1].quote += "\n" + line.rstrip()
            kind = "bullet"
        elif kind == "text" and previous == "text":
            blocks[-1] += "\n" + line.rstrip()
        elif kind == "text":
            blocks.append(content)
        elif kind == "bullet":
            if paragraph.lead_blocks is None:
                paragraph.lead_blocks = len(blocks)
            bullets.append(Bullet(len(bullets) + 1, content.strip(), heading))
        elif kind == "heading":
            heading = content
        previous = kind
    return paragraph


def clauses(block: str) -> Iterator[str]:
    """The clauses of a block of running text, cut at sentence ends, colons and footnote markers."""
    for piece in CLAUSE_END.split(block):
        if piece and (clause := _trim(piece)):
            yield clause


# ---------------------------------------------------------------- items


def _item(source_id: str, label: str, item_id: str, quote: str, chinese: bool, **values: str) -> dict[str, str]:
    """One candidate items row; the title in the document's language is its wording, trimmed."""
    title = _trim(flatten(PLAN_REF_END.sub("", quote)))
    row = dict.fromkeys(TABLE_BY_NAME["items"].column_names, "")
    row.update(item_id=item_id, source_id=source_id, source_paragraph=label, quote=quote)
    row["title_zh" if chinese else "title_en"] = title
    row.update(values)
    return row


def _list_kind(paragraph: Paragraph) -> tuple[str, str]:
    """The kind the lead-in gives the list's bullets, and why (the sentence before the list first)."""
    lead = paragraph.lead
    introducing = ([*clauses(lead[-1])] or [""])[-1] if lead else ""
    for scope, text in (("the sentence introducing the list", introducing), ("the lead-in", "\n".join(lead))):
        if m := TOPIC_WORDS.search(text):
            return "topic", f"topic, as {scope} speaks of '{m.group()}'"
        if m := RECOMMENDATION_WORDS.search(text):
            return "recommendation", f"recommendation, as {scope} speaks of '{m.group()}'"
    return "", "not guessed: the lead-in names neither recommendations nor topics"


def _plan_refs(quote: str, paragraph: Paragraph) -> list[int]:
    """Plan paragraphs a wording cites: '（第 N 条）' at its end in a paragraph about the Plan, or inline."""
    found = [int(a or b) for a, b in PLAN_REF_INLINE.findall(quote)]
    if (m := PLAN_REF_END.search(quote)) and PLAN_WORDS.search(paragraph.text):
        found.append(int(m.group(1) or m.group(2)))
    return list(dict.fromkeys(found))


def _heading_of(bullet: Bullet, labels: Mapping[str, str]) -> tuple[str, str, str]:
    """(heading key, heading_basis, reasoning) for a bullet from the sub-heading it stands under."""
    if bullet.heading is None:
        return "", "", "heading: the document places it under none; the editors assign one (curated)"
    key, how = heading_key(bullet.heading, labels)
    if not key:
        return "", "", f"heading: stands under '{bullet.heading}', which is not a Plan heading"
    return key, "source", f"heading: stands under '{bullet.heading}' (matched by {how})"


def bullet_items(paragraph: Paragraph, source_id: str, labels: Mapping[str, str], chinese: bool) -> list[dict]:
    """A candidate per bullet: a requirement per Plan paragraph it cites, else the list's kind."""
    kind, why = _list_kind(paragraph)
    rows = []
    for bullet in paragraph.bullets:
        quote = _trim(bullet.quote)
        heading, basis, heading_note = _heading_of(bullet, labels)
        where = f"candidate: bullet {bullet.number} of paragraph {paragraph.label}"
        for n in _plan_refs(quote, paragraph):
            note = f"{where}; requirement: cites paragraph {n} of the Plan; {heading_note}"
            rows.append(
                _item(
                    source_id,
                    paragraph.label,
                    f"cand-gpa-{n}",
                    quote,
                    chinese,
                    kind="requirement",
                    heading=heading,
                    heading_basis=basis,
                    plan_paragraph=str(n),
                    note=note,
                )  # fmt: skip
            )
        if not _plan_refs(quote, paragraph):
            item_id = f"cand-p{int(paragraph.label):02d}-{bullet.number:02d}"
            rows.append(
                _item(
                    source_id,
                    paragraph.label,
                    item_id,
                    quote,
                    chinese,
                    kind=kind,
                    heading=heading,
                    heading_basis=basis,
                    note=f"{where}; kind: {why}; {heading_note}",
                )  # fmt: skip
            )
    return rows


def _text_findings(paragraph: Paragraph) -> Iterator[tuple[str, str, str, str]]:
    """(kind, quote, why, Plan paragraph) for what the running text itself states or proposes."""
    has_list = bool(paragraph.bullets)
    for block in paragraph.blocks:
        for clause in clauses(block):
            if RECOMMENDS.match(clause):
                yield "recommendation", clause, "a clause of the running text that recommends", ""
            for n in _plan_refs(clause, paragraph):
                yield "requirement", clause, f"cites paragraph {n} of the Plan", str(n)
            if not has_list and (m := MAY_WISH.search(clause)) and (proposal := _trim(clause[m.end() :])):
                yield "topic", proposal, f"a proposal: what follows '{m.group().strip()}' (may wish to)", ""
        if has_list:
            continue
        for m in QUOTED.finditer(block):
            if not TITLE_BEFORE.search(block[: m.start()]) and (named := _trim(m.group(1))):
                kind = "recommendation" if RECOMMENDATION_WORDS.search(paragraph.text) else "topic"
                yield kind, named, "a question named in quotation marks", ""


def text_items(paragraph: Paragraph, source_id: str, chinese: bool) -> list[dict]:
    """Candidates from running text: recommending clauses, proposals ('may wish to'), named questions."""
    rows = []
    for number, (kind, quote, why, plan) in enumerate(_text_findings(paragraph), start=1):
        item_id = f"cand-gpa-{plan}" if plan else f"cand-p{int(paragraph.label):02d}-t{number}"
        note = f"candidate: running text of paragraph {paragraph.label}; {kind}: {why}; heading: not given"
        rows.append(
            _item(
                source_id, paragraph.label, item_id, quote, chinese, kind=kind, plan_paragraph=plan, note=note
            )  # fmt: skip
        )
    return rows


def _unique_ids(rows: list[dict], key: str, same: tuple[str, ...]) -> list[dict]:
    """Drop rows repeating an earlier one in the columns `same`; make ids unique with -2, -3 suffixes."""
    seen_rows, seen_ids, kept = set(), set(), []
    for row in rows:
        fingerprint = tuple(row[column] for column in same)
        if fingerprint in seen_rows:
            continue
        seen_rows.add(fingerprint)
        base, n = row[key], 1
        while row[key] in seen_ids:
            n += 1
            row[key] = f"{base}-{n}"
        seen_ids.add(row[key])
        kept.append(row)
    return kept


# ---------------------------------------------------------------- documents


def _footnote_body(text: str) -> str:
    return _trim(FOOTNOTE_MARK.sub("", text.strip(), count=1))


def _symbols(text: str) -> list[str]:
    """Document symbols in a text, in order, leaving out running heads (a symbol alone on a line)."""
    found = []
    for line in text.splitlines():
        if not FURNITURE.match(line):
            found += [s.rstrip(".") for s in SYMBOL.findall(line) if any(ch.isdigit() for ch in s)]
    return list(dict.fromkeys(found))


def marker_paragraph(label: str, paragraphs: Mapping[str, str]) -> str:
    """The paragraph where footnote `label`'s marker stands ('' when it is nowhere to be seen)."""
    number = label.removeprefix("fn")
    superscript = number.translate(str.maketrans("0123456789", SUPERSCRIPT_DIGITS))
    patterns = [r"\*"] if number == "*" else [rf"(?<![{SUPERSCRIPT_DIGITS}]){superscript}(?![{SUPERSCRIPT_DIGITS}])"]
    if number.isdigit() and re.match(r"\s*\d", paragraphs[label]):  # printed with a plain number
        patterns.append(rf"(?<=[A-Za-z,.;:)”\"]){number}(?=[\s,.;:]|$)")
    for pattern in patterns:
        for other, text in paragraphs.items():
            if not other.startswith("fn") and re.search(pattern, text):
                return other
    return ""


def _decision_number(m: re.Match) -> str:
    return m.group(1) or m.group(2)


def _decision_mentions(paragraphs: Mapping[str, str]) -> dict[str, list[tuple[str, re.Match]]]:
    """Decision or resolution number → (paragraph, match) where the running text cites it."""
    mentions: dict[str, list[tuple[str, re.Match]]] = {}
    for label, text in paragraphs.items():
        if not label.startswith("fn"):
            for m in DECISION.finditer(text):
                mentions.setdefault(_decision_number(m), []).append((label, m))
    return mentions


def _document(source_id: str, document_id: str, symbol: str, label: str, cited_in: str, quote: str, note: str):
    row = dict.fromkeys(TABLE_BY_NAME["documents"].column_names, "")
    row.update(document_id=document_id, symbol=symbol, source_id=source_id, source_paragraph=label)
    row.update(cited_in_paragraph=cited_in, quote=quote, note=note)
    return row


def document_candidates(paragraphs: Mapping[str, str], source_id: str) -> list[dict]:
    """Every cited symbol with its footnote and marker, and decisions cited without a symbol."""
    rows, with_symbol, mentions = [], set(), _decision_mentions(paragraphs)
    for label, text in paragraphs.items():
        footnote = label.startswith("fn")
        cited_in = marker_paragraph(label, paragraphs) if footnote else label
        numbers = [_decision_number(m) for m in DECISION.finditer(text)] if footnote else []
        for symbol in _symbols(text):
            where = f"footnote {label}, whose marker stands in paragraph {cited_in or '(not found)'}"
            note = f"candidate: symbol in {where if footnote else 'paragraph ' + label}"
            also = [f"{n} also in paragraph {p}" for n in numbers for p, _ in mentions.get(n, [])]
            note += "".join(f"; {a}" for a in also) + "; cited_for, session_id: for the editors"
            quote = _footnote_body(text) if footnote else symbol
            document_id = "cand-" + symbol.lower().replace("/", "-")
            rows.append(_document(source_id, document_id, symbol, label, cited_in, quote, note))
            with_symbol.update(numbers)
    for number, places in mentions.items():
        if number in with_symbol:
            continue
        label, m = places[0]
        word = "decision" if re.search("决定|decision", m.group(0), re.IGNORECASE) else "resolution"
        others = "".join(f"; also cited in paragraph {p}" for p, _ in places[1:])
        note = f"candidate: {word} {number} cited without a symbol in paragraph {label}{others}"
        rows.append(_document(source_id, f"cand-{word}-{number.replace('/', '-')}", "", label, label, m.group(0), note))
    return _unique_ids(rows, "document_id", ("source_paragraph", "symbol", "quote"))


# ---------------------------------------------------------------- sessions


@dataclass
class Dated:
    """A date or range found in a paragraph's text, with its position."""

    start: int
    end: int
    first: str  # YYYY-MM-DD
    last: str


def _iso(year: str, month: str | int, day: str) -> str | None:
    from datetime import date

    number = month if isinstance(month, int) else (MONTHS.index(month) + 1 if month in MONTHS else int(month))
    try:
        return date(int(year), number, int(day)).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[Dated]:
    """Dates and date ranges, Chinese (2009 年 4 月 14 日至 15 日) and English (27-29 January 2010)."""
    found = []
    for m in DATE_ZH.finditer(text):
        y1, m1, d1, y2, m2, d2 = m.groups()
        found.append((m, _iso(y1, m1, d1), _iso(y2 or y1, m2 or m1, d2 or d1)))
    for m in DATE_EN.finditer(text):
        d1, mo1, y1, d2, mo2, y2, d, mo, y = m.groups()
        pair = (_iso(y1 or y2, mo1 or mo2, d1), _iso(y2, mo2, d2)) if d2 else (_iso(y, mo, d), _iso(y, mo, d))
        found.append((m, *pair))
    dated = [Dated(m.start(), m.end(), a, b) for m, a, b in found if a and b and a <= b]
    return sorted(dated, key=lambda d: d.start)


def _sentence(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    """The bounds of the sentence (the line, on the cover page) around text[start:end]."""
    boundary = re.compile(r"\n" if label == "header" else SENTENCE_END.pattern)
    before = [m.end() for m in boundary.finditer(text, 0, start)]
    after = boundary.search(text, end)
    return (before[-1] if before else 0), (after.start() if after else len(text))


def _alone_on_its_line(text: str, date: Dated) -> bool:
    start, end = text.rfind("\n", 0, date.start) + 1, text.find("\n", date.end)
    return not (text[start : date.start] + text[date.end : end if end >= 0 else len(text)]).strip()


def _session_quote(text: str, dated: list[Dated], index: int, bounds: tuple[int, int]) -> str:
    """Chinese: from the first date of its run to the session's noun (会议, 决议) on the same line;
    English: the sentence."""
    if not re.match(r"\d{4}\s*年", text[dated[index].start :]):
        return _trim(NUMBER_PREFIX.sub("", text[bounds[0] : bounds[1]].lstrip(), count=1))
    first = index
    while first > 0 and re.fullmatch(r"\s*[、，,和及与]\s*", text[dated[first - 1].end : dated[first].start]):
        first -= 1
    last = index
    while last + 1 < len(dated) and re.fullmatch(r"\s*[、，,和及与]\s*", text[dated[last].end : dated[last + 1].start]):
        last += 1
    line_end = text.find("\n", dated[last].end)
    stop = min(bounds[1], line_end if line_end >= 0 else len(text))
    noun = SESSION_NOUN_ZH.search(text, dated[last].end, stop)
    return _trim(text[dated[first].start : noun.end() if noun else stop])


def _body(text: str, at: int, bounds: tuple[int, int]) -> tuple[str, str]:
    """The body a date belongs to: named in its sentence before it, then after it, then nearest before."""
    for piece in (text[bounds[0] : at], text[at : bounds[1]]):
        for body, words in BODY_WORDS:
            if word := next((w for w in words if w in piece), None):
                return body, word
    nearest = max(((text.rfind(w, 0, bounds[0]), body, w) for body, words in BODY_WORDS for w in words))
    return (nearest[1], nearest[2]) if nearest[0] >= 0 else ("", "")


def _ordinals(sentence: str) -> list[int]:
    zh = [_chinese_number(n) for n in ORDINAL_ZH.findall(sentence)]
    en = [
        ORDINALS_EN.index(w.lower()) + 1 if w.lower() in ORDINALS_EN else int(w[:-2])
        for w in ORDINAL_EN.findall(sentence)
    ]
    return [n for n in zh + en if n]


def _session_row(source_id: str, label: str, text: str, dated: list[Dated], index: int) -> dict[str, str]:
    """The candidate session for the index-th date of a paragraph."""
    date = dated[index]
    bounds = _sentence(text, date.start, date.end, label)
    sentence = text[bounds[0] : bounds[1]]
    together = [d for d in dated if bounds[0] <= d.start < bounds[1]]
    ordinals = _ordinals(sentence)
    number = str(ordinals[together.index(date)]) if len(ordinals) == len(together) else ""
    body, word = _body(text, date.start, bounds)
    quote = _session_quote(text, dated, index, bounds)
    venue = next((VENUES[v] for v in VENUES if v in quote or v in sentence), ("", ""))
    note = (
        f"candidate: date {together.index(date) + 1} of {len(together)} in its sentence, paragraph {label}; "
        f"body: {f'guessed from {word!r}' if body else 'not found'}; "
        f"number: {'the ordinal in the same place' if number else 'not given'}; "
        "sequence, titles: for the editors"
    )
    row = dict.fromkeys(TABLE_BY_NAME["sessions"].column_names, "")
    row.update(
        session_id=f"cand-{body}-{number}" if body and number else f"cand-session-{label.replace('*', 'x')}-{index + 1}"
    )
    row.update(body=body, number=number, start_date=date.first, end_date=date.last, venue_en=venue[0])
    row.update(venue_zh=venue[1], source_id=source_id, source_paragraph=label, quote=quote, note=note)
    return row


def session_candidates(paragraphs: Mapping[str, str], source_id: str) -> list[dict]:
    """A candidate session for every date or date range, with the wording it comes from.

    A date alone on a line of the cover page is the document's own date of issue
    (sources.issued_date), not a session, and is left out.
    """
    rows = []
    for label, text in paragraphs.items():
        dated = find_dates(text)
        for index, date in enumerate(dated):
            if not (label == "header" and _alone_on_its_line(text, date)):
                rows.append(_session_row(source_id, label, text, dated, index))
    return _unique_ids(rows, "session_id", ("source_paragraph", "start_date", "end_date", "quote"))


# ---------------------------------------------------------------- the document as a whole


def _check_text(text: str, name: str) -> None:
    if "\x00" in text:
        raise DataError(name, "a plain-text file (UTF-8)", value="binary data (NUL bytes)")
    if not text.strip():
        raise DataError(name, "a document with text", value="an empty document")


def read_document(
    text: str, source_id: str, *, headings: Mapping[str, str] | None = None, name: str | None = None
) -> Candidates:
    """Candidate items, documents and sessions in a document's plain text, for review.

    `headings` maps Plan heading names to keys (default: the labels in the data folder's
    headings.csv); `name` names the document in error messages (default: source_id).
    """
    name = name or source_id
    if not re.fullmatch(ID_PATTERN, source_id):
        raise UsageError(f"--source-id {source_id!r}: expected an id of lowercase letters, digits, '.', '_', '-'")
    _check_text(text, name)
    from .record.paths import default_data_dir

    labels = heading_labels(default_data_dir()) if headings is None else headings
    lines = paragraph_lines(text)
    paragraphs = split_paragraphs(text)
    numbered = [parse_paragraph(label, body) for label, body in lines.items() if label.isdigit()]
    if not numbered:
        expected = "a UN document with numbered paragraphs ('1. …', '2. …' at the start of a line)"
        raise DataError(name, expected, value="no numbered paragraph")
    chinese = is_chinese(text)
    items = []
    for paragraph in numbered:
        items += text_items(paragraph, source_id, chinese) + bullet_items(paragraph, source_id, labels, chinese)
    items = _unique_ids(items, "item_id", ("source_paragraph", "quote", "kind", "plan_paragraph"))
    return Candidates(
        items=_frame(items, "items"),
        documents=_frame(document_candidates(paragraphs, source_id), "documents"),
        sessions=_frame(session_candidates(paragraphs, source_id), "sessions"),
        paragraphs=pd.DataFrame(list(paragraphs.items()), columns=["label", "text"], dtype=object),
    )


def _frame(rows: list[dict], table: str) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=TABLE_BY_NAME[table].column_names, dtype=object)


def _csv_bytes(frame: pd.DataFrame, columns: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(frame[columns].fillna("").itertuples(index=False, name=None))
    return BOM.encode("utf-8") + out.getvalue().encode("utf-8")  # the BOM: Excel reads Chinese; the build skips it


def candidates_csv(candidates: Candidates) -> dict[str, bytes]:
    """File name → CSV bytes: items, documents, sessions in the data's own columns (UTF-8 with a
    BOM, cells exactly as data/ holds them, so rows can be pasted there), and paragraphs (label,
    text) for the reviewer."""
    files = {f"{t}.csv": _csv_bytes(getattr(candidates, t), TABLE_BY_NAME[t].column_names) for t in OUTPUT_TABLES}
    files["paragraphs.csv"] = _csv_bytes(candidates.paragraphs, ["label", "text"])
    return files


def refuse_data_folder(out_dir: Path, data_dir: Path | None = None) -> None:
    """A UsageError if out_dir is a data folder (the default one or data_dir) or inside one."""
    from .record.paths import default_data_dir

    out = Path(out_dir).resolve()
    for folder in {default_data_dir(), *([data_dir] if data_dir else [])}:
        if out.is_relative_to(Path(folder).resolve()):
            raise UsageError(
                f"--out {out_dir}: candidates are never written into the data folder ({folder}); "
                "choose a folder outside it and merge the rows you accept after review"
            )
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out_dir}: expected a folder, found a file")


def write_candidates(candidates: Candidates, out_dir: Path, data_dir: Path | None = None) -> list[Path]:
    """Write the candidate CSV files into out_dir (created if needed; never a data folder)."""
    refuse_data_folder(out_dir, data_dir)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, payload in candidates_csv(candidates).items():
        (out_dir / file_name).write_bytes(payload)
        written.append(out_dir / file_name)
    return written
