"""The masthead of page 1: the document's own symbol, date of issue, language, original language, agenda item
and title, proposed as a sources.csv row (never as a cited document or a session)."""

from __future__ import annotations

import re

from .columns import blank_row
from .sessions import find_dates
from .wording import is_chinese, without_markers

OWN_SYMBOL = re.compile(  # the symbol alone, or after the name of the Organization (a space or a tab between)
    r"^\s*(?:(?:United\s+Nations|Nations\s+Unies|联合国)\s*)?([A-Z][A-Z0-9.]*(?:/[A-Za-z0-9.]+)+)\s*$"
)
DISTR = re.compile(r"Distr\.|分发")
ORIGINAL = re.compile(r"(?:Original|原文)\s*[:：]\s*(\S+)", re.IGNORECASE)
LANGUAGE_WORDS = {"english": "en", "英文": "en", "英语": "en", "chinese": "zh", "中文": "zh", "汉语": "zh"}
AGENDA = re.compile(
    r"Item\s+(\d+[a-z]?)\s+of\s+the\s+(?:provisional\s+)?agenda|Agenda\s+item\s+(\d+[a-z]?)|议程\*?\s*项目\s*(\d+)",
    re.IGNORECASE,
)


def masthead(lines: list[str]) -> dict[str, str]:
    """What page 1 says of the document itself: symbol, issued_date, language, original_language,
    agenda_item, title (each '' when the masthead does not say), from the lines before paragraph 1."""
    found = dict.fromkeys(("symbol", "issued_date", "language", "original_language", "agenda_item", "title"), "")
    text = "\n".join(lines)
    found["language"] = "zh" if is_chinese(text) else "en"
    for index, line in enumerate(lines):
        if not found["symbol"] and (m := OWN_SYMBOL.match(line)) and any(ch.isdigit() for ch in m.group(1)):
            found["symbol"] = m.group(1).rstrip(".")
        if DISTR.search(line) and not found["issued_date"]:
            for candidate in [line, *_next_lines(lines, index, 2)]:
                if dates := find_dates(candidate):
                    found["issued_date"] = dates[0].first
                    break
        if (m := ORIGINAL.search(line)) and not found["original_language"]:
            found["original_language"] = LANGUAGE_WORDS.get(m.group(1).casefold().rstrip("。."), "")
        if (m := AGENDA.search(line)) and not found["agenda_item"]:
            found["agenda_item"] = next(g for g in m.groups() if g)
            found["title"] = without_markers(next(iter(_next_lines(lines, index, 1)), "")).strip()
    return found


def _next_lines(lines: list[str], index: int, count: int) -> list[str]:
    return [line for line in lines[index + 1 :] if line.strip()][:count]


def source_row(found: dict[str, str], source_id: str) -> dict[str, str]:
    """The proposed sources.csv row, with a note saying what was read and what is left to the editors."""
    language = found["language"]
    read = [f"{k} {found[k]!r}" for k in ("symbol", "issued_date", "original_language", "agenda_item") if found[k]]
    missing = [k for k in ("symbol", "issued_date", "original_language", "agenda_item", "title") if not found[k]]
    note = "candidate: read from the masthead" + (f" ({', '.join(read)})" if read else "")
    note += f"; language: {'Chinese' if language == 'zh' else 'English'} text"
    if missing:
        note += f"; not in the masthead: {', '.join(missing)}"
    note += "; the title in the other language and the path: for the editors"
    row = blank_row(
        "sources", source_id=source_id, symbol=found["symbol"], language=language,
        original_language=found["original_language"], issued_date=found["issued_date"],
        agenda_item=found["agenda_item"], path=f"sources/{source_id}.{language}.txt", note=note,
    )  # fmt: skip
    row["title_zh" if language == "zh" else "title_en"] = found["title"]
    return row
