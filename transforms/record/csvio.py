"""CSV in and out.

Reading: strict UTF-8, RFC 4180, each record with the line it starts on, so an error can
name its place. Writing for people: UTF-8 with BOM (Chinese opens correctly in Excel),
CRLF records with RFC 4180 quoting, and text cells a spreadsheet would run as a formula
neutralised with a leading apostrophe (OWASP CSV injection).
"""

from __future__ import annotations

import atexit
import csv
import io
import os
import re
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from .errors import DataError

BOM = "\ufeff"
MAX_FILE_BYTES = 128 * 2**20  # a data file larger than this is refused (1M links take 48 MiB)
csv.field_size_limit(MAX_FILE_BYTES)  # one long field is a cell problem to report, not a reader limit
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def decode_utf8(raw: bytes, name: str) -> str:
    """The file's text without its BOM, or a DataError naming the encoding it is probably in
    (GBK, Windows-1252, UTF-16...), where that was noticed and how to save it as UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        from .damage import encoding_error

        raise encoding_error(raw, name, err) from None
    return text.removeprefix(BOM)


def read_bytes(
    path: Path,
    name: str,
    what: str = "the file to exist (one CSV file per table in the data folder)",
    size_only: bool = False,
) -> bytes:
    """A data file's bytes; a DataError if it is missing (expected: `what`), not a regular file, or too large.
    size_only: check all that and return b"" without reading."""
    if not path.exists():
        raise DataError(name, what, value="no such file")
    if not path.is_file():
        raise DataError(name, "a regular file", value="a folder or a device")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataError(name, f"a file of at most {MAX_FILE_BYTES // 2**20} MiB", value=f"{size // 2**20} MiB")
    return b"" if size_only else path.read_bytes()


def read_records(path: Path, name: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number the record starts on, fields) for each record, header included."""
    return text_records(decode_utf8(read_bytes(path, name), name), name)


