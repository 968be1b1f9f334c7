"""The ingest fixes after a new user's trial (issue 10's follow-up): each test builds its own small document."""

from __future__ import annotations

import pytest
from fixtures import SHIPPED_DATA
from ingest_fixtures import docx_bytes, number, numbered_list, pdf_of

from transforms.ingest import QUOTE, heading_labels, read_document, read_upload
from transforms.ingest.numbering import shown

LABELS = heading_labels(SHIPPED_DATA)


def paragraphs(c) -> dict[str, str]:
    return dict(zip(c.paragraphs["label"], c.paragraphs["text"]))


# ---------------------------------------------------------------- 1, 4: Word numbering, first-page masthead


def masthead_docx():
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    table = section.first_page_header.add_table(rows=2, cols=2, width=docx.shared.Inches(6))
    table.cell(0, 0).text, table.cell(0, 1).text = "United Nations", "CTOC/COP/WG.4/2016/3"
    table.cell(1, 1).text = "Distr.: General\n21 September 2016\nOriginal: English"
    section.header.paragraphs[0].text = "CTOC/COP/WG.4/2016/3"  # the running head of later pages
    document.add_paragraph("Working Group on Trafficking in Persons")
    document.add_paragraph("Vienna, 6-8 September 2016")
    document.add_paragraph("I. Recommendations")
    return document


def test_word_list_number_and_list_bullet_are_read_and_the_masthead_in_the_first_page_header():
    document = masthead_docx()
    document.add_paragraph("The Working Group recommended that States parties collect data.", style="List Number")
    document.add_paragraph("States parties should consider the following:", style="List Number")
    document.add_paragraph("Training judges;", style="List Bullet")
    document.add_paragraph("Funding shelters.", style="List Bullet")
    c = read_upload("report.docx", docx_bytes(document), headings=LABELS)
    found = paragraphs(c)
    assert found["1"] == "1. The Working Group recommended that States parties collect data."
    assert found["2"] == "2. States parties should consider the following:\n• Training judges;\n• Funding shelters."
    bullets = c.items[c.items["item_id"].str.startswith("cand-p02-0")]
    assert bullets[QUOTE].tolist() == ["Training judges", "Funding shelters"]
    source = c.sources.iloc[0]
    assert (source["source_id"], source["symbol"], source["issued_date"], source["original_language"]) == (
        "ctoc-cop-wg.4-2016-3", "CTOC/COP/WG.4/2016/3", "2016-09-21", "en",
    )  # fmt: skip
    assert c.sessions[["start_date", "end_date"]].values.tolist() == [["2016-09-06", "2016-09-08"]]
    assert c.documents.empty  # the own symbol of the first-page header is no cited document


def test_word_numbering_levels_are_shown_as_word_shows_them_and_typed_sub_headings_stay_headings():
    document = masthead_docx()
    list_id = numbered_list(document)
    document.add_paragraph("1. Data collection")  # a sub-heading whose number is typed
    levels = (
        (0, "States parties should act as follows:"),
        (1, "Training judges;"),
        (2, "in courts;"),
        (1, "Funding shelters."),
        (0, "The Working Group adopted the report."),
    )
    for level, text in levels:
        number(document.add_paragraph(text), list_id, level)
    c = read_upload("report.docx", docx_bytes(document), headings=LABELS)
    found = paragraphs(c)
    assert found["1"] == (
        "1. States parties should act as follows:\n(a) Training judges;\n(i) in courts;\n(b) Funding shelters."
    )
    assert found["2"] == "2. The Working Group adopted the report."
    assert set(found) == {"header", "1", "2"}
    assert [shown(n, f) for n, f in ((4, "lowerRoman"), (27, "lowerLetter"), (12, "chineseCounting"))] == [
        "iv", "aa", "十二",
    ]  # fmt: skip


# ---------------------------------------------------------------- 3, 8, 12: PDF footnotes, furniture, markers

