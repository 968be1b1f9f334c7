"""What a new user found the Overview and the Plan view saying wrong (brief legible23):

- under a kind filter keeping one of the own items' kinds, the section's title, its total's label,
  its download's label, the briefing's and `gaptrack summary`'s titles named both kinds: they name
  the kinds counted, those the CSV's kinds_counted column lists (coverage.naming_key);
- the Plan view as of a session before the Plan said no requirement matched the filters where the
  Overview gave the reason: both (and the briefing) give the one sentence (coverage.nothing_sentence);
- under a status filter leaving no Plan requirement, the Overview offered no CSV for the question,
  where `gaptrack export coverage` writes one (each heading's row at 0 and the total row): the
  Overview now offers that very file for every view the question answers."""

from __future__ import annotations

import html
import itertools
import re
import subprocess
import sys

import pytest
from fixtures import SHIPPED_DATA
from test_dashboard import open_app, rows

from transforms.database.coverage import NAMING_KEYS, QUESTIONS, answer, figures_sentence, naming_key
from transforms.database.export import export_bytes
from transforms.database.plan import plan_question_filters, plan_sentence, plan_view, requirement_summary
from transforms.database.queries import Filters, labels
from transforms.presentation.i18n import t
from transforms.reports.report import report_html

# the word each language names a kind by in a title or label (the kind's label, or its last word)
NAMED = {
    "en": {"requirement": "requirement", "recommendation": "recommendation", "topic": "topic"},
    "zh": {"requirement": "要求", "recommendation": "建议", "topic": "议题"},
}


def names_exactly(text: str, lang: str, kinds, question: str) -> bool:
    """Whether text names each of `kinds` and no other kind of the question."""
    lowered = text.lower()
    return all((NAMED[lang][k] in lowered) == (k in kinds) for k in QUESTIONS[question])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_words_naming_a_set_name_the_kinds_counted_for_every_kind_filter(lang):
    for question, kinds in QUESTIONS.items():
        for size in range(1, len(kinds) + 1):
            for kept in itertools.combinations(kinds, size):
                for key in NAMING_KEYS[question]:
                    words = t(lang, naming_key(key, question, kept), kinds="")  # {kinds} left empty
                    assert names_exactly(words, lang, kept, question), (question, kept, key, words)
    with pytest.raises(ValueError):
        naming_key("q_own_title", "own", ("requirement",))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", ["recommendation", "topic"])
def test_the_overview_names_what_it_counts_under_a_kind_filter(shipped_db, shipped, monkeypatch, media, lang, kind):
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = open_app(kind=kind, lang=lang)
    button = next(b for b in at.get("download_button") if b.proto.id.endswith("download_coverage_own"))
    counted = {r["kinds_counted"] for r in rows(media.of(button))}
    assert counted == {kind}  # what the file counts
    title = next(h.value for h in at.header if h.proto.anchor == "own")
    help_texts = [m.proto.help for m in at.metric][-3:]  # the own question's three figures
    for words in (title, button.proto.label, *help_texts):
        assert names_exactly(words, lang, counted, "own"), words
    briefing = report_html(shipped, Filters(kinds=(kind,), lang=lang))
    heading = html.unescape(re.search(r'<section id="coverage-own"[^>]*><h2>([^<]+)</h2>', briefing).group(1))
    assert names_exactly(heading, lang, counted, "own") and heading == title
    unfiltered = open_app(lang=lang)
    both = next(h.value for h in unfiltered.header if h.proto.anchor == "own")
    assert both == t(lang, "q_own_title") and names_exactly(both, lang, QUESTIONS["own"], "own")


