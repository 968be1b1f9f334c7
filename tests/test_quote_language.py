"""Provenance in the source's own language: a record holding an English original and its Chinese
version as two sources, each fact quoted in the language of the source it cites."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fixtures import BASE, SHIPPED_DATA, make_record, shown_quotes
from streamlit.testing.v1 import AppTest

from transforms.database.build import build
from transforms.database.export import export_bytes
from transforms.database.queries import Filters, Store, item_detail
from transforms.record.errors import DataError
from transforms.reports.report import report_html

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
ENGLISH_TEXT = """Cover page

1. The Working Group adopted the following recommendations:
 - States should train border officials
"""


def bilingual(folder: Path, quote: str = "States should train border officials") -> Path:
    """The fixture record plus the English original of its source, cited by one more item."""
    english = dict(BASE["sources"][0], source_id="src-en", language="en", path="sources/src-en.txt")
    item = dict(BASE["items"][0], item_id="f", title_en="Train border officials", title_zh="培训边境官员", quote=quote)
    item.update(source_id="src-en", source_paragraph="1")
    link = dict(
        BASE["links"][0],
        item_id="f",
        status="proposed",
        source_id="src-en",
        source_paragraph="1",
        quote="recommendations",
    )
    make_record(
        folder,
        sources=[*BASE["sources"], english],
        items=[*BASE["items"], item],
        links=[*BASE["links"], link],
    )
    (folder / "sources" / "src-en.txt").write_text(ENGLISH_TEXT, encoding="utf-8")
    return folder


def test_a_record_cites_the_original_and_its_translation(tmp_path):
    build(bilingual(tmp_path / "data"), tmp_path / "db.duckdb")
    with Store(tmp_path / "db.duckdb") as store:
        english, links = item_detail(store, "f", Filters())
        chinese, _ = item_detail(store, "a", Filters())
        assert english.quote.iloc[0] == "States should train border officials"
        assert english.quote_language.iloc[0] == "en" and chinese.quote_language.iloc[0] == "zh"
        assert links.quote_language.tolist() == ["en"]
        exported = list(csv.DictReader(io.StringIO(export_bytes(store, "items", Filters()).decode("utf-8-sig"))))
        by_id = {row["item_id"]: row for row in exported}
        assert by_id["f"]["quote_language"] == "en" and by_id["a"]["quote_language"] == "zh"
        html = report_html(store, Filters())
        assert "Quote (English)" in html and "Quote (Chinese)" in html
        assert '<p class="quote" lang="en">States should train border officials</p>' in html
        assert "引文（英文）" in report_html(store, Filters(lang="zh"))


def test_a_quote_in_the_wrong_language_is_refused_naming_the_language(tmp_path):
    folder = bilingual(tmp_path / "data", quote="培训边境官员")
    with pytest.raises(DataError) as err:
        build(folder, tmp_path / "db.duckdb")
    message = str(err.value)
    assert "items.csv" in message and "quote" in message
    assert "source src-en, in its language (English)" in message


def test_the_shipped_record_keeps_its_chinese_quotes_under_the_new_column():
    for name in ("items", "links", "sessions", "documents", "headings"):
        header = (SHIPPED_DATA / f"{name}.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")
        assert "quote" in header and "quote_zh" not in header


def test_items_page_shows_the_quote_with_its_language(tmp_path, monkeypatch):
    build(bilingual(tmp_path / "data"), tmp_path / "db.duckdb")
    monkeypatch.setenv("GAPTRACK_DB", str(tmp_path / "db.duckdb"))
    for lang, label in (("en", r"**Quote \(English\)\:**"), ("zh", "**引文（英文）：**")):
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["item"], at.query_params["lang"] = "f", lang
        at.run()
        at.switch_page("app_pages/items.py").run()
        assert not at.exception, [e.value for e in at.exception]
        assert label in [m.value for m in at.markdown]
        assert "States should train border officials" in shown_quotes(at)


def test_an_older_copy_with_quote_zh_is_migrated_for_diff_and_named_otherwise(tmp_path):
    from transforms.record.migrate import migrate_copy

    folder = make_record(tmp_path / "old")
    items = folder / "items.csv"
    before = items.read_bytes()
    items.write_bytes(b"\xef\xbb\xbf" + before.replace(b",quote,", b",quote_zh,", 1))
    with pytest.raises(DataError) as err:
        build(folder, tmp_path / "db.duckdb")
    assert "'quote_zh' is now called 'quote'" in str(err.value)
    assert migrate_copy(folder) == [items]
    assert items.read_bytes() == b"\xef\xbb\xbf" + before  # only the header changed back
    build(folder, tmp_path / "db.duckdb")


def test_a_quote_is_a_block_quote_of_its_words_as_written():
    """dashboard.ui.quote: Markdown and HTML in a quote are shown as written, each line of it kept,
    leading spaces not read as a code block."""

    def page():
        from dashboard.ui import quote

        quote("States *should* train <b>border</b> officials;\n    # 2. [see](http://x) 1 < 2")

    at = AppTest.from_function(page).run()
    assert shown_quotes(at) == ["States *should* train <b>border</b> officials;\n# 2. [see](http://x) 1 < 2"]
    assert at.markdown[0].value.startswith("> States \\*should\\* train \\<b\\>")
