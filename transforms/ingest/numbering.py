"""Word's automatic numbering and bullets (the numbering part): the number or bullet Word displays before a
paragraph, computed as Word does.

A paragraph is numbered by its own w:numPr or by its style's (followed through w:basedOn). Each list (w:num)
points at an abstract numbering whose levels give a start, a format (decimal, lowerLetter, upperLetter,
lowerRoman, upperRoman, Chinese counting, bullet) and a text such as "%1." or "(%2)". Counting a level resets the
levels below it; a w:num's startOverride starts a level again. A bullet shows as "•" (Word's symbol-font
characters are private-use code points).
"""

from __future__ import annotations

from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
         (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip
CHINESE = "零一二三四五六七八九"


def roman(n: int) -> str:
    """4 → 'iv' (lowercase; n ≥ 1)."""
    out = []
    for value, letters in ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def letters(n: int) -> str:
    """1 → 'a', 26 → 'z', 27 → 'aa' (Word repeats the letter)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def chinese(n: int) -> str:
    """1 → '一', 10 → '十', 12 → '十二', 20 → '二十' (up to 99)."""
    if n < 10:
        return CHINESE[n]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else CHINESE[tens]) + "十" + (CHINESE[units] if units else "")


def shown(n: int, fmt: str) -> str:
    """A counter as a format shows it; '' for 'none'."""
    if fmt in ("lowerLetter",):
        return letters(n)
    if fmt == "upperLetter":
        return letters(n).upper()
    if fmt == "lowerRoman":
        return roman(n)
    if fmt == "upperRoman":
        return roman(n).upper()
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "taiwaneseCounting"):
        return chinese(n)
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "none":
        return ""
    return str(n)  # decimal, decimalZero and formats not known: the number


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class Numbering:
    """The numbering part read: lists (numId → abstract id, overrides), abstract levels, styles' numPr."""

    lists: dict[str, str] = field(default_factory=dict)
    starts: dict[tuple[str, int], int] = field(default_factory=dict)  # (numId, level) → startOverride
    levels: dict[tuple[str, int], Level] = field(default_factory=dict)  # (abstractId, level) → Level
    styles: dict[str, tuple[str | None, int | None, str | None]] = field(default_factory=dict)  # numId, ilvl, base
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)  # lists met already (an override restarts on first use)

    def label(self, p) -> str:
        """The number or bullet Word displays before w:p element `p` ('' when it is not numbered)."""
        num_id, level = self._num_pr(p)
        if not num_id or num_id == "0" or num_id not in self.lists:
            return ""
        abstract = self.lists[num_id]
        lvl = self.levels.get((abstract, level), Level())
        counts = self.counters.setdefault(abstract, {})
        if num_id not in self.used:
            self.used.add(num_id)
            for n_id, k in self.starts:
                if n_id == num_id:
                    counts.pop(k, None)
        first = self.starts.get((num_id, level), lvl.start)
        counts[level] = counts[level] + 1 if level in counts else first
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        if lvl.fmt == "bullet":
            return "•"
        out = lvl.text
        for k in range(9):
            if f"%{k + 1}" in out:
                sub = self.levels.get((abstract, k), Level())
                value = counts.get(k, self.starts.get((num_id, k), sub.start))
                out = out.replace(f"%{k + 1}", shown(value, sub.fmt))
        return out.strip()

    def _num_pr(self, p) -> tuple[str | None, int]:
        ppr = p.find(f"{W}pPr")
        num_id = level = None
        style = None
        if ppr is not None:
            if (npr := ppr.find(f"{W}numPr")) is not None:
                num_id = _val(npr.find(f"{W}numId"))
                level = _val(npr.find(f"{W}ilvl"))
            style = _val(ppr.find(f"{W}pStyle"))
        seen = set()
        while style and style not in seen and (num_id is None or level is None):
            seen.add(style)
            s_num, s_lvl, base = self.styles.get(style, (None, None, None))
            num_id = num_id if num_id is not None else s_num
            level = level if level is not None else s_lvl
            style = base
        return num_id, int(level or 0)


def _val(el) -> str | None:
    return None if el is None else el.get(f"{W}val")


def read_numbering(document) -> Numbering:
    """The numbering part and the styles' numbering of a python-docx Document (empty when it has none)."""
    from lxml import etree

    numbering = Numbering()
    part = next((rel.target_part for rel in document.part.rels.values() if rel.reltype == NUMBERING), None)
    if part is not None:
        root = part.element if hasattr(part, "element") else etree.fromstring(part.blob)
        for abstract in root.iter(f"{W}abstractNum"):
            a_id = abstract.get(f"{W}abstractNumId")
            for lvl in abstract.iter(f"{W}lvl"):
                start = _val(lvl.find(f"{W}start"))
                numbering.levels[(a_id, int(lvl.get(f"{W}ilvl", "0")))] = Level(
                    int(start) if start and start.lstrip("-").isdigit() else 1,
                    _val(lvl.find(f"{W}numFmt")) or "decimal",
                    _val(lvl.find(f"{W}lvlText")) or "",
                )
        for num in root.iter(f"{W}num"):
            n_id = num.get(f"{W}numId")
            numbering.lists[n_id] = _val(num.find(f"{W}abstractNumId")) or ""
            for override in num.iter(f"{W}lvlOverride"):
                if (start := _val(override.find(f"{W}startOverride"))) is not None:
                    numbering.starts[(n_id, int(override.get(f"{W}ilvl", "0")))] = int(start)
    try:
        styles = document.styles.element
    except Exception:  # noqa: BLE001 - a file without a styles part: no style numbering
        return numbering
    for style in styles.iter(f"{W}style"):
        ppr = style.find(f"{W}pPr")
        npr = ppr.find(f"{W}numPr") if ppr is not None else None
        numbering.styles[style.get(f"{W}styleId")] = (
            _val(npr.find(f"{W}numId")) if npr is not None else None,
            int(_val(npr.find(f"{W}ilvl")) or 0) if npr is not None and npr.find(f"{W}ilvl") is not None else None,
            _val(style.find(f"{W}basedOn")),
        )
    return numbering
