"""Each part of gaptrack ingest on its own: layout (furniture, footnotes), structure (paragraphs, headings,
numbering), lists, Plan references, recognising items, sessions, the masthead, and reading the Plan itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures import SHIPPED_DATA

from transforms.ingest import QUOTE, heading_labels, read_document, read_file
from transforms.ingest.layout import is_furniture, sort_out
from transforms.ingest.lines import Line, plain_lines
from transforms.ingest.lists import cut
from transforms.ingest.masthead import masthead
from transforms.ingest.plan_refs import plan_references, without_reference
from transforms.ingest.recognise import text_items
from transforms.ingest.sessions import session_candidates
from transforms.ingest.structure import find_structure, path_text
from transforms.ingest.wording import without_markers

LABELS = heading_labels(SHIPPED_DATA)
PLAN = Path(__file__).resolve().parent / "ingest_variants" / "plan-resolution.en.txt"


def layout(text: str):
    return sort_out(plain_lines(text))


def structure(text: str):
    return find_structure(layout(text).body, LABELS)


# ---------------------------------------------------------------- layout


@pytest.mark.parametrize(
    "line",
    [
        "V.11-12345 (E)    100811    110811",
        "11-12345 (E)    100811    110811",  # without the V.
        "V.11-84895 (C)    GZ    100811    110811",
        "*1112345*",
        "V.10-50502 (E) 170210 180210 *1050502*",  # job number and bar code on one line
        "4\tV.11-84895 (C)",
        "CTOC/COP/WG.4/2011/2",  # running head
        "2 CTOC/COP/WG.4/2011/2",
        "- 4 -",
        "2/3",
        "Page 3",
        "Page 2 of 3",
        "CTOC/COP/WG.4/2011/2 3",
        "*1050502* V.10-50502 (E)",
        "__________________",
    ],
)
def test_page_furniture_in_every_form(line):
    assert is_furniture(line)
    assert layout(f"1. Text goes\n{line}\non here.").body == ["1. Text goes", "on here."]


@pytest.mark.parametrize("line", ["1. Text.", "2010 年 1 月 27 日", "States parties should act.", "(a) Item;"])
def test_text_is_not_furniture(line):
    assert not is_furniture(line)


def test_footnotes_in_every_layout():
    text = "\n".join([
        "5. The Working Group recommended the measures,¹ as in resolution 61/180.4",
        "(b) Publishing figures on cases reported to the",
        "2 General Assembly resolution 61/180, annex.",  # no symbol at its start; runs into footnote 3
        "3 United Nations, Treaty Series, vol. 1234, No. 5678.",
        "police and to the courts;",
        "4 See the report of the Secretary-General.",  # its number stands glued in the text: '61/180.4'
        "12 countries took part.",  # a plain number, not a footnote: nothing glued, no citation, no run
        "__________",
        "¹",  # the marker alone on its line under a rule
        "CTOC/COP/WG.4/2009/2.",
        "* CTOC/COP/WG.4/2011/1.",
    ])  # fmt: skip
    sorted_out = layout(text)
    assert sorted_out.body == [
        "5. The Working Group recommended the measures,¹ as in resolution 61/180.4",
        "(b) Publishing figures on cases reported to the",
        "police and to the courts;",
        "12 countries took part.",
    ]
    assert sorted_out.footnotes == {
        "fn2": "2 General Assembly resolution 61/180, annex.",
        "fn3": "3 United Nations, Treaty Series, vol. 1234, No. 5678.",
        "fn4": "4 See the report of the Secretary-General.",
        "fn1": "¹ CTOC/COP/WG.4/2009/2.",
        "fn*": "* CTOC/COP/WG.4/2011/1.",
    }
    assert sorted_out.furniture == ["__________"]


def test_footnote_lines_a_format_marks_continue_without_a_marker():
    lines = [
        Line("1. Body text."),
        Line("1 A footnote that runs", footnote=True),
        Line("on a second line.", footnote=True),
    ]
    assert sort_out(lines).footnotes == {"fn1": "1 A footnote that runs\non a second line."}
    assert sort_out([Line("Running head", furniture=True), Line("1. Body.")]).body == ["1. Body."]


def test_footnote_markers_leave_titles_but_not_quotes():
    assert without_markers("recommendations² for the Conference") == "recommendations for the Conference"
    assert without_markers("adopted the report.4") == "adopted the report."
    assert without_markers("resolution 5/2 and CTOC/COP/WG.4/2010/6") == "resolution 5/2 and CTOC/COP/WG.4/2010/6"


# ---------------------------------------------------------------- structure


def test_headings_are_structure_and_apply_across_paragraphs():
    s = structure(
        "I. Recommendations\n1. Lead-in text.\nA. Reporting\n1. Overall measures\n2. Text two.\n3. Text three.\n"
        "2. Support services\n4. Text four.\n一 . 保护\n5. 五。\n三．起诉\n6. 六。\n防止贩运人口\n7. 七。\n"
        "（一）国家行动\n8. 八。\nB. General recommendations\n9. General recommendations\n9. Text nine."
    )
    assert {label: (p.text, path_text(p.path)) for label, p in s.paragraphs.items()} == {
        "header": ("", ""),
        "1": ("1. Lead-in text.", "I. Recommendations"),
        "2": ("2. Text two.", "I. Recommendations / A. Reporting / 1. Overall measures"),
        "3": ("3. Text three.", "I. Recommendations / A. Reporting / 1. Overall measures"),
        "4": ("4. Text four.", "I. Recommendations / A. Reporting / 2. Support services"),
        "5": ("5. 五。", "一. 保护"),
        "6": ("6. 六。", "三. 起诉"),
        "7": ("7. 七。", "防止贩运人口"),  # a heading without a numeral: a Plan heading label
        "8": ("8. 八。", "防止贩运人口 / 一. 国家行动"),
        "9": ("9. Text nine.", "防止贩运人口 / B. General recommendations / 9. General recommendations"),
    }  # the last sub-heading's number is the next paragraph's, yet it is a sub-heading: the paragraph 9 follows
    assert s.warnings == []


def test_a_number_out_of_sequence_inside_a_sentence_is_no_paragraph():
    s = structure("1. Text.\n2. As the Chair said in paragraph\n16. Several speakers agreed, the matter\n3. Next.")
    assert list(s.paragraphs) == ["header", "1", "2", "3"]
    assert s.paragraphs["2"].text == "2. As the Chair said in paragraph\n16. Several speakers agreed, the matter"
    assert s.warnings == [
        "line starting with 16. out of sequence (expected 3) kept as text of paragraph 2: "
        "'16. Several speakers agreed, the matter'"
    ]


def test_numbering_gaps_and_repeats_are_reported():
    s = structure("1. One.\n2. Two.\n5. Five, after a gap.\n5. Five again, as text.")
    assert list(s.paragraphs) == ["header", "1", "2", "5"]
    assert s.warnings == [
        "numbering jumps from 2 to 5: '5. Five, after a gap.'",
        "line starting with 5. out of sequence (expected 6) kept as text of paragraph 5: '5. Five again, as text.'",
    ]


def test_joined_lines_and_numbers_without_a_space():
    s = structure("I. Introduction 1. Met. 2. Four meetings.\nII. Recommendations 3.States should act. 4.Next.")
    assert {k: p.text for k, p in s.paragraphs.items() if k != "header"} == {
        "1": "1. Met.", "2": "2. Four meetings.", "3": "3.States should act.", "4": "4.Next.",
    }  # fmt: skip
    assert s.warnings == ["paragraph numbers stood inside lines (lines joined when the text was extracted): 1, 2, 3, 4"]


def test_restarted_numbering_is_kept_apart():
    s = read_file(PLAN, headings=LABELS)
    assert list(s.paragraphs["label"]) == [
        "header", "1", "2", "3", "annex-1", "annex-2", "annex-3", "annex-4", "annex-5", "annex-6", "annex-7",
    ]  # fmt: skip
    assert "numbering starts again at 1 after paragraph 3: kept apart as annex-1, annex-2, …" in s.warnings


def test_nested_list_items_keep_their_parent():
    s = structure(
        "1. Measures:\n(a) One;\n(b) Two, in particular:\n(i) Two-one;\n(ii) Two-two;\n(c) Three;\n(h) H;\n(i) I."
    )
    listing = cut(s.paragraphs["1"])
    assert [(b.marker, b.parent, b.quote) for b in listing.bullets] == [
        ("(a)", "", "One;"), ("(b)", "", "Two, in particular:"), ("(i)", "(b)", "Two-one;"),
        ("(ii)", "(b)", "Two-two;"), ("(c)", "", "Three;"), ("(h)", "", "H;"), ("(i)", "", "I."),
    ]  # fmt: skip


# ---------------------------------------------------------------- Plan references


@pytest.mark.parametrize(
    "wording, about, found",
    [
        ("Data (para. 30)", True, [30]),
        ("Data (para. 30)", False, []),  # a bracketed reference counts in a paragraph about the Plan
        ("Data (paras. 16 and 17)", True, [16, 17]),
        ("Data (paragraphs 22-23)", True, [22, 23]),
        ("Data (paragraphs 16, 17 and 18)", True, [16, 17, 18]),
        ("as called for in paragraphs 34 and 35 of the Global Plan of Action", False, [34, 35]),
        ("as paragraph 30 of the Plan calls for", False, [30]),
        ("Action against demand (Global Plan of Action, para. 22)", False, [22]),
        ("数据（第16段）", True, [16]),
        ("宣传（第 22 和 23 条）", True, [22, 23]),
        ("落实《全球行动计划》第 22 条的要求", False, [22]),
        ("《人口贩运议定书》的定义（第 3 条）", False, []),
        ("Data (para 16 (a))", True, [16]),
        ("Data (see paragraphs 16 to 18)", True, [16, 17, 18]),
        ("数据（第 16、17 段）", True, [16, 17]),
    ],
)
def test_plan_references_in_every_form(wording, about, found):
    assert plan_references(wording, about) == found


def test_a_sentence_ending_with_a_reference_keeps_it():
    items = read_document("1. States parties should protect victims (para. 30).", "x", headings=LABELS).items
    assert items[["item_id", "plan_paragraph", QUOTE]].values.tolist() == [
        ["cand-p01-t1", "", "States parties should protect victims (para. 30)"],
    ]  # the paragraph does not speak of the Plan: 'para. 30' may be the report's own paragraph
    text = "1. States parties should protect victims, as the Global Plan of Action asks (para. 30)."
    items = read_document(text, "x", headings=LABELS).items
    title = "States parties should protect victims, as the Global Plan of Action asks"
    assert items[["item_id", "plan_paragraph", QUOTE, "title_en"]].values.tolist() == [
        ["cand-p01-t1", "", f"{title} (para. 30)", title],
        ["cand-gpa-30", "30", f"{title} (para. 30)", title],
    ]
    assert without_reference("Victims (para. 30)") == "Victims"


# ---------------------------------------------------------------- recognising items


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("Recommends that States parties train border staff.", "recommendation"),
        ("The Working Group recommended that States set up hotlines.", "recommendation"),
        ("The Conference also recommended that the Secretariat publish a guide.", "recommendation"),
        ("It is recommended that States parties publish figures.", "recommendation"),
        ("States parties should fund shelters.", "recommendation"),
        ("Member States should consider ratifying the Protocol.", "recommendation"),
        ("工作组建议缔约国设立热线。", "recommendation"),
        ("缔约国应当为受害者提供援助。", "recommendation"),
        ("The Working Group invited States parties to share good practices.", ""),
        ("Urges Governments to act.", ""),
        ("The Working Group agreed that States parties should share data.", "recommendation"),
        ("各国应当加强合作。", "recommendation"),
        ("States parties are encouraged to share good practices.", ""),
        ("工作组邀请缔约国分享良好做法。", ""),
        ("The Chair closed the meeting.", None),
        ("缔约国应对人口贩运。", None),  # 应对: to respond, not 'should'
    ],
)
def test_recommending_forms(sentence, kind):
    paragraph = structure(f"1. {sentence}").paragraphs["1"]
    rows = text_items(cut(paragraph), "x", LABELS, chinese=False)
    assert [r["kind"] for r in rows] == ([] if kind is None else [kind])


def test_under_a_recommendations_heading_a_paragraph_is_a_recommendation_unless_a_lead_in_or_proceedings():
    text = (
        "II. Recommendations\n1. The Working Group adopted the following recommendations.\n"
        "2. Training for judges on the rights of victims.\n3. The Working Group adopted the report."
    )
    items = read_document(text, "x", headings=LABELS).items
    assert items[["source_paragraph", "kind", QUOTE]].values.tolist() == [
        ["2", "recommendation", "Training for judges on the rights of victims"]
    ]
    assert "a numbered paragraph under 'II. Recommendations'" in items["note"].iloc[0]


# ---------------------------------------------------------------- sessions and the masthead


def test_one_session_per_meeting_and_the_date_of_issue_is_none():
    paragraphs = {
        "header": "Distr.: General\n2 February 2010\nWorking Group on Trafficking in Persons\n"
        "Vienna, 27-29 January 2010",
        "1": "1. The Working Group held its second meeting in Vienna from 27 to 29 January 2010.",
    }
    rows = session_candidates(paragraphs, "x")
    assert [(r["session_id"], r["source_paragraph"], r["start_date"], r["end_date"]) for r in rows] == [
        ("cand-wg-2", "header", "2010-01-27", "2010-01-29")
    ]
    assert (
        "the same meeting is named again in paragraph 1" in rows[0]["note"] and "(number from there)" in rows[0]["note"]
    )
    on_one_line = session_candidates({"header": "Distr.: General 2 February 2010", "1": "1. Text."}, "x")
    assert on_one_line == []


def test_masthead_in_english_and_chinese():
    assert masthead(
        ["United Nations    CTOC/COP/WG.4/2010/6", "Distr.: General", "2 February 2010", "Original: English",
         "Item 2 of the provisional agenda*", "Report on the meeting¹"]
    ) == {
        "symbol": "CTOC/COP/WG.4/2010/6", "issued_date": "2010-02-02", "language": "en",
        "original_language": "en", "agenda_item": "2", "title": "Report on the meeting",
    }  # fmt: skip
    shipped = (SHIPPED_DATA / "sources" / "bg-2011-future-work.zh.txt").read_text(encoding="utf-8")
    found = masthead(shipped.splitlines()[:20])
    assert (found["symbol"], found["issued_date"], found["original_language"], found["agenda_item"]) == (
        "", "2011-08-02", "en", "6",
    )  # fmt: skip  # the shipped text prints no symbol of its own (sources.csv says so)
    assert found["title"] == "拟议的未来工作领域"


def test_the_shipped_source_proposes_its_sources_row():
    source = read_document(
        (SHIPPED_DATA / "sources" / "bg-2011-future-work.zh.txt").read_text(encoding="utf-8"),
        "bg-2011-future-work",
        headings=LABELS,
    ).sources.to_dict("records")[0]
    columns = ("symbol", "title_zh", "language", "original_language", "issued_date", "agenda_item")
    assert {k: source[k] for k in columns} == {
        "symbol": "", "title_zh": "拟议的未来工作领域", "language": "zh", "original_language": "en",
        "issued_date": "2011-08-02", "agenda_item": "6",
    }  # fmt: skip  # as data/sources.csv holds them, but for the title the editors wrote in full


# ---------------------------------------------------------------- reading the Plan itself


def test_the_plan_gives_one_requirement_per_operative_paragraph_under_its_heading():
    c = read_file(PLAN, headings=LABELS)
    requirements = c.items[c.items["kind"] == "requirement"]
    columns = ["item_id", "source_paragraph", "plan_paragraph", "heading", "heading_basis", QUOTE]
    assert requirements[columns].values.tolist() == [
        ["cand-gpa-3", "annex-3", "3", "prevention", "source",
         "Address the social, economic, cultural and political factors that make people vulnerable to\n"
         "trafficking in persons"],
        ["cand-gpa-4", "annex-4", "4", "prevention", "source", "Strengthen research on trafficking in persons"],
        ["cand-gpa-5", "annex-5", "5", "protection", "source", "Ensure that victims are treated as victims of crime"],
        ["cand-gpa-6", "annex-6", "6", "prosecution", "source", "Criminalize trafficking in persons in all its forms"],
        ["cand-gpa-7", "annex-7", "7", "partnerships", "source", "Foster cooperation among States"],
    ]  # fmt: skip
    assert (
        "operative paragraph 3 of the Plan (paragraph annex-3 here, under Annex: United Nations Global Plan"
        in (requirements["note"].iloc[0])
    )
    # the resolution's own operative paragraphs: verbs for the reviewer; the annex's preamble: unplaced
    assert c.items[c.items["kind"] != "requirement"][["source_paragraph", "kind"]].values.tolist() == [
        ["2", ""],
        ["3", ""],
    ]
    assert list(c.unplaced["label"]) == ["1", "annex-1", "annex-2"]
    assert c.sources[["source_id", "symbol", "issued_date", "agenda_item"]].values.tolist() == [
        ["a-res-64-293", "A/RES/64/293", "2010-08-12", "104"]
    ]
    assert c.documents.empty and c.sessions.empty  # the issue date is no session, the own symbol no citation
