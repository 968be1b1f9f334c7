"""The relation "item addresses Plan requirement" (data/addresses.csv): validated by the build
with one message naming file, line and column; a table in the database; editable through the
same save, audit log and undo as every other table (CLI and edit plans); known to the diff."""

from __future__ import annotations

import pytest
from fixtures import BASE, SHIPPED_DATA, make_record

from transforms.cli import main
from transforms.database.build import build
from transforms.database.queries import Store
from transforms.editing.addresses import remove_address, set_address
from transforms.editing.edit import undo
from transforms.editing.saving import read_log, read_rows, save
from transforms.record.errors import DataError
from transforms.reports.diff import diff_records

ROW = BASE["addresses"][0]


def relation(**changes) -> dict:
    return dict(ROW, **changes)


def test_the_table_is_built(store):
    rows = store.con.execute("SELECT item_id, requirement_id, basis FROM record.addresses").fetchall()
    assert rows == [("c", "e", "curated")]


def test_a_record_without_the_file_builds_with_no_relations(tmp_path):
    folder = make_record(tmp_path / "data")
    (folder / "addresses.csv").unlink()
    build(folder, tmp_path / "db.duckdb")
    with Store(tmp_path / "db.duckdb") as store:
        assert store.con.execute("SELECT count(*) FROM record.addresses").fetchone() == (0,)


@pytest.mark.parametrize(
    "rows, message",
    [
        (
            [relation(requirement_id="a")],
            "data/addresses.csv, line 2, column 'requirement_id': found 'a'; expected an item of kind requirement",
        ),
        (
            [relation(item_id="e", requirement_id="e")],
            "data/addresses.csv, line 2, column 'item_id': found 'e'; expected a recommendation or topic",
        ),
        (
            [relation(requirement_id="zz")],
            "data/addresses.csv, line 2, column 'requirement_id': found 'zz'; expected a item_id listed in items.csv",
        ),
        ([relation(rationale_zh="")], "data/addresses.csv, line 2, column 'rationale_zh': found ''; expected a value"),
        ([relation(rationale_en="")], "data/addresses.csv, line 2, column 'rationale_en': found ''; expected a value"),
        ([relation(basis="judged")], "column 'basis': found 'judged'; expected one of: source, curated"),
        (
            [ROW, relation(rationale_en="again")],
            "line 3, column 'item_id+requirement_id': found 'c/e'; expected a value not used before",
        ),
        ([relation(basis="source")], "line 2, column 'source_id': found ''; expected a source_id when basis is source"),
        (
            [relation(basis="source", source_id="src", source_paragraph="2", quote="不在这里")],
            "line 2, column 'quote': found '不在这里'; expected wording that stands exactly in paragraph 2",
        ),
    ],
)
def test_bad_relations_are_refused_with_one_message(tmp_path, rows, message):
    folder = make_record(tmp_path / "data", addresses=rows)
    db = tmp_path / "db.duckdb"
    with pytest.raises(DataError) as caught:
        build(folder, db)
    assert message in str(caught.value)
    assert not db.exists()


def test_a_relation_the_source_states_carries_its_provenance(tmp_path):
    rows = [relation(basis="source", source_id="src", source_paragraph="2", quote="推迟了建议丙")]
    build(make_record(tmp_path / "data", addresses=rows), tmp_path / "db.duckdb")


def test_the_shipped_relations_are_curated_with_reasons_in_both_languages():
    rows = read_rows(SHIPPED_DATA, "addresses")
    pairs = {(r["item_id"], r["requirement_id"]) for r in rows}
    assert {("rec-wg1-06", "req-gpa-22"), ("rec-wg1-07", "req-gpa-30"), ("rec-wg2-04", "req-gpa-30")} <= pairs
    assert {("topic-p11-3", "req-gpa-30"), ("rec-wg1-12", "req-gpa-16"), ("rec-wg1-11", "req-gpa-53")} <= pairs
    assert all(r["basis"] == "curated" and r["rationale_en"] and r["rationale_zh"] for r in rows)


def test_set_change_remove_and_undo_are_saved_and_logged(tmp_path):
    folder, db = make_record(tmp_path / "data"), tmp_path / "db.duckdb"
    build(folder, db)
    fields = dict(
        item_id="d", requirement_id="e", basis="curated", rationale_en="Topic D takes up E", rationale_zh="丁"
    )
    saved = save(folder, db, set_address(fields), "Ana")
    assert saved.summary == "record d addresses e (curated)"
    assert [(r["item_id"], r["requirement_id"]) for r in read_rows(folder, "addresses")] == [("c", "e"), ("d", "e")]
    save(folder, db, set_address(dict(item_id="d", requirement_id="e", rationale_zh="丁处理戊")), "Ana")
    assert read_rows(folder, "addresses")[1]["rationale_zh"] == "丁处理戊"
    assert read_rows(folder, "addresses")[1]["rationale_en"] == "Topic D takes up E"  # kept
    save(folder, db, remove_address("c", "e"), "Ana")
    assert [r["item_id"] for r in read_rows(folder, "addresses")] == ["d"]
    assert [e["operation"] for e in read_log(folder)] == ["set address", "set address", "remove address"]
    save(folder, db, undo(), "Ana")
    assert [r["item_id"] for r in read_rows(folder, "addresses")] == ["d", "c"]
    with Store(db) as store:
        assert store.con.execute("SELECT count(*) FROM record.addresses").fetchone() == (2,)


