"""Text a spreadsheet or an editor has damaged, and files saved in the wrong shape: how to
notice it and how to say what probably happened.

What people's tools do to a UTF-8 CSV file of Chinese text:
- Excel, "CSV (comma delimited)" on a Windows set up for a Western language: writes
  Windows-1252; every Chinese character becomes `?`.
- Excel, the same on a Chinese Windows: writes GBK (the text survives, the encoding is wrong).
- Excel, "Unicode Text": UTF-16 with a byte-order mark, fields separated by tabs.
- Excel where the list separator is `;`: fields separated by semicolons.
- LibreOffice (or an editor) opening the file as Latin-1/Windows-1252 and saving it as UTF-8:
  each Chinese character becomes three Latin ones (`建议` -> `å»ºè®®`, "mojibake").
- Opening it as GBK and saving as UTF-8: Chinese becomes other Chinese characters, or U+FFFD.
Each is refused with a message naming the file, line and column (see `text_damage`,
`encoding_error`, `header_error`).
"""

from __future__ import annotations

import codecs
import csv
import io
import re

from .errors import DataError

# Characters that show nothing: a cell holding only these counts as empty.
INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
)
_INVISIBLE_ONLY = re.compile(f"[{INVISIBLE}]+")
# Chinese characters (CJK unified ideographs and their extensions, compatibility ideographs).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_HAN = re.compile(f"[{HAN}]")
_QUESTIONS = re.compile(r"\?{2,}")
# A character of Windows-1252 or Latin-1 beyond ASCII, the shape UTF-8 bytes take when read as either
# (and U+F180-U+F1FF, LibreOffice's stand-in for a byte Windows-1252 does not define).
_LATIN_RUN = re.compile(
    "[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\uf180-\uf1ff]{2,}"
)
_LEAD_BYTE = re.compile("[\u00c2-\u00f4]")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")

_SQL_INVISIBLE = "".join(f"\\x{{{ord(c):04x}}}" for c in INVISIBLE)
_SQL_HAN = re.sub("[^-]", lambda c: f"\\x{{{ord(c.group()):x}}}", HAN)  # HAN as RE2 writes it
# A value between NULs whose bytes all read as UTF-8 (no surrogate escape in it).
_SOUND_PIECE = re.compile("\x00[^\x00\udc80-\udcff]*(?=\x00)")


def sql_suspect(v: str, quote: bool = False) -> str:
    """SQL (DuckDB) true where the text in column `v` may be damaged (`text_damage` decides):
    a lead byte of UTF-8 read as Latin-1, U+FFFD, or (a quote) a run of `?`."""
    return f"regexp_matches({v}, '[\\x{{c2}}-\\x{{f4}}\\x{{fffd}}]')" + (f" OR contains({v}, '??')" if quote else "")


def sql_no_chinese(v: str) -> str:
    """SQL (DuckDB) true where the text in column `v` holds no Chinese character (`has_chinese`)."""
    return f"NOT regexp_matches({v}, '[{_SQL_HAN}]')"


def may_be_gbk_mojibake(joined: str, count: int) -> list[int]:
    """The positions (from 0) of the values that could be GBK mojibake (`text_damage` decides), of
    `count` values joined by NUL: those whose GBK bytes read as UTF-8. A superset, found in one pass
    over all the values at once, not by encoding and decoding each (330,000 titles at 1M links)."""
    if count == 0:
        return []
    if joined.count("\x00") != count - 1:  # a value holds NUL itself: keep them all
        return list(range(count))
    # A character GBK cannot encode becomes `?`; such a value is no GBK mojibake, and if it is
    # kept here text_damage rules it out. NUL is one byte in both encodings, so the pieces stay apart.
    text = "\x00" + joined.encode("gbk", errors="replace").decode("utf-8", errors="surrogateescape") + "\x00"
    found, position, index = [], 0, -1
    for piece in _SOUND_PIECE.finditer(text):
        index += text.count("\x00", position, piece.start() + 1)
        position = piece.start() + 1
        found.append(index)
    return found


def sql_invisible_only(v: str) -> str:
    """SQL (DuckDB) true where the text in column `v` holds only invisible characters."""
    return f"regexp_full_match({v}, '[{_SQL_INVISIBLE}]+')"


def invisible_only(text: str) -> bool:
    """True if the text is not empty but shows nothing (zero-width spaces, joiners, marks)."""
    return bool(text) and _INVISIBLE_ONLY.fullmatch(text) is not None


def has_chinese(text: str) -> bool:
    return _HAN.search(text) is not None


def _latin_bytes(run: str) -> bytes:
    """The bytes a run of Windows-1252/Latin-1 characters stands for (LibreOffice shows a byte
    Windows-1252 does not define, such as 0x81, as U+F181)."""
    return b"".join(
        bytes([ord(c)])
        if ord(c) <= 0xFF
        else bytes([ord(c) - 0xF100])
        if "\uf180" <= c <= "\uf1ff"
        else c.encode("cp1252")
        for c in run
    )


def _latin_mojibake(text: str) -> str | None:
    """What the text read before UTF-8 was taken for Latin-1/Windows-1252, or None if it was not."""
    if not _LEAD_BYTE.search(text):  # every such run holds the lead byte of a UTF-8 sequence
        return None
    if not any(_UTF8_SEQUENCE.search(_latin_bytes(run.group())) for run in _LATIN_RUN.finditer(text)):
        return None
    return _LATIN_RUN.sub(lambda run: _latin_bytes(run.group()).decode("utf-8", errors="replace"), text)


