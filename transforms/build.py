"""Build the DuckDB database from data/: validate, write a new file, swap it in atomically.

A failed build leaves the previous database byte-for-byte as it was. Readers that have the
old file open keep reading it; the next connection sees the new one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import duckdb
import pandas as pd

from . import __version__
from .load import Record, data_version, load
from .paths import sql
from .queries import Store, record_info
from .schema import TABLES

DDL = ("schema", "rollup")


def schema_version() -> str:
    """A short hash of the DDL and macros, so a database built by older code is rebuilt."""
    return hashlib.sha256("".join(sql(name) for name in DDL).encode()).hexdigest()[:16]


def _frame(record: Record, name: str, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame.from_records(record.tables[name], columns=columns)


def write_database(record: Record, path: Path) -> None:
    """Write the whole record into a new DuckDB file at path."""
    con = duckdb.connect(str(path))
    try:
        for name in DDL:
            con.execute(sql(name))
        for table in TABLES:
            frame = _frame(record, table.name, table.column_names)
            con.register("incoming", frame)
            columns = ", ".join(table.column_names)
            con.execute(f"INSERT INTO {table.name} ({columns}) SELECT {columns} FROM incoming")
            con.unregister("incoming")
        con.execute(
            "INSERT INTO build_info VALUES (?, ?, ?, ?)",
            [record.data_version, schema_version(), dt.datetime.now(dt.UTC), __version__],
        )
        con.execute("CHECKPOINT")
    finally:
        con.close()


def build(data_dir: Path, db_path: Path) -> Record:
    """Validate data_dir and atomically replace db_path with a fresh database."""
    record = load(data_dir)
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    temporary = db_path.with_name(f".{db_path.name}.{os.getpid()}.building")
    temporary.unlink(missing_ok=True)
    try:
        write_database(record, temporary)
        os.replace(temporary, db_path)
    finally:
        temporary.unlink(missing_ok=True)
        Path(f"{temporary}.wal").unlink(missing_ok=True)
    return record


def built_version(db_path: Path) -> tuple[str, str] | None:
    """(data version, schema version) the database was built from, or None if unreadable."""
    if not Path(db_path).is_file():
        return None
    try:
        with Store(db_path) as store:
            info = record_info(store)
        return info["data_version"], info["schema_version"]
    except (duckdb.Error, IndexError, KeyError):
        return None


def ensure_built(data_dir: Path, db_path: Path) -> bool:
    """Build unless the database is there and was built from the files now in data_dir."""
    if built_version(db_path) == (data_version(Path(data_dir)), schema_version()):
        return False
    build(data_dir, db_path)
    return True
