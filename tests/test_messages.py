"""Messages that point the right way: ids that name nothing come with the closest ids, options are
reported as options with the form in words, in the command's language; a reader that goes away
ends a command quietly; terminal tables show no bidirectional controls and shorten long values;
the dashboard says when another program holds the database open for writing."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures import BASE, copy_shipped, make_record
from streamlit.testing.v1 import AppTest

from transforms.cli.terminal import aligned
from transforms.database.build import build

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")


def gaptrack(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "transforms.cli", *args], capture_output=True, text=True, timeout=120)


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


@pytest.fixture(scope="module")
def shipped_copy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shipped")
    data = copy_shipped(folder / "data")
    db = folder / "gaptrack.duckdb"
    build(data, db)
    return data, db


EDIT_CASES = {
    "a mistyped item id": (
        ["link", "set", "rec-wg1-1", "wg-1", "--status", "done"],
        "gaptrack: There is no item_id “rec-wg1-1” in data/items.csv. The closest: rec-wg1-01, rec-wg1-10, "
        "rec-wg1-11. Nothing was changed.\n",
        "gaptrack: data/items.csv 中没有 item_id“rec-wg1-1”。最接近的：rec-wg1-01, rec-wg1-10, rec-wg1-11。"
        "未作任何更改。\n",
    ),
    "a wrongly cased item id": (
        ["link", "set", "REC-WG1-01", "wg-1", "--status", "done"],
        "gaptrack: There is no item_id “REC-WG1-01” in data/items.csv. The closest: rec-wg1-01, rec-wg1-10, "
        "rec-wg1-11. Nothing was changed.\n",
        "gaptrack: data/items.csv 中没有 item_id“REC-WG1-01”。最接近的：rec-wg1-01, rec-wg1-10, rec-wg1-11。"
        "未作任何更改。\n",
    ),
    "a mistyped session id": (
        ["link", "set", "rec-wg1-01", "wg1", "--status", "done"],
        "gaptrack: There is no session_id “wg1” in data/sessions.csv. The closest: wg-1. Nothing was changed.\n",
        "gaptrack: data/sessions.csv 中没有 session_id“wg1”。最接近的：wg-1。未作任何更改。\n",
    ),
    "an id option in the wrong form": (
        ["session", "add", "--session-id", "WG 5", "--body", "wg", "--number", "5", "--title-en", "Fifth"]
        + ["--title-zh", "第五届", "--source-id", "bg-2011-future-work", "--source-paragraph", "1", "--quote", "x"],
        "gaptrack: --session-id “WG 5”: expected an id: lower-case letters (a-z), digits, '-', '_' or '.', "
        "beginning with a letter or a digit, such as wg-5 or rec-wg1-01. Nothing was changed.\n",
        "gaptrack: --session-id “WG 5”：应为标识符：小写字母（a-z）、数字、“-”、“_”或“.”，以字母或数字开头，"
        "例如 wg-5 或 rec-wg1-01。未作任何更改。\n",
    ),
    "a date option in the wrong form": (
        ["session", "set", "wg-1", "--start-date", "2009/4/14"],
        "gaptrack: --start-date “2009/4/14”: expected a date written YYYY-MM-DD, such as 2011-10-10. "
        "Nothing was changed.\n",
        "gaptrack: --start-date “2009/4/14”：应为以 YYYY-MM-DD 书写的日期，例如 2011-10-10。未作任何更改。\n",
    ),
    "a paragraph option in the wrong form": (
        ["link", "set", "rec-wg1-01", "wg-1", "--source-paragraph", "para 5"],
        "gaptrack: --source-paragraph “para 5”: expected a paragraph of the source: a number such as 5, 'header' "
        "(the cover page), or a footnote such as fn1 or fn*. Nothing was changed.\n",
        "gaptrack: --source-paragraph “para 5”：应为来源的段落：数字（如 5）、“header”（封面）或脚注（如 fn1 或 "
        "fn*）。未作任何更改。\n",
    ),
}


def in_process(capsys, *args: str) -> subprocess.CompletedProcess:
    """`gaptrack ARGS` run by transforms.cli.main in this process (what `python -m transforms.cli`
    runs, without a second Python's start-up): its status, standard output and standard error."""
    from transforms.cli import main

    capsys.readouterr()
    status = main(list(args))
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(args, status, out, err)


@pytest.mark.parametrize("case", list(EDIT_CASES))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_edit_refusals_name_what_the_user_typed(case, lang, shipped_copy, capsys):
    """The first case in each language through a real `gaptrack` process, the others in this one."""
    data, db = shipped_copy
    args, english, chinese = EDIT_CASES[case]
    before, database = snapshot(data), db.read_bytes()
    command = [*args, "--editor", "Ann", "--data", str(data), "--db", str(db), "--lang", lang]
    done = gaptrack(*command) if case == next(iter(EDIT_CASES)) else in_process(capsys, *command)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", english if lang == "en" else chinese)
    assert snapshot(data) == before and db.read_bytes() == database


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("en", "gaptrack: --heading health: not known; expected one of: prevention, protection, prosecution, "
         "partnerships, cross_cutting\n"),
        ("zh", "gaptrack: --heading health：无法识别；应为以下之一：prevention, protection, prosecution, "
         "partnerships, cross_cutting\n"),
    ],
)  # fmt: skip
def test_a_filter_is_reported_as_the_option_given(lang, expected, shipped_copy):
    data, db = shipped_copy
    done = gaptrack("summary", "--heading", "health", "--lang", lang, "--data", str(data), "--db", str(db))
    assert (done.returncode, done.stderr) == (2, expected)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_data_error_follows_the_lang_of_export(lang, tmp_path):
    data = make_record(tmp_path / "data")
    (data / "kinds.csv").write_bytes((data / "kinds.csv").read_bytes().replace("议题".encode(), b"??"))
    done = gaptrack("export", "items", "--lang", lang, "--data", str(data), "--db", str(tmp_path / "g.duckdb"))
    assert done.returncode == 2
    if lang == "zh":
        assert done.stderr.startswith("gaptrack: data/kinds.csv，第 4 行，“label_zh”列：发现 '??'；应为中文字符")
        assert done.stderr.endswith("\n未作任何更改。\n")
    else:
        assert done.stderr.startswith("gaptrack: data/kinds.csv, line 4, column 'label_zh': found '??'; expected")
        assert done.stderr.endswith("\nNothing was changed.\n")


