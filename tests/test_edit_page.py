"""The Edit page and the Checks page in the real Streamlit app (AppTest), on a copy of the
shipped record: signing in, saving through the page, refusals, undo, and the page being absent
unless editing is enabled."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from fixtures import copy_shipped
from streamlit.runtime.secrets import secrets_singleton
from streamlit.testing.v1 import AppTest

from transforms.database.queries import Store
from transforms.editing import edit
from transforms.editing.audit import read_log
from transforms.editing.saving import read_rows, save
from transforms.presentation.i18n import t
from transforms.reports.check import validation_report

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
QUOTE_P09 = "贩运人口问题工作组不妨重点考虑前几届会议核可的建议"


@pytest.fixture
def record(tmp_path, monkeypatch, shipped_db):
    data = copy_shipped(tmp_path / "data")
    db = tmp_path / "gaptrack.duckdb"
    shutil.copyfile(shipped_db, db)  # the shipped record's database, built once per run
    monkeypatch.setenv("GAPTRACK_DATA", str(data))
    monkeypatch.setenv("GAPTRACK_DB", str(db))
    monkeypatch.setenv("GAPTRACK_EDITING", "1")
    monkeypatch.setenv("GAPTRACK_EDITOR_PASSPHRASE", "correct horse")
    return data, db


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def signed_in(name: str = "Ann Lee") -> AppTest:
    at = open_page("edit")
    at.text_input[0].input(name)
    at.text_input[1].input("correct horse")
    at.button[0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    return at


def choose_link(at: AppTest, item: str, session: str) -> AppTest:
    at.selectbox(key="link_item").select(item).run()
    return at.selectbox(key="link_session").select(session).run()


def messages(at: AppTest, kind: str) -> list[str]:
    return [m.value.replace("\\", "") for m in getattr(at, kind)]


def test_the_edit_page_is_absent_unless_editing_is_enabled(record, monkeypatch):
    monkeypatch.delenv("GAPTRACK_EDITING")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    with pytest.raises(ValueError, match="Could not find a navigation page for .*edit.py"):
        at.switch_page("app_pages/edit.py")
    monkeypatch.setenv("GAPTRACK_EDITING", "yes")
    at.run()
    at.switch_page("app_pages/edit.py").run()
    assert "Editor passphrase" in [w.label for w in at.text_input]


def test_editing_can_be_enabled_by_streamlits_secrets_file_or_given_secrets(record, monkeypatch, tmp_path):
    """dashboard/editing.py reads st.secrets only when Streamlit holds secrets or a secrets file
    exists (it would re-read the files on every rerun otherwise): both ways still turn editing on."""
    monkeypatch.delenv("GAPTRACK_EDITING")
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["editing"] = "true"
    at.run()
    at.switch_page("app_pages/edit.py").run()
    assert "Editor passphrase" in [w.label for w in at.text_input]

    secrets = tmp_path / "elsewhere" / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir(parents=True)
    monkeypatch.chdir(secrets.parent.parent)  # Streamlit's secrets.files: ./.streamlit/secrets.toml
    at = AppTest.from_file(APP, default_timeout=60).run()
    with pytest.raises(ValueError, match="Could not find a navigation page for .*edit.py"):
        at.switch_page("app_pages/edit.py")
    secrets.write_text("editing = true\n", encoding="utf-8")
    try:
        at = AppTest.from_file(APP, default_timeout=60).run()
        at.switch_page("app_pages/edit.py").run()
        assert "Editor passphrase" in [w.label for w in at.text_input]
    finally:  # Streamlit keeps what it read for the process: later tests must not see it
        secrets_singleton._reset()


def test_a_wrong_passphrase_keeps_the_editor_out(record):
    at = open_page("edit")
    at.text_input[0].input("Ann")
    at.text_input[1].input("wrong")
    at.button[0].click().run()
    assert messages(at, "error") == ["That passphrase is not right."]
    assert "link_item" not in at.session_state and "editor_name" not in at.session_state


def test_no_passphrase_set_means_nobody_can_edit(record, monkeypatch):
    monkeypatch.delenv("GAPTRACK_EDITOR_PASSPHRASE")
    at = open_page("edit")
    assert "no editor passphrase is set" in messages(at, "warning")[0]
    assert not at.text_input


def test_recording_a_status_writes_the_csv_logs_it_and_rebuilds(record):
    data, db = record
    at = choose_link(signed_in(), "topic-p09", "wg-4")
    assert at.session_state["link_status"] == "proposed" and at.text_area(key="link_quote").value == QUOTE_P09
    at.segmented_control(key="link_status").set_value("pending").run()
    at.button(key="link_save").click().run()
    assert not at.error, messages(at, "error")
    assert any("Saved as entry 1 of the audit log" in m for m in messages(at, "success"))
    (entry,) = read_log(data)
    assert entry["editor"] == "Ann Lee" and entry["summary"] == "change topic-p09 at wg-4: pending"
    assert "topic-p09,wg-4,pending," in (data / "links.csv").read_text(encoding="utf-8")
    with Store(db) as store:
        assert store.con.execute(
            "SELECT status FROM record.links WHERE item_id = 'topic-p09' AND session_id = 'wg-4'"
        ).fetchone() == ("pending",)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_quote_not_in_the_paragraph_is_refused_naming_the_field_in_the_users_language(record, lang):
    data, _ = record
    before = (data / "links.csv").read_bytes()
    at = signed_in()
    if lang == "zh":
        at.segmented_control(key="lang").set_value("zh").run()
    at = choose_link(at, "topic-p09", "wg-4")
    at.segmented_control(key="link_status").set_value("done").run()
    at.text_area(key="link_quote").input("不在这一段里的话").run()
    at.button(key="link_save").click().run()
    (error,) = messages(at, "error")
    field = t(lang, "edit_quote")  # the form's own label, not a file's column or line
    assert error.startswith(t(lang, "edit_invalid", message="").strip()) and field in error, error
    assert "不在这一段里的话" in error and t(lang, "edit_field_problem", field="", found="", expected="")[-8:] in error
    assert "links.csv" not in error and "line" not in error and "行" not in error.replace("执行", "")
    if lang == "zh":
        ids = re.sub(r"[a-z0-9]+(-[a-z0-9]+)+", "", error)  # ids (wg-4, the source's id) are names
        assert not re.search(r"[A-Za-z]{4,}", ids), error  # no English words left
    assert (data / "links.csv").read_bytes() == before and read_log(data) == []


def test_a_save_from_a_stale_view_is_refused(record):
    data, db = record
    at = choose_link(signed_in(), "topic-p09", "wg-4")
    save(data, db, edit.set_title("topic-p09", title_en="Changed by a colleague"), "Bob")  # meanwhile
    before = (data / "links.csv").read_bytes()
    at.segmented_control(key="link_status").set_value("pending")
    at.button(key="link_save").click().run()
    assert any("The record changed since you opened it" in m for m in messages(at, "error"))
    assert any("someone else saved a change" in m for m in messages(at, "info"))
    assert (data / "links.csv").read_bytes() == before and [e["editor"] for e in read_log(data)] == ["Bob"]
    at.button(key="link_save").click().run()  # now seen the new record: the save goes through
    assert [e["editor"] for e in read_log(data)] == ["Bob", "Ann Lee"]


def test_undo_from_the_history_tab(record):
    data, db = record
    save(data, db, edit.set_title("topic-p09", title_en="A mistake"), "Bob")
    at = signed_in("Cy")
    assert any("Undo would revert entry 1: retitle topic-p09" in m for m in messages(at, "markdown"))
    next(b for b in at.button if b.label == "Undo that change").click().run()
    assert [e["operation"] for e in read_log(data)] == ["set title", "undo"]
    assert "A mistake" not in (data / "items.csv").read_text(encoding="utf-8")


def in_form(at: AppTest, kind: str, form: str, label: str):
    """The widget of this kind and label inside one form."""
    return next(w for w in getattr(at, kind) if w.form_id == form and w.label == label)


def test_adding_a_session_through_the_form(record):
    data, _ = record
    at = signed_in()
    form = "session_form"
    in_form(at, "text_input", form, "Session code").input("wg-5")
    in_form(at, "text_input", form, "English title").input("Working Group, fifth session")
    in_form(at, "text_input", form, "Chinese title").input("工作组第五届会议")
    in_form(at, "text_input", form, "Paragraph").input("header")
    in_form(at, "text_area", form, "Exact quote (in the source's language)").input("2011年10月10日至12日，维也纳")
    next(b for b in at.button if b.label == "Add the session").click().run()
    assert not at.error, messages(at, "error")
    rows = {r["session_id"]: r for r in read_rows(data, "sessions")}
    assert rows["wg-5"]["sequence"] == "11" and rows["wg-5"]["title_zh"] == "工作组第五届会议"
    assert rows["wg-5"]["body"] == "wg" and rows["wg-5"]["number"] == "1" and rows["wg-5"]["start_date"] == ""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_bad_session_code_is_refused_naming_the_label_the_form_shows(record, lang):
    """The Add a session form labels its id field in the reader's words, and a refusal names that label."""
    data, _ = record
    before = (data / "sessions.csv").read_bytes()
    at = signed_in()
    if lang == "zh":
        at.segmented_control(key="lang").set_value("zh").run()
    form = "session_form"
    labels = [w.label for w in at.text_input if w.form_id == form]
    assert "session_id" not in labels
    label = t(lang, "edit_new_session_id")
    in_form(at, "text_input", form, label).input("WG 5")
    next(b for b in at.button if b.label == t(lang, "edit_add_session")).click().run()
    assert at.error and messages(at, "error")[0].replace("\\", "").count(label) >= 1, messages(at, "error")
    assert (data / "sessions.csv").read_bytes() == before
    reader = next(w for w in at.text_input if w.key == "ingest_source_id")
    assert reader.label == t(lang, "edit_new_source_id")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_checks_page_shows_the_report_counts(record, lang):
    _, db = record
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("app_pages/checks.py").run()
    assert not at.exception
    with Store(db) as store:
        expected = {name: len(rows) for name, rows in validation_report(store, lang=lang).items()}
    shown = [int(s.value.rsplit("·", 1)[1]) for s in at.main.header]
    assert shown == list(expected.values()) == [0, 8, 0, 2, 4]
    at.number_input(key="check_waited").set_value(3).run()
    assert int(at.main.header[3].value.rsplit("·", 1)[1]) == 0


