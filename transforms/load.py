"""Read data/ and validate it: every file, row and cell, then every reference, then every
quote against the paragraph it cites. The first problem found stops the load with one
DataError naming the file, line, column, the bad value and what was expected."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .csvio import decode_utf8, read_records
from .errors import DataError
from .schema import TABLES, Column, Table
from .source_text import split_paragraphs

Row = dict[str, object]


@dataclass
class Record:
    """The validated contents of data/: rows per table, with the line each row came from."""

    tables: dict[str, list[Row]]
    lines: dict[str, list[int]]
    paragraphs: dict[str, dict[str, str]]  # source_id -> paragraph label -> text
    data_version: str


def data_files(data_dir: Path) -> list[Path]:
    """Every file the record is built from: the table CSVs and the source texts."""
    sources = (
        sorted(p for p in (data_dir / "sources").rglob("*") if p.is_file()) if (data_dir / "sources").is_dir() else []
    )
    return [data_dir / t.file for t in TABLES] + sources


def data_version(data_dir: Path) -> str:
    """A short hash of every file the record is built from."""
    digest = hashlib.sha256()
    for path in data_files(data_dir):
        digest.update(path.relative_to(data_dir).as_posix().encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()[:16]


def _cell(table: Table, column: Column, raw: str, name: str, line: int) -> object:
    def fail(expected: str) -> DataError:
        return DataError(name, expected, line=line, column=column.name, value=raw)

    if raw == "":
        if column.required:
            raise fail(f"a value ({column.describe or column.type}); this column may not be empty")
        return None
    if raw != raw.strip():
        raise fail("no leading or trailing spaces")
    if column.choices and raw not in column.choices:
        raise fail("one of: " + ", ".join(column.choices))
    if column.pattern and not re.fullmatch(column.pattern, raw):
        raise fail(column.describe or f"an identifier matching {column.pattern}")
    if column.type == "int":
        if not re.fullmatch(r"-?\d{1,9}", raw):
            raise fail("a whole number")
        return int(raw)
    if column.type == "date":
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
                raise ValueError
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise fail("a date written YYYY-MM-DD") from None
    return raw


def read_table(data_dir: Path, table: Table) -> tuple[list[Row], list[int]]:
    """The rows of one table's CSV file, each cell typed and checked on its own."""
    name = f"{data_dir.name}/{table.file}"
    records = read_records(data_dir / table.file, name)
    header_line, header = next(records, (1, None))
    if header is None:
        raise DataError(name, "a header row: " + ",".join(table.column_names), line=1, value="an empty file")
    for column in table.column_names:
        if column not in header:
            raise DataError(
                name,
                f"a column named {column!r} in the header",
                line=header_line,
                column=column,
                value=",".join(header),
            )
    for position, column in enumerate(header):
        if column not in table.column_names or header.index(column) != position:
            raise DataError(
                name,
                "only the columns " + ", ".join(table.column_names) + ", each once",
                line=header_line,
                column=column,
                value=column,
            )
    rows, lines = [], []
    for line, fields in records:
        if fields == []:
            continue
        if len(fields) != len(header):
            raise DataError(name, f"{len(header)} fields as in the header", line=line, value=f"{len(fields)} fields")
        by_name = dict(zip(header, fields))
        rows.append({c.name: _cell(table, c, by_name[c.name], name, line) for c in table.columns})
        lines.append(line)
    return rows, lines


def _check_keys(tables, lines, data_dir: Path) -> None:
    """Keys and unique columns hold no value twice."""
    for table in TABLES:
        for columns in (table.key, *[(u,) for u in table.unique]):
            seen: dict[tuple, int] = {}
            for row, line in zip(tables[table.name], lines[table.name]):
                value = tuple(row[c] for c in columns)
                if value in seen:
                    raise DataError(
                        f"{data_dir.name}/{table.file}",
                        f"a value not used before (first used on line {seen[value]})",
                        line=line,
                        column="+".join(columns),
                        value="/".join(map(str, value)),
                    )
                seen[value] = line


def _check_references(tables, lines, data_dir: Path) -> None:
    """Every reference names a row that exists."""
    for table in TABLES:
        for column in table.columns:
            if not column.ref:
                continue
            target_table, target_column = column.ref.split(".")
            known = [row[target_column] for row in tables[target_table]]
            listed = f": {', '.join(map(str, known))}" if len(known) <= 12 else ""
            known_set = set(known)
            for row, line in zip(tables[table.name], lines[table.name]):
                if row[column.name] is not None and row[column.name] not in known_set:
                    raise DataError(
                        f"{data_dir.name}/{table.file}",
                        f"a {target_column} listed in {target_table}.csv{listed}",
                        line=line,
                        column=column.name,
                        value=str(row[column.name]),
                    )


