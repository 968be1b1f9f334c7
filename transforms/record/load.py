"""Read data/ and validate it: every file, row and cell, then keys and references, then every
quote against the paragraph it cites. The first problem found stops the load with one
DataError naming the file, line, column, the bad value and what was expected.

The files are staged in DuckDB as text (raw_<table>, one row per record, `record` numbering
them from 1) and checked there with SQL, so a record of a million links loads in seconds.
A file DuckDB's reader will not take is read with Python's csv module instead, which either
names the problem or stages the same rows. A problem found in SQL is reported with the
message `check_cell` gives, at the line the record starts on.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import re
import string
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from .csvio import decode_utf8, read_bytes, read_records, text_records
from .damage import (
    header_error,
    invisible_only,
    may_be_gbk_mojibake,
    sql_invisible_only,
    sql_no_chinese,
    sql_suspect,
    text_damage,
)
from .errors import DataError
from .migrate import RENAMED
from .schema import (
    DATE_PATTERN,
    ID_PATTERN,
    INT_PATTERN,
    TABLE_BY_NAME,
    TABLES,
    WHITESPACE,
    Column,
    Table,
    is_free_text,
    is_quote,
    language_of,
)
from .source_text import split_paragraphs
from .twins import check_twins

Row = dict[str, object]
LANGUAGE_NAMES = {"en": "English", "zh": "Chinese"}
_SPACE = re.compile(f"^[{WHITESPACE}]|[{WHITESPACE}]$")
_SQL_SPACE = "^[{0}]|[{0}]$".format("".join(f"\\x{{{ord(c):04x}}}" for c in WHITESPACE))


@dataclass
class Record:
    """The validated contents of data/ (rows per table, typed), for small records and tests."""

    tables: dict[str, list[Row]]
    paragraphs: dict[str, dict[str, str]]  # source_id -> paragraph label -> text
    data_version: str


def data_files(data_dir: Path) -> list[Path]:
    """Every file the record is built from: the table CSVs and the source texts."""
    folder = data_dir / "sources"
    sources = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    return [data_dir / t.file for t in TABLES] + sources


def data_version(data_dir: Path, digests: dict[Path, bytes] | None = None) -> str:
    """A short hash of every file the record is built from: each file's path and the SHA-256 of
    its bytes. digests: the SHA-256 of files already read (by resolved path), so a build reads
    each file once."""
    digest, digests = hashlib.sha256(), digests or {}
    for path in data_files(data_dir):
        relative = path.relative_to(data_dir).as_posix()
        digest.update(relative.encode())
        if path.resolve() in digests:
            digest.update(digests[path.resolve()])
        else:
            digest.update(
                hashlib.sha256(read_bytes(path, f"{data_dir.name}/{relative}")).digest()
                if path.exists()
                else b"<missing>"
            )
    return digest.hexdigest()[:16]


def check_files(data_dir: Path) -> None:
    """Refuse, before anything is read, a data file that cannot be read (a folder where a table's
    file should be, a file too large), in the order data_version meets them."""
    for path in data_files(data_dir):
        if path.exists():
            read_bytes(path, f"{data_dir.name}/{path.relative_to(data_dir).as_posix()}", size_only=True)


def check_cell(column: Column, raw: str, name: str, line: int | None) -> object:
    """One cell's value, typed; or the DataError saying what was expected."""

    def fail(key: str, **values) -> DataError:
        return DataError.said(key, name, line=line, column=column.name, value=raw, **values)

    form_key = f"describe_{column.name}" if column.describe else None  # the column's form in words (catalogs)
    if raw == "":
        if column.required:
            raise fail("cell_required", form_key=form_key or f"describe_type_{column.type}")
        return None
    if invisible_only(raw):
        key = "invisible_required" if column.required else "invisible_optional"
        raise DataError.said(key, name, line=line, column=column.name, value=raw)
    if _SPACE.search(raw):
        raise fail("cell_spaces")
    if column.choices and raw not in column.choices:
        raise fail("cell_choices", choices=", ".join(column.choices))
    if column.pattern and not re.fullmatch(column.pattern, raw):
        if form_key:
            raise fail("cell_form", form_key=form_key)
        if column.pattern == ID_PATTERN:
            raise fail("form_id")
        raise fail("cell_pattern", pattern=column.pattern)
    if column.type == "int":
        if not re.fullmatch(INT_PATTERN, raw):
            raise fail("cell_whole_number")
        return int(raw)
    if column.type == "date":
        try:
            if not re.fullmatch(DATE_PATTERN, raw):
                raise ValueError
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise fail("cell_date") from None
    return raw


