"""Bring a data folder written for an earlier version of the columns up to the current ones.

Used on copies only (a version of data/ extracted from git for `gaptrack diff` and the What
changed page); the data folder itself is migrated once, by hand, as data/README.md says.
Renames so far: `quote_zh` -> `quote` (the quote is in the language of the source it cites).
Added so far: the Chinese twins of the editors' explanations (`note_zh`, `heading_rationale_zh`,
schema.TWINS). A copy from before them gets the column, empty, after its English one; the copy
lists what was added in MIGRATED (a JSON file beside the CSV files, not part of the record), so
the build takes those old explanations as they were written, in English only (twins.py).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .schema import TABLE_BY_NAME, TWINS

RENAMED = {"quote_zh": "quote"}
MIGRATED = ".migrated-twins.json"


def migrate_header(line: bytes) -> bytes:
    """A CSV header line (bytes, BOM and line end kept) with renamed columns given their new name."""
    cells = line.rstrip(b"\r\n").split(b",")
    renamed = [RENAMED.get(cell.decode("utf-8", "replace"), cell.decode("utf-8", "replace")).encode() for cell in cells]
    if renamed == cells:
        return line
    return b",".join(renamed) + line[len(line.rstrip(b"\r\n")) :]


def add_twins(path: Path) -> list[str]:
    """Add to one CSV file of a copy the Chinese twin columns its table has now and the file lacks
    (empty, each after its English column); return the columns added. The file's BOM and line
    ends are kept; a file that is not UTF-8 CSV is left for the build to name."""
    table = TABLE_BY_NAME.get(path.stem)
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw[3 if bom else 0 :].decode("utf-8")
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except (UnicodeDecodeError, csv.Error):
        return []
    if table is None or not rows:
        return []
    header = rows[0]
    missing = [zh for en, zh in TWINS.items() if en in header and zh not in header and zh in table.column_names]
    if not missing:
        return []
    at = {header.index(en): zh for en, zh in TWINS.items() if zh in missing}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n" if "\r\n" in text[: text.find("\n") + 1] else "\n")
    for number, row in enumerate(rows):
        cells = []
        for position, cell in enumerate(row):
            cells.append(cell)
            if position in at:
                cells.append(at[position] if number == 0 else "")
        writer.writerow(cells)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8"))
    return missing


def added_twins(folder: Path) -> dict[str, list[str]]:
    """The twin columns migrate_copy added to a copy: file name -> columns (empty for the record itself)."""
    path = Path(folder) / MIGRATED
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def migrate_copy(folder: Path) -> list[Path]:
    """Rename old columns in the header of every CSV file directly in folder, and add the Chinese
    twin columns a file lacks; return the files changed.

    Headers with quoted cells are left alone (the build names them)."""
    changed, added = [], {}
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
        twins = add_twins(path)
        if twins:
            added[path.name] = twins
        if new != header or twins:
            changed.append(path)
    if added:
        (Path(folder) / MIGRATED).write_text(json.dumps(added), encoding="utf-8")
    return changed