def _check_sessions(rows, lines, name: str) -> None:
    """Dates come in pairs, end on or after the start, and agree with the sequence."""
    for row, line in zip(rows, lines):
        start, end = row["start_date"], row["end_date"]
        if (start is None) != (end is None):
            missing = "end_date" if end is None else "start_date"
            raise DataError(name, "both start_date and end_date, or neither", line=line, column=missing, value="")
        if start and end < start:
            raise DataError(
                name, f"an end_date on or after the start_date {start}", line=line, column="end_date", value=str(end)
            )
    dated = sorted((r["sequence"], r["start_date"], line) for r, line in zip(rows, lines) if r["start_date"])
    for (_, before, _), (sequence, start, line) in zip(dated, dated[1:]):
        if start < before:
            raise DataError(
                name,
                f"a sequence that follows the dates (a session in sequence before this one starts on {before})",
                line=line,
                column="sequence",
                value=str(sequence),
            )


def _check_items(rows, lines, name: str) -> None:
    """A requirement names its Plan paragraph; a curated heading says why."""
    for row, line in zip(rows, lines):
        is_requirement = row["kind"] == "requirement"
        if is_requirement != (row["plan_paragraph"] is not None):
            raise DataError(
                name,
                "a plan_paragraph for a requirement, and none for other kinds",
                line=line,
                column="plan_paragraph",
                value=str(row["plan_paragraph"] or ""),
            )
        if row["heading_basis"] == "curated" and not row["heading_rationale"]:
            raise DataError(
                name,
                "a one-line heading_rationale when heading_basis is curated",
                line=line,
                column="heading_rationale",
                value="",
            )


def _read_sources(tables, lines, data_dir: Path) -> dict[str, dict[str, str]]:
    """The paragraphs of every source document."""
    paragraphs = {}
    for row, line in zip(tables["sources"], lines["sources"]):
        path = (data_dir / row["path"]).resolve()
        if not path.is_relative_to(data_dir.resolve()) or not path.is_file():
            raise DataError(
                f"{data_dir.name}/sources.csv",
                "the path of a text file under the data folder",
                line=line,
                column="path",
                value=row["path"],
            )
        text = decode_utf8(path.read_bytes(), f"{data_dir.name}/{row['path']}")
        paragraphs[row["source_id"]] = split_paragraphs(text)
    return paragraphs


def _check_quotes(tables, lines, paragraphs, data_dir: Path) -> None:
    """Every quote_zh stands, exactly, in the source paragraph it cites."""
    for table in TABLES:
        if "quote_zh" not in table.column_names:
            continue
        for row, line in zip(tables[table.name], lines[table.name]):
            quote, paragraph = row["quote_zh"], row["source_paragraph"]
            if quote is None and paragraph is None:
                continue
            source = paragraphs.get(row["source_id"], {})
            name = f"{data_dir.name}/{table.file}"
            if paragraph not in source:
                raise DataError(
                    name,
                    "a paragraph of the source: " + ", ".join(source),
                    line=line,
                    column="source_paragraph",
                    value=str(paragraph),
                )
            if not quote or quote not in source[paragraph]:
                raise DataError(
                    name,
                    f"wording that stands exactly in paragraph {paragraph} of the source",
                    line=line,
                    column="quote_zh",
                    value=str(quote or ""),
                )


def load(data_dir: Path) -> Record:
    """Read and validate every file in data_dir; raise DataError on the first problem."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError(str(data_dir), "a data folder holding one CSV file per table", value="no such folder")
    version = data_version(data_dir)
    tables, lines = {}, {}
    for table in TABLES:
        tables[table.name], lines[table.name] = read_table(data_dir, table)
    _check_keys(tables, lines, data_dir)
    _check_references(tables, lines, data_dir)
    _check_sessions(tables["sessions"], lines["sessions"], f"{data_dir.name}/sessions.csv")
    _check_items(tables["items"], lines["items"], f"{data_dir.name}/items.csv")
    paragraphs = _read_sources(tables, lines, data_dir)
    _check_quotes(tables, lines, paragraphs, data_dir)
    return Record(tables, lines, paragraphs, version)
