"""Hostile input: whatever lands in data/, `gaptrack build` either succeeds or refuses with one
clean DataError (CLI: exit status 2, one message, no traceback), and a refusal, an oversized
file or a build killed half-way never touches the previous database. Exports never hold a cell a
spreadsheet would run as a formula (OWASP CSV injection).

Everything goes through the public behaviour only: transforms.database.build.build, transforms.cli.main
and `python -m transforms.cli`, transforms.record.errors.DataError, the Store and the export CSV."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import pytest
from fixtures import BASE, SOURCE_TEXT, every_free_text, make_record
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.cli import main
from transforms.database.build import build
from transforms.database.export import EXPORTS
from transforms.database.queries import Filters, Store, coverage_by_heading, record_info
from transforms.record.csvio import people_csv_bytes
from transforms.record.errors import DataError
from transforms.record.schema import TABLE_BY_NAME, TABLES

REPO = Path(__file__).resolve().parents[1]
FILES = [t.file for t in TABLES] + ["sources/src.txt"]
# Each example is a real build (0.1-0.5 s even for the 5-item fixture), so the counts are modest;
# GAPTRACK_FUZZ=10 runs ten times as many examples of every property.
FUZZ = float(os.environ.get("GAPTRACK_FUZZ", "1"))


def examples(n: int) -> int:
    return max(1, round(n * FUZZ))


PROPERTY = settings(
    max_examples=examples(40),
    deadline=None,
    database=None,  # nothing written into the repository; a failure prints its example
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)

# -- the one check every hostile folder goes through --------------------------------------------


class Good:
    """A valid data folder and the bytes of the database built from it. (A plain class: Hypothesis
    prints a failing example's arguments, and a dataclass would print every byte of the database.)"""

    def __init__(self, folder: Path, db: bytes):
        self.folder, self.db = folder, db

    def __repr__(self) -> str:
        return f"Good({self.folder}, {len(self.db)} bytes)"


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Good:
    root = tmp_path_factory.mktemp("good")
    folder = make_record(root / "data")
    build(folder, root / "good.duckdb")
    return Good(folder, (root / "good.duckdb").read_bytes())


def build_or_refuse(good, spoil) -> DataError | None:
    """Copy the good folder and its database, spoil the copy, build. The build must succeed (and
    the new database answer) or raise DataError naming a file under data/, with the database
    byte-for-byte as it was and no temporary file left next to it. Anything else fails the test."""
    folder, before = good.folder, good.db
    with tempfile.TemporaryDirectory() as tmp:
        data = shutil.copytree(folder, Path(tmp) / "data")
        db = Path(tmp) / "var" / "gaptrack.duckdb"
        db.parent.mkdir()
        db.write_bytes(before)
        spoil(data)
        try:
            build(data, db)
        except DataError as err:
            assert err.file.startswith("data/"), str(err)
            assert "\n" not in str(err), "one message on one line"
            assert db.read_bytes() == before, f"the database changed after: {err}"
            assert os.listdir(db.parent) == ["gaptrack.duckdb"], "a refused build left files behind"
            return err
        with Store(db) as store:
            coverage_by_heading(store, Filters())
        return None


def cli_build(good, spoil) -> tuple[int, str]:
    """The same through `gaptrack build`: exit 0, or exit 2 with one message and nothing changed."""
    folder, before = good.folder, good.db
    with tempfile.TemporaryDirectory() as tmp:
        data = shutil.copytree(folder, Path(tmp) / "data")
        db = Path(tmp) / "gaptrack.duckdb"
        db.write_bytes(before)
        spoil(data)
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = main(["build", "--data", str(data), "--db", str(db)])
        message = err.getvalue()
        assert status in (0, 2), message
        assert "Traceback" not in message
        if status == 2:
            assert message.startswith("gaptrack: data/"), message
            assert message.endswith("\nNothing was changed.\n") and message.count("\n") == 2, message
            assert db.read_bytes() == before
        return status, message


# -- strategies: hostile bytes, cells, rows and headers -----------------------------------------

# fmt: off
NASTY = [
    # empty, padded, control characters, quotes and separators, NUL, BOMs, odd line breaks
    b"", b" ", b" x", b"x ", b"\t", b"\r", b"\n", b"\r\n", b'"', b'""', b",", b"\x1b[2J",
    b"\x00", b"a\x00b", b"\xef\xbb\xbf", b"\xef\xbb\xbfx", "\u202e".encode(), "\u2028".encode(),
    "\u3000".encode(), "\u00a0x".encode(), "💥".encode(),
    # text that is not UTF-8: surrogates encoded as characters (CESU-8), an overlong NUL,
    # UTF-16 byte-order marks, GB18030, UTF-16
    b"\xed\xa0\x80", b"\xed\xa0\xbd\xed\xb8\x80", b"\xc0\x80", b"\xff\xfe", b"\xfe\xff",
    "建议甲".encode("gb18030"), "x".encode("utf-16"),
    # numbers, dates and keys just outside what is allowed
    b"0", b"-1", b"-0", b"1e3", b"0x10", b"2147483648", b"-2147483649", b"999999999", b"1234567890",
    b"1900-01-01", b"2020-02-30", b"9999-12-31", b"0000-00-00", "٣".encode(), "５".encode(),
    "fn１".encode(), b"source", b"curated", b"header", b"fn*",
    # what other readers take for a missing value, and SQL
    b"NULL", b"NA", b"NaN", b"None", b"\\N", b"'", b"%s", b"$1", b"?", b"' OR 1=1 --",
    b'"; DROP TABLE items; --',
]
# fmt: on
KNOWN = sorted({str(v) for rows in BASE.values() for row in rows for v in row.values()})
PIECE = st.one_of(
    st.sampled_from(NASTY),
    st.sampled_from(KNOWN).map(str.encode),
    st.text(max_size=20).map(str.encode),
    st.binary(max_size=12),
    st.integers(-(2**40), 2**40).map(lambda n: str(n).encode()),
    st.dates().map(lambda d: d.isoformat().encode()),
)
HUGE = st.sampled_from([100_000, 131_073, 300_000]).map(lambda n: b"x" * n)  # csv's field limit is 131072
CELL = st.one_of(PIECE, st.lists(PIECE, min_size=2, max_size=4).map(b"".join), HUGE)


def csv_field(value: bytes, quote: bool) -> bytes:
    if quote or any(c in value for c in (b",", b'"', b"\r", b"\n")):
        return b'"' + value.replace(b'"', b'""') + b'"'
    return value


def csv_bytes(rows: list[list[bytes]], quote_all: bool = False, newline: bytes = b"\n") -> bytes:
    return b"".join(b",".join(csv_field(c, quote_all) for c in row) + newline for row in rows)


def base_rows(table) -> list[list[bytes]]:
    """The header and the BASE rows of a table, as bytes."""
    return [[c.encode() for c in table.column_names]] + [
        [str(row[c]).encode() for c in table.column_names] for row in BASE[table.name]
    ]


def writes(file: str, payload: bytes):
    return lambda data: (data / file).write_bytes(payload)


@st.composite
def one_hostile_cell(draw):
    """A table whose rows are valid but for one cell."""
    table = draw(st.sampled_from(TABLES))
    rows = base_rows(table)
    row = draw(st.integers(1, len(rows) - 1))
    rows[row][draw(st.integers(0, len(table.columns) - 1))] = draw(CELL)
    return table.file, csv_bytes(rows, draw(st.booleans()), draw(st.sampled_from([b"\n", b"\r\n"])))


@st.composite
def one_hostile_row(draw):
    """A table with one extra record of any number of hostile cells, anywhere after the header."""
    table = draw(st.sampled_from(TABLES))
    rows = base_rows(table)
    extra = draw(st.lists(CELL, max_size=len(table.columns) + 2))
    rows.insert(draw(st.integers(1, len(rows))), extra)
    return table.file, csv_bytes(rows, draw(st.booleans()))


@st.composite
def spliced(draw):
    """A valid file with a run of its bytes replaced by arbitrary bytes."""
    file = draw(st.sampled_from(FILES))
    original = SOURCE_TEXT.encode() if file.startswith("sources/") else csv_bytes(base_rows(TABLE_BY_NAME[file[:-4]]))
    start = draw(st.integers(0, len(original)))
    end = draw(st.integers(start, min(len(original), start + 40)))
    return file, original[:start] + draw(st.one_of(st.binary(max_size=40), CELL)) + original[end:]


@st.composite
def rearranged_header(draw):
    """A table with its columns shuffled, and maybe some dropped, repeated or unknown."""
    table = draw(st.sampled_from(TABLES))
    names = draw(st.permutations(table.column_names))
    dropped = draw(st.lists(st.sampled_from(names), unique=True, max_size=2))
    repeated = draw(st.lists(st.sampled_from(names), max_size=2))
    unknown = draw(st.lists(st.text(max_size=12).filter(lambda s: s.lstrip("\ufeff") not in names), max_size=2))
    header = draw(st.permutations([n for n in names if n not in dropped] + repeated + unknown))
    rows = [header] + [[str(row.get(n, "")) for n in header] for row in BASE[table.name]]
    spoilt = sorted(header) != sorted(table.column_names)  # a dropped column may come back as "repeated"
    return table, csv_bytes([[c.encode() for c in r] for r in rows]), spoilt


# -- 1. property-based: any bytes, cell, row or header -------------------------------------------


@PROPERTY
@given(file=st.sampled_from(FILES), payload=st.binary(max_size=3000))
def test_any_bytes_as_any_file_build_or_are_refused_cleanly(good, file, payload):
    build_or_refuse(good, writes(file, payload))


@PROPERTY
@given(case=spliced())
def test_any_bytes_spliced_into_any_file_build_or_are_refused_cleanly(good, case):
    build_or_refuse(good, writes(*case))


@settings(PROPERTY, max_examples=examples(80))
@given(case=one_hostile_cell())
def test_one_hostile_cell_in_any_table_builds_or_is_refused_cleanly(good, case):
    build_or_refuse(good, writes(*case))


@PROPERTY
@given(case=one_hostile_row())
def test_one_hostile_record_in_any_table_builds_or_is_refused_cleanly(good, case):
    build_or_refuse(good, writes(*case))


SOURCE_LINE = st.one_of(st.text(max_size=30), st.sampled_from(["4. x", "¹ x", "* x", "一. x\t3", "1. again", ""]))


@settings(PROPERTY, max_examples=examples(25))
@given(lines=st.lists(SOURCE_LINE, max_size=4), at=st.integers(0, 14))
def test_hostile_lines_in_the_source_text_build_or_are_refused_cleanly(good, lines, at):
    text = SOURCE_TEXT.splitlines()
    text[at:at] = lines
    build_or_refuse(good, writes("sources/src.txt", "\n".join(text).encode()))


@settings(PROPERTY, max_examples=examples(30))
@given(case=rearranged_header())
def test_columns_in_any_order_build_and_missing_repeated_or_unknown_ones_are_refused(good, case):
    table, payload, spoilt = case
    err = build_or_refuse(good, writes(table.file, payload))
    if spoilt:
        assert err is not None and err.file == f"data/{table.file}", "a header without every column once"
    else:
        assert err is None, f"shuffled columns only, yet refused: {err}"


@settings(PROPERTY, max_examples=examples(25))
@given(case=st.one_of(one_hostile_cell(), spliced()))
def test_cli_build_on_hostile_input_exits_0_or_2_with_one_message(good, case):
    cli_build(good, writes(*case))


def rows(table: str, index: int, **changes) -> list[dict]:
    out = [dict(r) for r in BASE[table]]
    out[index].update(changes)
    return out


# Values each Python check lets through but a constraint in sql/schema.sql refuses: the loader has
# to name them, not let DuckDB's ConstraintException escape as a traceback.
DATABASE_ONLY_RULES = {
    "requirement with plan paragraph 0": dict(items=rows("items", 4, plan_paragraph="0")),
    "requirement with a negative plan paragraph": dict(items=rows("items", 4, plan_paragraph="-3")),
    "heading based on the source without provenance": dict(headings=rows("headings", 0, basis="source")),
    "cited in a paragraph written in Arabic-Indic digits": dict(documents=rows("documents", 0, cited_in_paragraph="٣")),
}


@pytest.mark.parametrize("case", list(DATABASE_ONLY_RULES))
def test_values_only_the_database_would_refuse_are_refused_with_one_message(case, good, tmp_path):
    folder = make_record(tmp_path / "data", **DATABASE_ONLY_RULES[case])
    status, message = cli_build(good, lambda data: shutil.copytree(folder, data, dirs_exist_ok=True))
    assert status == 2, f"built a record the schema forbids: {message}"


def test_an_old_date_is_a_date(good, tmp_path):
    """The record sets no earliest date (the database used to refuse dates before 1945 while the
    loader let them through)."""
    folder = make_record(
        tmp_path / "data", sessions=rows("sessions", 0, start_date="1900-01-01", end_date="1900-01-02")
    )
    status, message = cli_build(good, lambda data: shutil.copytree(folder, data, dirs_exist_ok=True))
    assert status == 0, message


def test_cli_in_a_real_process_prints_no_traceback(good, tmp_path):
    folder = make_record(tmp_path / "data", items=rows("items", 4, plan_paragraph="0"))
    db = tmp_path / "gaptrack.duckdb"
    db.write_bytes(good.db)
    done = subprocess.run(
        [sys.executable, "-m", "transforms.cli", "build", "--data", str(folder), "--db", str(db)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert (done.returncode, done.stderr.count("\n")) == (2, 2), done.stderr
    assert db.read_bytes() == good.db


def test_a_field_longer_than_128_kib_is_named_with_its_file_and_column(good):
    table = TABLE_BY_NAME["headings"]
    cells = base_rows(table)
    cells[1][table.column_names.index("heading")] = b"x" * 131_073  # one over the csv module's field limit
    err = build_or_refuse(good, writes("headings.csv", csv_bytes(cells)))
    assert err is not None and (err.file, err.line, err.column) == ("data/headings.csv", 2, "heading"), str(err)[:300]


def test_a_table_file_that_is_a_folder_is_refused_with_one_message(good):
    def folder_instead(data):
        (data / "links.csv").unlink()
        (data / "links.csv").mkdir()

    status, message = cli_build(good, folder_instead)
    assert status == 2 and "links.csv" in message


# -- 2. oversized and deeply wrong files: refused (or built) fast, in bounded memory -------------

MB = 1 << 20
TIME_BUDGET = 20.0  # seconds; each case measured 1-6 s on 2 busy cores, most of it writing the file
MEMORY_BUDGET_MB = 1024  # peak resident memory of the whole `gaptrack build` process
MESSAGE_BUDGET = 2000  # characters: one clear message, not the file echoed back


def _replace(path: Path, old: bytes, new: bytes) -> None:
    raw = path.read_bytes()
    assert old in raw
    path.write_bytes(raw.replace(old, new, 1))


def _append(path: Path, more: bytes) -> None:
    with open(path, "ab") as f:
        f.write(more)


def _symlink(target: str):
    def spoil(data: Path):
        (data / "items.csv").unlink()
        (data / "items.csv").symlink_to(target)

    return spoil


OVERSIZED = {
    "200 MB of random bytes": lambda d: (d / "items.csv").write_bytes(random.Random(1).randbytes(200 * MB)),
    "200 MB on one line": lambda d: (d / "items.csv").write_bytes(b"x" * (200 * MB)),
    "the header, then 200 MB of short records": lambda d: _replace(
        d / "items.csv", b"\n", b"\n" + b"zz,topic\n" * (200 * MB // 9)
    ),
    "a 10-million-character field": lambda d: _replace(d / "items.csv", b"why a", b"why " + b"a" * 10_000_000),
    "two million columns in the header": lambda d: (d / "items.csv").write_bytes(
        b",".join(b"c%d" % i for i in range(2_000_000)) + b"\n"
    ),
    "the right header, then two million empty columns": lambda d: _replace(
        d / "items.csv", b"note_zh\n", b"note_zh" + b"," * 2_000_000 + b"\n"
    ),
    "a record of two million fields": lambda d: _replace(
        d / "links.csv", b"note_zh\n", b"note_zh\n" + b"a," * 2_000_000 + b"\n"
    ),
    "200 MB more source text": lambda d: _append(d / "sources" / "src.txt", b"x" * (200 * MB)),
    "items.csv a symlink to /dev/zero": _symlink("/dev/zero"),
}


def resident_mb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) // 1024 for line in status.splitlines() if line.startswith("VmRSS:")), 0)


def run_cli(args: list[str], timeout: float, ceiling_mb: int = 2 * MEMORY_BUDGET_MB) -> tuple[str, float, str, int]:
    """Run `python -m transforms.cli ARGS`, killing it past `timeout` seconds or `ceiling_mb` of
    resident memory (so a runaway read cannot take the machine down). Returns how it ended
    ("exit N", "killed: too slow" or "killed: over N MB"), seconds, stderr, peak resident MB."""
    with tempfile.TemporaryFile() as err:
        start = time.monotonic()
        command = [sys.executable, "-m", "transforms.cli", *args]
        process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=err)
        ended = None
        while not (reaped := os.wait4(process.pid, os.WNOHANG))[0]:
            if time.monotonic() - start > timeout:
                ended = "killed: too slow"
            elif resident_mb(process.pid) > ceiling_mb:
                ended = f"killed: over {ceiling_mb} MB"
            if ended:
                process.kill()
                reaped = os.wait4(process.pid, 0)
                break
            time.sleep(0.01)
        process.returncode = os.waitstatus_to_exitcode(reaped[1])  # reaped here, so Popen must not wait
        seconds = time.monotonic() - start
        err.seek(0)
        return (
            ended or f"exit {process.returncode}",
            seconds,
            err.read().decode("utf-8", "replace"),
            reaped[2].ru_maxrss // 1024,
        )


@pytest.mark.parametrize("case", list(OVERSIZED))
def test_an_oversized_or_deeply_wrong_file_is_handled_fast_in_bounded_memory(case, good, tmp_path):
    data = shutil.copytree(good.folder, tmp_path / "data")
    db = tmp_path / "gaptrack.duckdb"
    db.write_bytes(good.db)
    OVERSIZED[case](data)
    ended, seconds, err, peak = run_cli(["build", "--data", str(data), "--db", str(db)], TIME_BUDGET)
    shutil.rmtree(data)
    assert ended in ("exit 0", "exit 2"), f"{ended} after {seconds:.1f} s, peak {peak} MB: {err[-2000:]}"
    if ended == "exit 2":
        assert err.startswith("gaptrack: data/") and err.count("\n") == 2, err[:3000]
        assert len(err) < MESSAGE_BUDGET, f"a {len(err):,}-character message: {err[:300]}…{err[-300:]}"
        assert db.read_bytes() == good.db
    assert peak < MEMORY_BUDGET_MB, f"peak memory {peak} MB ({seconds:.1f} s, {ended})"


# -- 3. a build killed at any point leaves the previous database ---------------------------------

LARGE_ITEMS = 20_000
LINKS = [("s1", "1", "通过了建议"), ("s2", "2", "第二届会议"), ("s3", "3", "拟议议题丁")]


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> Path:
    """A valid record of 20,005 items and 60,008 links (quotes reused from the BASE record)."""
    items = BASE["items"] + [
        dict(BASE["items"][n % 4], item_id=f"gen-{n:06d}", title_en=f"Item {n}", title_zh=f"条目{n}")
        for n in range(LARGE_ITEMS)
    ]
    links = BASE["links"] + [
        dict(
            BASE["links"][0],
            item_id=f"gen-{n:06d}",
            session_id=s,
            status=("done", "pending", "proposed")[(n + k) % 3],
            source_paragraph=p,
            quote=q,
        )
        for n in range(LARGE_ITEMS)
        for k, (s, p, q) in enumerate(LINKS)
    ]
    return make_record(tmp_path_factory.mktemp("large") / "data", items=items, links=links)


def answers(db: Path) -> dict:
    """The database opens read-only and answers the overview's query; its record info."""
    with Store(db) as store:
        assert len(coverage_by_heading(store, Filters())) == len(BASE["headings"])
        return record_info(store)


def cli_build_process(data: Path, db: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "transforms.cli", "build", "--data", str(data), "--db", str(db)]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def timed_full_build(data: Path, db: Path) -> float:
    """Build in a process of its own; how long it took, start-up included."""
    start = time.monotonic()
    command = [sys.executable, "-m", "transforms.cli", "build", "--data", str(data), "--db", str(db)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - start


def test_a_build_killed_at_any_point_leaves_the_previous_database(good, large, tmp_path):
    db = tmp_path / "var" / "gaptrack.duckdb"
    db.parent.mkdir()
    duration = timed_full_build(large, tmp_path / "reference.duckdb")
    new_items = answers(tmp_path / "reference.duckdb")["items"]
    rng, kills, killed, tries = random.Random(), 8, [], 0
    while len(killed) < kills and tries < 3 * kills:  # one kill in each eighth of a build, then at random
        fraction = (len(killed) + rng.random()) / kills if tries < kills else rng.random()
        tries += 1
        db.write_bytes(good.db)
        started = time.monotonic()
        process = cli_build_process(large, db)
        time.sleep(duration * fraction)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed.append(process.pid)
        else:  # finished first: builds are faster than planned now (the machine's load changes)
            duration = min(duration, time.monotonic() - started)
        process.wait(timeout=60)
        if db.read_bytes() != good.db:  # only a build that got as far as the swap may change it
            assert answers(db)["items"] == new_items, f"a half-built database after a kill at {fraction:.2f}"
        answers(db)
    assert len(killed) >= kills // 2, f"only {len(killed)} of {tries} kills hit a running build ({duration:.1f} s)"
    leftovers = sorted(p.name for p in db.parent.iterdir() if p != db)
    timed_full_build(large, db)  # the next build, beside whatever the killed ones left
    assert answers(db)["items"] == new_items, f"the next build, beside {leftovers}"


def kill_while_writing(data: Path, db: Path) -> tuple[int, list[Path]]:
    """Start a build and SIGKILL it once it has two files of its own beside db (a database being
    written and its write-ahead log), or 0.5 s after its first; its process id and what it left."""
    for _ in range(3):
        process, first = cli_build_process(data, db), None
        while process.poll() is None:
            own = [p for p in db.parent.iterdir() if p != db]
            first = first or (own and time.monotonic())
            if len(own) >= 2 or (first and time.monotonic() - first > 0.5):
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.002)
        if process.wait(timeout=60) == -signal.SIGKILL:
            return process.pid, [p for p in db.parent.iterdir() if p != db]
    pytest.fail("the build finished three times before it could be killed")


def test_files_left_by_a_killed_build_do_not_break_a_build_with_the_same_process_id(good, large, tmp_path):
    """After a crash the next build may get the dead one's process id (containers reuse them):
    whatever temporary files the killed build left, renamed to this process's id, must not break
    or leak into the next build."""
    db = tmp_path / "var" / "gaptrack.duckdb"
    db.parent.mkdir()
    db.write_bytes(good.db)
    pid, left = kill_while_writing(large, db)
    assert db.read_bytes() == good.db
    for path in left:
        path.rename(path.with_name(path.name.replace(str(pid), str(os.getpid()))))
    build(good.folder, db)
    assert answers(db)["items"] == len(BASE["items"]), f"after {[p.name for p in left]} were left"


# -- 4. CSV injection: no exported cell starts like a formula ------------------------------------

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")  # OWASP: what a spreadsheet may run as a formula
HOSTILE_QUOTE = "{t}SUM(1+1)*cmd|' /C calc'!A0 引文"
# the export columns that carry free text from the record
EXPORTED_TEXT = {
    "coverage": {"heading_label"},
    "items": {"kind_label", "heading_label", "title", "status_label", "source_document", "quote"},
    "sessions": {"body", "title", "venue", "document_symbols", "source_document", "quote", "note"},
    "links": {"status_label", "item_title", "session_title", "document_symbol", "source_document", "quote", "note"},
}


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@"])
def test_exports_neutralise_a_formula_at_the_start_of_every_text_column(trigger, tmp_path):
    originals = set()

    def text(table, column, row):
        value = HOSTILE_QUOTE.format(t=trigger) if table == "quote" else f"{trigger}{table}.{column}.{row} 中文"
        originals.add(value)
        return value

    data = every_free_text(tmp_path / "data", text)
    db = tmp_path / "gaptrack.duckdb"
    assert main(["build", "--data", str(data), "--db", str(db)]) == 0
    for table, columns in EXPORTED_TEXT.items():
        for lang in ("en", "zh"):
            out = tmp_path / f"{table}-{lang}.csv"
            assert main(["export", table, "--lang", lang, "--data", str(data), "--db", str(db), "--out", str(out)]) == 0
            exported = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
            assert set(EXPORTS[table][1]) >= columns
            for row in exported:
                for column, cell in row.items():
                    assert not cell.startswith(TRIGGERS), f"{table} {lang} {column}: {cell!r}"
                    if table == "coverage" and not row["heading"]:  # each question's total row: our own words
                        assert row["heading_label"] in ("All headings", "全部标题")
                    elif column in columns and cell:  # a hostile value, or none at all
                        assert cell[0] == "'" and cell[1:] in originals, f"{table} {lang} {column}: {cell!r}"
            for column in columns:
                assert any(row[column].startswith("'" + trigger) for row in exported), f"{table}.{column} untested"


@pytest.mark.parametrize("trigger", TRIGGERS)
def test_people_csv_puts_an_apostrophe_before_every_trigger(trigger):
    values = [f"{trigger}cmd|' /C calc'!A0", f"{trigger}", f"{trigger}{trigger}1", f'{trigger}HYPERLINK("x")']
    frame = pd.DataFrame(
        {"object": pd.Series(values, dtype=object), "string": pd.Series(values, dtype="string"), "n": range(4)}
    )
    payload = people_csv_bytes(frame)
    read = list(csv.reader(io.StringIO(payload.decode("utf-8-sig"), newline="")))
    assert read[0] == ["object", "string", "n"]
    assert [r[0] for r in read[1:]] == ["'" + v for v in values]
    assert [r[1] for r in read[1:]] == ["'" + v for v in values]
    assert [r[2] for r in read[1:]] == ["0", "1", "2", "3"]


@pytest.mark.parametrize("trigger", ["\t", "\r", "\n"])
def test_a_text_cell_starting_with_tab_cr_or_lf_never_reaches_the_database(trigger, good):
    items = base_rows(TABLE_BY_NAME["items"])
    items[1][TABLE_BY_NAME["items"].column_names.index("title_en")] = f"{trigger}=1+1".encode()
    err = build_or_refuse(good, writes("items.csv", csv_bytes(items, quote_all=True)))
    assert err is not None and err.column == "title_en"
