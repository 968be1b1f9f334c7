"""Every text a reader sees, in both languages: the message catalogs key for key, the data's
explanation columns with their Chinese twins (and the build refusing a row with one language),
Chinese typography, plurals, numbers and dates by Babel, and the app's widgets after a switch of
language (AppTest)."""

from __future__ import annotations

import csv
import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest
from fixtures import SHIPPED_DATA, copy_shipped
from streamlit.testing.v1 import AppTest

from transforms.database.build import build
from transforms.presentation.i18n import catalog, catalog_files, date_text, moment_text, number, percent, t
from transforms.record.errors import DataError
from transforms.record.load import load
from transforms.record.migrate import migrate_copy
from transforms.record.schema import TABLES, TWINS, Table
from transforms.record.twins import missing_twins

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
CJK = r"[\u3400-\u9fff]"


# -- catalogs -----------------------------------------------------------------------------------


def read_catalogs(files: list[Path]) -> dict[str, str]:
    """Every key of these TOML files, merged (as i18n.catalog merges a language's files)."""
    merged = {}
    for path in files:
        merged.update(tomllib.loads(path.read_text(encoding="utf-8")))
    return merged


def keys_lacking_a_language(en: dict, zh: dict) -> list[str]:
    """Keys one language has (with a text) and the other lacks or leaves empty, both ways. A key
    empty in both says nothing in either (a sentence some views leave out)."""
    return sorted(
        [
            f"{k}: no Chinese"
            for k, v in en.items()
            if (str(v).strip() or k not in zh) and not str(zh.get(k, "")).strip()
        ]
        + [
            f"{k}: no English"
            for k, v in zh.items()
            if (str(v).strip() or k not in en) and not str(en.get(k, "")).strip()
        ]
    )


def test_every_key_of_every_catalog_file_exists_in_both_languages():
    en_files, zh_files = catalog_files("en"), catalog_files("zh")
    assert {p.name.replace("en.toml", "") for p in en_files} == {p.name.replace("zh.toml", "") for p in zh_files}
    en, zh = read_catalogs(en_files), read_catalogs(zh_files)
    assert len(en) > 500
    assert keys_lacking_a_language(en, zh) == []


def test_a_key_missing_in_either_language_is_found(tmp_path):
    en, zh = tmp_path / "x.en.toml", tmp_path / "x.zh.toml"
    en.write_text('a = "One"\nb = "Two"\nc = "Three"\n', encoding="utf-8")
    zh.write_text('a = "一"\nb = ""\nd = "四"\n', encoding="utf-8")
    found = keys_lacking_a_language(read_catalogs([en]), read_catalogs([zh]))
    assert found == ["b: no Chinese", "c: no Chinese", "d: no English"]


# -- data -------------------------------------------------------------------------------------


def test_every_explanation_column_has_its_chinese_twin_in_schema_and_files():
    assert missing_twins(TABLES) == []
    for table in TABLES:
        path = SHIPPED_DATA / table.file
        if not path.exists():
            continue
        with open(path, encoding="utf-8-sig", newline="") as f:
            header = next(csv.reader(f))
        assert set(header) == set(table.column_names), table.file
    assert {"note", "heading_rationale"} <= set(TWINS)


def test_an_explanation_column_without_its_twin_is_found():
    items = next(t for t in TABLES if t.name == "items")
    lacking = Table("items", items.key, tuple(c for c in items.columns if c.name != "note_zh"))
    assert missing_twins((lacking,)) == ["items.csv: note has no note_zh"]
    orphan = Table("items", items.key, tuple(c for c in items.columns if c.name != "heading_rationale"))
    assert missing_twins((orphan,)) == ["items.csv: heading_rationale_zh has no heading_rationale"]


def test_every_shipped_explanation_is_given_in_both_languages():
    for table in TABLES:
        path = SHIPPED_DATA / table.file
        with open(path, encoding="utf-8-sig", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                for en, zh in TWINS.items():
                    if en in row:
                        assert bool(row[en]) == bool(row[zh]), (table.file, line, en)
                        assert not row[zh] or re.search(CJK, row[zh]), (table.file, line, zh)


def _set_cell(folder: Path, file: str, row: int, **cells) -> None:
    path = folder / file
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0])
    rows[row].update(cells)
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize(
    ("cells", "column", "given"),
    [
        ({"note_zh": ""}, "note_zh", "note"),  # English only
        ({"note": ""}, "note", "note_zh"),  # Chinese only
    ],
)
def test_a_row_with_one_language_only_is_refused_in_both_languages(tmp_path, cells, column, given):
    data = copy_shipped(tmp_path / "data")
    _set_cell(data, "sessions.csv", 8, **cells)  # bureau-8: "The source gives no venue."
    with pytest.raises(DataError) as caught:
        build(data, tmp_path / "db.duckdb")
    err = caught.value
    assert (err.file, err.line, err.column) == ("data/sessions.csv", 10, column)
    english, chinese = err.message("en"), err.message("zh")
    assert "line 10" in english and f"'{column}'" in english and f"'{given}'" in english and "Fix:" in english
    assert "第 10 行" in chinese and column in chinese and "解决办法" in chinese
    assert not (tmp_path / "db.duckdb").exists()


