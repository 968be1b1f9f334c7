"""gaptrack ingest: candidate rows from a UN document's text, checked against what a person made of
the shipped source (data/), on variants of that text (reflowed, footnotes moved, page furniture,
bullet indentation), on an English rendering, and through the command line."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from fixtures import SHIPPED_DATA

from transforms.cli import main
from transforms.ingest import (
    candidates_csv,
    flatten,
    heading_key,
    heading_labels,
    read_document,
)
from transforms.record.schema import TABLE_BY_NAME
from transforms.record.source_text import split_paragraphs

SOURCE_ID = "bg-2011-future-work"
SOURCE_PATH = SHIPPED_DATA / "sources" / "bg-2011-future-work.zh.txt"
SOURCE = SOURCE_PATH.read_text(encoding="utf-8")
ENGLISH_PATH = Path(__file__).resolve().parent / "ingest_variants" / "future-work.en.txt"
LABELS = heading_labels(SHIPPED_DATA)


def data_rows(table: str) -> list[dict]:
    with open(SHIPPED_DATA / f"{table}.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


ITEMS, DOCUMENTS, SESSIONS = data_rows("items"), data_rows("documents"), data_rows("sessions")


def ingest(text: str):
    return read_document(text, SOURCE_ID, headings=LABELS)


def rows(frame) -> list[dict]:
    return frame.to_dict("records")


def matching(candidates, item: dict) -> list[dict]:
    """Candidate items in the data item's paragraph whose wording, on one line, is the data item's."""
    return [
        c
        for c in rows(candidates.items)
        if c["source_paragraph"] == item["source_paragraph"] and flatten(c["quote"]) == flatten(item["quote"])
    ]


def assert_quotes_stand_in_their_paragraphs(text: str, candidates) -> None:
    """What the build checks: every candidate wording is a substring of its paragraph in THIS text."""
    paragraphs = split_paragraphs(text)
    for frame in (candidates.items, candidates.documents, candidates.sessions):
        for row in rows(frame):
            assert row["quote"] in paragraphs[row["source_paragraph"]], row


def assert_every_data_item_found(text: str) -> None:
    """Each data item: exactly one candidate in its paragraph with the same wording (compared on one
    line, as `flatten` gives it), of the same kind, with the same Plan paragraph and, where the document
    places it (basis=source), the same heading; and no candidate with that wording in another paragraph."""
    candidates = ingest(text)
    assert_quotes_stand_in_their_paragraphs(text, candidates)
    for item in ITEMS:
        found = matching(candidates, item)
        assert len(found) == 1, (item["item_id"], found)
        assert found[0]["kind"] == item["kind"], item["item_id"]
        assert found[0]["plan_paragraph"] == item["plan_paragraph"], item["item_id"]
        if item["heading_basis"] == "source":
            assert (found[0]["heading"], found[0]["heading_basis"]) == (item["heading"], "source"), item["item_id"]
        elsewhere = [
            c
            for c in rows(candidates.items)
            if flatten(c["quote"]) == flatten(item["quote"]) and c["source_paragraph"] != item["source_paragraph"]
        ]
        assert not elsewhere, (item["item_id"], elsewhere)


# ---------------------------------------------------------------- the shipped source


def test_every_item_in_data_is_proposed_with_its_exact_wording_and_paragraph():
    """Exact equality, not containment: every data item's quote is a whole candidate wording (a
    whole bullet, a whole recommending clause, what follows 不妨, or a question in quotation marks)."""
    candidates = ingest(SOURCE)
    exact = {(c["source_paragraph"], c["quote"]) for c in rows(candidates.items)}
    for item in ITEMS:
        assert (item["source_paragraph"], item["quote"]) in exact, item["item_id"]
    assert_every_data_item_found(SOURCE)


def test_candidates_name_the_list_bullet_and_reasoning():
    items = {c["item_id"]: c for c in rows(ingest(SOURCE).items)}
    assert items["cand-p05-11"]["quote"] == "协调国家一级的努力"  # the list goes on after footnote 1
    assert "bullet 11 of paragraph 5" in items["cand-p05-11"]["note"]
    assert items["cand-gpa-48"]["heading"] == "prosecution"
    assert items["cand-gpa-48"]["title_zh"].endswith("有组织犯罪")  # the Plan reference is not in the title
    assert all(c["title_en"] == "" for c in items.values())  # a Chinese document gives no English titles
    assert all(re.fullmatch(r"cand-[a-z0-9.\-]+", i) for i in items)


def test_protocol_article_is_not_a_plan_paragraph():
    items = rows(ingest(SOURCE).items)
    consent = [c for c in items if "“同意”" in c["quote"]]
    assert [(c["kind"], c["plan_paragraph"]) for c in consent] == [("topic", "")]
    assert sorted(int(c["plan_paragraph"]) for c in items if c["kind"] == "requirement") == [
        16, 22, 30, 34, 44, 48, 53, 54,
    ]  # fmt: skip


def test_an_article_at_the_end_of_a_bullet_is_a_plan_paragraph_only_where_the_plan_is_spoken_of():
    protocol = "1. 工作组审议了以下议题：\n- 《人口贩运议定书》的定义（第 3 条）\n"
    plan = "1. 工作组不妨考虑《全球行动计划》下的以下议题：\n- 保护受害者（第 30 条）\n"
    assert [(c["kind"], c["plan_paragraph"]) for c in rows(ingest(protocol).items)] == [("topic", "")]
    assert [(c["kind"], c["plan_paragraph"]) for c in rows(ingest(plan).items)] == [("requirement", "30")]


def test_every_cited_symbol_is_found_with_its_footnote_and_marker():
    documents = rows(ingest(SOURCE).documents)
    for doc in DOCUMENTS:
        if doc["symbol"]:
            found = [d for d in documents if d["symbol"] == doc["symbol"]]
        else:  # decision 4/4, cited without a symbol
            found = [d for d in documents if d["quote"] == doc["quote"] and not d["symbol"]]
        assert len(found) == 1, doc["document_id"]
        for column in ("source_paragraph", "cited_in_paragraph", "quote"):
            assert found[0][column] == doc[column], (doc["document_id"], column)
    assert len(documents) == len(DOCUMENTS)


def test_session_dates_are_found_with_their_wording():
    sessions = rows(ingest(SOURCE).sessions)
    dated = [s for s in SESSIONS if s["start_date"]]
    for session in dated:
        found = [
            s
            for s in sessions
            if (s["start_date"], s["end_date"], s["source_paragraph"])
            == (session["start_date"], session["end_date"], session["source_paragraph"])
        ]
        assert len(found) == 1, session["session_id"]
        assert found[0]["quote"] == session["quote"], session["session_id"]
        assert found[0]["body"] == session["body"], session["session_id"]
        if session["session_id"] in ("wg-1", "wg-2", "wg-3", "bureau-6", "bureau-8"):
            assert found[0]["number"] == session["number"]
    assert "2011-08-02" not in {s["start_date"] for s in sessions}  # the date of issue is not a session
    assert len(sessions) == len(dated)


# ---------------------------------------------------------------- variants of the shipped text


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def footnote_lines(text: str) -> list[str]:
    return [line for line in lines_of(text) if re.match(r"^[¹²³⁴⁵*]\s", line)]


def without(text: str, removed: list[str]) -> str:
    return "\n".join(line for line in lines_of(text) if line not in removed)


def insert_after(text: str, anchor: str, new_lines: list[str]) -> str:
    lines = lines_of(text)
    at = next(i for i, line in enumerate(lines) if anchor in line)
    return "\n".join(lines[: at + 1] + new_lines + lines[at + 1 :])


def reflowed(text: str) -> str:
    """Bullets broken across lines, a lead-in broken after its footnote marker, blank lines moved."""
    text = text.replace("使各国当局特别通过查明人口贩运的受害人，", "使各国当局特别通过查明人口贩运的受害人，\n   ")
    text = text.replace("进行适当分析（第 16 条）", "进行适当分析\n（第 16 条）")
    text = text.replace("包括应对人口贩运的前沿执法当局", "包括应对人口贩运的\n前沿执法当局")
    text = text.replace("审议的建议，¹ 建议各缔约国", "审议的建议，¹\n建议各缔约国")
    text = text.replace("关于对人口贩运受害人给予赔偿的\n", "关于对人口贩运受害人给予赔偿的")
    text = text.replace("\n\n- 关键概念的分析", "\n- 关键概念的分析")  # list right under the lead-in
    text = text.replace(" - 数据收集、研究和分析\n", " - 数据收集、研究和分析\n\n")  # a blank line inside a list
    return text.replace("\n\n一. 防止贩运人口\n\n", "\n一. 防止贩运人口\n")


def footnotes_at_the_end(text: str) -> str:
    notes = footnote_lines(text)
    return without(text, notes) + "\n\n" + "\n\n".join(notes) + "\n"


def footnotes_between_bullets(text: str) -> str:
    notes = footnote_lines(text)
    text = without(text, notes)
    text = insert_after(text, "对人口贩运受害人不予惩罚和不予起诉", [n for n in notes if n.startswith("¹")])
    text = insert_after(text, "通过提高认识和对需求的刑事定罪来减少需求", [n for n in notes if n[0] in "²³⁴"])
    text = insert_after(text, "（第 16 条）", ["", *[n for n in notes if n[0] in "⁵*"], ""])
    return text


def bullets_indented(text: str, indent: str) -> str:
    return re.sub(r"(?m)^[ \t]*- ", indent + "- ", text)


def page_furniture_in_lists(text: str) -> str:
    """Page footers and headers in the middle of lists: job number, page numbers, running head."""
    text = insert_after(text, "受害人的保护和援助", ["", "V.11-84895\t3", "", "CTOC/COP/WG.4/2011/2", ""])
    text = insert_after(text, "分析《人口贩运议定书》的关键概念", ["4\tV.11-84895 (C)", "- 4 -"])
    return insert_after(text, "（第 30 条）", ["", "2/3", "V.11-84895"])


VARIANTS = {
    "reflowed": reflowed,
    "footnotes at the end": footnotes_at_the_end,
    "footnotes between bullets": footnotes_between_bullets,
    "bullets without leading spaces": lambda t: bullets_indented(t, ""),
    "bullets with more leading spaces": lambda t: bullets_indented(t, "    "),
    "page furniture in lists": page_furniture_in_lists,
    "all at once": lambda t: page_furniture_in_lists(footnotes_between_bullets(reflowed(bullets_indented(t, "")))),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_variant_yields_every_item_in_its_paragraph(variant):
    text = VARIANTS[variant](SOURCE)
    assert text != SOURCE
    assert_every_data_item_found(text)


def test_reflowed_quotes_keep_the_line_break_as_it_stands():
    text = reflowed(SOURCE)
    items = rows(ingest(text).items)
    broken = [c for c in items if c["quote"].startswith("就人口贩运问题进行培训")]
    assert (
        broken[0]["quote"]
        == "就人口贩运问题进行培训，使各国当局特别通过查明人口贩运的受害人，\n   能够有效应对这类贩运问题"
    )
    assert (
        broken[0]["title_zh"]
        == "就人口贩运问题进行培训，使各国当局特别通过查明人口贩运的受害人，能够有效应对这类贩运问题"
    )
    assert broken[0]["quote"] in split_paragraphs(text)["5"]


@pytest.mark.parametrize("variant", ["footnotes at the end", "footnotes between bullets", "page furniture in lists"])
def test_variant_keeps_documents_and_markers(variant):
    documents = rows(ingest(VARIANTS[variant](SOURCE)).documents)
    found = {(d["symbol"], d["source_paragraph"], d["cited_in_paragraph"]) for d in documents}
    expected = {(d["symbol"], d["source_paragraph"], d["cited_in_paragraph"]) for d in DOCUMENTS}
    assert found == expected  # the running head CTOC/COP/WG.4/2011/2 is not a citation


def test_heading_names_map_to_keys_in_both_languages():
    assert heading_key("防止贩运人口", LABELS) == ("prevention", "label")
    assert heading_key("Strengthening partnerships against trafficking in persons", LABELS) == ("partnerships", "label")
    assert heading_key("加强防止贩运人口方面的伙伴关系", {}) == ("partnerships", "keyword")
    assert heading_key("Protection of and assistance to victims", LABELS) == ("protection", "keyword")
    assert heading_key("工作组的工作总结", LABELS) == ("", "")


def test_flatten_joins_lines_as_the_language_wants():
    assert flatten("受害人，\n   能够有效") == "受害人，能够有效"
    assert flatten("national\n  authorities") == "national authorities"
    assert flatten("分析\n（第 16 条）") == "分析（第 16 条）"


def test_plain_number_footnotes_of_english_renderings_are_footnotes():
    paragraphs = split_paragraphs(
        "1. Text.4\n\n4 Resolution 5/2, CTOC/COP/2010/17.\n2. 2010 年 1 月\n2010 年 1 月 27 日"
    )
    assert paragraphs["fn4"] == "4 Resolution 5/2, CTOC/COP/2010/17."
    assert paragraphs["2"] == "2. 2010 年 1 月\n2010 年 1 月 27 日"  # a Chinese line starting with a year is text


# ---------------------------------------------------------------- an English rendering


def test_english_variant():
    text = ENGLISH_PATH.read_text(encoding="utf-8")
    candidates = read_document(text, "bg-en", headings=LABELS)
    assert_quotes_stand_in_their_paragraphs(text, candidates)
    items = {(c["source_paragraph"], c["quote"]): c for c in rows(candidates.items)}
    expected = {
        ("5", "Universal adherence to the Organized Crime Convention and the Trafficking in Persons "
              "Protocol"): "recommendation",
        ("5", "Training on trafficking in persons to enable national authorities to respond effectively, in particular "
              "by identifying victims of trafficking"): "recommendation",  # after a footnote and a page footer
        ("5", "Compensation for victims of trafficking in persons"): "recommendation",
        ("6", "Analysis of key concepts of the Trafficking in Persons Protocol"): "recommendation",
        ("7", "national approaches to compensation for victims of trafficking in persons"): "recommendation",
        ("9", "focus on the recommendations endorsed at previous sessions and share national experiences and "
              "practices in effectively implementing them"): "topic",
        ("10", "Risk assessment in trafficking in persons investigations"): "topic",
    }  # fmt: skip
    for key, kind in expected.items():
        assert items[key]["kind"] == kind, key
        assert items[key]["title_en"] == key[1] and items[key]["title_zh"] == ""
    assert any(q.startswith("recommending that States parties adopt") for p, q in items if p == "5")
    assert not any("Trafficking in Persons Protocol" in q for p, q in items if p == "1")  # a short name defined
    requirements = {(c["plan_paragraph"], c["heading"]) for c in items.values() if c["kind"] == "requirement"}
    assert requirements == {("16", "prevention"), ("22", "prevention"), ("30", "protection"), ("54", "partnerships")}
    documents = {d["symbol"]: (d["source_paragraph"], d["cited_in_paragraph"]) for d in rows(candidates.documents)}
    assert documents["CTOC/COP/2010/17"] == ("fn4", "8")  # footnote printed with a plain number
    assert documents["CTOC/COP/WG.4/2011/1"] == ("fn*", "header")
    assert documents["A/RES/64/293"] == ("fn5", "12")
    sessions = {(s["start_date"], s["end_date"]): s for s in rows(candidates.sessions)}
    assert set(sessions) == {(s["start_date"], s["end_date"]) for s in SESSIONS if s["start_date"]}
    assert (sessions[("2009-04-14", "2009-04-15")]["body"], sessions[("2009-04-14", "2009-04-15")]["number"]) == (
        "wg",
        "1",
    )
    assert sessions[("2011-06-29", "2011-06-29")]["body"] == "bureau"


# ---------------------------------------------------------------- files and the command line


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    # UTF-8 with a BOM (Excel shows the Chinese; the build reads past it), LF lines as in data/
    assert raw.startswith("\ufeff".encode()) and b"\r\n" not in raw
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_cli_writes_candidates_in_the_data_columns(tmp_path, capsys):
    out = tmp_path / "cand"
    status = main(
        ["ingest", str(SOURCE_PATH), "--source-id", SOURCE_ID, "--out", str(out), "--data", str(SHIPPED_DATA)]
    )
    assert status == 0
    printed = capsys.readouterr().out
    assert f"{len(ingest(SOURCE).items)} items" in printed and "Nothing was added to the record" in printed
    for table in ("items", "documents", "sessions"):
        records = read_csv(out / f"{table}.csv")
        assert records[0] == TABLE_BY_NAME[table].column_names
        assert len(records) > 1
    header, *records = read_csv(out / "items.csv")
    items = [dict(zip(header, r, strict=True)) for r in records]
    assert items == rows(ingest(SOURCE).items)  # the file holds the frame, quotes and line breaks intact
    assert read_csv(out / "paragraphs.csv")[0] == ["label", "text"]
    assert candidates_csv(ingest(SOURCE))["items.csv"] == (out / "items.csv").read_bytes()


def test_cli_default_out_and_chinese_summary(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["ingest", str(SOURCE_PATH), "--source-id", SOURCE_ID, "--lang", "zh"]) == 0
    assert sorted(p.name for p in (tmp_path / "candidates").iterdir()) == [
        "documents.csv", "items.csv", "links.csv", "paragraphs.csv", "sessions.csv", "sources", "sources.csv",
        "unplaced.csv",
    ]  # fmt: skip
    assert "记录中未添加任何内容" in capsys.readouterr().out


def write(path: Path, payload: bytes) -> Path:
    path.write_bytes(payload)
    return path


@pytest.mark.parametrize(
    "make_file, says",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "a regular file"),
        (lambda d: write(d / "latin1.txt", "1. caf\xe9\n".encode("latin-1")), "UTF-8"),
        (lambda d: write(d / "binary.txt", b"1. \x00\x01\x02 PK"), "binary data"),
        (lambda d: write(d / "empty.txt", b"  \n\n"), "an empty document"),
        (lambda d: write(d / "notes.txt", "会议纪要，没有编号段落。\n".encode()), "numbered paragraphs"),
    ],
    ids=["missing", "folder", "not-utf8", "binary", "empty", "no-paragraphs"],
)
def test_cli_refuses_a_bad_file_with_one_message(tmp_path, capsys, make_file, says):
    (tmp_path / "in").mkdir()
    out = tmp_path / "out"
    status = main(["ingest", str(make_file(tmp_path / "in")), "--source-id", "x", "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 2 and says in err and "Traceback" not in err
    assert len(err.strip().splitlines()) <= 2  # the message, and "Nothing was changed."
    assert not out.exists()


@pytest.mark.parametrize(
    "out, args, says",
    [
        (lambda tmp: SHIPPED_DATA, [], "never written into the data folder"),
        (lambda tmp: SHIPPED_DATA / "candidates", [], "never written into the data folder"),
        (lambda tmp: tmp / "data" / "sub", ["--data", "{tmp}/data"], "never written into the data folder"),
        (lambda tmp: write(tmp / "file.csv", b""), [], "expected a folder"),
        (lambda tmp: tmp / "out", ["--source-id", "Bad Id"], "--source-id"),
    ],
    ids=["data-folder", "inside-data", "inside-given-data", "a-file", "bad-source-id"],
)
def test_cli_refuses_where_it_may_not_write(tmp_path, capsys, out, args, says):
    (tmp_path / "data").mkdir()
    target = out(tmp_path)
    existed, before = target.exists(), snapshot(SHIPPED_DATA)
    argv = ["ingest", str(SOURCE_PATH), "--source-id", SOURCE_ID, "--out", str(target)]
    status = main(argv + [a.format(tmp=tmp_path) for a in args])
    assert status == 2 and says in capsys.readouterr().err
    assert snapshot(SHIPPED_DATA) == before
    assert target.exists() == existed and not (tmp_path / "data" / "sub").exists()


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