def text_records(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """The records of CSV text with the line each starts on; a DataError names a malformed one.
    Lines are counted as io.StringIO(text, newline="").readlines() splits them."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            raise DataError(
                name,
                "a well-formed CSV record (RFC 4180: quotes closed, a quote inside a quoted field doubled)",
                line=start,
                value=str(err),
            ) from None
        yield start, fields
        start = reader.line_num + 1


def formula_safe(text: str) -> str:
    """Text a spreadsheet would run as a formula (it starts with one of FORMULA_TRIGGERS) with a
    leading apostrophe, other text as it is: the OWASP CSV-injection rule for one cell, as
    csv_bytes applies it in SQL to every text column of an export."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


_TRIGGER_CLASS = "^[" + "".join(f"\\x{{{ord(c):02x}}}" for c in FORMULA_TRIGGERS) + "]"


def _neutralised(column: str, data_type: str) -> str:
    """SQL for one output column: text that starts like a formula gets a leading apostrophe."""
    name = '"' + column.replace('"', '""') + '"'
    if data_type != "VARCHAR":
        return name
    return f"CASE WHEN regexp_matches({name}, '{_TRIGGER_CLASS}') THEN '''' || {name} ELSE {name} END AS {name}"


def csv_bytes(cursor: duckdb.DuckDBPyConnection, select: str, params: dict | None = None) -> bytes:
    """The rows of a SELECT as CSV for people, written by DuckDB (fast at any size): UTF-8 with
    BOM, CRLF records, RFC 4180 quoting, formula-like text neutralised, dates as YYYY-MM-DD."""
    cursor.execute(f"CREATE OR REPLACE TEMP TABLE people_csv AS {select}", params or {})
    types = cursor.execute("DESCRIBE people_csv").fetchall()
    columns = ", ".join(_neutralised(name, data_type) for name, data_type, *_ in types)
    target = _scratch() / f"{uuid.uuid4().hex}.csv"
    try:
        cursor.execute(
            f"COPY (SELECT {columns} FROM people_csv) TO '{target}' "
            """(HEADER, DELIMITER ',', QUOTE '"', ESCAPE '"', NEW_LINE '\\r\\n', DATEFORMAT '%Y-%m-%d')"""
        )
        cursor.execute("DROP TABLE people_csv")
        return BOM.encode("utf-8") + target.read_bytes()
    finally:
        target.unlink(missing_ok=True)


_scratch_folder: Path | None = None


def _scratch() -> Path:
    """A private folder of this process for the files DuckDB writes (made once: making and removing
    a folder per file cost more than writing a small one), removed when the process ends."""
    global _scratch_folder
    with _writer_lock:
        if _scratch_folder is None or not _scratch_folder.is_dir():
            _scratch_folder = Path(tempfile.mkdtemp(prefix="gaptrack-csv-"))
            atexit.register(_remove, _scratch_folder, os.getpid())
        return _scratch_folder


def _remove(folder: Path, owner: int) -> None:
    if os.getpid() == owner:  # not from a forked child that ends normally
        shutil.rmtree(folder, ignore_errors=True)


_writer: duckdb.DuckDBPyConnection | None = None
_writer_lock = threading.Lock()


# A frame of at most this many cells is written by python_csv_text (no DuckDB statement: about
# 0.2 ms for the exports of the shipped record, where DuckDB's five statements and a file took
# 5 ms), a larger one by DuckDB (fast at any size); tests/test_csv_writers.py holds the two equal.
PYTHON_CELLS = 100_000
_NEEDS_QUOTES = re.compile('[,"\r\n#]')  # what DuckDB's writer quotes a field for (and "")


def people_csv_bytes(frame: pd.DataFrame) -> bytes:
    """A data frame as CSV for people (see csv_bytes): written here when it is small and its
    columns are text, whole numbers, decimal numbers (float64) or true/false, the very bytes
    DuckDB writes; otherwise by DuckDB."""
    text = python_csv_text(frame) if frame.size <= PYTHON_CELLS else None
    return text.encode("utf-8") if text is not None else duckdb_people_csv_bytes(frame)


def python_csv_text(frame: pd.DataFrame) -> str | None:
    """The frame as DuckDB's writer (csv_bytes) writes it, as text with its BOM, or None if a
    column is of a type not written here (dates, times, categories, float32, mixed objects...)
    or the column names are not distinct. Missing values are empty fields, an empty text is "",
    a field holding a comma, a quote, a line break or # is quoted (quotes doubled), decimal
    numbers as Python's repr (the shortest text that reads back the same, as DuckDB's),
    true/false, and text that starts like a formula gets a leading apostrophe."""
    names = [str(name) for name in frame.columns]
    if not names or len(set(names)) != len(names):
        return None
    columns = []
    for _, column in frame.items():
        cells = _cells(column)
        if cells is None:
            return None
        columns.append(cells)
    lines = [",".join(_field(name) for name in names), *(",".join(row) for row in zip(*columns))]
    return BOM + "\r\n".join(lines) + "\r\n"


def _field(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if not text or _NEEDS_QUOTES.search(text) else text


def _cells(column: pd.Series) -> list[str] | None:
    """A column's fields as DuckDB writes them, or None if its type is not written here."""
    dtype, values = column.dtype, column.tolist()
    missing = column.isna().to_numpy() if column.hasnans else None
    if pd.api.types.is_bool_dtype(dtype):
        cells = ["" if v is pd.NA else "true" if v else "false" for v in values]
    elif pd.api.types.is_integer_dtype(dtype):
        cells = ["" if v is pd.NA else str(v) for v in values]
    elif dtype == np.float64:
        cells = [repr(v) for v in values]
    elif isinstance(dtype, pd.StringDtype) or pd.api.types.is_object_dtype(dtype):
        if missing is not None:
            values = [None if gone else v for v, gone in zip(values, missing)]
        if not all(v is None or isinstance(v, str) for v in values):
            return None
        cells = ["" if v is None else _field(formula_safe(v)) for v in values]
    else:
        return None
    if missing is not None:
        cells = ["" if gone else cell for cell, gone in zip(cells, missing)]
    return cells


def duckdb_people_csv_bytes(frame: pd.DataFrame) -> bytes:
    """A data frame as CSV for people, written by DuckDB (csv_bytes) through a cursor of one
    in-memory DuckDB kept for the process (opening a new one costs more than writing a small
    file); each cursor has its own temporary tables and registered frames, so threads do not meet."""
    global _writer
    with _writer_lock:
        if _writer is None:
            _writer = duckdb.connect(":memory:")
        cursor = _writer.cursor()
    try:
        cursor.register("frame", frame)
        return csv_bytes(cursor, "SELECT * FROM frame")
    finally:
        cursor.close()
