"""gaptrack diff: what changed between two records (folders or git revisions), on small records built in code.

The fixture record (tests/fixtures.py):
  a (prevention)    done at s1
  b (prevention)    proposed at s1, done at s2
  c (protection)    pending at s2, proposed again at s3
  d (protection)    proposed at s3
  e (partnerships)  pending at s1, proposed at s2
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from fixtures import BASE, SHIPPED_DATA, copy_shipped, make_record

from transforms.cli import main
from transforms.cli.diff import diff_text
from transforms.cli.terminal import display_width
from transforms.database.build import build
from transforms.database.queries import Filters, Store, coverage_by_heading
from transforms.presentation.i18n import t
from transforms.record.errors import DataError, UsageError
from transforms.reports import diff as diff_module
from transforms.reports.diff import CATEGORIES, data_revisions, diff_records, diff_sides, resolve_side

COUNTS = ["done", "pending", "proposed", "total"]


def rows(table: str) -> list[dict]:
    return [dict(row) for row in BASE[table]]


def link(item_id: str, session_id: str, status: str) -> dict:
    return dict(
        item_id=item_id,
        session_id=session_id,
        status=status,
        document_id="",
        source_id="src",
        source_paragraph="3",
        quote="第三段",
        note="",
    )


def with_status(item_id: str, session_id: str, status: str) -> list[dict]:
    """The base links with one link's status changed."""
    links = rows("links")
    for row in links:
        if (row["item_id"], row["session_id"]) == (item_id, session_id):
            row["status"] = status
    return links


def new_item(item_id: str, heading: str = "prosecution", title_en: str = "Topic F") -> dict:
    return dict(rows("items")[3], item_id=item_id, heading=heading, title_en=title_en, title_zh="议题己")


def new_session() -> dict:
    return dict(rows("sessions")[2], session_id="s4", number=4, sequence=4, title_en="Fourth", title_zh="第四届")


def pairs(frame, *columns) -> list[tuple]:
    return [tuple(None if v != v else v for v in row) for row in frame[list(columns)].itertuples(index=False)]


def non_empty(diff) -> set[str]:
    return {name for name, frame in diff.frames().items() if name != "summary" and len(frame)}


@pytest.fixture
def old(tmp_path) -> Path:
    return make_record(tmp_path / "old")


def diff_against(old: Path, tmp_path: Path, lang: str = "en", **tables):
    return diff_records(old, make_record(tmp_path / "new", **tables), lang)


def test_identical_folders_have_no_differences(old, tmp_path):
    diff = diff_against(old, tmp_path)
    assert diff.empty and non_empty(diff) == set()
    assert list(diff.summary["count"]) == [0] * 9
    assert diff.old_version == diff.new_version


def test_shipped_record_against_a_copy_of_itself(tmp_path):
    diff = diff_records(SHIPPED_DATA, copy_shipped(tmp_path / "copy"), "zh")
    assert diff.empty and diff.summary["label"].iloc[0] == "新增的条目"


def test_item_added(old, tmp_path):
    diff = diff_against(
        old, tmp_path, items=[*rows("items"), new_item("f")], links=[*rows("links"), link("f", "s3", "pending")]
    )
    assert non_empty(diff) == {"items_added", "status_changes", "coverage_moves"}
    assert pairs(diff.items_added, "item_id", "kind", "heading", "heading_label", "title", "status") == [
        ("f", "topic", "prosecution", "Prosecution", "Topic F", "pending")
    ]
    assert pairs(diff.status_changes, "item_id", "session_id", "before", "after", "after_label") == [
        ("f", "s3", None, "pending", "Pending")
    ]
    assert pairs(diff.coverage_moves, "heading", "pending_before", "pending_after", "pending_change") == [
        ("prosecution", 0, 1, 1)
    ]


def test_item_without_links_added_is_not_yet_on_the_record(old, tmp_path):
    diff = diff_against(old, tmp_path, items=[*rows("items"), new_item("f")])
    assert non_empty(diff) == {"items_added"}
    assert pairs(diff.items_added, "item_id", "status") == [("f", None)]


def test_items_added_in_heading_order(old, tmp_path):
    added = [new_item("f", "prosecution"), new_item("h", "prevention"), new_item("g", "prevention")]
    diff = diff_against(old, tmp_path, items=[*rows("items"), *added])
    assert pairs(diff.items_added, "item_id", "heading") == [
        ("g", "prevention"),
        ("h", "prevention"),
        ("f", "prosecution"),
    ]


