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


def people_csv_bytes(frame: pd.DataFrame) -> bytes:
    """A data frame as CSV for people (see csv_bytes): the bytes DuckDB writes for it
    (duckdb_csv_bytes), written in Python when the frame is small and of the column types whose
    writing is proven the same (python_csv_bytes, tests/test_files_same.py), else by DuckDB."""
    if len(frame) <= PYTHON_MOST_ROWS:
        written = python_csv_bytes(frame)
        if written is not None:
            return written
    return duckdb_csv_bytes(frame)


# About where DuckDB's writer (which also lets go of the GIL) gets faster: 66 rows 0.7 ms against 5 ms,
# 1,000 rows 6 against 6.5 ms, 5,000 rows 29 against 16 ms.
PYTHON_MOST_ROWS = 1000
_QUOTED = frozenset(',"#\n\r')  # DuckDB quotes a text holding any of these (# too), and the empty text


def _text_cell(value: str) -> str:
    if value.startswith(FORMULA_TRIGGERS):
        value = "'" + value
    if not value or not _QUOTED.isdisjoint(value):
        return '"' + value.replace('"', '""') + '"'
    return value


_FIRST_DAY, _LAST_DAY = np.datetime64("1000-01-01", "D"), np.datetime64("9999-12-31", "D")


def _column_cells(column: pd.Series, date: bool = False) -> list[str] | None:
    """One column's cells as DuckDB writes them, or None for a column type not handled here. A
    `date` column (datetime64 holding days only) as DuckDB writes a DATE: YYYY-MM-DD."""
    dtype = column.dtype
    if date:
        if not pd.api.types.is_datetime64_dtype(dtype) or getattr(dtype, "tz", None) is not None:
            return None
        moments = column.to_numpy()
        days = moments.astype("datetime64[D]")
        missing = np.isnat(moments)
        held = days[~missing]
        if (days[~missing] != moments[~missing]).any() or (
            len(held) and not (_FIRST_DAY <= held.min() and held.max() <= _LAST_DAY)
        ):
            return None  # a time of day (not a DATE), or a year not of four digits
        return ["" if gone else text for gone, text in zip(missing.tolist(), np.datetime_as_string(days).tolist())]
    values = column.tolist()
    if pd.api.types.is_object_dtype(dtype) or isinstance(dtype, pd.StringDtype):
        cells = []
        for value in values:
            if type(value) is str:
                cells.append(_text_cell(value))
            elif value is None or value is pd.NA or (type(value) is float and value != value):
                cells.append("")
            else:
                return None  # not text: DuckDB types such a column otherwise
        return cells
    if pd.api.types.is_integer_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
        return ["" if value is None or value is pd.NA else str(value) for value in values]
    if dtype == "float64":
        cells = []
        for value in values:
            if value != value:
                cells.append("")
            elif value in (float("inf"), float("-inf")):
                return None
            else:
                cells.append(repr(value))
        return cells
    return None


def _plain_name(name: object) -> bool:
    """A column name DuckDB writes in the header as it is (a text needing no quotes)."""
    return type(name) is str and bool(name) and _QUOTED.isdisjoint(name) and name.strip() == name


def python_csv_bytes(frame: pd.DataFrame, dates: tuple[str, ...] = ()) -> bytes | None:
    """The bytes duckdb_csv_bytes writes for the frame, written in Python (a small frame costs a
    fraction of DuckDB's table, file and read-back), or None when a column is of a type other than
    text (object or string; NULL, None, NaN and NA written empty), integer or float64 (NaN empty,
    shortest repr as DuckDB writes doubles; infinities not handled), or names repeat. The columns
    named in `dates` (datetime64, days only) are written as csv_bytes writes a DATE column of a
    query (YYYY-MM-DD; a frame's own datetime64 column DuckDB would write as a timestamp)."""
    names = list(frame.columns)
    if not names or len(set(names)) != len(names) or not all(_plain_name(name) for name in names):
        return None
    columns = []
    for i in range(len(names)):
        cells = _column_cells(frame.iloc[:, i], names[i] in dates)
        if cells is None:
            return None
        columns.append(cells)
    lines = [",".join(names)]
    lines += [",".join(row) for row in zip(*columns)]
    return (BOM + "\r\n".join(lines) + "\r\n").encode("utf-8")


def duckdb_csv_bytes(frame: pd.DataFrame) -> bytes:
    """A data frame as CSV for people (see csv_bytes), written by DuckDB. Written through a cursor
    of one in-memory DuckDB kept for the process (opening a new one costs more than writing a small
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