def test_an_older_copy_without_the_twins_is_migrated_and_builds(tmp_path):
    data = copy_shipped(tmp_path / "old")
    for table in TABLES:
        path = data / table.file
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        drop = [i for i, name in enumerate(rows[0]) if name in TWINS.values() and name != "rationale_zh"]
        kept = [[c for i, c in enumerate(r) if i not in drop] for r in rows]
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(kept)
    with pytest.raises(DataError):
        load(data)
    assert migrate_copy(data)
    record = load(data)
    assert record.tables["sessions"][7]["note"] and record.tables["sessions"][7]["note_zh"] is None


# -- Chinese typography -------------------------------------------------------------------------


def typography_problems(text: str) -> list[str]:
    """What breaks the house rules for Chinese text: half-width punctuation set in Chinese, a line
    starting with closing punctuation, another name for the Plan than 《全球行动计划》."""
    found = []
    if re.search(rf"{CJK}[,;:!?](?!\*)|(?<![\w.])[,;:!?]\s*{CJK}", text):
        found.append("half-width punctuation in Chinese")
    if re.search(rf"{CJK}\s*\((?!\*)|\)\s*{CJK}|\({CJK}", text):
        found.append("half-width parenthesis in Chinese")
    if re.search(r"\n\s*[）》」』】，。、；：！？]", text):
        found.append("a line starting with closing punctuation")
    if re.search(r"行动计划", text.replace("《全球行动计划》", "")):
        found.append("the Plan named otherwise than 《全球行动计划》")
    return found


def test_typography_problems_are_found():
    assert typography_problems("记录中的条目,共 3 个") == ["half-width punctuation in Chinese"]
    assert typography_problems("条目(建议)") == ["half-width parenthesis in Chinese"]
    assert typography_problems("第一行\n）第二行") == ["a line starting with closing punctuation"]
    assert typography_problems("《行动计划》的要求") == ["the Plan named otherwise than 《全球行动计划》"]
    assert typography_problems("《全球行动计划》第 16 段（数据）。") == []


def test_chinese_catalogs_and_data_follow_the_typography():
    problems = {k: typography_problems(v) for k, v in catalog("zh").items()}
    problems.pop("delimiter_semicolon")  # names the character ; itself
    assert {k: p for k, p in problems.items() if p} == {}
    for table in TABLES:
        with open(SHIPPED_DATA / table.file, encoding="utf-8-sig", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                for column, value in row.items():
                    if column.endswith("_zh") and value:
                        assert typography_problems(value) == [], (table.file, line, column, value)


def test_one_word_for_heading_and_for_title_in_chinese():
    zh = catalog("zh")
    assert zh["heading"] == "标题" and zh["title"] == "名称"
    for key, text in zh.items():
        assert "标头" not in text and "章节" not in text and "题目" not in text, key


# -- plurals, numbers, dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "values", "english"),
    [
        ("items_sentence", {"count": 1}, "1 item matches the filters."),
        ("items_sentence", {"count": 2}, "2 items match the filters."),
        ("items_sentence", {"count": 12345}, "12,345 items match the filters."),
        ("edit_titles_changed", {"count": 1}, "1 item changed"),
        ("review_sessions", {"count": 1}, "Sessions (1 candidate)"),
        ("check_waiting_proposals", {"waited": 1}, "Proposals waiting more than 1 Working Group session"),
        ("check_waiting_proposals", {"waited": 2}, "Proposals waiting more than 2 Working Group sessions"),
        ("diff_written", {"count": 1, "folder": "out"}, "Wrote 1 CSV file to out"),
    ],
)
def test_english_plurals_by_babel(key, values, english):
    assert t("en", key, **values).startswith(english)


def test_outcomes_sentence_says_one_time_in_the_status_words():
    text = t("en", "outcomes_sentence", sessions=1, done=1, pending=1, proposed=0)
    assert "1 session or meeting" in text and "as done 1 time," in text and "as pending 1 time " in text
    assert "as proposed 0 times" in text
    zh = t("zh", "outcomes_sentence", sessions=1, done=1, pending=1, proposed=0)  # the status words of the legend
    assert all(t("zh", f"status_{s}") in zh for s in ("done", "pending", "proposed")) and "推迟" not in zh


