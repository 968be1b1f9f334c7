"""The audit log, data/audit_log.csv: one record per save (when, who, what, the rows before and after).

Saves append to it (transforms.editing.saving); the Edit page, `gaptrack log` and `gaptrack undo` read it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..record.csvio import BOM, formula_safe, read_records

LOG_FILE = "audit_log.csv"
LOG_COLUMNS = (
    "entry",
    "at",
    "editor",
    "operation",
    "summary",
    "changes",
    "reverts",
    "version_before",
    "version_after",
)

Row = dict[str, str]


def read_log(data_dir: Path) -> list[Row]:
    """Every record of the audit log, oldest first (none if there is no log yet)."""
    path = Path(data_dir) / LOG_FILE
    if not path.exists():
        return []
    name = f"{Path(data_dir).name}/{LOG_FILE}"
    records = [fields for _, fields in read_records(path, name) if fields]
    return [dict(zip(records[0], fields)) for fields in records[1:]]


def log_content(data_dir: Path, record: Row) -> bytes:
    """The audit log's bytes with one more record (LOG_COLUMNS) at the end; a header first if it is
    new. A new log is UTF-8 with BOM; an existing one keeps its BOM (or none) and line ends; every
    cell follows the OWASP rule of exports (csvio.formula_safe)."""
    path = Path(data_dir) / LOG_FILE
    existing = path.read_bytes() if path.exists() else b""
    newline = "\r\n" if existing.split(b"\n", 1)[0].endswith(b"\r") else "\n"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    if not existing:
        out.write(BOM)
        writer.writerow(LOG_COLUMNS)
    writer.writerow([formula_safe(record[c]) for c in LOG_COLUMNS])
    if existing and not existing.endswith(b"\n"):
        existing += newline.encode()
    return existing + out.getvalue().encode("utf-8")
