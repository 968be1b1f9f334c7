"""A numbered paragraph cut into running-text blocks and list items, each with the heading path it stands under.

List items: `- `, `• `, `(a) `, `（a）`, `(i) `. A roman item (`(i)`, `(ii)`) right under a lettered one
(`(b)`) is nested: it keeps its parent's marker. An unmarked line right after an item (no blank line between)
continues that item unless the item already ends a sentence, so an item that ran over a page (its footnote
and page furniture already taken out) is whole again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .structure import NUMBERED, Paragraph, Path_
from .wording import BULLETS, TERMINAL

BULLET = re.compile(
    rf"^\s*(?:[-–—](?:\s+|(?=[^\x00-\x7f]))|[{BULLETS}]\s*|\(((?:[a-z]|[ivx]{{1,4}}))\)\s+|（([a-z])）\s*)"
)
ROMAN_ITEM = re.compile(r"^[ivx]{1,4}$")


@dataclass
class Bullet:
    """One list item: its running number in the paragraph, exact wording, marker, parent's marker, path."""

    number: int
    quote: str
    path: Path_
    marker: str = ""
    parent: str = ""


@dataclass
class Listing:
    """A numbered paragraph cut into blocks of running text and list items."""

    paragraph: Paragraph
    blocks: list[str] = field(default_factory=list)  # runs of consecutive running-text lines
    bullets: list[Bullet] = field(default_factory=list)
    lead_blocks: int | None = None  # how many blocks stand before the first item

    @property
    def label(self) -> str:
        return self.paragraph.label

    @property
    def text(self) -> str:
        return self.paragraph.text

    @property
    def lead(self) -> list[str]:
        """The running text before the list (all of it when there is no list)."""
        return self.blocks[: self.lead_blocks]


def _is_roman(letter: str, previous: Bullet | None) -> bool:
    """Whether an item marker is a nested roman one: '(i)' right under a lettered item (not after '(h)'),
    or any roman marker inside a nested list already ('(ii)' after '(i)')."""
    if previous is None or not ROMAN_ITEM.match(letter):
        return False
    prior = previous.marker.strip("()")
    if previous.parent:
        return True
    if len(letter) == 1 and len(prior) == 1 and ord(letter) == ord(prior) + 1:
        return False  # (i) after (h), (v) after (u): the lettered list goes on
    return letter == "i"


def cut(paragraph: Paragraph) -> Listing:
    """Cut a numbered paragraph's lines into running-text blocks and list items (see the module docstring)."""
    listing = Listing(paragraph)
    previous = "blank"
    parent = ""
    for index, (line, path) in enumerate(paragraph.lines):
        body = NUMBERED.sub("", line, count=1) if index == 0 else line
        if not body.strip():
            previous = "blank"
            continue
        bullets, blocks = listing.bullets, listing.blocks
        m = BULLET.match(body)
        if m is None and previous == "bullet" and bullets[-1].quote[-1:] not in TERMINAL:
            bullets[-1].quote += "\n" + line.rstrip()
            continue
        if m is None:
            if previous == "text":
                blocks[-1] += "\n" + line.rstrip()
            else:
                blocks.append(body.rstrip())
            previous = "text"
            continue
        if listing.lead_blocks is None:
            listing.lead_blocks = len(blocks)
        letter = m.group(1) or m.group(2) or ""
        marker = f"({letter})" if letter else body[: m.end()].strip()
        last = bullets[-1] if bullets else None
        nested = bool(letter) and bool(parent) and _is_roman(letter, last)
        if letter and not nested:
            parent = marker
        bullets.append(Bullet(len(bullets) + 1, body[m.end() :].strip(), path, marker, parent if nested else ""))
        previous = "bullet"
    return listing