FOOTNOTE_PDF = [
    [
        (56, 60, 10, "United Nations"),
        (380, 60, 10, "CTOC/COP/WG.4/2013/2"),
        (380, 76, 8, "Distr.: General"),
        (56, 92, 10, "Conference of the Parties to the"),
        (380, 92, 8, "20 December 2013"),
        (56, 104, 10, "Working Group on Trafficking in Persons"),
        (56, 120, 10, "1. The Working Group met in Vienna.", "1"),
        (56, 136, 10, "2. States parties should collect data on victims.", "2"),
        (56, 780, 8, "1 See CTOC/COP/WG.4/2011/3, para. 12."),
        (56, 792, 8, "2 General Assembly resolution 55/25, annex."),
        (290, 820, 8, "1"),
    ],
    [
        (380, 40, 8, "CTOC/COP/WG.4/2013/2  2/3"),
        (56, 70, 10, "3. States parties should train judges.", "3"),
        (56, 780, 8, "3 See CTOC/COP/WG.4/2010/6, para. 45."),
        (290, 820, 8, "2"),
    ],
    [
        (380, 40, 8, "CTOC/COP/WG.4/2013/2  3/3"),
        (56, 70, 10, "4. States parties should fund shelters.", "4"),
        (56, 86, 10, "5. The Working Group adopted the report.", "5"),
        (56, 780, 8, "4CTOC/COP/WG.4/2014/1."),
        (56, 792, 8, "5General Assembly resolution 64/293, annex."),
        (290, 820, 8, "3"),
    ],
]


def test_pdf_footnotes_alike_but_for_digits_are_kept_and_running_heads_with_page_numbers_are_furniture():
    c = read_upload("report.pdf", pdf_of(FOOTNOTE_PDF), headings=LABELS)
    found = paragraphs(c)
    assert {k: v for k, v in found.items() if k != "header"} == {
        "1": "1. The Working Group met in Vienna.¹",
        "2": "2. States parties should collect data on victims.²",
        "3": "3. States parties should train judges.³",
        "4": "4. States parties should fund shelters.⁴",
        "5": "5. The Working Group adopted the report.⁵",
        "fn1": "1 See CTOC/COP/WG.4/2011/3, para. 12.",
        "fn2": "2 General Assembly resolution 55/25, annex.",
        "fn3": "3 See CTOC/COP/WG.4/2010/6, para. 45.",
        "fn4": "4 CTOC/COP/WG.4/2014/1.",
        "fn5": "5 General Assembly resolution 64/293, annex.",
    }
    assert c.documents["symbol"].tolist() == [
        "CTOC/COP/WG.4/2011/3",
        "",
        "CTOC/COP/WG.4/2010/6",
        "CTOC/COP/WG.4/2014/1",
        "",
    ]
    assert c.documents["cited_in_paragraph"].tolist() == ["1", "2", "3", "4", "5"]
    source = c.sources.iloc[0]
    assert (source["symbol"], source["issued_date"]) == ("CTOC/COP/WG.4/2013/2", "2013-12-20")  # no superscripts
    assert c.sessions.empty  # the date of issue is no session


def test_furniture_of_every_form_is_taken_out_of_list_items_and_symbol_font_bullets_are_items():
    text = (
        "1. The Working Group recommended the following measures:\n"
        "\uf0b7 Training judges;\n"
        "GE.11-12345 (E)    100811\n"
        "- 3 -\n"
        "\uf0a7 Funding shelters;\n"
        "CTOC/COP/WG.4/2011/2  3/12\n"
        "* 1 1 1 2 3 4 5 *\n"
        "• Protecting child victims;\n"
        "NY.11-12345 (C)    GZ    100811    110811\n"
        "\u25aa Returning victims safely.\n"
    )
    c = read_document(text, "wg-report", headings=LABELS)
    assert c.items[QUOTE].tolist() == [
        "Training judges", "Funding shelters", "Protecting child victims", "Returning victims safely",
    ]  # fmt: skip
    assert set(c.items["kind"]) == {"recommendation"}


# ---------------------------------------------------------------- 2, 16: sessions

