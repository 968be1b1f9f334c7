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

from .. import __version__
from ..record.errors import DataError
from ..record.files import replace_keeping_mode
from ..record.load import Stage, check_files, data_version, one_writer
from ..record.lock import SAVE_DIR, locked, recover
from ..record.schema import TABLES
from .queries import Store, record_info
from .sql_files import sql

DDL = ("schema",)  # run before the tables are filled
MARTS = ("marts", "rollup")  # run after: the marts, then the macros that read them
# Filled straight from their files, then checked where they stand: a million links and their
# items are not copied again from staging tables.
FILLED_FROM_FILES = ("items", "links")


def schema_version() -> str:
    """A short hash of the DDL and macros, so a database built by older code is rebuilt."""
    return hashlib.sha256("".join(sql(name) for name in DDL + MARTS).encode()).hexdigest()[:16]


def write_database(data_dir: Path, path: Path) -> dict[str, int]:
    """Stage and check data_dir inside a new DuckDB file at path, then fill its tables.

    Raises DataError on bad input; returns how many rows each table got."""
    check_files(data_dir)
    con = duckdb.connect(str(path))
    try:
        con.execute("SET enable_progress_bar = false")  # a build in a terminal prints its own words only
        for name in DDL:
            con.execute(sql(name))
        stage = Stage(con, data_dir, fill=FILLED_FROM_FILES)
        stage.run()
        version = stage.data_version()
        counts = {}
        for table in TABLES:
            if table.name in stage.filled:
                counts[table.name] = con.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0]
                continue
            columns, select = stage.typed_rows(table)
            try:
                with one_writer(con):
                    counts[table.name] = con.execute(f"INSERT INTO {table.name} ({columns}) {select}").fetchone()[0]
            except duckdb.ConstraintException as err:  # a rule the loader should have named: still no traceback
                raise DataError(
                    f"{data_dir.name}/{table.file}", "rows the database accepts", value=str(err).splitlines()[0]
                ) from None
        with one_writer(con):
            for name in MARTS:
                con.execute(sql(name))
        con.execute(
            "INSERT INTO build_info VALUES (?, ?, ?, ?)",
            [version, schema_version(), dt.datetime.now(dt.UTC), __version__],
        )
        con.execute("CHECKPOINT")
        return counts
    finally:
        con.close()


def build(data_dir: Path, db_path: Path) -> dict[str, int]:
    """Validate data_dir and atomically replace db_path with a fresh database.

    Returns the row count of each table; on bad input raises DataError and leaves db_path as it was."""
    data_dir, db_path = Path(data_dir), Path(db_path)
    if not data_dir.is_dir():
        raise DataError(str(data_dir), "a data folder holding one CSV file per table", value="no such folder")
    _finish_interrupted_save(data_dir)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    temporary = db_path.with_name(f".{db_path.name}.{os.getpid()}.building")
    _remove_abandoned(db_path)
    try:
        counts = write_database(data_dir, temporary)
        replace_keeping_mode(temporary, db_path)
    finally:
        temporary.unlink(missing_ok=True)
        Path(f"{temporary}.wal").unlink(missing_ok=True)
    return counts


def _finish_interrupted_save(data_dir: Path) -> None:
    """Put back the files of an edit that was killed mid-save, so the build reads a whole record."""
    if any(data_dir.glob(f"{SAVE_DIR}*")):
        with locked(data_dir):
            recover(data_dir)


def _remove_abandoned(db_path: Path) -> None:
    """Delete the temporary files of builds that were killed (their process is gone)."""
    for leftover in db_path.parent.glob(f".{db_path.name}.*.building*"):
        pid = leftover.name.removeprefix(f".{db_path.name}.").split(".")[0]
        if pid.isdigit() and (int(pid) == os.getpid() or not _alive(int(pid))):
            leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
