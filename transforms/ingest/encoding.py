"""Plain text saved as UTF-16 (Windows Notepad's "Unicode"): read when it carries a byte-order mark, refused with
a message naming UTF-16 when it does not (without the mark its byte order is a guess)."""

from __future__ import annotations

from ..record.errors import DataError

BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}


def looks_utf16(data: bytes) -> bool:
    """Whether bytes look like UTF-16 text without a mark: NUL in most odd or most even places (ASCII text)."""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return False
    half = len(sample) // 2
    even = sum(1 for b in sample[0::2] if b == 0)
    odd = sum(1 for b in sample[1::2] if b == 0)
    return max(even, odd) > 0.3 * half and min(even, odd) < 0.05 * half


def utf16_text(name: str, data: bytes) -> str | None:
    """The text of a UTF-16 file with a byte-order mark; None for bytes that are not UTF-16.
    DataError for UTF-16 without a mark, or UTF-16 that does not decode."""
    encoding = BOMS.get(data[:2])
    if encoding is None:
        if looks_utf16(data):
            raise DataError(
                name, "a plain-text file in UTF-8 (save it again choosing the encoding UTF-8)",
                value="text in UTF-16 without a byte-order mark",
            )  # fmt: skip
        return None
    try:
        return data[2:].decode(encoding)
    except UnicodeDecodeError:
        raise DataError(name, "a plain-text file in UTF-8", value="UTF-16 text that does not decode") from None