SESSIONS_TEXT = """United Nations    CTOC/COP/WG.4/2013/5
Conference of the Parties to the United Nations    Distr.: General
Convention against Transnational Organized Crime    14 January 2015
Working Group on Trafficking in Persons
Vienna, 6-8 November 2013
I. Introduction
1. The fifth session of the Working Group was held in Vienna from 6 to 8 November 2013.
2. The meeting was opened on 6 November 2013 by the Chair of the Working Group, who recalled the mandate
given to it by the Conference at its sixth session, held in Vienna from 15 to 19 October 2012.
3. The Working Group held three meetings:
1st
6 November 2013
2nd
7 November 2013
3rd
8 November 2013
4. The Working Group adopted the present report on 8 November 2013.
"""


def test_one_session_per_meeting_and_neither_the_date_of_issue_nor_days_within_a_session_are_sessions():
    c = read_document(SESSIONS_TEXT, "wg-report", headings=LABELS)
    rows = c.sessions[["session_id", "body", "number", "start_date", "end_date", "source_paragraph"]]
    assert rows.values.tolist() == [
        ["cand-wg-5", "wg", "5", "2013-11-06", "2013-11-08", "header"],
        ["cand-cop-6", "cop", "6", "2012-10-15", "2012-10-19", "2"],
    ]
    assert c.sources["issued_date"].tolist() == ["2015-01-14"]
    note = c.sessions["note"].iloc[0]
    assert (
        "a day within this meeting (an opening, an adoption or a meeting of the session), in paragraph 2 and 3: "
        "'The meeting was opened on 6 November 2013"
    ) in note
    assert "in paragraph 3 and 4: 'The Working Group held three meetings:" in note
    assert set(c.unplaced["label"]) == set()  # the days within the session place their paragraphs


# ---------------------------------------------------------------- 4, 5, 18, 19: numbers and what is not read


def test_chinese_full_width_numbers_are_paragraphs_the_symbol_after_lianheguo_is_the_own_and_the_unread_reported():
    text = (
        "联合国 CTOC/COP/WG.4/2019/4\n"
        "打击跨国有组织犯罪公约缔约方会议\n"
        "3) 缔约国应保护被害人。\n"
        "1．工作组建议缔约国收集数据。\n"
        "2．缔约国应培训法官。\n"
    )
    c = read_upload("报告.txt", text.encode(), headings=LABELS)
    found = paragraphs(c)
    assert (found["1"], found["2"]) == ("1．工作组建议缔约国收集数据。", "2．缔约国应培训法官。")
    assert c.sources[["source_id", "symbol"]].values.tolist() == [["ctoc-cop-wg.4-2019-4", "CTOC/COP/WG.4/2019/4"]]
    assert c.documents.empty
    assert c.unplaced[["label", "text"]].values.tolist() == [["header", "3) 缔约国应保护被害人。"]]
    assert "1 lines before paragraph 1 were not read as numbered paragraphs (listed as unplaced): " in " ".join(
        c.warnings
    )


def test_paragraph_numbers_past_999_and_numbering_warnings_grouped():
    numbers = [n for n in range(1, 1006) if n not in (10, 20, 30, 40, 50, 60, 70)]
    text = "\n".join(f"{n}. States parties should take measure {n}." for n in numbers)
    c = read_document(text, "long-report", headings=LABELS)
    found = paragraphs(c)
    assert found["999"] == "999. States parties should take measure 999."
    assert found["1005"] == "1005. States parties should take measure 1005."
    jumps = [w for w in c.warnings if "jumps" in w]
    assert jumps == [
        "numbering jumps at 7 places: from 9 to 11; from 19 to 21; from 29 to 31; from 39 to 41; from 49 to 51; "
        "… and 2 more"
    ]


def test_a_report_on_one_line_is_cut_into_its_paragraphs():
    text = (
        "United Nations CTOC/COP/WG.4/2019/4 Working Group on Trafficking in Persons I. Recommendations "
        "1. The Working Group adopted the following recommendations. 2. States parties should train judges. "
        "3. States parties should fund shelters."
    )
    c = read_document(text, "one-line", headings=LABELS)
    found = paragraphs(c)
    assert [found[k] for k in ("1", "2", "3")] == [
        "1. The Working Group adopted the following recommendations.",
        "2. States parties should train judges.",
        "3. States parties should fund shelters.",
    ]


# ---------------------------------------------------------------- 7: Plan headings by label only