def plain_pattern(pattern: str) -> bool:
    """True if every text the pattern matches is made of ASCII characters from `(` on (no space,
    no invisible character): it is written with lower-case letters, digits and ( ) * + , - . ? [ ] { | }
    only, escapes only of . * - + ?, no negated class, no `.` outside a class."""
    if set(pattern) - set(string.ascii_lowercase + string.digits + "()*+,-.?[\\]_{|}") or "[^" in pattern:
        return False
    if re.search(r"\\[^.*\-+?]", pattern):
        return False
    return "." not in re.sub(r"\[[^\]]*\]", "", pattern).replace("\\.", "")


def cell_violation_sql(column: Column) -> str:
    """SQL that is true where a raw value breaks a rule check_cell enforces (the same rules).
    Where a value must be one of the choices, or match a plain pattern (plain_pattern), or be a
    whole number or a date, a value with stray spaces or only invisible characters breaks that
    rule too, so those two rules are not asked again (at 1M links, a third of the cell checks)."""
    v = f'"{column.name}"'
    rules = []
    if column.choices:
        assert all(c and c == c.strip(WHITESPACE) and not invisible_only(c) for c in column.choices), column.choices
    elif not ((column.pattern and plain_pattern(column.pattern)) or column.type in ("int", "date")):
        rules.append(f"regexp_matches({v}, '{_SQL_SPACE}') OR {sql_invisible_only(v)}")
    if column.choices:
        rules.append(f"{v} NOT IN ({', '.join(repr(c) for c in column.choices)})")
    if column.pattern:
        rules.append(f"NOT regexp_full_match({v}, '{column.pattern}')")
    if column.type == "int":
        rules.append(f"NOT regexp_full_match({v}, '{INT_PATTERN}')")
    if column.type == "date":
        rules.append(f"(NOT regexp_full_match({v}, '{DATE_PATTERN}') OR try_strptime({v}, '%Y-%m-%d') IS NULL)")
    present = " OR ".join(f"coalesce({rule}, false)" for rule in rules)
    missing = f"{v} IS NULL OR " if column.required else ""
    return f"{missing}({v} IS NOT NULL AND ({present}))"


TYPED_SQL = {"int": "INTEGER", "date": "DATE"}  # the DuckDB type of a column that is not text


def typed_sql(column: Column) -> str:
    """The SQL select expression casting a staged text column to its type (int, date), named as the column."""
    v = f'"{column.name}"'
    return (f"CAST({v} AS {TYPED_SQL[column.type]})" if column.type in TYPED_SQL else v) + f" AS {v}"


