"""Every class of bad input gives one clear message (file, line, column, value, expectation),
exit status 2, no traceback, and leaves the previous database byte-for-byte unchanged."""

from __future__ import annotations

import hashlib

import pytest
from fixtures import BASE, make_record, write_table

from transforms.cli import main
from transforms.database.build import build
from transforms.record.errors import DataError
from transforms.record.load import load


def rows(table: str, index: int | None = None, **changes) -> list[dict]:
    """The BASE rows of a table with one row changed (or every row if index is None)."""
    out = [dict(r) for r in BASE[table]]
    for i, row in enumerate(out):
        if index is None or i == index:
            row.update(changes)
    return out


def _replace(path, old: bytes, new: bytes):
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, 1))


CASES = {
    # name: (how to spoil a valid folder, file, line, column, words the message must hold)
    "duplicate id": (
        lambda d: write_table(d, "items", BASE["items"] + [BASE["items"][1]]),
        "items.csv",
        7,
        "item_id",
        ["'b'", "first used on line 3"],
    ),
    "duplicate link": (
        lambda d: write_table(d, "links", BASE["links"] + [BASE["links"][0]]),
        "links.csv",
        10,
        "item_id+session_id",
        ["'a/s1'"],
    ),
    "unknown heading": (
        lambda d: write_table(d, "items", rows("items", 2, heading="preventon")),
        "items.csv",
        4,
        "heading",
        ["'preventon'", "prevention, protection"],
    ),
    "unknown heading key": (
        lambda d: write_table(d, "headings", rows("headings", 0, heading="health")),
        "headings.csv",
        2,
        "heading",
        ["'health'", "one of: prevention"],
    ),
    "unknown kind": (
        lambda d: write_table(d, "items", rows("items", 0, kind="resolution")),
        "items.csv",
        2,
        "kind",
        ["'resolution'", "requirement, recommendation, topic"],
    ),
    "unknown status": (
        lambda d: write_table(d, "links", rows("links", 3, status="adopted")),
        "links.csv",
        5,
        "status",
        ["'adopted'", "done, pending, proposed"],
    ),
    "link to missing session": (
        lambda d: write_table(d, "links", rows("links", 1, session_id="s9")),
        "links.csv",
        3,
        "session_id",
        ["'s9'", "sessions.csv"],
    ),
    "link to missing item": (
        lambda d: write_table(d, "links", rows("links", 0, item_id="zz")),
        "links.csv",
        2,
        "item_id",
        ["'zz'", "items.csv"],
    ),
    "malformed date": (
        lambda d: write_table(d, "sessions", rows("sessions", 1, start_date="2021-13-01")),
        "sessions.csv",
        3,
        "start_date",
        ["'2021-13-01'", "YYYY-MM-DD"],
    ),
    "date in another format": (
        lambda d: write_table(d, "sessions", rows("sessions", 0, end_date="02/01/2020")),
        "sessions.csv",
        2,
        "end_date",
        ["'02/01/2020'", "YYYY-MM-DD"],
    ),
    "end before start": (
        lambda d: write_table(d, "sessions", rows("sessions", 0, end_date="2019-12-31")),
        "sessions.csv",
        2,
        "end_date",
        ["'2019-12-31'", "on or after"],
    ),
    "sequence against dates": (
        lambda d: write_table(d, "sessions", rows("sessions", 0, sequence=5)),
        "sessions.csv",
        2,
        "sequence",
        ["'5'", "follows the dates"],
    ),
    "missing column": (
        lambda d: (d / "items.csv").write_text(
            (d / "items.csv").read_text(encoding="utf-8").replace(",heading_rationale", "", 1), encoding="utf-8"
        ),
        "items.csv",
        1,
        "heading_rationale",
        ["a column named 'heading_rationale'"],
    ),
    "empty required field": (
        lambda d: write_table(d, "items", rows("items", 3, title_en="")),
        "items.csv",
        5,
        "title_en",
        ["may not be empty"],
    ),
    "not a number": (
        lambda d: write_table(d, "sessions", rows("sessions", 2, number="third")),
        "sessions.csv",
        4,
        "number",
        ["'third'", "a whole number"],
    ),
    "not UTF-8": (
        lambda d: _replace(d / "items.csv", "建议丙".encode(), "建议丙".encode("gb18030")),
        "items.csv",
        4,
        "title_zh",
        ["GBK", "CSV UTF-8 (comma delimited)"],
    ),
    "unclosed quote": (
        lambda d: _replace(d / "items.csv", b"\nd,topic", b'\n"d,topic'),
        "items.csv",
        5,
        None,
        ["quotes closed"],
    ),
    "wrong number of fields": (
        lambda d: _replace(d / "kinds.csv", b"topic,3,", b"topic,3,extra,"),
        "kinds.csv",
        4,
        None,
        ["4 fields as in the header", "5 fields"],
    ),
    "missing file": (lambda d: (d / "links.csv").unlink(), "links.csv", None, None, ["the file to exist"]),
    "requirement without plan paragraph": (
        lambda d: write_table(d, "items", rows("items", 4, plan_paragraph="")),
        "items.csv",
        6,
        "plan_paragraph",
        ["requirement"],
    ),
    "curated heading without rationale": (
        lambda d: write_table(d, "items", rows("items", 0, heading_rationale="")),
        "items.csv",
        2,
        "heading_rationale",
        ["curated"],
    ),
    "quote not in paragraph": (
        lambda d: write_table(d, "items", rows("items", 0, quote="建议丙")),
        "items.csv",
        2,
        "quote",
        ["'建议丙'", "paragraph 1"],
    ),
    "unknown paragraph": (
        lambda d: write_table(d, "links", rows("links", 0, source_paragraph="9")),
        "links.csv",
        2,
        "source_paragraph",
        ["'9'", "a paragraph of the source"],
    ),
    "bad paragraph label": (
        lambda d: write_table(d, "links", rows("links", 0, source_paragraph="para 1")),
        "links.csv",
        2,
        "source_paragraph",
        ["'para 1'", "footnote"],
    ),
    "padded key": (
        lambda d: write_table(d, "links", rows("links", 0, session_id="s1 ")),
        "links.csv",
        2,
        "session_id",
        ["no leading or trailing spaces"],
    ),
    "unknown column": (
        lambda d: _replace(d / "kinds.csv", b"label_zh\n", b"label_zh,colour\n"),
        "kinds.csv",
        1,
        "colour",
        ["only the columns"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_named_and_refused(case, tmp_path):
    spoil, file, line, column, words = CASES[case]
    folder = make_record(tmp_path / "data")
    spoil(folder)
    with pytest.raises(DataError) as caught:
        load(folder)
    err = caught.value
    assert err.file == f"data/{file}"
    assert err.line == line
    assert err.column == column
    message = str(err)
    assert message.startswith(f"data/{file}")
    for word in words:
        assert word in message


@pytest.mark.parametrize(
    "case",
    [
        "duplicate id",
        "unknown heading",
        "not UTF-8",
        "unclosed quote",
        "missing file",
        "end before start",
        "quote not in paragraph",
    ],
)
def test_cli_build_refuses_and_changes_nothing(case, tmp_path, capsys):
    folder = make_record(tmp_path / "data")
    db = tmp_path / "gaptrack.duckdb"
    build(folder, db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    CASES[case][0](folder)
    assert main(["build", "--data", str(folder), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.startswith(f"gaptrack: data/{CASES[case][1]}")
    assert err.count("\n") == 2  # the message and "Nothing was changed."
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".building")]


def test_missing_data_folder(tmp_path, capsys):
    assert main(["build", "--data", str(tmp_path / "nowhere"), "--db", str(tmp_path / "x.duckdb")]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert not (tmp_path / "x.duckdb").exists()


def test_database_refuses_what_the_loader_would(record_dir, tmp_path):
    """The schema's own constraints, checked straight against DuckDB. (links declares no key or
    reference, for speed: the loader's checks name those, see "duplicate link", "link to missing
    session" and "link to missing item" above.)"""
    import duckdb

    build(record_dir, tmp_path / "db.duckdb")
    con = duckdb.connect(str(tmp_path / "db.duckdb"))
    bad = [
        "INSERT INTO items VALUES ('z', 'topic', 'health', 'source', NULL, NULL, 'T', 'T', 'src', '1', 'q', NULL)",
        "INSERT INTO links VALUES ('a', 's3', 'adopted', NULL, 'src', '1', 'q', NULL)",
        "INSERT INTO sessions VALUES ('s4', 'wg', 4, 9, 'T', 'T', DATE '2022-02-02', DATE '2022-02-01', NULL, NULL,"
        " 'src', '1', 'q', NULL)",
        "INSERT INTO items VALUES ('a', 'topic', 'prevention', 'source', NULL, NULL, 'T', 'T', 'src', '1', 'q', NULL)",
        "INSERT INTO items VALUES ('y', 'requirement', 'prevention', 'source', NULL, NULL, 'T', 'T', 'src', '1', 'q',"
        " NULL)",
        "INSERT INTO items VALUES ('x', 'topic', 'prevention', 'curated', NULL, NULL, 'T', 'T', 'src', '1', 'q', NULL)",
    ]
    for statement in bad:
        with pytest.raises(duckdb.Error):
            con.execute(statement)
    con.close()


def test_the_built_version_is_the_folders_and_follows_every_file(tmp_path):
    """The build hashes each file as it reads it (once): the version it records is data_version's,
    and changes with a table, a source text and a file in sources/ no row cites."""
    from transforms.database.queries import Store, record_info
    from transforms.record.load import data_version

    folder, db = make_record(tmp_path / "data"), tmp_path / "gaptrack.duckdb"
    seen = set()
    for change in (
        lambda: None,
        lambda: write_table(folder, "links", BASE["links"][:-1]),
        lambda: _replace(next((folder / "sources").iterdir()), b".", b". "),
        lambda: (folder / "sources" / "unused.txt").write_text("1. Not cited.\n", encoding="utf-8"),
    ):
        change()
        build(folder, db)
        with Store(db) as store:
            built = record_info(store)["data_version"]
        assert built == data_version(folder) and built not in seen
        seen.add(built)


@pytest.mark.parametrize(
    "text",
    [
        "a,b\n1,2\n",
        "\n\na,b\n1,2\n",
        '"a\nb",c\r\n1,2\r\n',
        '"a' + "x" * 70_000 + '\nb",c\n1,2\n',  # a header running past the first 64 KiB
        '"a' + "x" * 70_000 + "\n",  # ... and never closed
        "a,b\n" + "1,2\n" * 20_000,
        "a,b",
        "",
    ],
)
def test_the_header_read_from_the_first_lines_is_the_header_the_whole_file_gives(text):
    from transforms.record.csvio import text_records
    from transforms.record.load import _first_record

    def first(reader):
        try:
            return reader()
        except DataError as err:
            return str(err)

    whole = first(lambda: next(text_records(text, "t.csv"), (1, None)))
    assert first(lambda: _first_record(text, "t.csv")) == whole


def test_plain_patterns_match_no_space_and_no_invisible_character():
    """cell_violation_sql leaves out the space and invisible rules for columns whose pattern is
    plain: every pattern of the schema is, and a pattern that could match a space is not."""
    import re

    from transforms.record.damage import INVISIBLE
    from transforms.record.load import plain_pattern
    from transforms.record.schema import TABLES, WHITESPACE

    patterns = {c.pattern for t in TABLES for c in t.columns if c.pattern}
    assert patterns and all(plain_pattern(p) for p in patterns)
    for pattern in (r"[a-z ]+", r"\s*x", r".+", r"[^a]", r"\w+", r"[\x00-z]", "Annex"):
        assert not plain_pattern(pattern), pattern
    for pattern in patterns:  # and they do not: a value with a space at either end breaks them
        for c in WHITESPACE + INVISIBLE:
            assert not re.fullmatch(pattern, c + "1") and not re.fullmatch(pattern, "1" + c)


@pytest.mark.parametrize("value", ["07", " 7", "+7", "7.0", "", "x"])
def test_a_table_filled_straight_from_its_file_names_a_bad_cell_as_the_staging_table_does(value, tmp_path):
    """The build fills items and links straight from their files (Stage fill=...); a number that
    would not read back as written sends the file through staging: same message, same line."""
    folder = make_record(tmp_path / "one" / "data", items=rows("items", 4, plan_paragraph=value))
    with pytest.raises(DataError) as built:
        build(folder, tmp_path / "gaptrack.duckdb")
    with pytest.raises(DataError) as loaded:  # load() stages every file, fills nothing
        load(folder)
    assert (built.value.file, built.value.line, built.value.column) == ("data/items.csv", 6, "plan_paragraph")
    assert str(built.value) == str(loaded.value)


def test_items_and_links_are_filled_from_their_files_and_checked_where_they_stand(tmp_path):
    import duckdb

    from transforms.database.build import FILLED_FROM_FILES
    from transforms.database.sql_files import sql
    from transforms.record.load import Stage

    def staged(folder):
        with duckdb.connect(str(tmp_path / f"{folder.parent.name}.duckdb")) as con:
            con.execute(sql("schema"))
            stage = Stage(con, folder, fill=FILLED_FROM_FILES)
            try:
                stage.run()
            except DataError as err:
                return stage.filled, err
            return stage.filled, con.execute("SELECT count(*) FROM links").fetchone()[0]

    good = make_record(tmp_path / "good" / "data")
    assert staged(good) == ({"items", "links"}, len(BASE["links"]))
    unknown = make_record(tmp_path / "bad" / "data", links=rows("links", 3, status="adopted"))
    filled, err = staged(unknown)  # the database refused the row: links staged as before, named there
    assert filled == {"items"} and (err.file, err.line, err.column) == ("data/links.csv", 5, "status")
