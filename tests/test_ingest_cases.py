"""The ingest cases (tests/ingest_cases/case-NN.txt, from ../shared/ingest-cases): layouts of real documents of
the series. Each expected outcome (case-NN.expected.md, "Expected (careful human)") is asserted exactly:
the items, documents, sessions, paragraphs and warnings the command proposes."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures import SHIPPED_DATA

from transforms.cli import main
from transforms.ingest import QUOTE, heading_labels, read_file
from transforms.record.source_text import split_paragraphs

CASES = Path(__file__).resolve().parent / "ingest_cases"
LABELS = heading_labels(SHIPPED_DATA)


def read(case: str):
    return read_file(CASES / f"{case}.txt", headings=LABELS)


def items(candidates) -> list[tuple]:
    """(item_id, kind, paragraph, heading, plan paragraph, quote) of every candidate item."""
    return [
        (r["item_id"], r["kind"], r["source_paragraph"], r["heading"], r["plan_paragraph"], r[QUOTE])
        for r in candidates.items.to_dict("records")
    ]


def paragraphs(candidates) -> dict[str, str]:
    return dict(zip(candidates.paragraphs["label"], candidates.paragraphs["text"], strict=True))


def assert_quotes_in_paragraphs(candidates) -> None:
    texts = paragraphs(candidates)
    for frame in (candidates.items, candidates.documents, candidates.sessions):
        for row in frame.to_dict("records"):
            assert row[QUOTE] in texts[row["source_paragraph"]], row


def test_case_01_should_paragraphs_under_lettered_and_numbered_sub_headings():
    c = read("case-01")
    assert items(c) == [
        ("cand-p02-t1", "recommendation", "2", "", "",
         "States parties should publish yearly figures on reported cases"),
        ("cand-p03-t1", "recommendation", "3", "", "",
         "States parties should consider sharing those figures with regional bodies"),
        ("cand-p04-t1", "recommendation", "4", "", "", "States parties should fund shelters run by civil society"),
    ]  # fmt: skip
    notes = list(c.items["note"])
    assert (
        "under I. Recommendations adopted by the Working Group / A. Reporting of cases / 1. Overall measures"
        in notes[0]
    )
    assert "/ 1. Overall measures" in notes[1] and "/ A. Reporting of cases / 2. Support services" in notes[2]
    assert paragraphs(c) == {
        "header": "Working Group on Trafficking in Persons",
        "1": "1. The Working Group adopted the recommendations below.",  # the sub-headings are not its text
        "2": "2. States parties should publish yearly figures on reported cases.",
        "3": "3. States parties should consider sharing those figures with regional bodies.",  # nor of this one
        "4": "4. States parties should fund shelters run by civil society.",
    }
    assert list(c.unplaced["label"]) == ["1"]  # the lead-in is no item, and it is listed, not dropped
    assert c.documents.empty and c.sessions.empty
    assert_quotes_in_paragraphs(c)


def test_case_02_recommending_sentences_in_their_forms_and_a_borderline_one():
    c = read("case-02")
    assert items(c) == [
        ("cand-p04-t1", "recommendation", "4", "", "",
         "The Working Group recommended that States parties set up hotlines for people at risk"),
        ("cand-p05-t1", "recommendation", "5", "", "",
         "It is recommended that States parties publish yearly figures on cases"),
        ("cand-p06-t1", "recommendation", "6", "", "", "States parties should fund shelters run by civil society"),
        ("cand-p07-t1", "", "7", "", "",  # borderline: proposed, its kind left to the reviewer
         "The Working Group invited States parties to share good practices on compensation"),
        ("cand-p08-t1", "recommendation", "8", "", "", "Recommends that States parties train border staff"),
    ]  # fmt: skip
    assert "borderline ('The Working Group invited')" in c.items["note"].iloc[3]
    assert c.unplaced.empty


def test_case_05_page_footer_and_bar_code_between_bullets_keep_the_plan_heading():
    c = read("case-05")
    assert items(c) == [
        ("cand-gpa-30", "requirement", "13", "protection", "30",
         "Measures so that identified victims are not punished for having been trafficked (para. 30)"),
        ("cand-gpa-34", "requirement", "13", "protection", "34", "Measures for safe and voluntary return (para. 34)"),
        ("cand-gpa-44", "requirement", "13", "prosecution", "44",
         "Liability of legal persons for trafficking offences (para. 44)"),
    ]  # fmt: skip
    assert list(c.items["title_en"]) == [
        "Measures so that identified victims are not punished for having been trafficked",
        "Measures for safe and voluntary return",
        "Liability of legal persons for trafficking offences",
    ]
    assert "V.11-12345" not in paragraphs(c)["13"] and "*1112345*" not in paragraphs(c)["13"]
    assert c.warnings == ("2 lines of page furniture left out: 'V.11-12345 (E)    100811    110811'; '*1112345*'",)


def test_the_shipped_source_with_a_job_number_footer_after_a_bullet_keeps_the_heading():
    source = (SHIPPED_DATA / "sources" / "bg-2011-future-work.zh.txt").read_text(encoding="utf-8")
    text = source.replace("（第 30 条）\n", "（第 30 条）\nV.11-84895 (C)    GZ    100811    110811\n*1184895*\n")
    assert text != source
    from transforms.ingest import read_document

    rows = read_document(text, "bg", headings=LABELS).items
    assert rows.loc[rows["item_id"] == "cand-gpa-34", "heading"].tolist() == ["protection"]


def test_case_06_footnotes_inside_a_list_item_that_runs_over_a_page():
    c = read("case-06")
    assert items(c) == [
        ("cand-p05-01", "recommendation", "5", "", "", "Setting up a hotline for people at risk"),
        ("cand-p05-02", "recommendation", "5", "", "",
         "Publishing figures every year on cases reported to the\npolice and to the courts"),
        ("cand-p05-03", "recommendation", "5", "", "", "Reviewing the rules on fees charged by recruiters"),
    ]  # fmt: skip
    texts = paragraphs(c)
    assert texts["fn2"] == "2 General Assembly resolution 61/180, annex."
    assert texts["fn3"] == "3 United Nations, Treaty Series, vol. 1234, No. 5678."
    assert "General Assembly" not in texts["5"] and "Treaty Series" not in texts["5"]
    documents = c.documents[["document_id", "symbol", "source_paragraph", QUOTE]].values.tolist()
    assert documents == [
        ["cand-resolution-61-180", "", "fn2", "General Assembly resolution 61/180, annex"],
        ["cand-fn3", "", "fn3", "United Nations, Treaty Series, vol. 1234, No. 5678"],
    ]
    assert list(c.unplaced["label"]) == ["6"]
    # the build's own paragraph reader takes the same footnotes out, so the quotes can be checked there too
    source_paragraphs = split_paragraphs((CASES / "case-06.txt").read_text(encoding="utf-8"))
    assert all(q in source_paragraphs["5"] for q in c.items[QUOTE])


def test_case_09_paragraph_numbers_inside_joined_lines():
    c = read("case-09")
    assert paragraphs(c) == {
        "header": "Report of a meeting held in Vienna, 1-3 March 2012",
        "1": "1. The Working Group met to discuss support for victims.",
        "2": "2. It held four meetings.",
        "3": "3. States parties should set up hotlines for people at risk.",
        "4": "4. States parties should publish yearly figures on cases.",
    }
    assert items(c) == [
        ("cand-p03-t1", "recommendation", "3", "", "", "States parties should set up hotlines for people at risk"),
        ("cand-p04-t1", "recommendation", "4", "", "", "States parties should publish yearly figures on cases"),
    ]
    assert "paragraph numbers stood inside lines (lines joined when the text was extracted): 1, 2, 3, 4" in c.warnings
    assert "under II. Recommendations" in c.items["note"].iloc[0]
    sources = c.sources.to_dict("records")[0]
    assert (sources["source_id"], sources["symbol"]) == ("ctoc-cop-wg.4-2012-7", "CTOC/COP/WG.4/2012/7")
    assert c.documents.empty  # the document's own symbol is not a citation
    assert c.sessions[["start_date", "end_date", "source_paragraph", "venue_en"]].values.tolist() == [
        ["2012-03-01", "2012-03-03", "header", "Vienna"]
    ]


def test_case_11_paragraph_numbers_without_a_space():
    c = read("case-11")
    assert list(paragraphs(c)) == ["header", "1", "2", "3"]
    assert paragraphs(c)["3"] == "3.《人口贩运议定书》的执行情况是会议讨论的重点。"
    assert c.items.empty and list(c.unplaced["label"]) == ["1", "2", "3"]  # listed for the reviewer


def test_case_12_english_plan_references_in_every_form():
    c = read("case-12")
    assert [(r[0], r[4]) for r in items(c)] == [
        ("cand-gpa-16", "16"), ("cand-gpa-17", "17"), ("cand-gpa-22", "22"), ("cand-gpa-23", "23"),
        ("cand-gpa-34", "34"), ("cand-gpa-35", "35"), ("cand-gpa-44", "44"), ("cand-gpa-22-2", "22"),
    ]  # fmt: skip
    assert set(c.items["kind"]) == {"requirement"} and set(c.items["heading"]) == {"prevention"}
    assert c.items[QUOTE].tolist()[-1] == "Action against demand (Global Plan of Action, para. 22)"
    assert c.items["title_en"].tolist()[-1] == "Action against demand"


def test_case_14_chinese_headings_without_numeral_or_with_odd_points_and_references():
    c = read("case-14")
    assert items(c) == [
        ("cand-gpa-16", "requirement", "13", "prevention", "16", "收集按年龄和性别分列的数据（第16段）"),
        ("cand-gpa-22", "requirement", "13", "prevention", "22", "针对消费者的宣传（第 22 和 23 条）"),
        ("cand-gpa-23", "requirement", "13", "prevention", "23", "针对消费者的宣传（第 22 和 23 条）"),
        ("cand-gpa-34", "requirement", "13", "protection", "34", "为返回者提供支助（第 34 条）"),
        ("cand-gpa-44", "requirement", "13", "prosecution", "44", "法人的赔偿责任（第 44 条）"),
    ]
    assert c.items["title_zh"].tolist()[0] == "收集按年龄和性别分列的数据"
    assert c.sources["language"].tolist() == ["zh"]


@pytest.mark.parametrize("case", sorted(p.stem for p in CASES.glob("case-*.txt")))
def test_every_case_runs_through_the_command(case, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["ingest", str(CASES / f"{case}.txt"), "--out", str(out), "--data", str(SHIPPED_DATA)]) == 0
    printed = capsys.readouterr().out
    c = read(case)
    assert f"{len(c.items)} items" in printed and f"Warnings: {len(c.warnings)}." in printed
    assert all(f"Warning: {w}" in printed for w in c.warnings)
    source_id = c.sources["source_id"].iloc[0]  # from the symbol in the masthead, else from the file name
    assert source_id == ("ctoc-cop-wg.4-2012-7" if case == "case-09" else case)
    assert (out / "sources.csv").read_bytes().decode("utf-8-sig").splitlines()[1].startswith(source_id + ",")
    assert_quotes_in_paragraphs(c)
