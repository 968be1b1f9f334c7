"""Reading the Plan itself: the annex of A/RES/64/293 (or the Plan's text alone) proposes one requirement per
operative paragraph under its heading (I. Preventing …, II. Protecting …, III. Prosecuting …, IV. Strengthening
partnerships …).

A document is the Plan where a line is the Plan's title ("United Nations Global Plan of Action to Combat
Trafficking in Persons", 联合国打击贩运人口全球行动计划). Its operative paragraphs are the numbered paragraphs of
the last numbering (the annex, when the resolution's own paragraphs come first) that stand under a Plan heading.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .recognise import item_row, plan_heading
from .structure import NUMBERED, Structure, path_text
from .wording import trim

PLAN_TITLE = re.compile(
    r"Global\s+Plan\s+of\s+Action\s+to\s+Combat\s+Trafficking\s+in\s+Persons|联合国打击贩运人口全球行动计划",
    re.IGNORECASE,
)
TITLE_LINE = re.compile(rf"^\s*(?:United\s+Nations\s+)?(?:{PLAN_TITLE.pattern})\s*[⁰¹²³⁴⁵⁶⁷⁸⁹*]*\s*$", re.IGNORECASE)


def is_the_plan(structure: Structure) -> bool:
    """Whether an annex's title or a line of the header is the Plan's title."""
    header = structure.paragraphs["header"].texts
    annexes = [h.name for h, _ in structure.headings if h.level == 0]
    return any(TITLE_LINE.match(text) for text in header) or any(PLAN_TITLE.search(name) for name in annexes)


def operative_labels(structure: Structure, labels: Mapping[str, str]) -> list[str]:
    """Labels of the Plan's operative paragraphs: numbered, in the last numbering, under a Plan heading."""
    if not is_the_plan(structure):
        return []
    numbered = [label for label in structure.paragraphs if label != "header"]
    if not numbered:
        return []
    last_series = numbered[-1].rpartition("-")[0] if "-" in numbered[-1] else ""
    chosen = []
    for label in numbered:
        series = label.rpartition("-")[0] if "-" in label else ""
        paragraph = structure.paragraphs[label]
        if series == last_series and plan_heading(paragraph.path, labels)[0]:
            chosen.append(label)
    return chosen


def requirement_rows(structure: Structure, source_id: str, labels: Mapping[str, str], chinese: bool) -> list[dict]:
    """One requirement per operative paragraph: its whole wording, its number as plan_paragraph, its heading."""
    rows = []
    for label in operative_labels(structure, labels):
        paragraph = structure.paragraphs[label]
        quote = trim(NUMBERED.sub("", paragraph.text, count=1))
        heading, basis, heading_note = plan_heading(paragraph.path, labels)
        note = (
            f"candidate: operative paragraph {paragraph.number} of the Plan (paragraph {label} here, under "
            f"{path_text(paragraph.path)}); requirement: the Plan's own text; {heading_note}"
        )
        rows.append(
            item_row(source_id, label, f"cand-gpa-{paragraph.number}", quote, chinese, kind="requirement",
                     heading=heading, heading_basis=basis, plan_paragraph=str(paragraph.number), note=note)
        )  # fmt: skip
    return rows
