"""gaptrack publish without a browser: what it writes, that it replaces only an edition it wrote,
the command line, and escaping by the templates (the browser tests read the pages themselves)."""

from __future__ import annotations

import pytest
from fixtures import SHIPPED_DATA

from transforms.cli import main
from transforms.database.export import EXPORTS
from transforms.database.queries import Filters, item_list, session_list
from transforms.record.errors import UsageError
from transforms.reports.publish import MARKER, SECTIONS, catalog_markdown, download_name, environment, publish


def test_publish_writes_every_page_and_download_in_each_language(shipped, tmp_path):
    edition = publish(shipped, tmp_path / "site", ("en", "zh"))
    site = tmp_path / "site"
    items = item_list(shipped, Filters())
    sessions = session_list(shipped, Filters())
    for lang in ("en", "zh"):
        assert (site / lang / "index.html").is_file()
        assert (site / lang / "briefing.html").is_file()
        assert sorted(p.stem for p in (site / lang / "items").glob("*.html")) == sorted(items.item_id)
        assert sorted(p.stem for p in (site / lang / "sessions").glob("*.html") if p.stem != "index") == sorted(
            sessions.session_id
        )
        names = [download_name(table, lang) for table in EXPORTS if table != "coverage"]
        names += [download_name("coverage", lang, question) for question in ("plan", "own")]
        for name in names:
            assert (site / lang / "downloads" / name).read_bytes().startswith(b"\xef\xbb\xbf")
    html = list(site.rglob("*.html"))
    assert edition.pages == len(html) - 2  # pages and the language choice; not the briefings
    assert edition.downloads == 2 * (len(EXPORTS) + 1)  # coverage once per question
    assert not any("<script" in p.read_text(encoding="utf-8") for p in html)
    assert not any(
        "http://" in p.read_text(encoding="utf-8") or "https://" in p.read_text(encoding="utf-8") for p in html
    )


def test_one_language_links_to_no_other(shipped, tmp_path):
    publish(shipped, tmp_path / "site", ("zh",))
    assert not (tmp_path / "site" / "en").exists()
    assert 'hreflang="en"' not in (tmp_path / "site" / "zh" / "index.html").read_text(encoding="utf-8")


def test_an_earlier_edition_is_replaced_whole(shipped, tmp_path):
    site = tmp_path / "site"
    publish(shipped, site, ("en", "zh"))
    (site / "en" / "items" / "gone.html").write_text("left over", encoding="utf-8")
    publish(shipped, site, ("en",))
    assert not (site / "en" / "items" / "gone.html").exists()
    assert not (site / "zh").exists()
    assert (site / MARKER).is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no staging or old folder left behind


def test_a_folder_it_did_not_write_is_refused_and_left_alone(shipped, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(UsageError, match="not an edition gaptrack wrote"):
        publish(shipped, folder)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]


def test_the_command_writes_the_edition_and_refuses_in_one_message(tmp_path, capsys):
    db = tmp_path / "gaptrack.duckdb"
    paths = ["--data", str(SHIPPED_DATA), "--db", str(db)]
    assert main(["publish", "--out", str(tmp_path / "site"), "--lang", "zh", *paths]) == 0
    out = capsys.readouterr().out
    assert "已将静态版写入" in out and (tmp_path / "site" / "zh" / "method.html").is_file()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "a.txt").write_text("x", encoding="utf-8")
    assert main(["publish", "--out", str(tmp_path / "other"), *paths]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nothing was changed" in err


def test_templates_escape_text_and_only_catalog_markdown_becomes_markup():
    env = environment()
    assert env.autoescape is True
    assert str(env.from_string("{{ x }}").render(x="<b>x</b>")) == "&lt;b&gt;x&lt;/b&gt;"
    assert str(catalog_markdown("**Done** <i>`code`</i>")) == (
        "<strong>Done</strong> &lt;i&gt;<code>code</code>&lt;/i&gt;"
    )


def test_every_section_in_the_navigation_has_a_page_of_that_path(shipped, tmp_path):
    publish(shipped, tmp_path / "site", ("en",))
    for section in SECTIONS:
        if section.nav_key:
            assert (tmp_path / "site" / "en" / section.path).is_file(), section
