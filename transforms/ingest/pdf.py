"""PDF into lines (pdfplumber): characters grouped into lines with their page, size and position.

What the format tells is used: the body's type size is the commonest; small digits raised above their line's
baseline, next to text, are footnote markers (written ¹²³) — a whole line set in smaller type is no marker; a
line in smaller type in the lower half of a page is a footnote; a line in the top or bottom tenth of a page that
comes again on other pages is a running head or footer: the same text, or a short text whose only change is one
number (a page number: `CTOC/COP/WG.4/2011/2  3/12`). A footnote (a marker number and its text) is never a
running footer, however alike two footnotes are (`1 See CTOC/COP/WG.4/2011/3, para. 12.`). A page set in two
columns is read column by column (see `gutter`).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from statistics import median

from ..record.errors import DataError
from .gutter import by_columns, find_gutter
from .layout import is_furniture
from .lines import Line
from .wording import TO_SUPERSCRIPT, is_cjk

MARGIN = 0.1  # the top and bottom tenth of a page hold running heads and footers


def _open(data: bytes, name: str):
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pdf.pages  # noqa: B018 - reading the page tree finds most damage and encryption
    except Exception as err:  # pdfminer raises many kinds; all mean the same to the user
        encrypted = "password" in repr(err).lower() or "encrypt" in repr(err).lower()
        found = (
            "an encrypted PDF (it needs a password)"
            if encrypted
            else f"a PDF that cannot be read ({type(err).__name__})"
        )
        expected = "a PDF without a password (save a copy without protection)" if encrypted else "a readable PDF file"
        raise DataError(name, expected, value=found) from None
    return pdf


def _group(chars: list[dict]) -> list[list[dict]]:
    """Chars into lines: a char joins the line its vertical extent overlaps most (≥ 40% of its height)."""
    lines: list[dict] = []
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        height = max(ch["bottom"] - ch["top"], 0.1)
        best = None
        for line in lines[-4:]:
            overlap = min(line["bottom"], ch["bottom"]) - max(line["top"], ch["top"])
            if overlap >= 0.4 * height and (best is None or overlap > best[0]):
                best = (overlap, line)
        if best is None:
            lines.append({"top": ch["top"], "bottom": ch["bottom"], "chars": [ch]})
        else:
            line = best[1]
            line["chars"].append(ch)
            if ch["size"] >= median(c["size"] for c in line["chars"]):
                line["top"], line["bottom"] = min(line["top"], ch["top"]), max(line["bottom"], ch["bottom"])
    return [sorted(line["chars"], key=lambda c: c["x0"]) for line in lines]


def _text(chars: list[dict], body_size: float) -> tuple[str, float]:
    """A line's text (small digits in a body-size line as superscripts; spaces where gaps are) and its size."""
    sizes = [c["size"] for c in chars if c["text"].strip()]
    size = median(sizes) if sizes else body_size
    full = [c["bottom"] for c in chars if c["text"].strip() and c["size"] >= 0.85 * size]
    baseline = median(full) if full else 0.0
    out, previous = [], None
    for ch in chars:
        text = ch["text"]
        if text.isdigit() and ch["size"] < 0.85 * size and ch["bottom"] < baseline - 0.15 * size:
            text = text.translate(TO_SUPERSCRIPT)  # small and raised: a footnote marker
        if previous is not None and text.strip() and previous["text"].strip():
            gap = ch["x0"] - previous["x1"]
            if gap > 0.2 * size and not (is_cjk(previous["text"]) and is_cjk(text)):
                out.append(" ")
        out.append(text)
        previous = ch
    return re.sub(r"[ \t]+", " ", "".join(out)).strip(), size


def pdf_lines(data: bytes, name: str) -> list[Line]:
    """The lines of a PDF in reading order (one column), with page, size, y and footnote/furniture flags.

    DataError for a PDF that cannot be read, is encrypted, or has no text (a scanned image).
    """
    pdf = _open(data, name)
    with pdf:
        pages = []
        images = 0
        for number, page in enumerate(pdf.pages, start=1):
            chars = [c for c in page.chars if c.get("upright", True)]
            images += len(page.images) + len(page.rects) + len(page.curves)  # a scan, or drawn marks
            grouped = _group(chars)
            if gutter := find_gutter(grouped, float(page.width)):
                ordered = by_columns(grouped, gutter, float(page.height))
            else:
                ordered = [(line, 0) for line in grouped]
            pages.append((number, float(page.height), ordered))
    all_sizes = Counter(round(c["size"] * 2) / 2 for _, _, lines in pages for line, _ in lines for c in line)
    if not all_sizes and images:
        raise DataError(name, "a PDF with text (not a scanned image: run OCR first)", value="no text on any page")
    if not all_sizes:
        raise DataError(name, "a PDF with text", value="blank pages: no text and no image on any page")
    # (a page of marks without characters is most likely a scan: the message above asks for OCR)
    body_size = all_sizes.most_common(1)[0][0]
    drafted = []
    for number, height, lines in pages:
        for chars, column in lines:
            text, size = _text(chars, body_size)
            if text:
                top = min(c["top"] for c in chars)
                drafted.append((number, height, top, size, text, column))
    repeated = _repeated(drafted, body_size)
    out = []
    for number, height, top, size, text, column in drafted:
        in_margin = top < MARGIN * height or top > (1 - MARGIN) * height
        furniture = in_margin and (text in repeated or is_furniture(text))
        footnote = not furniture and size < body_size - 0.5 and top > 0.5 * height
        line = Line(text, page=number, size=size, y=top, footnote=footnote, furniture=furniture, column=column)
        out.append(line)
    return out


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", text)


FOOTNOTE_START = re.compile(r"^\s*(?:[0-9]{1,2}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\*)\s*[A-Z“\"\u4e00-\u9fff]")
PARAGRAPH_START = re.compile(r"^\s*[0-9]{1,4}[.．]\s")


def _running(texts: set[str]) -> bool:
    """Whether texts alike but for digits are one running head: the same text, or a short one (≤ 60
    characters, no paragraph number, no footnote) in which a single number changes (the page number)."""
    if len(texts) == 1:
        return True
    sample = next(iter(texts))
    if len(sample) > 60 or PARAGRAPH_START.match(sample) or FOOTNOTE_START.match(sample):
        return False
    numbers = [re.findall(r"\d+", text) for text in texts]
    changing = [i for i in range(len(numbers[0])) if len({n[i] for n in numbers}) > 1]
    return len(changing) <= 1


def _repeated(drafted: list[tuple], body_size: float) -> set[str]:
    """Texts standing in the margins of two pages or more that are running heads and footers (see _running);
    a line of body type ending a sentence is text, however often it comes again."""
    pages_of: dict[str, set[int]] = {}
    texts_of: dict[str, set[str]] = {}
    for number, height, top, size, text, _column in drafted:
        if size >= body_size - 0.5 and text.rstrip().endswith((".", "。", ";", "；")):
            continue
        if top < MARGIN * height or top > (1 - MARGIN) * height:
            pages_of.setdefault(_key(text), set()).add(number)
            texts_of.setdefault(_key(text), set()).add(text)
    return {
        text for key, pages in pages_of.items() if len(pages) >= 2 and _running(texts_of[key]) for text in texts_of[key]
    }
