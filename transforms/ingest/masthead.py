"""The masthead of page 1: the document's own symbol, date of issue, language, original language, agenda item
and title, proposed as a sources.csv row (never as a cited document or a session).

The title is the document's, not its agenda item's: after the agenda line stand the agenda item's title, then
the document's title (set larger, maybe over several lines, which are joined). Where the format gives type sizes
that differ, the title is the first run of lines in the largest type; else, with blank lines between them, the
second block; else a line starting as titles do ("Report on …", "Note by …") and the lines after it; else the
lines after the first (one line alone is the title).
"""

from __future__ import annotations

import re

from .columns import blank_row
from .sessions import find_dates
from .structure import NUMBERED, ROMAN, heading_of
from .wording import flatten, is_chinese, without_markers

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


TITLE_START = re.compile(
    r"^\s*(?:Report|Note|Background\s+paper|Draft|Revised|Summary|Conference\s+room\s+paper|Guidance|Proposed)\b"
    r"|^\s*(?:.{0,30}的)?(?:报告|说明)\s*$"
)
STOP = re.compile(r"^\s*(?:Contents|目录|CONTENTS)\s*$")


def masthead(lines: list[str], sizes: list[float] | None = None) -> dict[str, str]:
    """What page 1 says of the document itself: symbol, issued_date, language, original_language,
    agenda_item, title (each '' when the masthead does not say), from the lines before paragraph 1.
    `sizes`: the type size of each line in points where the format gives it (0 unknown)."""
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
            found["title"] = _title(lines, sizes or [0.0] * len(lines), index)
    return found


def _title(lines: list[str], sizes: list[float], agenda: int) -> str:
    """The document's title after the agenda line (see the module's docstring)."""
    rest: list[tuple[str, float]] = []
    for text, size in zip(lines[agenda + 1 :], sizes[agenda + 1 :]):
        if STOP.match(text) or NUMBERED.match(text) or ROMAN.match(text) or heading_of(text, {}, None, "", False):
            break
        rest.append((text.strip(), size))
    blocks: list[list[tuple[str, float]]] = [[]]
    for text, size in rest:
        if text:
            blocks[-1].append((text, size))
        elif blocks[-1]:
            blocks.append([])
    blocks = [block for block in blocks if block]
    if not blocks:
        return ""
    known = {size for block in blocks for _, size in block if size}
    if len(known) > 1:
        largest = max(known)
        chosen, started = [], False
        for text, size in (line for block in blocks for line in block):
            if size >= largest - 0.5:
                chosen.append(text)
                started = True
            elif started:
                break
    elif len(blocks) >= 2:
        chosen = [text for text, _ in blocks[1]]
    else:
        texts = [text for text, _ in blocks[0]]
        start = next((k for k, text in enumerate(texts) if TITLE_START.match(text)), 1 if len(texts) > 1 else 0)
        chosen = texts[start:]
    return without_markers(flatten("\n".join(chosen))).strip()


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