def test_no_hand_written_plural_left_in_english():
    en = catalog("en")
    assert [k for k, v in en.items() if re.search(r"\w\(s\)", v)] == []


def test_numbers_percentages_and_dates_per_language():
    assert (number("en", 1234567), number("zh", 1234567)) == ("1,234,567", "1,234,567")
    assert (percent(0.734, "en"), percent(0.734, "zh"), percent(None, "zh")) == ("73%", "73%", "–")
    assert t("zh", "items_sentence", count=12345).startswith("共有 12,345 个条目")
    day = dt.date(2011, 10, 10)
    assert (date_text("en", day), date_text("zh", day)) == ("10 October 2011", "2011年10月10日")
    moment = dt.datetime(2011, 10, 10, 14, 5, tzinfo=dt.UTC)
    assert moment_text("en", moment) == "10 October 2011, 14:05 UTC"
    assert moment_text("zh", moment) == "2011年10月10日 14:05 UTC"


# -- the app after a switch of language -------------------------------------------------------------

PAGES = ["overview", "sessions", "plan", "items", "checks", "changes", "about", "edit"]
WIDGETS = ("selectbox", "multiselect", "text_input", "text_area", "number_input", "toggle", "button", "radio")
SAME_IN_BOTH = {"Language · 语言", "item_id", "session_id", "document_id", "source_id"}


def widgets(at: AppTest) -> dict[str, tuple[str, list[str]]]:
    """Each widget on the page, by its key or label: (label, options as shown)."""
    found = {}
    for kind in WIDGETS:
        for w in getattr(at, kind):
            options = [str(o) for o in getattr(w, "options", [])]
            found[f"{kind}:{w.key or w.label}"] = (w.label, options)
    return found


@pytest.fixture
def editing(tmp_path, monkeypatch, shipped_db):
    data = copy_shipped(tmp_path / "data")
    monkeypatch.setenv("GAPTRACK_DATA", str(data))
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    monkeypatch.setenv("GAPTRACK_EDITING", "1")
    monkeypatch.setenv("GAPTRACK_EDITOR_PASSPHRASE", "correct horse")


def open_in_english(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    if page == "edit":
        at.text_input[0].input("Ann")
        at.text_input[1].input("correct horse")
        at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("page", PAGES)
def test_switching_language_changes_every_widget_label_and_choice(editing, page):
    at = open_in_english(page)
    before = widgets(at)
    at.segmented_control(key="lang").set_value("zh").run()
    assert not at.exception, [e.value for e in at.exception]
    after = widgets(at)
    assert len(after) >= len(before) > 3
    unchanged = [
        name
        for name, (label, options) in after.items()
        if name in before and label == before[name][0] and label not in SAME_IN_BOTH
    ]
    assert unchanged == [], unchanged
    latin = [
        (name, option)
        for name, (_, options) in after.items()
        for option in options
        if re.fullmatch(r"[A-Za-z ,'()]{6,}", option) and option not in SAME_IN_BOTH
    ]
    assert latin == [], latin
    for name, (label, _) in after.items():
        assert not re.fullmatch(r"[A-Z][a-z]+( [a-z]+)+", label), (name, label)  # an English phrase


@pytest.mark.parametrize("page", PAGES)
def test_no_chinese_page_shows_streamlits_english_placeholder(editing, page):
    at = open_in_english(page)
    at.segmented_control(key="lang").set_value("zh").run()
    for tab in ("selectbox", "multiselect"):
        for w in getattr(at, tab):
            placeholder = w.proto.placeholder
            assert placeholder and "Choose" not in placeholder and re.search(CJK, placeholder), (w.label, placeholder)


def test_a_paragraph_is_duan_in_chinese_never_tiao():
    """A Plan paragraph (and any paragraph) is 段: 条 is an article (of the Protocol) or an entry
    (of the audit log). The Plan view, Items and the briefing once said "《全球行动计划》第 16 条"
    where the Method page said "第 16 段". The data's quotes keep the source's own wording."""
    en, zh = catalog("en"), catalog("zh")
    assert t("zh", "plan_paragraph", n=16) == "《全球行动计划》第 16 段"
    tiao = re.compile(r"第\s*(?:\{[^}]*\}|[0-9一二三四五六七八九十]+)\s*条")
    tiaos = [k for k in zh if tiao.search(zh[k])]  # an entry of the audit log ("第 {entry} 条"), never a paragraph
    assert tiaos and all("paragraph" not in en[k].lower() for k in tiaos), tiaos