def test_only_a_plan_heading_by_its_label_is_a_source_heading_and_keyword_matches_are_no_claim():
    text = (
        "I. Recommendations\n"
        "A. Non-punishment and non-prosecution of victims\n"
        "1. States parties should not punish victims.\n"
        "3. Mutual legal assistance\n"
        "2. States parties should answer requests promptly.\n"
        "IV. Strengthening partnerships against trafficking in persons\n"
        "3. States parties should work with civil society.\n"
    )
    c = read_document(text, "wg-report", headings=LABELS)
    assert c.items[["source_paragraph", "heading", "heading_basis"]].values.tolist() == [
        ["1", "", ""], ["2", "", ""], ["3", "partnerships", "source"],
    ]  # fmt: skip
    assert (
        "'A. Non-punishment and non-prosecution of victims' shares a keyword with prosecution: a guess"
        in (c.items["note"].iloc[0])
    )
    zh = "四 加强防止贩运人口方面的伙伴关系\n1．缔约国应与民间社会合作。\n"
    c = read_document(zh, "zh-report", headings=LABELS)
    assert c.items[["heading", "heading_basis"]].values.tolist() == [["partnerships", "source"]]


# ---------------------------------------------------------------- 14: Plan references


@pytest.mark.parametrize(
    ("wording", "about", "found"),
    [
        ("Cooperation with the media (A/RES/64/293, annex, para. 18)", False, [18]),
        ("Education for children (paragraph 16 and paragraph 19 of the Global Plan of Action)", False, [16, 19]),
        (
            "Research, as in paragraph 30 of the United Nations Global Plan of Action to Combat Trafficking in Persons",
            False,
            [30],
        ),  # fmt: skip
        ("Reporting to the Working Group (paragraph 2 of resolution 64/293)", True, []),  # the resolution's own
        ("教育方案（第二十二条）", True, [22]),
        ("提高认识（第 22 段和第 23 段）", True, [22, 23]),
        ("为返回者提供支助（全球行动计划第三十四条）", False, [34]),
    ],
)
def test_plan_references_in_the_forms_the_trial_found(wording, about, found):
    from transforms.ingest.plan_refs import plan_references

    assert plan_references(wording, about) == found


# ---------------------------------------------------------------- annex paragraphs in the record


def test_a_candidate_citing_an_annex_paragraph_can_be_merged_and_built(tmp_path):
    import duckdb
    from fixtures import BASE, make_record

    from transforms.database.build import build
    from transforms.record.source_text import split_paragraphs

    items = [dict(row) for row in BASE["items"]]
    items[0].update(source_paragraph="annex-2", **{QUOTE: "附件建议乙"})
    data = make_record(tmp_path / "data", items=items)
    with open(data / "sources" / "src.txt", "a", encoding="utf-8") as f:
        f.write("附件\n1. 附件第一段：附件建议甲。\n2. 附件第二段：附件建议乙。\n")
    text = (data / "sources" / "src.txt").read_text(encoding="utf-8")
    assert split_paragraphs(text)["annex-2"] == "2. 附件第二段：附件建议乙。"
    build(data, tmp_path / "gaptrack.duckdb")
    with duckdb.connect(str(tmp_path / "gaptrack.duckdb"), read_only=True) as db:
        cited = db.execute("SELECT source_paragraph FROM items WHERE item_id = ?", [items[0]["item_id"]]).fetchall()
    assert cited == [("annex-2",)]


# ---------------------------------------------------------------- 18: refusals that say what was found


def blank_pdf() -> bytes:
    return pdf_of([[]])


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("a.pdf", b"", "found 'an empty document (0 bytes or blanks)'"),
        ("a.txt", b"", "found 'an empty document (0 bytes or blanks)'"),
        ("a.pdf", None, "found 'blank pages: no text and no image on any page'; expected a PDF with text"),
        (
            "a.txt",
            "1. States parties should act.".encode("utf-16-le"),
            "found 'text in UTF-16 without a byte-order mark'",
        ),
    ],
    ids=["empty-pdf", "empty-text", "blank-pdf", "utf16-no-bom"],
)
def test_refusals_name_what_was_found(name, data, says):
    from transforms.record.errors import DataError

    with pytest.raises(DataError) as err:
        read_upload(name, blank_pdf() if data is None else data, source_id="x", headings=LABELS)
    assert says in str(err.value)


