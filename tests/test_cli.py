"""The gaptrack command line, end to end on the shipped data, in a real subprocess."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time

import pytest
from fixtures import SHIPPED_DATA, copy_shipped

from transforms.database.export import EXPORTS

COMMANDS = ["build", "export", "summary", "serve"]


def gaptrack(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "transforms.cli", *args],
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def rows_of(payload: bytes) -> list[dict]:
    assert payload.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(payload.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("command", [[], *[[c] for c in COMMANDS]])
def test_help_on_every_command(command):
    done = gaptrack(*command, "--help")
    assert done.returncode == 0
    assert b"usage: gaptrack" in done.stdout


def test_build_export_summary_on_shipped_data(tmp_path):
    db = tmp_path / "g.duckdb"
    done = gaptrack("build", "--data", str(SHIPPED_DATA), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert b"38 items, 66 links" in done.stdout
    for table, (_, columns) in EXPORTS.items():
        out = tmp_path / f"{table}.csv"
        done = gaptrack("export", table, "--db", str(db), "--data", str(SHIPPED_DATA), "--out", str(out))
        assert done.returncode == 0, done.stderr
        rows = rows_of(out.read_bytes())
        assert list(rows[0]) == columns
    coverage = rows_of(gaptrack("export", "coverage", "--db", str(db), "--data", str(SHIPPED_DATA)).stdout)
    # the two questions apart, never added together, each with the total row summary shows
    assert [(r["question"], r["heading"], r["done"], r["pending"], r["proposed"], r["total"]) for r in coverage] == [
        ("plan", "prevention", "0", "0", "2", "2"),
        ("plan", "protection", "0", "0", "2", "2"),
        ("plan", "prosecution", "0", "0", "2", "2"),
        ("plan", "partnerships", "0", "0", "2", "2"),
        ("plan", "cross_cutting", "0", "0", "0", "0"),
        ("plan", "", "0", "0", "8", "8"),
        ("own", "prevention", "4", "0", "1", "5"),
        ("own", "protection", "6", "1", "1", "8"),
        ("own", "prosecution", "1", "0", "2", "3"),
        ("own", "partnerships", "5", "0", "0", "5"),
        ("own", "cross_cutting", "6", "0", "3", "9"),
        ("own", "", "22", "1", "7", "30"),
    ]
    assert [(r["heading_label"], r["done_share"]) for r in coverage if not r["heading"]] == [
        ("All headings", "0.0"),
        ("All headings", "0.7333"),
    ]
    summary = gaptrack("summary", "--db", str(db), "--data", str(SHIPPED_DATA), "--heading", "protection")
    assert summary.returncode == 0
    text = summary.stdout.decode()
    assert "Protecting and assisting victims of trafficking" in text and "Preventing" not in text
    plan, own = text.split("\n\n")
    assert plan.splitlines()[0] == "Plan requirements (kind: Plan requirement)"
    assert plan.splitlines()[-1].split()[-6:] == ["0", "0", "2", "2", "2", "0%"]  # ..., total, on record, done %
    assert plan.splitlines()[-1].startswith("1 selected heading ")  # the total of the heading filtered to
    assert (
        own.splitlines()[0]
        == "The Working Group's own recommendations and topics (kind: Recommendation, Proposed topic)"
    )
    assert own.splitlines()[-1].split()[-6:] == ["6", "1", "1", "8", "8", "75%"]  # never summed with the Plan's: 10
    narrowed = gaptrack("summary", "--db", str(db), "--data", str(SHIPPED_DATA), "--kind", "topic").stdout.decode()
    assert (
        narrowed.splitlines()[0]
        == "Not shown: the kind filter leaves out what this question counts (Plan requirement)."
    )
    assert "(kind: Proposed topic)" in narrowed and narrowed.splitlines()[-1].split()[-6:] == [
        "0",
        "0",
        "7",
        "7",
        "7",
        "0%",
    ]


def test_export_filters_and_language(tmp_path, shipped_db):
    args = ["--db", str(shipped_db), "--data", str(SHIPPED_DATA)]
    items = rows_of(
        gaptrack(
            "export",
            "items",
            "--heading",
            "prosecution",
            "--heading",
            "partnerships",
            "--status",
            "proposed",
            "--lang",
            "zh",
            *args,
        ).stdout
    )
    assert {r["heading"] for r in items} == {"prosecution", "partnerships"}
    assert {r["status"] for r in items} == {"proposed"}
    assert len(items) == 6
    assert {r["heading_label"] for r in items} == {"起诉贩运人口罪行", "加强防止贩运人口方面的伙伴关系"}
    assert "执法机构之间的合作" in {r["title"] for r in items}
    sessions = rows_of(gaptrack("export", "sessions", "--lang", "zh", *args).stdout)
    wg1 = next(r for r in sessions if r["session_id"] == "wg-1")
    assert (wg1["start_date"], wg1["end_date"], wg1["venue"], wg1["body"]) == (
        "2009-04-14",
        "2009-04-15",
        "维也纳",
        "贩运人口问题工作组",
    )
    links = rows_of(gaptrack("export", "links", "--as-of", "wg-3", "--status", "pending", *args).stdout)
    assert [(r["item_id"], r["session_id"], r["source_paragraph"]) for r in links] == [("rec-wg3-01", "wg-3", "7")]


@pytest.mark.parametrize(
    "args, words",
    [
        (
            ["export", "items", "--heading", "health"],
            "--heading health: not known; expected one of: prevention, protection",
        ),
        (
            ["export", "items", "--status", "adopted"],
            "--status adopted: not known; expected one of: done, pending, proposed",
        ),
        (["export", "items", "--as-of", "wg-9"], "--as-of wg-9: not known; expected one of: cop-4, wg-1"),
        (["summary", "--kind", "decision"], "--kind decision: not known; expected one of: requirement"),
    ],
)
def test_unknown_keys_are_refused_plainly(args, words, shipped_db):
    done = gaptrack(*args, "--db", str(shipped_db), "--data", str(SHIPPED_DATA))
    assert done.returncode == 2
    assert words in done.stderr.decode()
    assert b"Traceback" not in done.stderr


def test_export_builds_when_missing_or_stale(tmp_path):
    data = copy_shipped(tmp_path / "data")
    db = tmp_path / "var" / "g.duckdb"
    env = {"GAPTRACK_DATA": str(data), "GAPTRACK_DB": str(db)}
    first = gaptrack("export", "coverage", env=env)
    assert first.returncode == 0 and db.exists()
    built = db.stat().st_mtime_ns
    time.sleep(0.01)
    assert gaptrack("export", "coverage", env=env).returncode == 0
    assert db.stat().st_mtime_ns == built  # up to date: not rebuilt
    items = data / "items.csv"
    items.write_text(
        items.read_text(encoding="utf-8").replace("Compensation for victims", "Victim compensation"), encoding="utf-8"
    )
    after = gaptrack("export", "items", "--heading", "protection", env=env)
    assert "Victim compensation" in after.stdout.decode("utf-8-sig")
    assert db.stat().st_mtime_ns != built
    # it says it built first (a dashboard on the same file showed the old figures until now)
    assert "changed since the database was built" in after.stderr.decode("utf-8")
    assert "built" not in gaptrack("export", "items", env=env).stderr.decode("utf-8")  # up to date: silent


def test_every_command_is_listed_in_help(capsys):
    from transforms.cli import parser

    with pytest.raises(SystemExit):
        parser().parse_args(["--help"])
    listed = capsys.readouterr().out
    for command in ("build", "export", "summary", "serve", "synth", "check", "report", "ingest", "diff"):
        assert f"    {command} " in listed or f"    {command}\n" in listed, command
    for command in ("session", "item", "document", "link", "source", "undo", "log"):
        assert f"    {command} " in listed, command


def test_export_to_a_dash_writes_standard_output_not_a_file(tmp_path, shipped_db):
    found = subprocess.run(
        [sys.executable, "-m", "transforms.cli", "export", "items", "--out", "-", "--db", str(shipped_db)]
        + ["--data", str(SHIPPED_DATA)],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        timeout=120,
    )
    assert found.returncode == 0, found.stderr
    assert rows_of(found.stdout)[0]["item_id"]
    assert list(tmp_path.iterdir()) == []  # no file named "-"


def test_under_a_status_filter_summary_shares_are_of_every_item_on_the_record(shipped_db):
    text = gaptrack("summary", "--db", str(shipped_db), "--data", str(SHIPPED_DATA), "--status", "done").stdout.decode()
    own = text.split("\n\n")[-1].splitlines()
    assert own[-1].split()[-6:] == ["22", "0", "0", "22", "30", "73%"]  # 22 done of the 30 on record, not of 22
    gone = gaptrack("summary", "--db", str(shipped_db), "--data", str(SHIPPED_DATA), "--status", "pending").stdout
    assert gone.decode().splitlines()[-1].split()[-1] == "–"  # done is left out: no done share