def _gbk_mojibake(text: str) -> str | None:
    """What the text read before UTF-8 was taken for GBK, or None if it was not."""
    if not has_chinese(text):
        return None
    try:
        before = text.encode("gbk").decode("utf-8")
    except UnicodeError:
        return None
    return before if before != text and has_chinese(before) else None


def text_damage(text: str, chinese: bool, quote: bool = False) -> tuple[str, dict] | None:
    """How a cell's text was probably damaged: (catalog key, values), or None if it looks sound.

    chinese: the column holds Chinese (a `_zh` column): it must have a Chinese character and
    no run of `?`. quote: the cell quotes a Chinese source (runs of `?` refused, a quote of a
    symbol without Chinese characters allowed)."""
    if "\ufffd" in text:
        return "damage_replacement", {}
    before = _latin_mojibake(text)
    if before is not None:
        return "damage_latin", {"before": before}
    if (chinese or quote) and _QUESTIONS.search(text):
        return "damage_questions", {}
    if chinese and not quote:
        before = _gbk_mojibake(text)
        if before is not None:
            return "damage_gbk", {"before": before}
        if not has_chinese(text):
            return "damage_no_chinese", {}
    return None


# -- whole files ---------------------------------------------------------------------------------

_FAMILIES = (
    ("gb", "encoding_gbk"),
    ("cp936", "encoding_gbk"),
    ("hz", "encoding_gbk"),
    ("big5", "encoding_big5"),
    ("cp950", "encoding_big5"),
    ("utf_16", "encoding_utf16"),
    ("utf_32", "encoding_utf16"),
)


def _likely_encoding(raw: bytes, start: int) -> str:
    """The catalog key of the encoding raw bytes (not UTF-8 from `start`) are most likely in."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "encoding_utf16"
    from charset_normalizer import from_bytes

    best = from_bytes(raw[: 2**20]).best()
    name = (best.encoding if best else "").lower()
    for prefix, key in _FAMILIES:
        if name.startswith(prefix):
            return key
    end = start
    while end < len(raw) and raw[end] >= 0x80:
        end += 1
    try:  # a Chinese cell in a file the detector took for another encoding
        if end - start >= 2 and all(_HAN.match(c) or "\u3000" <= c <= "\u303f" for c in raw[start:end].decode("gbk")):
            return "encoding_gbk"
    except UnicodeDecodeError:
        pass
    if name.startswith(("cp125", "cp850", "latin", "iso8859", "mac", "ascii", "windows")):
        return "encoding_western"
    return "encoding_unknown"


_CODECS = {"encoding_gbk": "gb18030", "encoding_big5": "big5", "encoding_western": "cp1252"}


def _field_at(raw: bytes) -> tuple[str | None, bytes | None]:
    """(header name, bytes) of the first CSV field that is not UTF-8, as far as the header says."""
    text = raw.decode("utf-8", errors="surrogateescape")
    records = list(csv.reader(io.StringIO(text, newline="")))
    header = records[0] if records else []
    for fields in records:
        for position, value in enumerate(fields):
            if any("\udc80" <= c <= "\udcff" for c in value):
                column = header[position].lstrip("\ufeff") if fields is not header and position < len(header) else None
                return column, value.encode("utf-8", errors="surrogateescape")
    return None, None


def encoding_error(raw: bytes, name: str, err: UnicodeDecodeError) -> DataError:
    """The DataError for a file that is not UTF-8: its likely encoding, where (line, and column of
    a CSV file), the text as that encoding reads it, and how to save it as UTF-8."""
    key = _likely_encoding(raw, err.start)
    if key == "encoding_utf16":
        return DataError.said(key, name)
    line = raw.count(b"\n", 0, err.start) + 1
    column, field_bytes = _field_at(raw) if name.lower().endswith(".csv") else (None, None)
    if field_bytes is None:
        field_bytes = raw[raw.rfind(b"\n", 0, err.start) + 1 :].split(b"\n", 1)[0]
    value = field_bytes.decode(_CODECS.get(key, "utf-8"), errors="replace").strip()
    return DataError.said(key, name, line=line, column=column, value=value)


def header_error(header: list[str], names: list[str], name: str, line: int) -> DataError | None:
    """A DataError if the header shows how the file was saved wrongly: its byte-order mark read as
    Latin-1 (`ï»¿`), or one field holding the column names separated by `;` or a tab."""
    if header and header[0].startswith("\u00ef\u00bb\u00bf"):
        return DataError.said("damage_latin", name, line=line, column=header[0], value=header[0], before=header[0][3:])
    if header and header[0].startswith("\u9518"):  # the byte-order mark read as GBK
        before = header[0].encode("gb18030", errors="replace").decode("utf-8", errors="replace").lstrip("\ufeff")
        return DataError.said("damage_gbk", name, line=line, column=header[0], value=header[0], before=before)
    if len(header) != 1:
        return None
    for delimiter, key in ((";", "delimiter_semicolon"), ("\t", "delimiter_tab")):
        parts = [p.strip().strip('"').lstrip("\ufeff") for p in header[0].split(delimiter)]
        if len(parts) > 1 and set(parts) & set(names):
            return DataError.said(key, name, line=line, value=header[0])
    return None
