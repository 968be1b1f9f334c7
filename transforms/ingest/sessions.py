"""Sessions: a candidate for every meeting a date or date range stands for, with the wording it comes from.

The date of issue in the masthead (a date alone on its line, or after "Distr.", or the date the masthead gives
as the date of issue wherever it stands on the cover page) is not a session: it goes to the proposed sources
row. A meeting named in two places (the masthead and paragraph 1) is one candidate whose note names both places.
A single day within the dates of a meeting found in the document (the opening, the adoption of the report, the
meetings of a session in a table) is no session of its own: it goes to that meeting's note. A session's number
is the ordinal ("sixth session", 第六届) standing before its date in the same sentence with no other date between.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .columns import QUOTE, blank_row
from .structure import NUMBERED
from .wording import chinese_number, trim

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
ALSO = "_also_in"  # key of a row's other places (not a column: frames in the data's columns leave it out)
ISSUE_LINE = re.compile(r"Distr\.|分发", re.IGNORECASE)
ORDINAL_ZH = re.compile(r"第([一二三四五六七八九十]+)(?=[、，和及届次]|\s)")
ORDINALS_EN = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
ORDINAL_EN = re.compile(r"\b(" + "|".join(ORDINALS_EN) + r"|\d{1,2}(?:st|nd|rd|th))\b", re.IGNORECASE)
BODY_WORDS = (  # most specific first: "the extended Bureau of the Conference" is the Bureau
    ("bureau", ("主席团", "Bureau")),
    ("ga", ("大会", "General Assembly")),
    ("cop", ("缔约方会议", "Conference of the Parties", "Conference")),
    ("wg", ("工作组", "Working Group")),
)
VENUES = {"维也纳": ("Vienna", "维也纳"), "Vienna": ("Vienna", "维也纳"), "纽约": ("New York", "纽约"),
          "New York": ("New York", "纽约"), "日内瓦": ("Geneva", "日内瓦"), "Geneva": ("Geneva", "日内瓦")}  # fmt: skip


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
        return trim(NUMBERED.sub("", text[bounds[0] : bounds[1]].lstrip(), count=1))
    first = index
    while first > 0 and re.fullmatch(r"\s*[、，,和及与]\s*", text[dated[first - 1].end : dated[first].start]):
        first -= 1
    last = index
    while last + 1 < len(dated) and re.fullmatch(r"\s*[、，,和及与]\s*", text[dated[last].end : dated[last + 1].start]):
        last += 1
    line_end = text.find("\n", dated[last].end)
    stop = min(bounds[1], line_end if line_end >= 0 else len(text))
    noun = SESSION_NOUN_ZH.search(text, dated[last].end, stop)
    return trim(text[dated[first].start : noun.end() if noun else stop])


def _body(text: str, at: int, bounds: tuple[int, int]) -> tuple[str, str]:
    """The body a date belongs to: named in its sentence before it, then after it, then nearest before."""
    for piece in (text[bounds[0] : at], text[at : bounds[1]]):
        for body, words in BODY_WORDS:
            if word := next((w for w in words if w in piece), None):
                return body, word
    nearest = max(((text.rfind(w, 0, bounds[0]), body, w) for body, words in BODY_WORDS for w in words))
    return (nearest[1], nearest[2]) if nearest[0] >= 0 else ("", "")


def _ordinals(sentence: str) -> list[int]:
    zh = [chinese_number(n) for n in ORDINAL_ZH.findall(sentence)]
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
    previous = max((d.end for d in together if d.end <= date.start), default=bounds[0])
    if not number and (ordinal := _ordinals(text[previous : date.start])):
        number = str(ordinal[-1])  # the ordinal right before the date ("at its sixth session, held … 2012")
    narrow = text[previous : date.start] if previous > bounds[0] else ""
    body, word = next(((b, w) for b, words in BODY_WORDS for w in words if w in narrow), ("", ""))
    if not body:  # no body named between the date before and this one: the sentence decides
        body, word = _body(text, date.start, bounds)
    quote = _session_quote(text, dated, index, bounds)
    venue = next((VENUES[v] for v in VENUES if v in quote or v in sentence), ("", ""))
    note = (
        f"candidate: date {together.index(date) + 1} of {len(together)} in its sentence, paragraph {label}; "
        f"body: {f'guessed from {word!r}' if body else 'not found'}; "
        f"number: {'the ordinal in the same place' if number else 'not given'}; "
        "sequence, titles: for the editors"
    )
    row = blank_row("sessions")
    row.update(
        session_id=f"cand-{body}-{number}" if body and number else f"cand-session-{label.replace('*', 'x')}-{index + 1}"
    )
    row.update(body=body, number=number, start_date=date.first, end_date=date.last, venue_en=venue[0])
    row.update(venue_zh=venue[1], source_id=source_id, source_paragraph=label, note=note)
    row[QUOTE] = quote
    return row


def _is_issue_date(text: str, date: Dated) -> bool:
    """A date of the masthead alone on its line, or on the line of "Distr.": the date of issue."""
    start, end = text.rfind("\n", 0, date.start) + 1, text.find("\n", date.end)
    line = text[start : end if end >= 0 else len(text)]
    return _alone_on_its_line(text, date) or bool(ISSUE_LINE.search(line))


def session_candidates(paragraphs: Mapping[str, str], source_id: str, issued: str = "") -> list[dict]:
    """A candidate session for every meeting a date or date range stands for (see the module's docstring).
    `issued`: the date of issue the masthead gives (YYYY-MM-DD, '' when not known)."""
    rows: list[dict] = []
    for label, text in paragraphs.items():
        dated = find_dates(text)
        for index, date in enumerate(dated):
            issue = date.first == date.last == issued or _is_issue_date(text, date)
            if not (label == "header" and issue):
                rows.append(_session_row(source_id, label, text, dated, index))
    return _days_within(_one_per_meeting(rows))


def _days_within(rows: list[dict]) -> list[dict]:
    """Single days within another candidate's dates go into that candidate's note (see the module's docstring)."""
    ranges = [row for row in rows if row["start_date"] < row["end_date"]]
    kept = []
    for row in rows:
        day = row["start_date"] == row["end_date"]
        meeting = next((r for r in ranges if day and r["start_date"] <= row["start_date"] <= r["end_date"]), None)
        if meeting is None:
            kept.append(row)
            continue
        places = [row["source_paragraph"], *row.get(ALSO, ())]
        meeting["note"] += (
            f"; a day within this meeting (an opening, an adoption or a meeting of the session), in paragraph "
            f"{' and '.join(places)}: {row[QUOTE]!r}"
        )
        meeting.setdefault(ALSO, []).extend(places)
    return kept


def _one_per_meeting(rows: list[dict]) -> list[dict]:
    """Rows with the same dates are one meeting: the first is kept, the others' places go into its note;
    a body or number the first lacks is taken from the others."""
    kept: dict[tuple[str, str], dict] = {}
    for row in rows:
        key = (row["start_date"], row["end_date"])
        first = kept.setdefault(key, row)
        if first is row:
            continue
        if first["source_paragraph"] == row["source_paragraph"] and first[QUOTE] == row[QUOTE]:
            continue
        first["note"] += f"; the same meeting is named again in paragraph {row['source_paragraph']}: {row[QUOTE]!r}"
        first.setdefault(ALSO, []).append(row["source_paragraph"])
        for column in ("body", "number", "venue_en", "venue_zh"):
            if not first[column] and row[column]:
                first[column] = row[column]
                first["note"] += f" ({column} from there)"
        if (
            first["session_id"].startswith("cand-session-")
            and row["session_id"].startswith("cand-")
            and first["body"]
            and first["number"]
        ):
            first["session_id"] = f"cand-{first['body']}-{first['number']}"
    return _unique_session_ids(list(kept.values()))


def _unique_session_ids(rows: list[dict]) -> list[dict]:
    seen: set[str] = set()
    for row in rows:
        base, n = row["session_id"], 1
        while row["session_id"] in seen:
            n += 1
            row["session_id"] = f"{base}-{n}"
        seen.add(row["session_id"])
    return rows