@pytest.mark.parametrize(
    "command, words",
    [
        (["link", "set"], ["ITEM", "such as rec-wg1-01", "SESSION", "such as wg-1", "lower-case letters"]),
        (["session", "add"], ["--session-id", "an id: lower-case letters (a-z)", "YYYY-MM-DD"]),
        (["item", "add"], ["--item-id", "an id: lower-case letters (a-z)", "--source-id"]),
        (["item", "retitle"], ["such as rec-wg1-01"]),
    ],
)
def test_help_gives_the_form_of_each_id(command, words):
    done = gaptrack(*command, "--help")
    text = " ".join(done.stdout.split())  # argparse wraps lines
    assert done.returncode == 0
    for word in words:
        assert word in text, word


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path):
    """gaptrack export links | head: exit status 0, nothing on standard error."""
    data, db = tmp_path / "synth", tmp_path / "s.duckdb"
    assert gaptrack("synth", "--items", "1500", "--sessions", "12", "--out", str(data)).returncode == 0
    assert gaptrack("build", "--data", str(data), "--db", str(db)).returncode == 0
    for command in (["export", "links"], ["summary"]):
        process = subprocess.Popen(
            [sys.executable, "-m", "transforms.cli", *command, "--data", str(data), "--db", str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        process.stdout.read(10)
        process.stdout.close()  # as head does after its lines
        status = process.wait(timeout=120)
        err = process.stderr.read().decode()
        assert (status, err) == (0, ""), command
    size = len(gaptrack("export", "links", "--data", str(data), "--db", str(db)).stdout)
    assert size > 2**17  # more than a pipe holds: the writer did meet the closed pipe


def test_terminal_tables_neutralise_bidi_controls_and_shorten_long_values():
    long = "长" * 50 + "x" * 10
    lines = aligned([["name", "n"], ["a\u202eevil\u202c", "1"], ["b\u2067iso\u2069\u200f", "2"], [long, "3"]])
    text = "\n".join(lines)
    for control in "\u202e\u202c\u2067\u2069\u200f":
        assert control not in text
    assert "a evil " in text and "b iso  " in text
    last = lines[-1]
    assert last.startswith("长" * 29 + "…") and "x" not in last  # 29 wide characters and "…": 59 columns


def test_summary_shows_data_labels_safely(tmp_path):
    headings = [dict(h) for h in BASE["headings"]]
    headings[0]["label_en"] = "Prevention\u202e (reversed)"
    headings[1]["label_en"] = "Protection" + " and assistance" * 8
    data = make_record(tmp_path / "data", headings=headings)
    done = gaptrack("summary", "--data", str(data), "--db", str(tmp_path / "g.duckdb"))
    assert done.returncode == 0 and "\u202e" not in done.stdout
    assert "Prevention  (reversed)" in done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) <= 60 + 52  # 60 for the label, 52 for six numbers
    assert "Protection and assistance and assistance" in done.stdout and "…" in done.stdout


def test_the_dashboard_says_when_another_program_holds_the_database(tmp_path, monkeypatch):
    data = make_record(tmp_path / "data")
    db = tmp_path / "gaptrack.duckdb"
    build(data, db)
    monkeypatch.setenv("GAPTRACK_DB", str(db))
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('open', flush=True); "
         "sys.stdin.read()", str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline() == "open\n"
        at = AppTest.from_file(APP, default_timeout=60).run()
        assert not at.exception
        message = at.error[0].value
        assert message.startswith(f"Another program, python{sys.version_info.major}")
        assert f"(PID {holder.pid}), has the database at {db} open for writing" in message
        assert "needs no rebuild" in message and "recovers by itself once that program closes the file" in message
        assert not at.code  # no "gaptrack build" advice
        at.session_state["lang"] = "zh"
        at.run()
        assert at.error[0].value.startswith("另一个程序 python") and "无需重新生成" in at.error[0].value
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    at.run()  # the other program closed the file: the dashboard recovers on the next rerun
    assert not at.exception and not at.error
    assert at.title[0].value


def test_lock_holder_reads_duckdbs_message():
    from transforms.record.files import lock_holder

    err = OSError(
        'IO Error: Could not set lock on file "/x/g.duckdb": Conflicting lock is held in /usr/bin/duckdb '
        "(PID 4242). See also https://duckdb.org/docs/current/connect/concurrency"
    )
    assert lock_holder(err) == "duckdb (PID 4242)"
    assert lock_holder(OSError("IO Error: not a database")) is None


def test_a_message_kept_once_filled_is_written_for_each_value_as_given():
    """t keeps each filled message: equal values of another type (1 and 1.0) are written each
    their own way, and a value that cannot be kept (a list) is still filled."""
    from transforms.presentation.i18n import t

    assert t("en", "punct_label", label="Done", value=1) == "Done: 1"
    assert t("en", "punct_label", label="Done", value=1.0) == "Done: 1.0"
    assert t("en", "punct_label", label="Done", value=1) == "Done: 1"
    assert t("en", "punct_label", label=["Done"], value=2) == "['Done']: 2"