def test_utf16_text_with_a_byte_order_mark_is_read():
    data = "\ufeff1. 缔约国应保护被害人。\n2. States parties should act.\n".encode("utf-16")
    assert (
        paragraphs(read_upload("a.txt", data, source_id="x", headings=LABELS))["2"] == "2. States parties should act."
    )


# ---------------------------------------------------------------- 20: a symbol cited twice


def test_a_symbol_cited_twice_is_one_candidate_naming_both_places():
    text = (
        "1. The Working Group recalled its report (CTOC/COP/WG.4/2013/1).\n"
        "2. States parties should act on CTOC/COP/WG.4/2013/1.\n"
    )
    c = read_document(text, "wg-report", headings=LABELS)
    assert c.documents[["symbol", "source_paragraph"]].values.tolist() == [["CTOC/COP/WG.4/2013/1", "1"]]
    assert "cited again in 2 (marker in 2): 'CTOC/COP/WG.4/2013/1'" in c.documents["note"].iloc[0]


# ---------------------------------------------------------------- 11: the lead-in's own recommendation


def test_a_lead_in_recommending_something_of_its_own_is_proposed_with_its_list():
    text = (
        "1. States parties should work with businesses to keep supply chains free of forced labour, and should "
        "consider the following:\n"
        "(a) Adopting guidelines for public procurement;\n"
        "(b) Supporting codes of conduct.\n"
        "2. The Working Group recommended that States parties consider the following measures:\n"
        "(a) Training judges.\n"
    )
    c = read_document(text, "wg-report", headings=LABELS)
    assert c.items[["item_id", "kind", QUOTE]].values.tolist() == [
        ["cand-p01-t1", "recommendation",
         "States parties should work with businesses to keep supply chains free of forced labour"],
        ["cand-p01-01", "recommendation", "Adopting guidelines for public procurement"],
        ["cand-p01-02", "recommendation", "Supporting codes of conduct"],
        ["cand-p02-01", "recommendation", "Training judges"],
    ]  # fmt: skip


# ---------------------------------------------------------------- 15: lettered sub-headings


def test_lettered_sub_headings_before_numbered_paragraphs_are_headings_not_items():
    text = (
        "I. Recommendations\n"
        "1. The Working Group adopted the following recommendations.\n"
        "(a) General recommendations\n"
        "2. States parties should criminalize trafficking in conflict situations.\n"
        "3. States parties should consider the following:\n"
        "(a) Training peacekeepers;\n"
        "(b) Cooperating with humanitarian actors.\n"
        "(b) Identification of victims\n"
        "4. States parties should train border guards.\n"
    )
    c = read_document(text, "wg-report", headings=LABELS)
    found = paragraphs(c)
    assert found["3"] == (
        "3. States parties should consider the following:\n(a) Training peacekeepers;\n"
        "(b) Cooperating with humanitarian actors."
    )
    assert found["2"] == "2. States parties should criminalize trafficking in conflict situations."
    assert c.items[["source_paragraph", QUOTE]].values.tolist() == [
        ["2", "States parties should criminalize trafficking in conflict situations"],
        ["3", "Training peacekeepers"],
        ["3", "Cooperating with humanitarian actors"],
        ["4", "States parties should train border guards"],
    ]
    notes = c.items["note"].tolist()
    assert "(under I. Recommendations / (a) General recommendations)" in notes[0]
    assert "(under I. Recommendations / (b) Identification of victims)" in notes[3]


# ---------------------------------------------------------------- 17: the document's title