def test_reading_the_shipped_source_offers_every_item_as_a_candidate(record, media):
    data, _ = record
    before = {p.name: p.read_bytes() for p in data.glob("*.csv")}
    at = signed_in()
    source = (data / "sources" / "bg-2011-future-work.zh.txt").read_bytes()
    at.file_uploader(key="ingest_file").upload("future-work.txt", source, "text/plain").run()
    at.text_input(key="ingest_source_id").input("bg-copy").run()
    assert not at.exception and not at.error, messages(at, "error")
    candidates = {d.proto.label: media[d.proto.url] for d in at.get("download_button")}
    items = candidates["items.csv"].decode("utf-8-sig")
    quotes = [r["quote"] for r in csv.DictReader(io.StringIO(items))]
    assert all(r["quote"] in quotes for r in read_rows(data, "items"))
    assert f"Found {len(quotes)} candidate items" in " ".join(messages(at, "markdown")) and len(quotes) >= 38
    assert {p.name: p.read_bytes() for p in data.glob("*.csv")} == before  # nothing added to the record


def test_an_upload_that_is_not_text_gets_one_message(record):
    at = signed_in()
    at.file_uploader(key="ingest_file").upload("scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "text/plain").run()
    at.text_input(key="ingest_source_id").input("scan").run()
    (error,) = messages(at, "error")
    assert "scan.txt" in error and "Traceback" not in error


def test_reading_a_pdf_report_offers_its_candidates(record, media):
    from un_documents import report_pdf

    at = signed_in()
    at.file_uploader(key="ingest_file").upload("report.pdf", report_pdf(), "application/pdf").run()
    at.text_input(key="ingest_source_id").input("wg-2010-report").run()
    assert not at.exception and not at.error, messages(at, "error")
    candidates = {d.proto.label: media[d.proto.url] for d in at.get("download_button")}
    assert b"wg-2010-report,CTOC/COP/WG.4/2010/6," in candidates["sources.csv"]
    assert "Found 8 candidate items, 2 cited documents and 1 session date" in " ".join(messages(at, "markdown"))


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


@pytest.fixture
def versioned(tmp_path, monkeypatch, shipped_db):
    """A copy of the shipped record in a git repository of its own, one commit."""
    repo = tmp_path / "repo"
    data = copy_shipped(repo / "data")
    git(repo, "init", "-q")
    git(repo, "-c", "user.name=T", "-c", "user.email=t@example.org", "add", "data")
    git(repo, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "the shipped record")
    db = tmp_path / "gaptrack.duckdb"
    shutil.copyfile(shipped_db, db)  # the shipped record's database, built once per run
    monkeypatch.setenv("GAPTRACK_DATA", str(data))
    monkeypatch.setenv("GAPTRACK_DB", str(db))
    return data, db


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_what_changed_shows_a_saved_edit_against_the_last_commit(versioned, lang):
    data, db = versioned
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("app_pages/changes.py").run()
    assert not at.exception and at.success  # nothing changed yet
    save(data, db, edit.set_link(dict(item_id="topic-p09", session_id="wg-4", status="pending")), "Ann")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    moved = [d.value for d in at.dataframe if "after_label" in d.value.columns][0]
    assert moved.item_id.tolist() == ["topic-p09"] and "session_id" not in moved  # the session by its name
    assert moved.session_title.tolist() == [{"en": "Working Group, fourth session", "zh": "工作组第四届会议"}[lang]]
    assert moved.after_label.tolist() == [{"en": "Pending", "zh": "待定"}[lang]]
    assert moved.before_label.tolist() == [{"en": "Proposed", "zh": "拟议"}[lang]]
    coverage = next(d.value for d in at.dataframe if "heading_label" in d.value.columns and "done" in d.value.columns)
    assert coverage.values.tolist() == [[coverage.heading_label[0], "6", "0 → 1 (+1)", "3 → 2 (-1)", "9"]]
    assert {m.label: m.value for m in at.metric} == {
        {"en": "Status changes at sessions", "zh": "各次会议上的状态变化"}[lang]: "1",
        t(lang, "diff_coverage_moves"): "1",
    }


def test_what_changed_without_git_says_how_to_compare_folders(record):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("app_pages/changes.py").run()
    assert not at.exception and "not in a git checkout" in at.info[0].value


def test_what_changed_shows_the_last_commit_when_nothing_is_pending(versioned):
    data, db = versioned
    save(data, db, edit.set_title("topic-p09", title_en="Focus on endorsed recommendations"), "Ann")
    repo = data.parent
    git(repo, "add", "data")  # the change and its audit record
    git(repo, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "retitle topic-p09")
    (data / "README.md").write_text("notes only\n", encoding="utf-8")  # not a record file
    git(repo, "-c", "user.name=T", "-c", "user.email=t@example.org", "add", "data/README.md")
    git(repo, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "notes")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("app_pages/changes.py").run()
    assert [o.split(" · ")[1].split(" (")[0] for o in at.selectbox(key="changes_since").options] == [
        "retitle topic-p09",
        "the shipped record",
    ]
    edited = next(d.value for d in at.dataframe if "field" in d.value.columns)
    assert edited[["item_id", "field", "after"]].values.tolist() == [
        ["topic-p09", "English title", "Focus on endorsed recommendations"]
    ]


def test_what_changed_says_when_a_link_is_new_or_removed(versioned):
    data, db = versioned
    evidence = dict(
        source_id="bg-2011-future-work", source_paragraph="7", quote="关于对人口贩运受害人给予赔偿的国家方法"
    )
    save(data, db, edit.set_link(dict(item_id="rec-wg3-01", session_id="wg-4", status="done", **evidence)), "Ann")
    save(data, db, edit.remove_link("topic-p09", "wg-4"), "Ann")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("app_pages/changes.py").run()
    moved = [d.value for d in at.dataframe if "after_label" in d.value.columns][0]
    rows = {(r.item_id, r.session_title): (r.before_label, r.after_label) for r in moved.itertuples()}
    wg4 = "Working Group, fourth session"
    assert rows == {("rec-wg3-01", wg4): ("no link", "Done"), ("topic-p09", wg4): ("Proposed", "link removed")}


def test_correcting_a_session_prefills_its_fields_and_saves_the_change(record):
    data, _ = record
    at = signed_in()
    at.selectbox(key="fix_session").select("cop-5").run()
    assert at.text_input(key="fix_session_title_en").value == "Conference of the Parties, fifth session"
    assert at.text_input(key="fix_session_start_date").value == ""
    at.text_input(key="fix_session_venue_en").input("Vienna")
    at.text_input(key="fix_session_venue_zh").input("维也纳")
    at.button(key="fix_session_save").click().run()
    assert not at.error, messages(at, "error")
    row = next(r for r in read_rows(data, "sessions") if r["session_id"] == "cop-5")
    assert (row["venue_en"], row["venue_zh"], row["start_date"]) == ("Vienna", "维也纳", "")
    assert read_log(data)[-1]["summary"] == "set venue_en, venue_zh of session cop-5"


def test_adding_a_cited_document_through_the_form(record):
    data, _ = record
    at = signed_in()
    form = "document_form"
    in_form(at, "text_input", form, "Document code").input("wg4-2011-2")
    in_form(at, "text_input", form, "Document symbol").input("CTOC/COP/WG.4/2011/2")
    in_form(at, "text_input", form, "Cited for (English)").input("Background paper")
    in_form(at, "text_input", form, "Cited for (Chinese)").input("背景文件")
    in_form(at, "text_input", form, "Paragraph").input("header")
    in_form(at, "text_area", form, "Exact quote (in the source's language)").input("秘书处编写的背景文件")
    in_form(at, "text_input", form, "Cited in paragraph").input("header")
    next(b for b in at.button if b.label == "Add the document").click().run()
    assert not at.error, messages(at, "error")
    row = next(r for r in read_rows(data, "documents") if r["document_id"] == "wg4-2011-2")
    assert row["symbol"] == "CTOC/COP/WG.4/2011/2" and row["session_id"] == "cop-4"


def test_what_changed_shows_a_corrected_session(versioned):
    data, db = versioned
    save(data, db, edit.set_fields("sessions", ("cop-6",), dict(venue_en="Vienna", venue_zh="维也纳")), "Ann")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("app_pages/changes.py").run()
    fields = next(d.value for d in at.dataframe if "field" in d.value.columns)
    assert fields[["session_id", "field", "after"]].values.tolist() == [
        ["cop-6", "Venue (English)", "Vienna"],
        ["cop-6", "Venue (Chinese)", "维也纳"],
    ]
    before = fields.before.tolist()  # the venue was empty: a dash, not "None"
    assert before == ["–", "–"], before
    assert {m.label: m.value for m in at.metric} == {"Session fields edited": "2"}


def test_files_edited_by_hand_are_noticed_and_the_database_rebuilt_from_the_page(record):
    data, db = record
    at = signed_in()
    path = data / "items.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("National approaches", "National policies"), "utf-8")
    at.run()
    assert any("The data files changed since the database was built" in m for m in messages(at, "warning"))
    assert "link_item" not in [w.key for w in at.selectbox]  # no editing of a record the view does not show
    next(b for b in at.button if b.label == "Rebuild the database now").click().run()
    assert not at.warning and at.selectbox(key="link_item") is not None
    with Store(db) as store:
        assert store.con.execute(
            "SELECT count(*) FROM record.items WHERE title_en LIKE 'National policies%'"
        ).fetchone()[0]
