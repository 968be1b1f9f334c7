"""Bring a data folder written for an earlier version of the columns up to the current ones.

Used on copies only (a version of data/ extracted from git for `gaptrack diff` and the What
changed page); the data folder itself is migrated once, by hand, as data/README.md says.
Renames so far: `quote_zh` -> `quote` (the quote is in the language of the source it cites).
"""

from __future__ import annotations

from pathlib import Path

RENAMED = {"quote_zh": "quote"}


def migrate_header(line: bytes) -> bytes:
    """A CSV header line (bytes, BOM and line end kept) with renamed columns given their new name."""
    cells = line.rstrip(b"\r\n").split(b",")
    renamed = [RENAMED.get(cell.decode("utf-8", "replace"), cell.decode("utf-8", "replace")).encode() for cell in cells]
    if renamed == cells:
        return line
    return b",".join(renamed) + line[len(line.rstrip(b"\r\n")) :]


def migrate_copy(folder: Path) -> list[Path]:
    """Rename old columns in the header of every CSV file directly in folder; return the files changed.

    Only the header line changes; headers with quoted cells are left alone (the build names them)."""
    changed = []
    for path in sorted(Path(folder).glob("*.csv")):
        raw = path.read_bytes()
        end = raw.find(b"\n") + 1 or len(raw)
        bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
        header = raw[len(bom) : end]
        if b'"' in header:
            continue
        new = migrate_header(header)
        if new != header:
            path.write_bytes(bom + new + raw[end:])
            changed.append(path)
    return changed