def test_item_removed(old, tmp_path):
    items = [row for row in rows("items") if row["item_id"] != "d"]
    links = [row for row in rows("links") if row["item_id"] != "d"]
    diff = diff_against(old, tmp_path, items=items, links=links)
    assert non_empty(diff) == {"items_removed", "status_changes", "coverage_moves"}
    assert pairs(diff.items_removed, "item_id", "title", "status") == [("d", "Topic D", "proposed")]
    assert pairs(diff.status_changes, "item_id", "session_id", "before", "after") == [("d", "s3", "proposed", None)]
    assert pairs(diff.coverage_moves, "heading", "proposed_before", "proposed_after", "total_change") == [
        ("protection", 1, 0, -1)
    ]


def test_title_changed_in_both_languages(old, tmp_path):
    items = rows("items")
    items[2].update(title_en="Rec C, revised", title_zh="建议丙（修订）", note="Checked", note_zh="已核对")
    diff = diff_against(old, tmp_path, "zh", items=items)
    assert non_empty(diff) == {"items_changed"}
    assert pairs(diff.items_changed, "item_id", "title", "field", "before", "after") == [
        ("c", "建议丙（修订）", "title_en", "Rec C", "Rec C, revised"),
        ("c", "建议丙（修订）", "title_zh", "建议丙", "建议丙（修订）"),
        ("c", "建议丙（修订）", "note", None, "Checked"),  # an empty cell filled in
        ("c", "建议丙（修订）", "note_zh", None, "已核对"),
    ]


def test_heading_moved_shows_as_a_field_and_in_coverage(old, tmp_path):
    items = rows("items")
    items[0].update(heading="prosecution")  # a: done
    diff = diff_against(old, tmp_path, items=items)
    assert pairs(diff.items_changed, "item_id", "field", "before", "after") == [
        ("a", "heading", "prevention", "prosecution")
    ]
    assert pairs(diff.coverage_moves, "heading", "done_before", "done_after", "done_change") == [
        ("prevention", 2, 1, -1),
        ("prosecution", 0, 1, 1),
    ]


def test_status_raised_at_a_session(old, tmp_path):
    diff = diff_against(old, tmp_path, "zh", links=with_status("c", "s2", "done"))
    assert non_empty(diff) == {"status_changes", "coverage_moves"}
    assert pairs(diff.status_changes, "item_id", "session_id", "session_title", "before", "before_label", "after",
                 "after_label") == [("c", "s2", "第二届", "pending", "待定", "done", "已完成")]  # fmt: skip
    moved = diff.coverage_moves.iloc[0]
    assert moved["heading"] == "protection" and moved["heading_label"] == "保护"
    assert [int(moved[f"{s}_{when}"]) for when in ("before", "after") for s in COUNTS] == [0, 1, 1, 2, 1, 0, 1, 2]


def test_link_removed_without_moving_coverage(old, tmp_path):
    links = [row for row in rows("links") if (row["item_id"], row["session_id"]) != ("b", "s1")]
    diff = diff_against(old, tmp_path, links=links)
    assert non_empty(diff) == {"status_changes"}  # b is still done (at s2): no heading moved
    assert pairs(diff.status_changes, "item_id", "session_id", "before", "after", "after_label") == [
        ("b", "s1", "proposed", None, None)
    ]


def test_session_added(old, tmp_path):
    diff = diff_against(
        old, tmp_path, sessions=[*rows("sessions"), new_session()], links=[*rows("links"), link("d", "s4", "done")]
    )
    assert non_empty(diff) == {"sessions_added", "status_changes", "coverage_moves"}
    assert pairs(diff.sessions_added, "session_id", "body", "sequence", "title", "start_date") == [
        ("s4", "cop", 4, "Fourth", None)
    ]
    assert pairs(diff.status_changes, "item_id", "session_id", "sequence", "before", "after") == [
        ("d", "s4", 4, None, "done")
    ]


def test_session_removed_and_changes_in_session_order(tmp_path):
    old = make_record(tmp_path / "old", sessions=[*rows("sessions"), new_session()],
                      links=[*rows("links"), link("d", "s4", "done")])  # fmt: skip
    diff = diff_against(old, tmp_path, links=with_status("e", "s1", "done"))
    assert pairs(diff.sessions_removed, "session_id", "title") == [("s4", "Fourth")]
    assert pairs(diff.status_changes, "item_id", "session_id", "before", "after") == [
        ("e", "s1", "pending", "done"),
        ("d", "s4", "done", None),
    ]


def coverage_of(data_dir: Path, db: Path) -> dict[str, tuple[int, ...]]:
    build(data_dir, db)
    with Store(db) as store:
        frame = coverage_by_heading(store, Filters())
    return {r["heading"]: tuple(int(r[c]) for c in COUNTS) for _, r in frame.iterrows()}