class Stage:
    """The data folder staged in a DuckDB connection as raw_<table> tables, checked in SQL."""

    def __init__(self, con: duckdb.DuckDBPyConnection, data_dir: Path, fill: tuple[str, ...] = ()):
        """fill: tables of the database (created, empty) to fill straight from their files, each
        then staged as a view of it, every cell as written; if the database refuses a row, or a
        number or date would not read back exactly as written, the file is staged on its own and
        checked as any other, so the problem is named."""
        self.con, self.data_dir, self.fill = con, Path(data_dir), fill
        self.digests: dict[Path, bytes] = {}  # the SHA-256 of each file read, for data_version
        self.filled: set[str] = set()  # tables of `fill` filled from their files

    def bytes_of(self, path: Path, name: str) -> bytes:
        """A data file's bytes (csvio.read_bytes), noting their SHA-256: each file is read once."""
        raw = read_bytes(path, name)
        self.digests[path.resolve()] = hashlib.sha256(raw).digest()
        return raw

    def data_version(self) -> str:
        """data_version of the folder, from the files as this stage read them."""
        return data_version(self.data_dir, self.digests)

    def name(self, table: Table) -> str:
        return f"{self.data_dir.name}/{table.file}"

    # -- reading ---------------------------------------------------------------------------

    def read(self, table: Table) -> None:
        """Stage one CSV file as raw_<table>: text columns, empty cells NULL, `record` from 1."""
        path, name = self.data_dir / table.file, self.name(table)
        if table.optional and not path.exists():  # no file: no rows
            cells = ", ".join(f'NULL::VARCHAR AS "{c}"' for c in table.column_names)
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE raw_{table.name} AS SELECT 1 AS record, {cells} LIMIT 0")
            return
        raw = self.bytes_of(path, name)
        text = decode_utf8(raw, name)
        header_line, header = _first_record(text, name)
        _check_header(table, header, header_line, name)
        if b"\x00" in raw or not (self._read_into_table(table, path, header) or self._read_fast(table, path, header)):
            records = text_records(text, name)
            next(records)  # the header
            self._read_slow(table, records, header)

    def _read_into_table(self, table: Table, path: Path, header: list[str]) -> bool:
        """Fill a table of `fill` from its file and stage it as the view raw_<table> (`record` is
        its rowid + 1: the rows keep the file's order). False if it is not one, or the database
        refuses a row (nothing is then filled)."""
        if table.name not in self.fill:
            return False
        names = ", ".join(f'"{c}"' for c in table.column_names)
        typed = ", ".join(_typed_as_written(c) for c in table.columns)
        try:
            with one_writer(self.con):
                self.con.execute(
                    f"INSERT INTO {table.name} ({names}) SELECT {typed} FROM ({_csv_select(table, header)})",
                    [str(path)],
                )
        except duckdb.Error:
            return False
        cells = ", ".join(
            f'CAST("{c.name}" AS VARCHAR) AS "{c.name}"' if c.type in TYPED_SQL else f'"{c.name}"'
            for c in table.columns
        )
        self.con.execute(
            f"CREATE OR REPLACE TEMP VIEW raw_{table.name} AS SELECT rowid + 1 AS record, {cells} FROM {table.name}"
        )
        self.filled.add(table.name)
        return True

    def _read_fast(self, table: Table, path: Path, header: list[str]) -> bool:
        try:
            self.con.execute(
                f"CREATE OR REPLACE TEMP TABLE raw_{table.name} AS "
                f"SELECT row_number() OVER () AS record, * FROM ({_csv_select(table, header)})",
                [str(path)],
            )
            return True
        except duckdb.Error:
            return False

    def _read_slow(self, table: Table, records, header: list[str]) -> None:
        """Python's csv reader: names the malformed record, or stages what DuckDB would not read."""
        rows = []
        for line, fields in records:
            if fields == []:
                continue
            if len(fields) != len(header):
                raise DataError(
                    self.name(table), f"{len(header)} fields as in the header", line=line, value=f"{len(fields)} fields"
                )
            rows.append(fields)
        frame = pd.DataFrame(rows, columns=header, dtype=object).replace("", None)
        frame.insert(0, "record", range(1, len(frame) + 1))
        self.con.register("incoming", frame[["record", *table.column_names]])
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE raw_{table.name} AS SELECT * FROM incoming")
        self.con.unregister("incoming")

    # -- reporting -------------------------------------------------------------------------

    def line(self, table: Table, record: int) -> int:
        """The line a record starts on (only ever needed to report a problem)."""
        records = (line for line, fields in read_records(self.data_dir / table.file, self.name(table)) if fields)
        for number, line in enumerate(records):  # number 0 is the header, so data records count from 1
            if number == record:
                return line
        return record + 1

    def first(self, table: Table, where: str, columns: str = "*") -> tuple | None:
        """The first record (by order in the file) where `where` holds, or None."""
        sql = f"SELECT record, {columns} FROM raw_{table.name} WHERE {where} ORDER BY record LIMIT 1"
        return self.con.execute(sql).fetchone()

    def fail(self, table: Table, record: int, column: str | None, value, expected: str) -> DataError:
        return DataError(
            self.name(table),
            expected,
            line=self.line(table, record),
            column=column,
            value=None if value is None else str(value),
        )

    def refuse(self, table: Table, record: int, column: str, value, key: str, **values) -> DataError:
        """Like fail, with the expectation a catalog message (so in every language)."""
        value = None if value is None else str(value)
        return DataError.said(
            key, self.name(table), line=self.line(table, record), column=column, value=value, **values
        )

    # -- checks ----------------------------------------------------------------------------

    def check_cells(self, table: Table) -> None:
        """Every cell on its own: present if required, no stray spaces, right form and type."""
        where = " OR ".join(f"({cell_violation_sql(c)})" for c in table.columns)
        row = self.first(table, where, ", ".join(f'"{c}"' for c in table.column_names))
        if row is None:
            return
        line = self.line(table, row[0])
        for column, value in zip(table.columns, row[1:]):
            check_cell(column, "" if value is None else value, self.name(table), line)
        raise DataError(self.name(table), "a valid row", line=line)  # SQL and check_cell disagree: a bug

    def check_text(self, table: Table) -> None:
        """Text a spreadsheet or an editor damaged (damage.text_damage): Chinese turned into `?`
        or mojibake, characters replaced by U+FFFD, a Chinese column without Chinese."""
        columns = [c for c in table.columns if is_free_text(c)]
        if not columns:
            return
        chinese = {c.name for c in columns if language_of(c) == "zh" and not is_quote(c)}
        quotes = {c.name for c in columns if is_quote(c)}
        language = (
            "(SELECT s.language FROM raw_sources s WHERE s.source_id = r.source_id LIMIT 1)"
            if "source_id" in table.column_names and table.name != "sources"
            else "NULL"
        )
        first = None  # (record, column position, column, value, key, values) of the first damage in the file
        for position, column in enumerate(columns):
            v = f'r."{column.name}"'
            chosen, gbk = sql_suspect(v, quote=column.name in quotes), []
            if column.name in chinese:  # every text_damage rule for Chinese in SQL, but GBK mojibake
                chosen = f"{sql_suspect(v, quote=True)} OR {sql_no_chinese(v)}"
                gbk = self._gbk_suspects(table, column.name)
            before = f" AND record < {first[0]}" if first else ""
            cursor = self.con.execute(
                f"SELECT record, {language if column.name in quotes else 'NULL'}, {v} FROM raw_{table.name} r "
                f"WHERE (coalesce({chosen}, false) OR record IN (SELECT unnest(?::BIGINT[]))){before} ORDER BY record",
                [gbk],
            )
            while first is None or first[1] != position:
                batch = cursor.fetchmany(10_000)
                if not batch:
                    break
                for record, source_language, value in batch:
                    quote = column.name in quotes and source_language == "zh"
                    found = text_damage(value, column.name in chinese, quote)
                    if found:
                        first = (record, position, column, value, *found)
                        break
        if first:
            record, _, column, value, key, extra = first
            line = self.line(table, record)
            raise DataError.said(key, self.name(table), line=line, column=column.name, value=value, **extra)

    def _gbk_suspects(self, table: Table, column: str) -> list[int]:
        """The records of a column whose text could be GBK mojibake (damage.may_be_gbk_mojibake)."""
        present = f'FROM raw_{table.name} WHERE "{column}" IS NOT NULL'
        joined, count = self.con.execute(
            f"SELECT coalesce(string_agg(\"{column}\", chr(0) ORDER BY record), ''), count(*) {present}"
        ).fetchone()
        positions = may_be_gbk_mojibake(joined, count)
        if not positions:
            return []
        records = self.con.execute(f"SELECT list(record ORDER BY record) {present}").fetchone()[0]
        return [records[i] for i in positions]

    def check_keys(self, table: Table) -> None:
        """Keys and unique columns hold no value twice (compared as typed values)."""
        by_name = {c.name: c for c in table.columns}
        for columns in (table.key, *[(u,) for u in table.unique]):
            typed = ", ".join(typed_sql(by_name[c]) for c in columns)
            keys = ", ".join(f'"{c}"' for c in columns)
            row = self.con.execute(
                f"WITH t AS (SELECT record, {typed} FROM raw_{table.name}), "
                f"firsts AS (SELECT {keys}, min(record) AS first FROM t GROUP BY ALL HAVING count(*) > 1) "
                f"SELECT t.record, f.first, t.* EXCLUDE (record) FROM t JOIN firsts f USING ({keys}) "
                "WHERE t.record > f.first ORDER BY t.record LIMIT 1"
            ).fetchone()
            if row:
                value = "/".join(map(str, row[2:]))
                expected = f"a value not used before (first used on line {self.line(table, row[1])})"
                raise self.fail(table, row[0], "+".join(columns), value, expected)

    def check_references(self) -> None:
        """Every reference names a row that exists."""
        for table in TABLES:
            for column in (c for c in table.columns if c.ref):
                target, key = column.ref.split(".")
                row = self.first(
                    table,
                    f'"{column.name}" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM raw_{target} x '
                    f'WHERE x."{key}" = raw_{table.name}."{column.name}")',
                    f'"{column.name}"',
                )
                if row:
                    known = [
                        r[0]
                        for r in self.con.execute(
                            f'SELECT "{key}" FROM raw_{target} ORDER BY record LIMIT 13'
                        ).fetchall()
                    ]
                    listed = f": {', '.join(map(str, known))}" if len(known) <= 12 else ""
                    raise self.fail(table, row[0], column.name, row[1], f"a {key} listed in {target}.csv{listed}")

    def check_sessions(self) -> None:
        """Dates come in pairs, end on or after the start, and agree with the sequence."""
        table = TABLE_BY_NAME["sessions"]
        row = self.first(table, "(start_date IS NULL) <> (end_date IS NULL)", "start_date IS NULL")
        if row:
            raise self.refuse(table, row[0], "start_date" if row[1] else "end_date", "", "cell_dates_paired")
        row = self.first(table, "CAST(end_date AS DATE) < CAST(start_date AS DATE)", "end_date, start_date")
        if row:
            raise self.refuse(table, row[0], "end_date", row[1], "cell_end_before_start", start=str(row[2]))
        row = self.con.execute(
            "WITH dated AS (SELECT record, CAST(sequence AS INTEGER) AS sequence, CAST(start_date AS DATE) AS start, "
            "max(CAST(start_date AS DATE)) OVER (ORDER BY CAST(sequence AS INTEGER) ROWS BETWEEN UNBOUNDED PRECEDING "
            "AND 1 PRECEDING) AS before FROM raw_sessions WHERE start_date IS NOT NULL) "
            "SELECT record, sequence, before FROM dated WHERE start < before ORDER BY sequence LIMIT 1"
        ).fetchone()
        if row:
            raise self.fail(
                table,
                row[0],
                "sequence",
                row[1],
                f"a sequence that follows the dates (a session in sequence before this one starts on {row[2]})",
            )

    def check_headings(self) -> None:
        """A heading the source places (basis=source) says where."""
        table = TABLE_BY_NAME["headings"]
        for column in ("source_id", "source_paragraph", "quote"):
            row = self.first(table, f"basis = 'source' AND {column} IS NULL")
            if row:
                raise self.fail(table, row[0], column, "", f"a {column} when basis is source")

    def check_items(self) -> None:
        """A requirement names its Plan paragraph; a curated heading says why."""
        table = TABLE_BY_NAME["items"]
        row = self.first(table, "(kind = 'requirement') <> (plan_paragraph IS NOT NULL)", "plan_paragraph")
        if row:
            raise self.fail(
                table,
                row[0],
                "plan_paragraph",
                row[1] or "",
                "a plan_paragraph for a requirement, and none for other kinds",
            )
        row = self.first(table, "heading_basis = 'curated' AND heading_rationale IS NULL")
        if row:
            raise self.refuse(table, row[0], "heading_rationale", "", "cell_rationale_needed")

    def check_addresses(self) -> None:
        """An item addressing a Plan requirement: the requirement is of kind requirement, the item
        is not; a relation the source states (basis=source) says where."""
        table = TABLE_BY_NAME["addresses"]
        kind = "(SELECT i.kind FROM raw_items i WHERE i.item_id = raw_addresses.{0})"
        row = self.first(table, f"{kind.format('requirement_id')} <> 'requirement'", "requirement_id")
        if row:
            raise self.fail(table, row[0], "requirement_id", row[1], "an item of kind requirement (a Plan paragraph)")
        row = self.first(table, f"{kind.format('item_id')} = 'requirement'", "item_id")
        if row:
            raise self.fail(
                table, row[0], "item_id", row[1], "a recommendation or topic (a requirement does not address another)"
            )
        for column in ("source_id", "source_paragraph", "quote"):
            row = self.first(table, f"basis = 'source' AND {column} IS NULL")
            if row:
                raise self.fail(table, row[0], column, "", f"a {column} when basis is source")

    def read_sources(self) -> dict[str, dict[str, str]]:
        """The paragraphs of every source document, staged as `paragraphs` too."""
        table, paragraphs = TABLE_BY_NAME["sources"], {}
        for record, source_id, relative in self.con.execute(
            "SELECT record, source_id, path FROM raw_sources ORDER BY record"
        ).fetchall():
            try:  # a name the file system refuses (too long, say) is no file of the data folder either
                path = (self.data_dir / relative).resolve()
                usable = path.is_relative_to(self.data_dir.resolve()) and path.is_file()
            except OSError:
                usable = False
            if not usable:
                raise self.fail(table, record, "path", relative, "the path of a text file under the data folder")
            name = f"{self.data_dir.name}/{relative}"
            text = decode_utf8(self.bytes_of(path, name), name)
            with _collector_paused():  # hundreds of thousands of small lists, none in a cycle
                paragraphs[source_id] = split_paragraphs(text)
        columns = {"source_id": [], "label": [], "text": []}
        for source_id, by_label in paragraphs.items():
            columns["source_id"] += [source_id] * len(by_label)
            columns["label"] += by_label.keys()
            columns["text"] += by_label.values()
        frame = pd.DataFrame(columns, dtype=object)
        self.con.register("incoming", frame)
        self.con.execute("CREATE OR REPLACE TEMP TABLE paragraphs AS SELECT * FROM incoming")
        self.con.unregister("incoming")
        return paragraphs

    def check_quotes(self, paragraphs: dict[str, dict[str, str]]) -> None:
        """Every quote stands, exactly, in the source paragraph it cites: in that source's language
        (sources.language), as its text is written; a record may cite an original and its translation."""
        for table in (t for t in TABLES if "quote" in t.column_names):
            row = self.con.execute(
                f"SELECT r.record, r.source_id, r.source_paragraph, r.quote, p.text IS NULL, s.language "
                f"FROM raw_{table.name} r LEFT JOIN raw_sources s ON s.source_id = r.source_id "
                "LEFT JOIN paragraphs p ON p.source_id = r.source_id AND p.label = r.source_paragraph "
                "WHERE NOT (r.quote IS NULL AND r.source_paragraph IS NULL) "
                "AND (p.text IS NULL OR r.quote IS NULL OR NOT contains(p.text, r.quote)) "
                "ORDER BY r.record LIMIT 1"
            ).fetchone()
            if not row:
                continue
            record, source_id, paragraph, quote, unknown, language = row
            if unknown:
                labels = ", ".join(paragraphs.get(source_id, {}))
                raise self.fail(table, record, "source_paragraph", paragraph, f"a paragraph of the source: {labels}")
            raise self.refuse(
                table,
                record,
                "quote",
                quote or "",
                "cell_quote_not_there",
                paragraph=paragraph,
                source=source_id,
                language=str(language),
                language_key=f"language_{language}" if language in LANGUAGE_NAMES else "",
            )

    def run(self) -> dict[str, dict[str, str]]:
        """Stage and check everything, in the order a person would fix it; return the paragraphs."""
        for table in TABLES:
            self.read(table)
            self.check_cells(table)
            self.check_text(table)
        for table in TABLES:
            self.check_keys(table)
        self.check_references()
        self.check_sessions()
        self.check_headings()
        self.check_items()
        self.check_addresses()
        check_twins(self)
        paragraphs = self.read_sources()
        self.check_quotes(paragraphs)
        return paragraphs

    def typed_rows(self, table: Table) -> tuple[str, str]:
        """(column list, SELECT of the typed staged rows in file order) for one table. (A SELECT from
        one table with no join keeps the order of its rows in DuckDB, so no ORDER BY is needed.)"""
        columns = ", ".join(f'"{c}"' for c in table.column_names)
        typed = ", ".join(typed_sql(c) for c in table.columns)
        return columns, f"SELECT {typed} FROM raw_{table.name}"