def test_an_invalid_relation_is_refused_and_nothing_changes(tmp_path):
    folder, db = make_record(tmp_path / "data"), tmp_path / "db.duckdb"
    build(folder, db)
    before = (folder / "addresses.csv").read_bytes()
    bad = dict(item_id="d", requirement_id="a", basis="curated", rationale_en="x", rationale_zh="某")
    with pytest.raises(DataError, match="expected an item of kind requirement"):
        save(folder, db, set_address(bad), "Ana")
    assert (folder / "addresses.csv").read_bytes() == before and not read_log(folder)


def test_the_first_relation_creates_the_file(tmp_path):
    folder, db = make_record(tmp_path / "data"), tmp_path / "db.duckdb"
    (folder / "addresses.csv").unlink()
    build(folder, db)
    save(folder, db, set_address(relation()), "Ana")
    assert [(r["item_id"], r["requirement_id"]) for r in read_rows(folder, "addresses")] == [("c", "e")]


def test_cli_address_set_and_remove(tmp_path, capsys):
    folder, db = make_record(tmp_path / "data"), tmp_path / "db.duckdb"
    paths = ["--data", str(folder), "--db", str(db), "--editor", "Ana"]
    code = main(
        ["address", "set", "d", "e", "--basis", "curated", "--rationale-en", "D on E", "--rationale-zh", "丁", *paths]
    )
    assert code == 0 and "record d addresses e (curated)" in capsys.readouterr().out
    assert main(["address", "remove", "d", "e", *paths]) == 0
    assert main(["address", "remove", "d", "e", *paths]) == 2
    assert "addresses.csv" in capsys.readouterr().err
    assert (
        main(["address", "set", "a", "b", "--basis", "curated", "--rationale-en", "x", "--rationale-zh", "某", *paths])
        == 2
    )
    assert "expected an item of kind requirement" in capsys.readouterr().err


def test_diff_lists_relations_added_removed_and_changed(tmp_path):
    old = make_record(tmp_path / "old")
    new = make_record(
        tmp_path / "new",
        addresses=[relation(rationale_en="Reworded"), relation(item_id="d", rationale_en="D on E", rationale_zh="丁")],
    )
    diff = diff_records(old, new, "en")
    frame = diff.addresses_changed
    shown = frame[["item_id", "requirement_id", "change", "rationale_before", "rationale_after"]]
    assert shown.astype(object).where(shown.notna(), None).values.tolist() == [
        ["c", "e", "changed", "Why c addresses e", "Reworded"],
        ["d", "e", "added", None, "D on E"],
    ]
    assert diff_records(new, old, "zh").addresses_changed.change_label.tolist() == ["修改", "删除"]
    assert dict(zip(diff.summary.category, diff.summary["count"]))["addresses_changed"] == 2


def test_the_edit_page_tab_records_changes_and_removes_a_relation(tmp_path, monkeypatch):
    from test_edit_page import messages, signed_in

    data = make_record(tmp_path / "data")
    db = tmp_path / "gaptrack.duckdb"
    build(data, db)
    for key, value in (
        ("GAPTRACK_DATA", str(data)),
        ("GAPTRACK_DB", str(db)),
        ("GAPTRACK_EDITING", "1"),
        ("GAPTRACK_EDITOR_PASSPHRASE", "correct horse"),
    ):
        monkeypatch.setenv(key, value)
    at = signed_in()
    assert at.selectbox(key="address_req").options == ["e — Req E"]
    at.selectbox(key="address_item").select("c").run()
    assert any("This relation is recorded" in m for m in messages(at, "info"))
    assert at.text_input(key="address_rationale_en").value == "Why c addresses e"
    at.selectbox(key="address_item").select("d").run()
    assert at.text_input(key="address_rationale_en").value == ""
    at.text_input(key="address_rationale_en").input("Topic D takes up E")
    at.text_input(key="address_rationale_zh").input("丁处理戊")
    at.button(key="address_save").click().run()
    assert not at.error, messages(at, "error")
    assert any("record d addresses e (curated)" in m for m in messages(at, "success"))
    assert [(r["item_id"], r["rationale_zh"]) for r in read_rows(data, "addresses")][-1] == ("d", "丁处理戊")
    at.selectbox(key="address_item").select("c").run()
    at.button(key="address_remove").click().run()
    assert [r["item_id"] for r in read_rows(data, "addresses")] == ["d"]
    assert [e["summary"] for e in read_log(data)][-1] == "remove c addresses e"
    at.text_input(key="address_rationale_en").set_value("").run()  # a rationale is required
    at.button(key="address_save").click().run()
    assert any("Why (one line, English): it is empty" in m for m in messages(at, "error"))  # the field, by its label
