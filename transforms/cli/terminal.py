"""Text for the terminal: aligned columns (Chinese characters count as two wide) and the control
characters a terminal would act on rather than show. Every command prints tables through here."""

from __future__ import annotations

import re
import unicodedata


def display_width(text: str) -> int:
    """How many terminal columns the text takes: two for a wide (Chinese) character, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    space = " " * max(0, width - display_width(text))
    return space + text if right else text + space


# What a terminal would act on, not show: C0 and C1 controls, and the bidirectional controls
# (marks, embeddings, overrides, isolates) that reorder what follows them on the line.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MAX_CELL_WIDTH = 60  # a longer value is shortened in terminal tables (exports keep it whole)


def _shortened(text: str, width: int = MAX_CELL_WIDTH) -> str:
    if display_width(text) <= width:
        return text
    while display_width(text) > width - 1:
        text = text[:-1]
    return text + "…"


def aligned(rows: list[list[str]], right: set[int] = frozenset()) -> list[str]:
    """Rows of cells as lines of text in columns (Chinese characters count as two wide), a rule
    under the first row; the columns in `right` are right-aligned. Control characters in a cell
    (an escape sequence, a line break, a bidirectional override) become spaces; a value wider
    than MAX_CELL_WIDTH is shortened with "…"."""
    rows = [[_shortened(CONTROL.sub(" ", cell)) for cell in row] for row in rows]
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(_pad(cell, widths[i], right=i in right) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def _cell_text(value) -> str:
    if value is None or value != value:  # None, NaN, NaT
        return ""
    return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else str(value)


def table_text(frame) -> str:
    """A data frame as aligned text: its column names, then its rows (numbers right-aligned)."""
    numeric = {i for i, dtype in enumerate(frame.dtypes) if dtype.kind in "iuf"}
    cells = [[_cell_text(v) for v in row] for row in frame.itertuples(index=False)]
    return "\n".join(aligned([list(map(str, frame.columns)), *cells], numeric))