@contextmanager
def one_writer(con: duckdb.DuckDBPyConnection):
    """DuckDB on one thread while it fills a table of the database file: filled by one thread a
    table is written in whole row groups, by two in pieces that CHECKPOINT then merges (at 1M
    links that merge cost more than the second thread saved, and made the file a quarter larger)."""
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    con.execute("SET threads = 1")
    try:
        yield
    finally:
        con.execute(f"SET threads = {int(threads)}")


def _typed_as_written(column: Column) -> str:
    """SQL casting a staged text column to its type, failing the statement (error) if a value would
    not read back as written (`007`, ` 7`): what a table holds then is exactly what the file says."""
    v, sql_type = f'"{column.name}"', TYPED_SQL.get(column.type)
    if sql_type is None:
        return v
    return (
        f"CASE WHEN {v} IS NULL THEN NULL WHEN CAST(TRY_CAST({v} AS {sql_type}) AS VARCHAR) = {v} "
        f"THEN TRY_CAST({v} AS {sql_type}) ELSE error('not as written') END"
    )


def _csv_select(table: Table, header: list[str]) -> str:
    """A SELECT of a table's columns (text, empty cells NULL) from the CSV file given as parameter,
    read by DuckDB as RFC 4180 strictly, in the file's order."""
    columns = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in header) + "}"
    cells = ", ".join(f'nullif("{c}", \'\') AS "{c}"' for c in table.column_names)
    return (
        f"SELECT {cells} FROM read_csv(?, header = true, delim = ',', quote = '\"', escape = '\"', "
        f"columns = {columns}, auto_detect = false, strict_mode = true, null_padding = false, encoding = 'utf-8')"
    )


