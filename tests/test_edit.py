"""Edits to the record: each operation, its refusals, the lock, stale views, crash safety,
the audit log and undo. Every test runs real saves on a small record built in code."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import threading
from pathlib import Path

import pytest
from fixtures import BASE, SOURCE_TEXT, make_record

from transforms.cli import main
from transforms.database.build import build, built_version
from transforms.database.queries import Store
from transforms.editing import edit, saving
from transforms.editing.audit import read_log
from transforms.editing.saving import read_rows, save
from transforms.record import lock
from transforms.record.errors import DataError, EditRefused, UsageError
from transforms.record.load import data_version
from transforms.record.schema import TABLE_BY_NAME

NEW_SESSION = dict(
    session_id="s4",
    body="wg",
    number=4,
    title_en="Fourth",
    title_zh="第四届",
    start_date="2022-05-02",
    end_date="2022-05-03",
    source_id="src",
    source_paragraph="3",
    quote="第三段",
)
NEW_ITEM = dict(
    item_id="f",
    kind="topic",
    heading="prosecution",
    heading_basis="curated",
    heading_rationale="why f",
    heading_rationale_zh="理由己",
    title_en="Topic F",
    title_zh="议题戊",
    source_id="src",
    source_paragraph="3",
    quote="议题戊",
)

EVIDENCE = dict(source_id="src", source_paragraph="1", quote="第一段")


@pytest.fixture
def record(tmp_path, base_db):
    """The BASE record in tmp_path/data and its database (a copy of the one built once per run
    from the same files: conftest.base_db)."""
    data = make_record(tmp_path / "data")
    db = tmp_path / "db" / "gaptrack.duckdb"
    db.parent.mkdir()
    shutil.copyfile(base_db, db)
    return data, db


def snapshot(data: Path) -> dict[str, bytes]:
    """Every file of the data folder (lock and save folders aside) with its bytes."""
    return {
        p.relative_to(data).as_posix(): p.read_bytes()
        for p in sorted(data.rglob("*"))
        if p.is_file() and not p.relative_to(data).parts[0].startswith(".")
    }


def changed_lines(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    old, new = before.decode().splitlines(), after.decode().splitlines()
    return [line for line in old if line not in new], [line for line in new if line not in old]


def statuses(db: Path) -> dict[tuple[str, str], str]:
    with Store(db) as store:
        rows = store.con.execute("SELECT item_id, session_id, status FROM record.links").fetchall()
    return {(i, s): st for i, s, st in rows}


# -- each operation ---------------------------------------------------------------------------------


def test_add_session_appends_one_line_with_the_next_sequence_and_rebuilds(record):
    data, db = record
    before = snapshot(data)
    saved = save(data, db, edit.add_session(NEW_SESSION), "Ann Lee")
    removed, added = changed_lines(before["sessions.csv"], (data / "sessions.csv").read_bytes())
    assert removed == [] and len(added) == 1 and added[0].startswith("s4,wg,4,4,Fourth,第四届,2022-05-02")
    assert {k for k in before if before[k] != snapshot(data).get(k)} == {"sessions.csv"}
    assert built_version(db)[0] == data_version(data) == saved.version_after != saved.version_before
    with Store(db) as store:
        assert store.con.execute("SELECT sequence FROM record.sessions WHERE session_id = 's4'").fetchone() == (4,)


def test_add_item_and_record_its_status(record):
    data, db = record
    save(data, db, edit.add_item(NEW_ITEM), "Ann")
    link = dict(item_id="f", session_id="s3", status="pending", source_id="src", source_paragraph="3", quote="议题戊")
    save(data, db, edit.set_link(link), "Ann")
    assert statuses(db)[("f", "s3")] == "pending"
    last = (data / "items.csv").read_text().splitlines()[-1]
    assert last.startswith("f,topic,prosecution,curated,why f,理由己,,Topic F")


def test_change_a_status_keeps_every_other_cell_and_line(record):
    data, db = record
    before = (data / "links.csv").read_bytes()
    save(data, db, edit.set_link(dict(item_id="c", session_id="s2", status="done")), "Ann")
    removed, added = changed_lines(before, (data / "links.csv").read_bytes())
    assert removed == ["c,s2,pending,,src,2,推迟了建议丙,,"] and added == ["c,s2,done,,src,2,推迟了建议丙,,"]
    assert statuses(db)[("c", "s2")] == "done"


def test_fix_a_title_in_one_language(record):
    data, db = record
    save(data, db, edit.set_title("a", title_zh="建议甲（修订）"), "Ann")
    row = next(r for r in read_rows(data, "items") if r["item_id"] == "a")
    assert (row["title_en"], row["title_zh"]) == ("Rec A", "建议甲（修订）")


def test_remove_a_link(record):
    data, db = record
    save(data, db, edit.remove_link("e", "s2"), "Ann")
    assert ("e", "s2") not in statuses(db) and ("e", "s1") in statuses(db)


def test_add_a_source_document_with_its_text(record):
    data, db = record
    fields = dict(source_id="wg5", title_en="Report", title_zh="报告", language="zh", original_language="en")
    save(data, db, edit.add_source(fields, "1. 第五届会议报告。\n".encode()), "Ann")
    assert (data / "sources" / "wg5.txt").read_text() == "1. 第五届会议报告。\n"
    session = dict(NEW_SESSION, source_id="wg5", source_paragraph="1", quote="第五届会议报告")
    save(data, db, edit.add_session(session), "Ann")


def test_a_file_keeps_its_crlf_line_endings_and_bom(tmp_path):
    data = make_record(tmp_path / "data")
    path = data / "links.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    save(data, tmp_path / "db.duckdb", edit.set_link(dict(item_id="c", session_id="s2", status="done")), "Ann")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == raw.count(b"\n") == len(BASE["links"]) + 1


# -- refusals -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "plan, message",
    [
        (edit.add_session(dict(NEW_SESSION, start_date="2022-13-01")), "sessions.csv, line 5, column 'start_date'"),
        (edit.add_session(dict(NEW_SESSION, body="un")), "column 'body': found 'un'; expected a body listed in"),
        (edit.add_item(dict(NEW_ITEM, heading="health")), "items.csv, line 7, column 'heading': found 'health'"),
        (edit.add_item(dict(NEW_ITEM, quote="不在此段")), "column 'quote': found '不在此段'"),
        (edit.set_link(dict(item_id="d", session_id="s1", status="done")), "line 10, column 'source_id': found ''"),
        (edit.set_link(dict(item_id="a", session_id="s1", status="finished")), "column 'status': found 'finished'"),
        (edit.set_title("a", title_en=""), "items.csv, line 2, column 'title_en': found ''"),
    ],
)
def test_a_bad_edit_is_refused_with_the_builds_message_and_changes_nothing(record, plan, message):
    data, db = record
    before, db_bytes = snapshot(data), db.read_bytes()
    with pytest.raises(DataError) as err:
        save(data, db, plan, "Ann")
    assert message in str(err.value)
    assert snapshot(data) == before and db.read_bytes() == db_bytes
    assert not (data / lock.SAVE_DIR).exists() and read_log(data) == []


@pytest.mark.parametrize(
    "plan, message",
    [
        (
            edit.set_link(dict(EVIDENCE, item_id="zz", session_id="s1", status="done")),
            "There is no item_id “zz” in data/items.csv. Nothing was changed.",
        ),
        (
            edit.set_link(dict(EVIDENCE, item_id="A", session_id="s1", status="done")),
            "There is no item_id “A” in data/items.csv. The closest: a. Nothing was changed.",
        ),
        (
            edit.set_title("nope", title_en="X"),
            "There is no item_id “nope” in data/items.csv. Nothing was changed.",
        ),
        (
            edit.remove_link("a", "s3"),
            "There is no item_id+session_id “a/s3” in data/links.csv. The closest: a/s1, c/s3, d/s3. "
            "Nothing was changed.",
        ),
    ],
)
def test_an_id_that_names_nothing_is_refused_with_the_closest(record, plan, message):
    data, db = record
    before, db_bytes = snapshot(data), db.read_bytes()
    with pytest.raises(UsageError) as err:
        save(data, db, plan, "Ann")
    assert str(err.value) == message
    assert snapshot(data) == before and db.read_bytes() == db_bytes


@pytest.mark.parametrize(
    "plan, editor, key",
    [
        (edit.set_link(dict(item_id="a", session_id="s1", status="done")), "Ann", "edit_nothing"),
        (edit.set_title("a", title_en="Rec A"), "Ann", "edit_nothing"),
        (edit.set_title("a", title_en="X"), "   ", "edit_editor"),
        (edit.set_title("a", title_en="X"), "x" * 81, "edit_editor"),
        (edit.set_title("a", title_en="X"), "Ann\x1b[31m", "edit_editor"),
        (edit.undo(), "Ann", "edit_nothing_to_undo"),
        (edit.add_session(dict(NEW_SESSION, session_id="s1")), "Ann", "edit_row_exists"),
    ],
)
def test_refusals_say_why_in_both_languages(record, plan, editor, key):
    data, db = record
    before = snapshot(data)
    with pytest.raises(EditRefused) as err:
        save(data, db, plan, editor)
    assert err.value.key == key and err.value.message("zh") != err.value.message("en")
    assert snapshot(data) == before


def test_an_unknown_field_is_a_usage_error(record):
    data, db = record
    with pytest.raises(UsageError, match="sessions.csv has no column colour"):
        save(data, db, edit.add_session(dict(NEW_SESSION, colour="red")), "Ann")


# -- stale views and the lock ------------------------------------------------------------------------


def test_a_save_based_on_a_stale_view_is_refused(record):
    data, db = record
    seen = data_version(data)
    save(data, db, edit.set_title("a", title_en="First change"), "Ann", base_version=seen)
    before = snapshot(data)
    with pytest.raises(EditRefused) as err:
        save(data, db, edit.set_title("b", title_en="Second change"), "Bob", base_version=seen)
    assert err.value.key == "edit_stale" and seen in str(err.value)
    assert snapshot(data) == before


def test_a_save_waits_for_the_lock_and_is_refused_when_it_is_held_too_long(record, monkeypatch):
    data, db = record
    monkeypatch.setattr(lock, "LOCK_TIMEOUT", 0.3)
    with lock.locked(data):  # another save holds the lock (flock: per open file, so this blocks)
        with pytest.raises(EditRefused) as err:
            save(data, db, edit.set_title("a", title_en="X"), "Ann")
    assert err.value.key == "edit_busy"
    save(data, db, edit.set_title("a", title_en="X"), "Ann")  # free again


def _save_in_child(data, db, item_id, title, base, results):
    try:
        save(Path(data), Path(db), edit.set_title(item_id, title_en=title), item_id, base_version=base)
        results.put((item_id, "saved"))
    except EditRefused as err:
        results.put((item_id, err.key))


def _run_children(data, db, base, items):
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    children = [ctx.Process(target=_save_in_child, args=(data, db, i, f"title {i}", base, results)) for i in items]
    for child in children:
        child.start()
    for child in children:
        child.join(60)
    return dict(results.get(timeout=5) for _ in items)


def test_concurrent_saves_from_scripts_both_land(record):
    data, db = record
    assert _run_children(data, db, None, ["a", "b", "c", "d"]) == dict.fromkeys("abcd", "saved")
    titles = {r["item_id"]: r["title_en"] for r in read_rows(data, "items")}
    assert [titles[i] for i in "abcd"] == [f"title {i}" for i in "abcd"]
    assert sorted(e["entry"] for e in read_log(data)) == ["1", "2", "3", "4"]
    assert built_version(db)[0] == data_version(data)


def test_concurrent_saves_from_the_same_view_one_lands_the_other_is_refused(record):
    data, db = record
    outcome = _run_children(data, db, data_version(data), ["a", "b"])
    assert sorted(outcome.values()) == ["edit_stale", "saved"]
    landed = next(i for i, o in outcome.items() if o == "saved")
    titles = {r["item_id"]: r["title_en"] for r in read_rows(data, "items")}
    assert {i: titles[i] for i in "ab"} == {"a": "Rec A", "b": "Rec B", landed: f"title {landed}"}


# -- crash safety -------------------------------------------------------------------------------------

STEPS = ["planned", "staged", "built", "journaled", "swapped items.csv", "swapped links.csv", "swapped audit_log.csv"]


def _two_file_edit(current: saving.Current) -> saving.Edit:
    """One save that touches items.csv, links.csv and the log."""
    item = dict(NEW_ITEM, **{k: "" for k in ("note", "plan_paragraph")})
    row = {c: item.get(c, "") for c in TABLE_BY_NAME["items"].column_names}
    link = dict(item_id="f", session_id="s3", status="proposed", document_id="", source_id="src")
    link.update(source_paragraph="3", quote="议题戊", note="")
    return saving.Edit(
        "test", "two files", [saving.RowChange("items", None, row), saving.RowChange("links", None, link)]
    )


class Interrupted(Exception):
    pass


@pytest.mark.parametrize("step", STEPS)
def test_an_error_at_any_step_leaves_the_files_as_they_were(record, monkeypatch, step):
    data, db = record
    before, db_bytes = snapshot(data), db.read_bytes()

    def hook(name):
        if name == step:
            raise Interrupted(name)

    monkeypatch.setattr(saving, "STEP_HOOK", hook)
    with pytest.raises(Interrupted):
        save(data, db, _two_file_edit, "Ann")
    assert snapshot(data) == before and db.read_bytes() == db_bytes
    assert not any(p.name.startswith(lock.SAVE_DIR) for p in data.iterdir())


def _crash_at(data, db, step):
    saving.STEP_HOOK = lambda name: os._exit(9) if name == step else None
    save(Path(data), Path(db), _two_file_edit, "Ann")


@pytest.mark.parametrize("step", STEPS)
def test_a_process_killed_at_any_step_is_rolled_back_by_the_next_save(record, step):
    data, db = record
    before = snapshot(data)
    child = multiprocessing.get_context("fork").Process(target=_crash_at, args=(data, db, step))
    child.start()
    child.join(60)
    assert child.exitcode == 9
    with lock.locked(data):
        lock.recover(data)
    assert snapshot(data) == before
    assert not any(p.name.startswith(lock.SAVE_DIR) for p in data.iterdir())
    save(data, db, edit.set_title("a", title_en="after the crash"), "Ann")  # and the record works on
    assert [e["summary"] for e in read_log(data)] == ["retitle a"]


def test_a_process_killed_after_the_commit_keeps_the_change(record):
    data, db = record
    child = multiprocessing.get_context("fork").Process(target=_crash_at, args=(data, db, "committed"))
    child.start()
    child.join(60)
    with lock.locked(data):
        lock.recover(data)
    assert any(r["item_id"] == "f" for r in read_rows(data, "items"))
    assert [e["summary"] for e in read_log(data)] == ["two files"]
    assert not any(p.name.startswith(lock.SAVE_DIR) for p in data.iterdir())


# -- audit log and undo --------------------------------------------------------------------------------


def test_the_audit_log_records_when_who_what_before_and_after(record):
    data, db = record
    save(data, db, edit.set_link(dict(item_id="c", session_id="s2", status="done")), "  Ann   Lee ")
    (entry,) = read_log(data)
    assert entry["editor"] == "Ann Lee" and entry["operation"] == "set link" and entry["at"].endswith("Z")
    (change,) = json.loads(entry["changes"])
    assert change["key"] == "c/s2" and change["before"]["status"] == "pending" and change["after"]["status"] == "done"
    assert entry["version_after"] == data_version(data) != entry["version_before"]


def test_undo_reverts_the_last_change_then_the_one_before_and_is_logged(record):
    data, db = record
    original = snapshot(data)
    save(data, db, edit.add_item(NEW_ITEM), "Ann")
    after_first = snapshot(data)
    save(data, db, edit.set_link(dict(item_id="c", session_id="s2", status="done")), "Bob")
    save(data, db, edit.undo(), "Cy")
    assert statuses(db)[("c", "s2")] == "pending"
    assert {k: v for k, v in snapshot(data).items() if k != "audit_log.csv"} == {
        k: v for k, v in after_first.items() if k != "audit_log.csv"
    }
    save(data, db, edit.undo(), "Cy")
    assert {k: v for k, v in snapshot(data).items() if k != "audit_log.csv"} == original
    log = read_log(data)
    assert [(e["operation"], e["reverts"]) for e in log] == [
        ("add item", ""),
        ("set link", ""),
        ("undo", "2"),
        ("undo", "1"),
    ]
    with pytest.raises(EditRefused, match="no change left to undo"):
        save(data, db, edit.undo(), "Cy")


def test_undo_of_an_added_source_removes_its_text(record):
    data, db = record
    fields = dict(source_id="wg5", title_en="Report", title_zh="报告", language="zh", original_language="en")
    save(data, db, edit.add_source(fields, "1. 报告。\n".encode()), "Ann")
    save(data, db, edit.undo(), "Ann")
    assert not (data / "sources" / "wg5.txt").exists()
    assert [r["source_id"] for r in read_rows(data, "sources")] == ["src"]


def test_undo_is_refused_when_the_row_was_changed_by_hand_since(record):
    data, db = record
    save(data, db, edit.set_title("a", title_en="By the editor"), "Ann")
    path = data / "items.csv"
    path.write_text(path.read_text().replace("By the editor", "By hand"))
    with pytest.raises(EditRefused) as err:
        save(data, db, edit.undo(), "Ann")
    assert err.value.key == "edit_row_moved" and "a" in str(err.value)


# -- the command line ---------------------------------------------------------------------------------


def _cli(record, *args):
    data, db = record
    return main([*args, "--data", str(data), "--db", str(db)])


def test_cli_records_a_session_and_an_outcome_then_undoes_it(record, capsys):
    session = [f"--{k.replace('_', '-')}={v}" for k, v in NEW_SESSION.items()]
    assert _cli(record, "session", "add", *session, "--editor", "Ann") == 0
    assert "saved entry 1: add session s4" in capsys.readouterr().out
    link = ["--status", "done", "--source-id", "src", "--source-paragraph", "3", "--quote", "议题丁"]
    assert _cli(record, "link", "set", "d", "s4", *link, "--editor", "Ann") == 0
    assert statuses(record[1])[("d", "s4")] == "done"
    assert _cli(record, "undo", "--editor", "Ann") == 0
    assert _cli(record, "log") == 0
    out = capsys.readouterr().out
    assert "undo 2: record d at s4: done (reverts 2)" in out and "add session s4" in out


def test_cli_refusals_exit_2_with_one_message(record, capsys, monkeypatch):
    monkeypatch.delenv("GAPTRACK_EDITOR", raising=False)
    assert _cli(record, "item", "retitle", "a", "--title-en", "X") == 2
    assert "Say who is making the change" in capsys.readouterr().err
    assert _cli(record, "item", "retitle", "a", "--title-en", " X", "--editor", "Ann") == 2
    err = capsys.readouterr().err
    assert err == "gaptrack: --title-en “ X”: expected no space at the start or the end. Nothing was changed.\n"
    assert _cli(record, "undo", "--editor", "Ann", "--expect-version", "0000") == 2
    assert "The record changed since you opened it" in capsys.readouterr().err
    monkeypatch.setenv("GAPTRACK_EDITOR", "Env Editor")
    assert _cli(record, "item", "retitle", "a", "--title-en", "X") == 0
    assert read_log(record[0])[-1]["editor"] == "Env Editor"


def test_cli_adds_a_source_from_a_file(record, tmp_path):
    text = tmp_path / "report.txt"
    text.write_text(SOURCE_TEXT, encoding="utf-8")
    args = [
        "--source-id",
        "rep",
        "--title-en",
        "R",
        "--title-zh",
        "报",
        "--language",
        "zh",
        "--original-language",
        "en",
    ]
    assert _cli(record, "source", "add", str(text), *args, "--editor", "Ann") == 0
    assert (record[0] / "sources" / "rep.txt").read_text(encoding="utf-8") == SOURCE_TEXT


def test_a_build_finishes_off_an_interrupted_save_first(record):
    data, db = record
    before = snapshot(data)
    child = multiprocessing.get_context("fork").Process(target=_crash_at, args=(data, db, "swapped links.csv"))
    child.start()
    child.join(60)
    assert snapshot(data) != before  # half swapped
    build(data, db)
    assert snapshot(data) == before


def test_a_thread_and_a_process_never_interleave_saves(record):
    data, db = record
    errors = []

    def worker(item):
        try:
            save(data, db, edit.set_title(item, title_en=f"t-{item}"), "Ann")
        except Exception as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=worker, args=(i,)) for i in "abc"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(read_log(data)) == 3


def test_several_titles_in_one_save_are_one_entry_and_one_undo(record):
    data, db = record
    original = (data / "items.csv").read_bytes()
    save(data, db, edit.set_titles({"a": ("Rec A2", None), "c": (None, "建议丙二"), "d": ("Topic D", None)}), "Ann")
    (entry,) = read_log(data)
    assert entry["summary"] == "retitle a, c" and len(json.loads(entry["changes"])) == 2
    titles = {r["item_id"]: (r["title_en"], r["title_zh"]) for r in read_rows(data, "items")}
    assert titles["a"] == ("Rec A2", "建议甲") and titles["c"] == ("Rec C", "建议丙二")
    save(data, db, edit.undo(), "Ann")
    assert (data / "items.csv").read_bytes() == original


def test_a_cell_holding_a_unicode_line_separator_keeps_the_lines_aligned(record):
    """Python's str.splitlines would split at U+2028; the csv reader does not. A later change
    must still replace exactly the record it names."""
    data, db = record
    save(data, db, edit.set_title("a", title_en="Rec\u2028A\x0cwith separators"), "Ann")
    save(data, db, edit.set_title("b", title_en="Rec B2"), "Ann")
    titles = {r["item_id"]: r["title_en"] for r in read_rows(data, "items")}
    assert titles["a"] == "Rec\u2028A\x0cwith separators" and titles["b"] == "Rec B2" and len(titles) == 5
    save(data, db, edit.undo(), "Ann")
    save(data, db, edit.undo(), "Ann")
    assert (data / "items.csv").read_bytes() == make_record(data.parent / "fresh").joinpath("items.csv").read_bytes()


@pytest.mark.parametrize("step", ["staged", "built", "journaled", "swapped audit_log.csv"])
def test_an_interrupted_save_leaves_an_existing_audit_log_as_it_was(record, monkeypatch, step):
    """The staging copy hard-links the files it does not change: writing the new log there must
    not write through the link into the log in data/."""
    data, db = record
    save(data, db, edit.set_title("a", title_en="First"), "Ann")
    before = snapshot(data)

    def hook(name):
        if name == step:
            raise Interrupted(name)

    monkeypatch.setattr(saving, "STEP_HOOK", hook)
    with pytest.raises(Interrupted):
        save(data, db, _two_file_edit, "Ann")
    assert snapshot(data) == before and len(read_log(data)) == 1


def test_a_refused_save_leaves_an_existing_audit_log_as_it_was(record):
    data, db = record
    save(data, db, edit.set_title("a", title_en="First"), "Ann")
    log = (data / "audit_log.csv").read_bytes()
    with pytest.raises(DataError):
        save(data, db, edit.set_title("b", title_en=" padded"), "Ann")
    assert (data / "audit_log.csv").read_bytes() == log


def test_correcting_a_sessions_dates_and_venue(record):
    data, db = record
    save(data, db, edit.set_fields("sessions", ("s3",), dict(start_date="2021-06-01", end_date="2021-06-02")), "Ann")
    row = next(r for r in read_rows(data, "sessions") if r["session_id"] == "s3")
    assert (row["start_date"], row["end_date"], row["title_en"]) == ("2021-06-01", "2021-06-02", "Third")
    (entry,) = read_log(data)
    assert entry["summary"] == "set end_date, start_date of session s3"


@pytest.mark.parametrize(
    "plan, error",
    [
        (edit.set_fields("sessions", ("s3",), dict(start_date="2020-06-01", end_date="2020-06-02")), "sequence"),
        (edit.set_fields("sessions", ("s3",), dict(end_date="2021-06-02")), "both start_date and end_date"),
        (
            edit.set_fields("sessions", ("s9",), dict(venue_en="Vienna")),
            "There is no session_id “s9” in data/sessions.csv",
        ),
        (edit.set_fields("sessions", ("s3",), dict(session_id="s4")), "the key (session_id) cannot be changed"),
        (edit.set_fields("items", ("a",), dict(heading="health")), "column 'heading': found 'health'"),
    ],
)
def test_correcting_fields_is_validated_like_a_build(record, plan, error):
    data, db = record
    before = snapshot(data)
    with pytest.raises((DataError, UsageError)) as err:
        save(data, db, plan, "Ann")
    assert error in str(err.value) and snapshot(data) == before


def test_cli_corrects_a_session_and_an_item(record, capsys):
    assert _cli(record, "session", "set", "s3", "--venue-en", "Vienna", "--venue-zh", "维也纳", "--editor", "Ann") == 0
    note = ("--note", "checked against the report", "--note-zh", "已对照报告核对")
    assert _cli(record, "item", "set", "a", *note, "--editor", "Ann") == 0
    sessions = {r["session_id"]: r for r in read_rows(record[0], "sessions")}
    items = {r["item_id"]: r for r in read_rows(record[0], "items")}
    assert sessions["s3"]["venue_zh"] == "维也纳" and items["a"]["note"] == "checked against the report"
    assert _cli(record, "session", "set", "s3", "--venue-en", "Vienna", "--editor", "Ann") == 2
    assert "nothing to save" in capsys.readouterr().err


def test_adding_a_cited_document_and_linking_a_status_to_it(record, capsys):
    args = ["--document-id", "sym-2021-2", "--symbol", "SYM/2021/2", "--session-id", "s3"]
    args += ["--cited-for-en", "Report", "--cited-for-zh", "报告", "--source-id", "src", "--source-paragraph", "fn1"]
    args += ["--quote", "SYM/2020/1", "--cited-in-paragraph", "2", "--editor", "Ann"]
    assert _cli(record, "document", "add", *args) == 0
    assert _cli(record, "link", "set", "d", "s3", "--document-id", "sym-2021-2", "--editor", "Ann") == 0
    links = {(r["item_id"], r["session_id"]): r for r in read_rows(record[0], "links")}
    assert links[("d", "s3")]["document_id"] == "sym-2021-2"
    other = [{"s3": "s9", "sym-2021-2": "sym-2021-3"}.get(a, a) for a in args]
    assert _cli(record, "document", "add", *other) == 2
    assert "There is no session_id “s9” in data/sessions.csv. Nothing was changed." in capsys.readouterr().err


@pytest.mark.parametrize(
    "payload, says",
    [(None, "expected the plain-text file of a document"), (b"1. \x00\x01 PK", "binary data (NUL bytes)")],
)
def test_cli_refuses_a_source_file_that_is_not_a_text(record, tmp_path, capsys, payload, says):
    path = tmp_path / "report.txt"
    if payload is not None:
        path.write_bytes(payload)
    args = [
        "--source-id",
        "rep",
        "--title-en",
        "R",
        "--title-zh",
        "报",
        "--language",
        "zh",
        "--original-language",
        "en",
    ]
    before = snapshot(record[0])
    assert _cli(record, "source", "add", str(path), *args, "--editor", "Ann") == 2
    assert says in capsys.readouterr().err and snapshot(record[0]) == before
