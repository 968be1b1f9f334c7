"""Cited documents: every symbol in the text and its footnotes, decisions and resolutions cited by number,
and footnotes citing a publication without a symbol (`United Nations, Treaty Series, vol. …`).

The document's own symbol (masthead, running heads) is not a citation. A footnote that cites nothing is
left for the unplaced list by the caller. A symbol cited in several places is one candidate whose note names
every place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .columns import QUOTE, blank_row
from .wording import SUPERSCRIPT_DIGITS, TO_SUPERSCRIPT, trim

SYMBOL = re.compile(r"(?<![A-Za-z0-9/.])[A-Z][A-Z0-9.]*(?:/[A-Z0-9][A-Za-z0-9.]*)+")
DECISION = re.compile(
    r"(?:(?:缔约方会议|大会)\s*)?第\s*(\d+/\d+)\s*号\s*(?:决定|决议)"
    r"|(?:(?:Conference|General Assembly|Security Council|Economic and Social Council)\s+)?(?:decision|resolution)"
    r"\s+(\d+/\d+)",
    re.IGNORECASE,
)
PUBLICATION = re.compile(
    r"Treaty Series|Official Records|United Nations publication|Sales No\.|联合国《条约汇编》|正式记录"
)
FOOTNOTE_MARK = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+|\*|[0-9]{1,2})\s*")


def footnote_body(text: str) -> str:
    """A footnote's wording without its marker and closing stop."""
    return trim(FOOTNOTE_MARK.sub("", text.strip(), count=1))


def symbols(text: str, own: str = "") -> list[str]:
    """Document symbols in a text, in order, each once, without the document's own symbol."""
    found = [s.rstrip(".") for s in SYMBOL.findall(text) if any(ch.isdigit() for ch in s)]
    return [s for s in dict.fromkeys(found) if s != own]


def marker_paragraph(label: str, paragraphs: Mapping[str, str]) -> str:
    """The paragraph where footnote `label`'s marker stands ('' when it is nowhere to be seen)."""
    number = label.removeprefix("fn")
    superscript = number.translate(TO_SUPERSCRIPT)
    patterns = [r"\*"] if number == "*" else [rf"(?<![{SUPERSCRIPT_DIGITS}]){superscript}(?![{SUPERSCRIPT_DIGITS}])"]
    if number.isdigit() and re.match(r"\s*\d", paragraphs[label]):  # printed with a plain number
        patterns.append(rf"(?<=[A-Za-z,.;:)”\"]){number}(?=[\s,.;:]|$)")
    for pattern in patterns:
        for other, text in paragraphs.items():
            if not other.startswith("fn") and re.search(pattern, text):
                return other
    return ""


def _number(m: re.Match) -> str:
    return m.group(1) or m.group(2)


def _mentions(paragraphs: Mapping[str, str]) -> dict[str, list[tuple[str, re.Match]]]:
    """Decision or resolution number → (paragraph, match) where the running text cites it."""
    mentions: dict[str, list[tuple[str, re.Match]]] = {}
    for label, text in paragraphs.items():
        if not label.startswith("fn"):
            for m in DECISION.finditer(text):
                mentions.setdefault(_number(m), []).append((label, m))
    return mentions


def _row(source_id: str, document_id: str, symbol: str, label: str, cited_in: str, quote: str, note: str) -> dict:
    return blank_row(
        "documents", document_id=document_id, symbol=symbol, source_id=source_id, source_paragraph=label,
        cited_in_paragraph=cited_in, note=note, **{QUOTE: quote},
    )  # fmt: skip


def _word(m: re.Match) -> str:
    return "decision" if re.search("决定|decision", m.group(0), re.IGNORECASE) else "resolution"


def document_candidates(paragraphs: Mapping[str, str], source_id: str, own_symbol: str = "") -> list[dict]:
    """Candidate documents rows (see the module's docstring); ids cand-<symbol>, cand-resolution-61-180, …"""
    rows, covered, mentions = [], set(), _mentions(paragraphs)
    for label, text in paragraphs.items():
        footnote = label.startswith("fn")
        cited_in = marker_paragraph(label, paragraphs) if footnote else label
        numbered = [m for m in DECISION.finditer(text)] if footnote else []
        numbers = [_number(m) for m in numbered]
        where = f"footnote {label}, whose marker stands in paragraph {cited_in or '(not found)'}"
        also = "".join(f"; {n} also in paragraph {p}" for n in numbers for p, _ in mentions.get(n, []))
        found = symbols(text, own_symbol)
        for symbol in found:
            note = f"candidate: symbol in {where if footnote else 'paragraph ' + label}{also}"
            quote = footnote_body(text) if footnote else symbol
            document_id = "cand-" + symbol.lower().replace("/", "-")
            rows.append(
                _row(source_id, document_id, symbol, label, cited_in, quote, note + "; cited_for: for the editors")
            )
        if footnote and found:
            covered.update(numbers)
        elif footnote and numbered:
            m = numbered[0]
            note = f"candidate: {_word(m)} {numbers[0]} cited without a symbol in {where}{also}"
            document_id = f"cand-{_word(m)}-{numbers[0].replace('/', '-')}"
            rows.append(_row(source_id, document_id, "", label, cited_in, footnote_body(text), note))
            covered.update(numbers)
        elif footnote and PUBLICATION.search(text):
            note = f"candidate: a publication cited without a symbol in {where}"
            rows.append(_row(source_id, f"cand-{label}", "", label, cited_in, footnote_body(text), note))
    for number, places in mentions.items():
        if number in covered:
            continue
        label, m = places[0]
        others = "".join(f"; also cited in paragraph {p}" for p, _ in places[1:])
        note = f"candidate: {_word(m)} {number} cited without a symbol in paragraph {label}{others}"
        document_id = f"cand-{_word(m)}-{number.replace('/', '-')}"
        rows.append(_row(source_id, document_id, "", label, label, m.group(0), note))
    return _one_per_symbol(rows)


def _one_per_symbol(rows: list[dict]) -> list[dict]:
    """Rows citing the same symbol are one candidate: the first, its note naming the other places."""
    from .sessions import ALSO

    kept: dict[str, dict] = {}
    out = []
    for row in rows:
        first = kept.setdefault(row["symbol"], row) if row["symbol"] else row
        if first is row:
            out.append(row)
            continue
        first["note"] += (
            f"; cited again in {row['source_paragraph']} (marker in {row['cited_in_paragraph']}): {row[QUOTE]!r}"
        )
        first.setdefault(ALSO, []).append(row["source_paragraph"])
    return out
