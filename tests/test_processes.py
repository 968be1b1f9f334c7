"""Processes as operators run them: `gaptrack serve` stopped by its PID stops the dashboard; a bad
or busy port is one message and exit status 2 before anything claims the dashboard runs; every
file the product writes respects the umask and keeps an existing file's mode. Real processes,
real sockets, real files."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from fixtures import make_record

from transforms.cli import main
from transforms.database.build import build
from transforms.editing import edit
from transforms.editing.saving import save


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    """The PIDs of a process's children (Linux /proc)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


def port_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("", port))
        except OSError:
            return False
    return True


@pytest.fixture
def built(tmp_path, base_db):
    """The BASE record and its database (a copy of the one built once per run: conftest.base_db)."""
    data = make_record(tmp_path / "data")
    db = tmp_path / "gaptrack.duckdb"
    shutil.copyfile(base_db, db)
    return data, db


def serve(data: Path, db: Path, port, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "transforms.cli", "serve", "--port", str(port), "--data", str(data), "--db", str(db)],
        stdout=open(log, "wb"),
        stderr=subprocess.STDOUT,
    )


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_stopping_serve_by_its_pid_stops_the_dashboard(signum, built, tmp_path):
    port = free_port()
    log = tmp_path / "serve.log"
    process = serve(*built, port, log)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.3)
        streamlit = children(process.pid)
        assert len(streamlit) == 1 and alive(streamlit[0])
        process.send_signal(signum)
        assert process.wait(timeout=30) == 0, log.read_text(errors="replace")
        deadline = time.monotonic() + 10
        while alive(streamlit[0]) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(streamlit[0]), "the Streamlit child was left running"
        assert port_free(port)
        assert "Traceback" not in log.read_text(errors="replace")
    finally:
        if process.poll() is None:
            process.kill()
        for pid in children(process.pid) if process.poll() is None else []:
            os.kill(pid, signal.SIGKILL)


RANGE = "expected a port number from 1 to 65535 (8501 if in doubt). Nothing was started.\n"
BAD_PORTS = {port: f"gaptrack: --port {port}: {RANGE}" for port in ("80000", "-1", "0")}


@pytest.mark.parametrize("port", list(BAD_PORTS))
def test_a_port_out_of_range_is_one_message(port, built, tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "transforms.cli", "serve", f"--port={port}", "--data", str(built[0]), "--db", "x.db"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert (done.returncode, done.stdout, done.stderr) == (2, "", BAD_PORTS[port])
    assert not (tmp_path / "x.db").exists()  # nothing built, nothing started


def test_a_busy_port_is_one_message(built, tmp_path):
    with socket.socket() as holder:
        holder.bind(("", 0))
        holder.listen()
        port = holder.getsockname()[1]
        log = tmp_path / "serve.log"
        process = serve(*built, port, log)
        assert process.wait(timeout=60) == 2
    assert log.read_text() == (
        f"gaptrack: --port {port}: another program is already listening on this port (a dashboard still "
        "running?). Stop it, or choose another port with --port. Nothing was started.\n"
    )


# -- file modes ------------------------------------------------------------------------------------


@pytest.fixture
def umask_027():
    previous = os.umask(0o027)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_files_follow_the_umask(built, tmp_path, umask_027):
    data, db = built
    report, export = tmp_path / "report.html", tmp_path / "items.csv"
    assert main(["report", "--out", str(report), "--data", str(data), "--db", str(db)]) == 0
    assert main(["export", "items", "--out", str(export), "--data", str(data), "--db", str(db)]) == 0
    fresh_db = tmp_path / "fresh.duckdb"
    build(data, fresh_db)
    save(data, db, edit.set_title("a", title_en="Rec A, again"), "Ann")
    for path in (report, export, fresh_db, data / "audit_log.csv"):
        assert mode(path) == 0o640, path


def test_replaced_files_keep_their_mode(built, tmp_path, umask_027):
    data, db = built
    report = tmp_path / "report.html"
    report.write_text("old")
    for path in (report, db, data / "items.csv"):
        os.chmod(path, 0o664)
    assert main(["report", "--out", str(report), "--data", str(data), "--db", str(db)]) == 0
    save(data, db, edit.set_title("a", title_en="Rec A, again"), "Ann")
    for path in (report, db, data / "items.csv"):
        assert mode(path) == 0o664, path
    assert "Rec A, again" in (data / "items.csv").read_text(encoding="utf-8")
    build(data, db)
    assert mode(db) == 0o664
