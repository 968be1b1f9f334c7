"""CSV for people: UTF-8 with BOM, RFC 4180 quoting, formula-like cells neutralised (OWASP)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess

import pytest
from fixtures import BASE, make_record

from transforms.database.build import build
from transforms.database.export import export_bytes, export_file_name
from transforms.database.queries import Filters, Store
from transforms.record.csvio import FORMULA_TRIGGERS, people_csv_bytes

# Titles the loader accepts (it refuses leading or trailing whitespace, so the tab, CR and LF
# triggers are checked on the writer directly below).
HOSTILE = [
    "=1+1",
    "+SUM(A1)",
    "-2+3",
    "@cmd",
    '=HYPERLINK("http://x","y")',
    'He said "hi", then left',
    "line one\nline two",
    "<img src=x onerror=alert(1)>",
]


@pytest.fixture
def hostile_store(tmp_path):
    items = [
        dict(BASE["items"][i % len(BASE["items"])], item_id=f"h{i}", title_en=title, title_zh=title + "建议")
        for i, title in enumerate(HOSTILE)
    ]
    links = [
        dict(BASE["links"][0], item_id=item["item_id"], note=item["title_en"], note_zh=item["title_zh"])
        for item in items
    ]
    folder = make_record(tmp_path / "data", items=BASE["items"] + items, links=BASE["links"] + links)
    build(folder, tmp_path / "h.duckdb")
    with Store(tmp_path / "h.duckdb") as s:
        yield s


def parse(payload: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(payload.decode("utf-8-sig"), newline="")))


def test_neutralise_each_trigger():
    import pandas as pd

    cells = [trigger + "x" for trigger in FORMULA_TRIGGERS] + ["plain", "a=b"]
    payload = people_csv_bytes(pd.DataFrame({"t": cells, "n": [-3] * len(cells)}))
    assert parse(payload)[1:] == [["'" + c, "-3"] for c in cells[:-2]] + [["plain", "-3"], ["a=b", "-3"]]


def test_bytes_are_utf8_with_bom_crlf_and_quoted(hostile_store):
    payload = export_bytes(hostile_store, "items", Filters(lang="zh"))
    assert payload.startswith(b"\xef\xbb\xbf")
    payload.decode("utf-8")
    assert b"\r\n" in payload and payload.endswith(b"\r\n")
    assert '"He said ""hi"", then left建议"'.encode() in payload  # RFC 4180: quoted, inner quotes doubled


@pytest.mark.parametrize("table", ["items", "links"])
def test_hostile_titles_are_neutralised(hostile_store, table):
    rows = parse(export_bytes(hostile_store, table, Filters()))
    header, body = rows[0], rows[1:]
    title = header.index("title" if table == "items" else "item_title")
    titles = {row[title] for row in body}
    for text in HOSTILE:
        expected = "'" + text if text.startswith(FORMULA_TRIGGERS) else text
        assert expected in titles
    for row in body:
        for cell in row:
            assert not cell.startswith(FORMULA_TRIGGERS), cell


def test_whitespace_triggers_are_neutralised_by_the_writer():
    import pandas as pd

    payload = people_csv_bytes(pd.DataFrame({"t": ["\t=1", "\r=2", "\n=3", "ok"]}))
    assert parse(payload) == [["t"], ["'\t=1"], ["'\r=2"], ["'\n=3"], ["ok"]]


def test_numbers_stay_numbers():
    import pandas as pd

    payload = people_csv_bytes(pd.DataFrame({"n": [-1, 2], "t": ["-1", "x"]}))
    assert parse(payload) == [["n", "t"], ["-1", "'-1"], ["2", "x"]]


def test_file_names_say_what_they_hold():
    import datetime as dt

    day = dt.date(2026, 11, 28)
    assert export_file_name("items", Filters(), day) == "gaptrack-items-all-en-2026-11-28.csv"
    assert (
        export_file_name("coverage", Filters(("protection", "prevention"), ("done",), (), "wg-3", "zh"), day)
        == "gaptrack-coverage-protection-prevention-done-as-of-wg-3-zh-2026-11-28.csv"
    )


def test_opens_in_a_real_spreadsheet(hostile_store, tmp_path):
    """LibreOffice Calc converts the export; every cell is text or a number, never a formula."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is required in CI (apt-get install libreoffice-calc-nogui)")
        pytest.skip("LibreOffice not installed; .ci/run installs libreoffice-calc-nogui")
    openpyxl = pytest.importorskip("openpyxl")
    source = tmp_path / "items.csv"
    source.write_bytes(export_bytes(hostile_store, "items", Filters(lang="zh")))
    subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    sheet = openpyxl.load_workbook(tmp_path / "items.xlsx").active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["item_id", "kind", "kind_label"]
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value
    titles = {row[values[0].index("title")] for row in values[1:]}
    assert "建议甲" in titles  # Chinese survives the round trip
    assert "'=1+1建议" in titles and "=1+1建议" not in titles  # kept as text, apostrophe and all