def test_the_title_is_the_documents_not_the_agenda_items_and_joined_across_lines():
    text = (
        "United Nations    CTOC/COP/WG.4/2014/4\n"
        "Item 6 of the provisional agenda\n"
        "Adoption of the report\n"
        "Report on the meeting of the Working Group on Trafficking in Persons\n"
        "held in Vienna from 17 to 19 November 2014\n"
        "I. Recommendations\n"
        "1. States parties should train judges.\n"
    )
    title = (
        "Report on the meeting of the Working Group on Trafficking in Persons "
        "held in Vienna from 17 to 19 November 2014"
    )
    assert read_document(text, "r", headings=LABELS).sources["title_en"].tolist() == [title]
    pdf = pdf_of([[
        (56, 60, 10, "United Nations"), (380, 60, 10, "CTOC/COP/WG.4/2014/4"),
        (56, 100, 10, "Item 6 of the provisional agenda"),
        (56, 116, 10, "Organization of the work of the Working Group"),
        (56, 140, 14, "Activities of the Working Group on Trafficking in"),
        (56, 158, 14, "Persons in 2014"),
        (56, 180, 10, "Note by the Secretariat"),
        (56, 200, 10, "1. States parties should train judges."),
    ]])  # fmt: skip
    source = read_upload("note.pdf", pdf, headings=LABELS).sources
    assert source["title_en"].tolist() == ["Activities of the Working Group on Trafficking in Persons in 2014"]


# ---------------------------------------------------------------- 6: two columns


def test_a_two_column_page_is_read_column_by_column_with_a_warning():
    left = [
        "1. The Working Group met in Vienna. It considered",
        "the protection of victims and the role of",
        "civil society.",
        "2. States parties should ensure access to",
        "legal aid for victims of trafficking.",
    ]
    right = ["3. States parties should train labour inspectors", "to identify victims in the fishing industry.",
             "4. States parties should strengthen cooperation", "between countries of origin and destination.",
             "5. The Working Group adopted its report."]  # fmt: skip
    page = [(56, 60, 10, "United Nations"), (420, 60, 10, "CTOC/COP/WG.4/2017/2")]
    page += [(56, 100 + 14 * i, 9, text) for i, text in enumerate(left)]
    page += [(310, 100 + 14 * i, 9, text) for i, text in enumerate(right)]
    c = read_upload("two.pdf", pdf_of([page]), headings=LABELS)
    found = paragraphs(c)
    assert [found[str(n)] for n in range(1, 6)] == [
        "1. The Working Group met in Vienna. It considered\nthe protection of victims and the role of\ncivil society.",
        "2. States parties should ensure access to\nlegal aid for victims of trafficking.",
        "3. States parties should train labour inspectors\nto identify victims in the fishing industry.",
        "4. States parties should strengthen cooperation\nbetween countries of origin and destination.",
        "5. The Working Group adopted its report.",
    ]
    assert "pages set in two columns, read column by column (left first): 1; check the order" in c.warnings
    assert c.sources["symbol"].tolist() == ["CTOC/COP/WG.4/2017/2"]


def test_a_body_sentence_ending_pages_alike_is_text_and_table_rows_with_numbers_are_no_footnotes():
    pages = [
        [
            (56, 60, 10, "1. The Working Group held its meetings as follows:"),
            (56, 76, 10, "1 Opening of the meeting"),
            (56, 92, 10, "2 Adoption of the agenda"),
            (56, 745, 10, "2. States parties should take measure 2 under paragraph 16"),
            (56, 770, 10, "of the Global Plan of Action."),
        ],
        [
            (56, 745, 10, "3. States parties should take measure 3 under paragraph 17"),
            (56, 770, 10, "of the Global Plan of Action."),
        ],
    ]
    found = paragraphs(read_upload("r.pdf", pdf_of(pages), source_id="r", headings=LABELS))
    assert found == {
        "header": "",
        "1": "1. The Working Group held its meetings as follows:\n1 Opening of the meeting\n2 Adoption of the agenda",
        "2": "2. States parties should take measure 2 under paragraph 16\nof the Global Plan of Action.",
        "3": "3. States parties should take measure 3 under paragraph 17\nof the Global Plan of Action.",
    }


@pytest.mark.parametrize(
    "line",
    [
        "联合国 CTOC/COP/WG.4/2019/4",
        "联合国\tCTOC/COP/WG.4/2019/4",
        "联合国CTOC/COP/WG.4/2019/4",
        "United Nations\tCTOC/COP/WG.4/2019/4",
    ],
)
def test_the_own_symbol_after_the_name_of_the_organization(line):
    from transforms.ingest.masthead import masthead

    assert masthead([line, "Distr.: General"])["symbol"] == "CTOC/COP/WG.4/2019/4"
