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
    for level, text in ((0, "States parties should act as follows:"), (1, "Training judges;"),
                        (2, "in courts;"), (1, "Funding shelters."), (0, "The Working Group adopted the report.")):  # fmt: skip
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
