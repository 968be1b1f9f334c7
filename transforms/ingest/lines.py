"""The common model every format is read into: lines of text with what the format knows of them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One line of a document as its format gives it.

    text: the line's characters (footnote markers raised in the body as superscript digits ¹²³);
    page: 1-based page number, 0 where the format has no pages (plain text, Word);
    size: the font size in points (0 unknown); y: distance of the line's top from the page top in points;
    footnote: the format places the line in a footnote area (smaller type at a page foot, Word footnotes);
    furniture: the format knows it is a running head, footer or page number;
    column: 1 or 2 where the page is set in two columns and the line was read in the left or right one, else 0.
    """

    text: str
    page: int = 0
    size: float = 0.0
    y: float = 0.0
    footnote: bool = False
    furniture: bool = False
    column: int = 0


def plain_lines(text: str) -> list[Line]:
    """The lines of a plain text, nothing known about them but their characters."""
    return [Line(line) for line in text.splitlines()]
