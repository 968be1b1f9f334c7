"""Wording helpers shared by the readers of structure and candidates: one-line forms, trimming, language."""

from __future__ import annotations

import re

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
# Bullet signs: the usual ones, and the symbol-font characters Word's bullets become in a PDF (private use:
# U+F0B7 Symbol's bullet, U+F0A7 Wingdings' square, …).
BULLETS = "•●▪◦·■□‣⁃∙\u25aa\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf06c\uf0a8"
TERMINAL = "。；;.!?！？"
CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
# A footnote marker glued to a word: a superscript number or '*', or a plain number right after a letter or a
# closing mark ("recommendations.4", "measures2 for") as English renderings print it.
GLUED_MARKER = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+|(?<=\S)\*|(?<=[A-Za-z.,;:)”\"])[0-9]{1,2}(?=[\s,.;:]|$)")


def flatten(quote: str) -> str:
    """The wording on one line: a line break vanishes between Chinese characters, else one space."""

    def join(m: re.Match) -> str:
        before, after = m.string[m.start() - 1 : m.start()], m.string[m.end() : m.end() + 1]
        return "" if is_cjk(before) or is_cjk(after) else " "

    return re.sub(r"[ \t\u3000]*\n\s*", join, quote.strip())


def is_cjk(ch: str) -> bool:
    """Whether a character is Chinese (CJK ideographs, CJK punctuation, full-width forms)."""
    return bool(ch) and ("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")


def is_chinese(text: str) -> bool:
    """Whether the text is mostly Chinese (more Chinese characters than Latin letters)."""
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return cjk > sum(1 for ch in text if ch.isascii() and ch.isalpha())


def trim(text: str) -> str:
    """Strip spaces, closing punctuation and an English list's trailing 'and'/'or'."""
    text = re.sub(r"[;,]?\s+(?:and|or)\s*$", "", text.strip())
    return text.strip().rstrip(TERMINAL + "，,：:").rstrip()


def without_markers(text: str) -> str:
    """The text without footnote markers (for titles; quotes keep them)."""
    return re.sub(r"[ \t]{2,}", " ", GLUED_MARKER.sub("", text))


def chinese_number(numeral: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20 (numbers up to 99); None for anything else."""
    if "十" not in numeral:
        return CHINESE_DIGITS.get(numeral) if len(numeral) == 1 else None
    tens, _, units = numeral.partition("十")
    return (CHINESE_DIGITS.get(tens, 0) if tens else 1) * 10 + (CHINESE_DIGITS.get(units, 0) if units else 0)
