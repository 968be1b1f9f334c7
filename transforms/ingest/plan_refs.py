"""References to the Plan's operative paragraphs, in the forms the documents use.

English: `para. 30`, `paras. 16 and 17`, `paragraph 22`, `paragraphs 22-23`, `paragraphs 34 and 35 of the Global
Plan of Action`, `paragraph 16 and paragraph 19 of …`, `(Global Plan of Action, para. 22)`, `(A/RES/64/293,
annex, para. 18)`; Chinese: `第 N 条`, `第N段`, `第 22 和 23 条`, `第 22 段和第 23 段`, `第二十二条`.
A reference counts as the Plan's where it names the Plan (`… of the Plan`, `(Global Plan of Action, para. N)`,
`《全球行动计划》… 第 N 条`, the annex of resolution 64/293), or where it stands in brackets at the end of a
wording in a paragraph that speaks of the Plan (so `（第 3 条）` of the Protocol in a paragraph about the
Protocol is not one).
"""

from __future__ import annotations

import re

from .wording import chinese_number

AGAIN = r"(?:(?:paras?\.?|paragraphs?)\s*)?"  # "paragraph 16 and paragraph 19"
NUMBERS_EN = (
    rf"\d{{1,3}}(?:\s*(?:-|–|to)\s*\d{{1,3}})?(?:\s*,\s*{AGAIN}\d{{1,3}})*(?:,?\s+and\s+{AGAIN}\d{{1,3}})?"
    r"(?:\s*\([a-z]\))?"
)
REF_EN = rf"(?:paras?\.?|paragraphs?)\s*{NUMBERS_EN}"
NUMBER_ZH = r"(?:\d{1,3}|[一二三四五六七八九十]{1,4})"
REF_ZH = rf"第\s*{NUMBER_ZH}\s*(?:(?:条|段)?\s*(?:和|、|及|至|-|–)\s*(?:第\s*)?{NUMBER_ZH}\s*)*(?:条|段)"
PLAN_NAME = (
    r"(?:(?:United Nations\s+)?Global\s+Plan(?:\s+of\s+Action)?(?:\s+to\s+Combat\s+Trafficking\s+in\s+Persons)?"
    r"|Plan|(?:A/RES/64/293|(?:General\s+Assembly\s+)?resolution\s+64/293)\s*,\s*annex)"
)
INLINE = re.compile(
    rf"(?P<en>{REF_EN})\s+of\s+the\s+{PLAN_NAME}"
    rf"|{PLAN_NAME}\s*,\s*(?P<named>{REF_EN})"
    rf"|《?全球行动计划》?[^。，《]{{0,12}}?(?P<zh>{REF_ZH})",
    re.IGNORECASE,
)
AT_END = re.compile(
    rf"\s*[（(]\s*(?:see\s+|参见)?(?:{PLAN_NAME}\s*,\s*)?(?P<ref>{REF_EN}|{REF_ZH})\s*[）)]\s*$", re.IGNORECASE
)
PLAN_WORDS = re.compile(r"全球行动计划|Global Plan|Plan of Action", re.IGNORECASE)


def numbers(reference: str) -> list[int]:
    """The paragraph numbers a reference names: '16 and 17' → [16, 17], '22-23' → [22, 23], '22 至 25' a range."""
    reference = re.sub(r"[一二三四五六七八九十]+", lambda m: str(chinese_number(m.group()) or ""), reference)
    found = [int(n) for n in re.findall(r"\d{1,3}", re.sub(r"\([a-z]\)", "", reference))]
    ranged = re.search(r"(\d{1,3})\s*(?:-|–|to|至)\s*(\d{1,3})", reference)
    if ranged and len(found) == 2 and 0 < found[1] - found[0] <= 20:
        return list(range(found[0], found[1] + 1))
    return found


def plan_references(wording: str, about_the_plan: bool) -> list[int]:
    """The Plan paragraphs a wording cites, in order, each once.

    `about_the_plan`: whether the paragraph (or heading) the wording stands in speaks of the Plan, which makes
    a bracketed reference at the wording's end the Plan's.
    """
    found = []
    for m in INLINE.finditer(wording):
        found += numbers(m.group("en") or m.group("named") or m.group("zh"))
    if about_the_plan and (m := AT_END.search(wording)):
        found += numbers(m.group("ref"))
    return list(dict.fromkeys(found))


def speaks_of_the_plan(text: str) -> bool:
    """Whether a text names the Plan (全球行动计划, Global Plan, Plan of Action)."""
    return bool(PLAN_WORDS.search(text))


def without_reference(wording: str) -> str:
    """The wording without a bracketed paragraph reference at its end (for titles)."""
    return AT_END.sub("", wording)
