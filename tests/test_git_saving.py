"""Saves as git commits (GAPTRACK_GIT=1), with two servers' clones of one bare repository:
each save is a commit (author = the editor, message = the audit summary, only the files the save
changed), pulled before and pushed after; a save on one clone sees the other's; a push rejected
because the other pushed first refuses the save and loses nothing; the setting off makes no
commit. Real git, real files, real databases."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from fixtures import make_record

from transforms.database.build import build, built_version
from transforms.editing import edit, saving
from transforms.editing.audit import read_log
from transforms.editing.saving import read_rows, save
from transforms.record.errors import EditRefused
from transforms.record.load import data_version

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

RETITLE = edit.set_title("a", title_zh="建议甲（修订）")
RECORD = edit.set_link(dict(item_id="c", session_id="s2", status="done"))


def git(folder: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "setup", "GIT_AUTHOR_EMAIL": "setup@example.org"}
    env |= {"GIT_COMMITTER_NAME": "setup", "GIT_COMMITTER_EMAIL": "setup@example.org"}
    done = subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, check=True, env={**os.environ, **env}
    )
    return done.stdout.strip()


@pytest.fixture
def servers(tmp_path, monkeypatch, base_db):
    """A bare repository holding a record in data/, and two clones of it (two servers), each with
    its database built (a copy of the one built once per run from the same files: conftest.base_db);
    the setting on."""
    bare = tmp_path / "record.git"
    subprocess.run(["git", "init", "--quiet", "--bare", "--initial-branch=main", str(bare)], check=True)
    seed = tmp_path / "seed"
    subprocess.run(["git", "clone", "--quiet", str(bare), str(seed)], check=True, capture_output=True)
    make_record(seed / "data")
    (seed / ".gitignore").write_text("data/.gaptrack.lock\ndata/.gaptrack-save*\n", encoding="utf-8")
    git(seed, "add", "--all")
    git(seed, "commit", "--quiet", "-m", "the record")
    git(seed, "push", "--quiet", "origin", "main")
    clones = []
    for name in ("one", "two"):
        clone = tmp_path / name
        subprocess.run(["git", "clone", "--quiet", str(bare), str(clone)], check=True, capture_output=True)
        shutil.copyfile(base_db, tmp_path / f"{name}.duckdb")
        clones.append((clone, clone / "data", tmp_path / f"{name}.duckdb"))
    monkeypatch.setenv("GAPTRACK_GIT", "1")
    monkeypatch.delenv("GIT_AUTHOR_NAME", raising=False)
    return bare, clones


def log_of(folder: Path, revision: str = "HEAD") -> dict[str, str]:
    fields = git(folder, "log", "-1", "--format=%an%x00%ae%x00%s%x00%cn", revision).split("\x00")
    files = git(folder, "show", "--name-only", "--format=", revision).splitlines()
    return {"author": fields[0], "email": fields[1], "message": fields[2], "committer": fields[3], "files": files}


def test_a_save_is_a_commit_by_the_editor_pushed_to_the_remote(servers):
    bare, [(one, data, db), _] = servers
    saved = save(data, db, RETITLE, "Ann Lee")
    commit = log_of(one)
    assert commit["author"] == "Ann Lee" and commit["message"] == saved.summary == read_log(data)[-1]["summary"]
    assert sorted(commit["files"]) == ["data/audit_log.csv", "data/items.csv"]
    assert git(one, "status", "--porcelain") == ""
    assert git(bare, "rev-parse", "main") == git(one, "rev-parse", "HEAD")
    assert built_version(db)[0] == data_version(data)


def test_the_other_server_pulls_before_it_saves(servers):
    bare, [(one, data_one, db_one), (two, data_two, db_two)] = servers
    save(data_one, db_one, RETITLE, "Ann")
    save(data_two, db_two, RECORD, "Bo")  # pulls Ann's commit first, then adds its own
    assert [log_of(two, "HEAD~1")["author"], log_of(two)["author"]] == ["Ann", "Bo"]
    assert git(bare, "rev-parse", "main") == git(two, "rev-parse", "HEAD")
    assert next(r for r in read_rows(data_two, "items") if r["item_id"] == "a")["title_zh"] == "建议甲（修订）"
    assert [e["editor"] for e in read_log(data_two)] == ["Ann", "Bo"]
    assert built_version(db_two)[0] == data_version(data_two)


def test_a_view_older_than_what_the_pull_brings_is_stale(servers):
    _, [(_, data_one, db_one), (_, data_two, db_two)] = servers
    seen = data_version(data_two)
    save(data_one, db_one, RETITLE, "Ann")
    with pytest.raises(EditRefused) as refused:
        save(data_two, db_two, RECORD, "Bo", base_version=seen)
    assert refused.value.key == "edit_stale"
    # the pull was kept and the database rebuilt from it, so a reload shows Ann's change
    assert built_version(db_two)[0] == data_version(data_two) != seen


def test_a_rejected_push_refuses_the_save_and_loses_nothing(servers, monkeypatch):
    """Bo's server pushes between Ann's pull and Ann's push: Ann's save is refused, her clone is
    put back and brought up to Bo's commit, the remote keeps Bo's commit, nothing is left half done."""
    bare, [(one, data_one, db_one), (two, data_two, db_two)] = servers
    version_before = data_version(data_one)
    fired = []

    def meanwhile(step: str) -> None:
        if step == "committed" and not fired:
            fired.append(step)
            save(data_two, db_two, RECORD, "Bo")

    monkeypatch.setattr(saving, "STEP_HOOK", meanwhile)
    with pytest.raises(EditRefused) as refused:
        save(data_one, db_one, RETITLE, "Ann", base_version=version_before)
    assert refused.value.key == "edit_git_rejected" and fired
    monkeypatch.setattr(saving, "STEP_HOOK", None)
    assert git(bare, "rev-parse", "main") == git(one, "rev-parse", "HEAD") == git(two, "rev-parse", "HEAD")
    assert log_of(one)["author"] == "Bo"
    assert git(one, "status", "--porcelain") == ""
    assert [e["editor"] for e in read_log(data_one)] == ["Bo"]  # Ann's refused save left no entry
    assert next(r for r in read_rows(data_one, "items") if r["item_id"] == "a")["title_zh"] != "建议甲（修订）"
    assert built_version(db_one)[0] == data_version(data_one) == data_version(data_two)
    # Ann reloads and saves again: it goes through on top of Bo's
    save(data_one, db_one, RETITLE, "Ann", base_version=data_version(data_one))
    assert [log_of(bare, "main~1")["author"], log_of(bare, "main")["author"]] == ["Bo", "Ann"]


def test_undo_is_a_commit_too(servers):
    _, [(one, data, db), _] = servers
    save(data, db, RETITLE, "Ann")
    saved = save(data, db, edit.undo(), "Ann")
    assert log_of(one)["message"] == saved.summary
    assert git(one, "diff", "HEAD~2", "HEAD", "--", "data/items.csv") == ""


def test_setting_off_makes_no_commit(servers, monkeypatch):
    _, [(one, data, db), _] = servers
    monkeypatch.delenv("GAPTRACK_GIT")
    head = git(one, "rev-parse", "HEAD")
    save(data, db, RETITLE, "Ann")
    assert git(one, "rev-parse", "HEAD") == head and "data/items.csv" in git(one, "status", "--porcelain")


def test_a_data_folder_outside_git_is_refused_with_the_setting_on(tmp_path, monkeypatch):
    data = make_record(tmp_path / "data")
    build(data, tmp_path / "db.duckdb")
    version = data_version(data)
    monkeypatch.setenv("GAPTRACK_GIT", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(EditRefused) as refused:
        save(data, tmp_path / "db.duckdb", RETITLE, "Ann")
    assert refused.value.key == "edit_git_none" and data_version(data) == version


def test_what_changed_lists_saved_edits_as_commits(servers):
    from transforms.reports.diff import data_revisions, diff_sides

    _, [(one, data, db), _] = servers
    first = save(data, db, RETITLE, "Ann")
    second = save(data, db, RECORD, "Bo")
    revisions = data_revisions(one, data_dir=data)
    assert list(zip(revisions.author, revisions.subject))[:2] == [("Bo", second.summary), ("Ann", first.summary)]
    changed = diff_sides("HEAD~2", "HEAD~1", data_dir=data, repo=one)
    assert list(changed.items_changed.item_id) == ["a"] and changed.status_changes.empty