def test_coverage_moves_match_coverage_by_heading_on_each_side(old, tmp_path):
    items = [*rows("items"), new_item("f", heading="partnerships")]
    links = [*with_status("c", "s2", "done"), link("f", "s3", "done")]
    links = [row for row in links if row["item_id"] != "a"]
    new = make_record(tmp_path / "new", items=items, links=links)
    diff = diff_records(old, new, "en")
    before, after = coverage_of(old, tmp_path / "o.duckdb"), coverage_of(new, tmp_path / "n.duckdb")
    moved = [h for h in before if before[h] != after[h]]
    assert moved == ["prevention", "protection", "partnerships"]
    assert list(diff.coverage_moves["heading"]) == moved
    for _, row in diff.coverage_moves.iterrows():
        assert tuple(int(row[f"{c}_before"]) for c in COUNTS) == before[row["heading"]]
        assert tuple(int(row[f"{c}_after"]) for c in COUNTS) == after[row["heading"]]
        assert tuple(int(row[f"{c}_change"]) for c in COUNTS) == tuple(
            a - b for a, b in zip(after[row["heading"]], before[row["heading"]], strict=True)
        )


def test_invalid_side_is_named(old, tmp_path):
    items = rows("items")
    items[1]["heading"] = "preventon"
    bad = make_record(tmp_path / "bad", items=items)
    with pytest.raises(DataError) as err:
        diff_records(old, bad, "en")
    assert str(err.value).startswith("new side: bad/items.csv, line 3, column 'heading'")


# Git revisions ------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false",
         *args], capture_output=True, check=True, text=True)  # fmt: skip
    return done.stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git checkout: a commit without data/, the fixture record, c raised to done at s2; then in the
    working tree (not committed) item f added."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "README.txt").write_text("notes\n")
    git(repo, "add", "README.txt")
    git(repo, "commit", "-q", "-m", "Start without data")
    make_record(repo / "data")
    git(repo, "add", "data")
    git(repo, "commit", "-q", "-m", "Record the fixture")
    make_record(repo / "data", links=with_status("c", "s2", "done"))
    git(repo, "commit", "-q", "-am", "c adopted at s2")
    (repo / "README.txt").write_text("more notes\n")
    git(repo, "commit", "-q", "-am", "Notes only")
    make_record(repo / "data", items=[*rows("items"), new_item("f")], links=with_status("c", "s2", "done"))
    return repo


def test_revision_against_revision_and_worktree(repo):
    state = git(repo, "status", "--porcelain"), git(repo, "diff", "--cached")
    committed = diff_sides("HEAD~2", "HEAD", "en", data_dir=repo / "data")
    assert non_empty(committed) == {"status_changes", "coverage_moves"}
    assert pairs(committed.status_changes, "item_id", "session_id", "before", "after") == [
        ("c", "s2", "pending", "done")
    ]
    worktree = diff_sides("HEAD", data_dir=repo / "data")
    assert non_empty(worktree) == {"items_added"}
    assert pairs(worktree.items_added, "item_id") == [("f",)]
    assert (git(repo, "status", "--porcelain"), git(repo, "diff", "--cached")) == state  # nothing touched