def test_gaptrack_summary_names_what_it_counts(tmp_path):
    from transforms.cli import main

    paths = ["--data", str(SHIPPED_DATA), "--db", str(tmp_path / "g.duckdb")]
    assert main(["build", *paths]) == 0
    out = subprocess.run(
        [sys.executable, "-m", "transforms.cli", "summary", "--kind", "topic", "--db", str(tmp_path / "g.duckdb")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    title = next(line for line in out.stdout.splitlines() if "(kind:" in line)
    assert title == "The topics proposed for the Working Group's work (kind: Proposed topic)"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_plan_view_gives_the_overviews_reason_when_it_lists_nothing(shipped, lang):
    """At every as-of session (and under a kind filter, which the Plan view does not apply to the
    requirements) where the Plan view lists no requirement and none is on the record, its sentence
    is the Overview's Plan question's; so is the briefing's."""
    names = labels(shipped, lang)["session"]
    said = 0
    for as_of, kinds in itertools.product(labels(shipped, "en")["session"], ((), ("recommendation",))):
        filters = Filters(kinds=kinds, as_of=as_of, lang=lang)
        summary = requirement_summary(plan_view(shipped, filters), lang)
        overview = answer(shipped, plan_question_filters(filters), "plan")
        sentence = plan_sentence(lang, summary, overview, names)
        if not summary.empty:
            continue
        assert overview.totals["on_record"] == 0 and overview.first_session
        assert sentence == figures_sentence(lang, overview, names)
        assert names[as_of] in sentence and overview.first_session in sentence
        said += 1
        if not kinds:
            text = report_html(shipped, filters)
            assert text.count(sentence) == 2  # the Plan question and the Plan section
    assert said >= 4  # the sessions before the Plan's requirements were recorded, with and without a kind filter
    # a status filter leaving none (requirements on the record then): none matches the filters
    done = Filters(statuses=("done",), lang=lang)
    summary = requirement_summary(plan_view(shipped, done), lang)
    found = answer(shipped, plan_question_filters(done), "plan")
    assert summary.empty and plan_sentence(lang, summary, found, names) == t(lang, "plan_none")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_plan_page_as_of_the_plans_adoption_says_why_it_lists_nothing(shipped_db, shipped, monkeypatch, lang):
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    overview = open_app(as_of="ga-64", lang=lang)
    page = open_app("plan", as_of="ga-64", lang=lang)
    expected = figures_sentence(
        lang, answer(shipped, Filters(as_of="ga-64", lang=lang), "plan"), labels(shipped, lang)["session"]
    )
    unescaped = lambda at: [m.value.replace("\\", "") for m in at.markdown]  # noqa: E731
    assert expected in unescaped(overview) and expected in unescaped(page)
    assert t(lang, "plan_none") not in unescaped(page)


def cli_export(db, *args: str) -> bytes:
    done = subprocess.run(
        [sys.executable, "-m", "transforms.cli", "export", "coverage", "--db", str(db), *args],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize(
    "query, flags",
    [
        ({"status": "done"}, ["--status", "done"]),  # no Plan requirement is done
        ({"as_of": "ga-64", "lang": "zh"}, ["--as-of", "ga-64", "--lang", "zh"]),  # none on the record yet
    ],
    ids=["status", "as-of"],
)
def test_the_plan_questions_csv_is_offered_when_it_counts_nothing(
    shipped_db, shipped, monkeypatch, media, query, flags
):
    """The screen offers the file `gaptrack export coverage` writes for the view: a row per heading
    at 0 and the total row, under the header."""
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = open_app(**query)
    filters = Filters(
        statuses=tuple(query.get("status", "").split(",")) if "status" in query else (),
        kinds=QUESTIONS["plan"],
        as_of=query.get("as_of"),
        lang=query.get("lang", "en"),
    )
    assert answer(shipped, filters, "plan").totals["total"] == 0
    button = next(b for b in at.get("download_button") if b.proto.id.endswith("download_coverage_plan"))
    assert button.proto.label == t(filters.lang, "download_coverage_plan")
    payload = media.of(button)
    assert payload == export_bytes(shipped, "coverage", filters)
    assert payload == cli_export(shipped_db, *flags, "--kind", "requirement")
    written = rows(payload)
    assert written and {r["question"] for r in written} == {"plan"} and {r["total"] for r in written} == {"0"}
    assert written[-1]["heading"] == "" and len(written) == len(labels(shipped, "en")["heading"]) + 1