@contextmanager
def _collector_paused():
    """Python's cyclic garbage collector off for a while: a loop that builds many objects (the
    paragraphs of a source of 330,000 paragraphs) otherwise spends a third of its time in it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _first_record(text: str, name: str) -> tuple[int, list[str] | None]:
    """(line, fields) of the first record of CSV text, (1, None) if it has none, as
    csvio.text_records reads it; from the first lines only when the record ends there."""
    cut = text.rfind("\n", 0, 2**16) + 1  # a whole number of lines: the records in them read the same
    if 0 < cut < len(text):
        try:
            return next(text_records(text[:cut], name), (1, None))
        except DataError:  # a record running past the cut: read the whole text
            pass
    return next(text_records(text, name), (1, None))


def _check_header(table: Table, header: list[str] | None, line: int, name: str) -> None:
    if header is None:
        raise DataError(name, "a header row: " + ",".join(table.column_names), line=1, value="an empty file")
    saved_wrongly = header_error(header, table.column_names, name, line)
    if saved_wrongly:
        raise saved_wrongly
    for column in table.column_names:
        if column not in header:
            renamed = [old for old, new in RENAMED.items() if new == column and old in header]
            hint = f" (the column {renamed[0]!r} is now called {column!r}: rename it in the header)" if renamed else ""
            raise DataError(
                name, f"a column named {column!r} in the header{hint}", line=line, column=column, value=",".join(header)
            )
    for position, column in enumerate(header):
        if column not in table.column_names or header.index(column) != position:
            raise DataError(
                name,
                "only the columns " + ", ".join(table.column_names) + ", each once",
                line=line,
                column=column,
                value=column,
            )


def load(data_dir: Path) -> Record:
    """Read and validate every file in data_dir; raise DataError on the first problem."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError(str(data_dir), "a data folder holding one CSV file per table", value="no such folder")
    check_files(data_dir)
    with duckdb.connect() as con:
        stage = Stage(con, data_dir)
        paragraphs = stage.run()
        version = stage.data_version()
        tables = {}
        for table in TABLES:
            rows = con.execute(stage.typed_rows(table)[1]).fetchall()
            tables[table.name] = [dict(zip(table.column_names, row)) for row in rows]
    return Record(tables, paragraphs, version)