def test_resolve_side_extracts_a_revision_and_passes_folders(repo, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    extracted = resolve_side("HEAD~1", repo, work)
    assert (
        extracted.is_relative_to(work)
        and (extracted / "items.csv").read_bytes() == git(repo, "show", "HEAD~1:data/items.csv").encode()
    )
    assert resolve_side("WORKTREE", repo, work) == repo / "data"
    assert resolve_side(str(tmp_path), repo, work) == tmp_path


@pytest.mark.parametrize(
    "revision, message",
    [
        ("no-such-rev", "'no-such-rev' is neither a data folder nor a revision of the git repository at"),
        ("--output=/tmp/x", "'--output=/tmp/x' is not accepted as a revision: a revision may not start with '-'"),
        ("-n1", "'-n1' is not accepted as a revision"),
        ("HEAD~3", "revision 'HEAD~3' (commit "),  # the first commit, before data/ existed
    ],
)
def test_bad_revision_is_refused(repo, capsys, revision, message):
    assert main(["diff", "--data", str(repo / "data"), "--", revision]) == 2
    out, err = capsys.readouterr()
    assert message in err and "Traceback" not in err and out == ""
    if revision == "HEAD~3":
        assert "has no data folder 'data'" in err


def test_revision_outside_git_is_refused(tmp_path):
    data = make_record(tmp_path / "data")
    with pytest.raises(UsageError, match="'HEAD' is neither a data folder nor a revision: .* is not in a git checkout"):
        diff_sides("HEAD", data_dir=data, repo=tmp_path)


def test_revision_with_invalid_data_names_the_side(repo, capsys):
    items = rows("items")
    items[1]["heading"] = "preventon"
    make_record(repo / "data", items=items)
    git(repo, "commit", "-q", "-am", "A typo")
    make_record(repo / "data")
    assert main(["diff", "HEAD", "--data", str(repo / "data")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gaptrack: old side (HEAD): data/items.csv, line 3, column 'heading': found 'preventon'")


def test_data_revisions_lists_commits_that_touched_data(repo, tmp_path):
    revisions = data_revisions(repo)
    assert list(revisions.columns) == ["commit", "date", "author", "subject"]
    assert list(revisions["subject"]) == ["c adopted at s2", "Record the fixture"]
    assert list(revisions["commit"]) == [
        git(repo, "rev-parse", "HEAD~1").strip(),
        git(repo, "rev-parse", "HEAD~2").strip(),
    ]
    assert set(revisions["author"]) == {"Test"} and all(len(d) == 16 for d in revisions["date"])
    assert len(data_revisions(repo, limit=1)) == 1
    assert data_revisions(make_record(tmp_path / "plain")).empty


# The command --------------------------------------------------------------------------------


def section(out: str, title: str) -> list[str]:
    """The lines of one section of the printed diff: its title, then the table up to a blank line."""
    lines = out.splitlines()
    start = lines.index(title)
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


def test_cli_prints_the_changes_in_english(old, tmp_path, capsys):
    new = make_record(tmp_path / "new", links=with_status("c", "s2", "done"))
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"What changed from {old} to {new}\nData version ")
    assert section(out, "Status changes at sessions (1)")[3].split() == ["Second", "c", "Rec", "C", "Pending", "Done"]
    coverage = section(out, "Headings whose coverage moved (items of every kind counted together) (1)")
    assert coverage[3].split() == ["Protection", "0", "→", "1", "(+1)", "1", "→", "0", "(-1)", "1", "2"]
    assert "Items added" in out and "Items added (" not in out  # counted in the summary, no empty section


def test_cli_prints_the_changes_in_chinese_aligned(old, tmp_path, capsys):
    items = [*rows("items"), new_item("f")]
    new = make_record(tmp_path / "new", items=items, links=[*with_status("c", "s2", "done"), link("f", "s3", "done")])
    assert main(["diff", str(old), str(new), "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("变化：") and "没有差异" not in out
    added = section(out, "新增的条目（1）")
    assert added[3].split() == ["f", "议题", "起诉", "已完成", "议题己"]
    coverage = section(out, "落实情况有变化的标题（各类条目合计）（2）")
    assert [line.split()[0] for line in coverage[3:]] == ["保护", "起诉"]
    widths = {display_width(line) for line in coverage[1:]}
    assert len(widths) == 1  # right-aligned numbers: wide characters counted twice


def test_cli_says_no_differences(old, tmp_path, capsys):
    assert main(["diff", str(old), str(make_record(tmp_path / "same")), "--lang", "zh"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("没有差异。")
    assert main(["diff", str(old), "--data", str(old)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"What changed from {old} to the current data folder") and out.rstrip().endswith(
        "No differences."
    )


def read_csv(path: Path) -> list[dict]:
    payload = path.read_bytes()
    assert payload.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(payload.decode("utf-8-sig"), newline="")))


def test_cli_writes_one_csv_per_frame(old, tmp_path, capsys):
    items = [*rows("items"), new_item("f", title_en='=HYPERLINK("http://x")')]
    new = make_record(tmp_path / "new", items=items, links=with_status("c", "s2", "done"))
    out = tmp_path / "out"
    assert main(["diff", str(old), str(new), "--out", str(out)]) == 0
    assert "Wrote 10 CSV files to" in capsys.readouterr().out
    files = {p.name.removeprefix("gaptrack-diff-").rsplit("-", 3)[0]: p for p in out.iterdir()}
    assert sorted(files) == sorted(name.replace("_", "-") for name in diff_records(old, new, "en").frames())
    assert all(p.name.endswith("-en.csv") for p in files.values())
    assert [r["title"] for r in read_csv(files["items-added"])] == ['\'=HYPERLINK("http://x")']
    changes = read_csv(files["status-changes"])
    assert [(r["item_id"], r["session_id"], r["before"], r["after"]) for r in changes] == [
        ("c", "s2", "pending", "done")
    ]
    assert read_csv(files["items-removed"]) == [] and files["items-removed"].read_bytes().endswith(b"\r\n")
    summary = {r["category"]: int(r["count"]) for r in read_csv(files["summary"])}
    assert summary["items_added"] == 1 and summary["status_changes"] == 1 and summary["sessions_added"] == 0


def test_cli_shows_where_a_long_value_changed(tmp_path, capsys):
    items = rows("items")
    items[0]["title_en"] = "Rec A: " + "word " * 20 + "as first written"
    old = make_record(tmp_path / "old", items=items)
    items[0]["title_en"] = "Rec A: " + "word " * 20 + "as revised"
    assert main(["diff", str(old), str(make_record(tmp_path / "new", items=items))]) == 0
    row = section(capsys.readouterr().out, "Item fields edited (1)")[3]
    assert row.endswith("…ord word as first written  …ord word as revised")  # 12 characters before the change


def test_cli_help(capsys):
    with pytest.raises(SystemExit) as done:
        main(["diff", "--help"])
    assert done.value.code == 0 and "WORKTREE" in capsys.readouterr().out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_category_printed_in_both_languages(tmp_path, lang):
    items = [row for row in rows("items") if row["item_id"] != "d"]
    items[0]["title_en"] = "Rec A, revised"
    links = [row for row in with_status("c", "s2", "done") if row["item_id"] != "d"]
    sessions = rows("sessions")
    sessions[1]["venue_en"] = "Geneva"  # corrected to no venue on the new side
    old = make_record(tmp_path / "older", sessions=[*sessions, new_session()])
    addresses = [dict(rows("addresses")[0], rationale_en="Revised")]
    new = make_record(
        tmp_path / "newer",
        items=[*items, new_item("f")],
        links=[*links, link("f", "s3", "done")],
        addresses=addresses,
    )
    diff = diff_records(old, new, lang)
    assert all(len(frame) for frame in diff.frames().values() if frame is not diff.sessions_added)
    text = diff_text(diff, lang, "old", "new")
    for name in CATEGORIES:
        title = t(lang, "diff_section", name=t(lang, f"diff_{name}"), count=len(getattr(diff, name)))
        assert (title in text.splitlines()) == (name != "sessions_added")
    removed = section(text, t(lang, "diff_section", name=t(lang, "diff_sessions_removed"), count=1))[3]
    body, title = ("COP", "Fourth") if lang == "en" else ("缔约方会议", "第四届")
    assert re.split(" {2,}", removed.strip()) == ["s4", title, body, t(lang, "not_given"), t(lang, "not_given")]


def test_a_corrected_session_shows_each_field_that_changed(old, tmp_path):
    sessions = rows("sessions")
    sessions[2].update(start_date="2022-03-01", end_date="2022-03-02", venue_zh="维也纳")
    new = make_record(tmp_path / "new", sessions=sessions)
    diff = diff_records(old, new, "zh")
    assert non_empty(diff) == {"sessions_changed"}
    assert pairs(diff.sessions_changed, "session_id", "title", "field", "before", "after") == [
        ("s3", "第三届", "start_date", None, "2022-03-01"),
        ("s3", "第三届", "end_date", None, "2022-03-02"),
        ("s3", "第三届", "venue_zh", None, "维也纳"),
    ]


def test_both_languages_of_one_comparison_build_each_side_once_and_equal_each_language_alone(
    old, tmp_path, monkeypatch
):
    """diff_records_in (the What changed page's comparison, kept for both languages) gives in each
    language exactly what diff_records gives in it, from one build of each side."""
    new = make_record(
        tmp_path / "new", items=[*rows("items"), new_item("f")], links=[*rows("links"), link("f", "s3", "pending")]
    )
    builds = []
    real_build = diff_module.build
    monkeypatch.setattr(diff_module, "build", lambda data, db: builds.append(data) or real_build(data, db))
    both = diff_module.diff_records_in(old, new)
    assert len(builds) == 2 and set(both) == {"en", "zh"}
    for lang in ("en", "zh"):
        alone = diff_records(old, new, lang)
        for field in dataclasses.fields(alone):
            mine, theirs = getattr(both[lang], field.name), getattr(alone, field.name)
            if isinstance(theirs, pd.DataFrame):
                pd.testing.assert_frame_equal(mine, theirs)
            else:
                assert mine == theirs
    assert not both["en"].empty and both["en"].summary["label"].iloc[0] != both["zh"].summary["label"].iloc[0]
    with pytest.raises(UsageError, match="unknown language 'fr'"):
        diff_module.diff_records_in(old, new, ("en", "fr"))
