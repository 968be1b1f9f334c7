"""Plan heading names → heading keys, by the labels in headings.csv or, failing that, by keyword."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

HEADING_KEYWORDS = (  # fallback when a heading is not one of the labels; partnerships first (伙伴 with 防止)
    ("partnerships", ("伙伴", "partnership")),
    ("prosecution", ("起诉", "prosecut")),
    ("protection", ("保护", "协助", "protect", "assist")),
    ("prevention", ("防止", "预防", "prevent")),
)


def heading_labels(data_dir: Path) -> dict[str, str]:
    """Heading label (English and Chinese, as in headings.csv, in a folded form) → heading key."""
    from ..editing.saving import read_rows

    return {
        heading_form(row[column]): row["heading"]
        for row in read_rows(Path(data_dir), "headings")
        for column in ("label_en", "label_zh")
        if row.get(column)
    }


def heading_form(name: str) -> str:
    """A heading name folded for comparison: no spaces, case-folded, no final stop or colon."""
    return re.sub(r"\s+", "", name).casefold().rstrip("。.:：")


def is_label(name: str, labels: Mapping[str, str]) -> bool:
    """Whether a line is exactly one of the Plan heading labels (a heading printed without a numeral)."""
    return heading_form(name) in labels


def heading_key(name: str, labels: Mapping[str, str]) -> tuple[str, str]:
    """The heading key a Plan heading's name stands for, and how it was matched ('label', 'keyword', '')."""
    if key := labels.get(heading_form(name)):
        return key, "label"
    folded = name.casefold()
    for key, words in HEADING_KEYWORDS:
        if any(word.casefold() in folded for word in words):
            return key, "keyword"
    return "", ""
