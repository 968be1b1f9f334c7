"""Pages set in two columns: a gutter (an empty vertical band near the middle of the page, with lines of
running text on both sides: 25 characters or more on average, three lines at least) is found from the x
positions of a page's characters, and the page is read column by column: the lines above the columns (the
masthead) first, then the left column, then the right one; the page's foot (footers, page numbers) last.

The columns start at the first line whose left or right part starts a numbered paragraph or a heading; failing
that, at the first line below the page's top tenth with text on both sides.
"""

from __future__ import annotations

import re

BIN = 2.0  # points
MIN_GAP = 6.0  # points: the narrowest gutter
STARTS = re.compile(r"^\s*(?:[0-9]{1,4}[.．]\s|[IVX]{1,5}\.\s|[A-H]\.\s)")


def _span(chars: list[dict]) -> tuple[float, float]:
    return min(c["x0"] for c in chars), max(c["x1"] for c in chars)


def find_gutter(lines: list[list[dict]], width: float) -> tuple[float, float] | None:
    """(left edge, right edge) of the gutter of a page's lines (each a list of pdfplumber chars), or None."""
    lines = [[c for c in line if c["text"].strip()] for line in lines]
    lines = [line for line in lines if line]
    if len(lines) < 6:
        return None
    bins = [0] * (int(width / BIN) + 2)
    for line in lines:
        for c in line:
            for b in range(int(c["x0"] / BIN), int(c["x1"] / BIN) + 1):
                if 0 <= b < len(bins):
                    bins[b] += 1
    lo, hi = int(0.3 * width / BIN), int(0.7 * width / BIN)
    best, run = None, None
    for b in range(lo, hi + 1):
        if bins[b] == 0:
            run = (run[0], b) if run else (b, b)
            if best is None or run[1] - run[0] > best[1] - best[0]:
                best = run
        else:
            run = None
    if best is None or (best[1] - best[0] + 1) * BIN < MIN_GAP:
        return None
    left_edge, right_edge = best[0] * BIN, (best[1] + 1) * BIN
    left = [line for line in lines if any(c["x1"] <= left_edge + 0.5 for c in line)]
    right = [line for line in lines if any(c["x0"] >= right_edge - 0.5 for c in line)]
    both = [line for line in left if line in right]
    if len(both) < 3:
        return None
    left_chars = sum(1 for line in both for c in line if c["x1"] <= left_edge + 0.5) / len(both)
    right_chars = sum(1 for line in both for c in line if c["x0"] >= right_edge - 0.5) / len(both)
    if min(left_chars, right_chars) < 25:
        return None  # short cells side by side: a table or a masthead, not columns of running text
    return left_edge, right_edge


def by_columns(lines: list[list[dict]], gutter: tuple[float, float], height: float) -> list[tuple[list[dict], int]]:
    """A two-column page's lines in reading order, each with its column (0 above or below them, 1, 2)."""
    middle = (gutter[0] + gutter[1]) / 2
    parts = []
    for line in lines:
        left = [c for c in line if (c["x0"] + c["x1"]) / 2 < middle]
        right = [c for c in line if (c["x0"] + c["x1"]) / 2 >= middle]
        parts.append((line, left, right))

    def text(chars: list[dict]) -> str:
        return "".join(c["text"] for c in chars)

    def top(line: list[dict]) -> float:
        return min(c["top"] for c in line)

    start = next((i for i, (_, a, b) in enumerate(parts) if STARTS.match(text(a)) or STARTS.match(text(b))), None)
    if start is None:
        start = next((i for i, (line, a, b) in enumerate(parts) if a and b and top(line) > 0.1 * height), len(parts))
    foot = [i for i in range(start, len(parts)) if top(parts[i][0]) > 0.9 * height]
    body = [i for i in range(start, len(parts)) if i not in foot]
    out = [(line, 0) for line, _, _ in parts[:start]]
    out += [(parts[i][1], 1) for i in body if parts[i][1]]
    out += [(parts[i][2], 2) for i in body if parts[i][2]]
    out += [(parts[i][0], 0) for i in foot]
    return out
