"""An Overview section (dashboard.question_view.drawn) is drawn from the answer's columns as arrays
(transforms.database.coverage.Answer.columns), for speed; here, for many views in both languages on
the shipped record and a synthetic one, the answer is the frames its queries give, and every piece
of the section (sentences, the two numbers tables, the two figures' specs and JSON, the segment
picker's choices) is the piece the same functions make from those frames, the tables also written
down cell by cell."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from fixtures import shipped_and_synthetic, some_views

from dashboard import charts, data, question_view
from dashboard.ui import counts, number_markdown, plain, segment_choices
from transforms.database.coverage import (
    QUESTIONS,
    Answer,
    answer,
    counted_sentence,
    excluded_sentence,
    figures_sentence,
    first_session,
    question_filters,
    range_sentence,
    timeline,
    timeline_sentence,
    with_total,
    with_total_of,
)
from transforms.database.queries import Filters, Store, coverage_totals, labels
from transforms.presentation.i18n import number, percent, t


@pytest.fixture(scope="module")
def paths(tmp_path_factory):
    return shipped_and_synthetic(tmp_path_factory.mktemp("question-view"))


def markdown_by_hand(
    frame: pd.DataFrame, columns: dict[str, str], shares: tuple[str, ...], lang: str, total=False
) -> str:
    """number_markdown's docstring, row by row from the frame."""
    numeric = [c in shares or pd.api.types.is_numeric_dtype(frame[c]) for c in columns]
    lines = ["| " + " | ".join(plain(h.replace(" %", "\u00a0%")) for h in columns.values()) + " |"]
    lines.append("| " + " | ".join("---:" if n else ":---" for n in numeric) + " |")
    records = frame.to_dict("records")
    for i, row in enumerate(records):
        cells = []
        for c in columns:
            value = row[c]
            if c in shares:
                cell = plain(percent(value, lang))
            elif pd.isna(value):
                cell = ""
            else:
                cell = plain(number(lang, value) if pd.api.types.is_number(value) else value)
            cells.append(f"**{cell}**" if total and i == len(records) - 1 and cell else cell)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def section_from_frames(found: Answer, lang: str, names: dict) -> dict:
    """The section as the Overview made it before, from the answer's frames."""
    axis, shares = t(lang, "axis_items"), question_view.shares(lang)
    heading_columns = {"heading_label": t(lang, "heading"), **counts(lang), "on_record": t(lang, "on_record")}
    session_columns = {"session_title": t(lang, "session"), **counts(lang), "on_record": t(lang, "on_record")}
    session_columns["new_items"] = t(lang, "new_items")
    coverage_table = number_markdown(
        with_total(found), {**heading_columns, **shares}, question_view.SHARES, True, lang=lang
    )
    by_hand = markdown_by_hand(with_total(found), {**heading_columns, **shares}, question_view.SHARES, lang, True)
    assert coverage_table == by_hand
    timeline_table = number_markdown(found.timeline, {**session_columns, **shares}, question_view.SHARES, lang=lang)
    assert timeline_table == markdown_by_hand(found.timeline, {**session_columns, **shares}, question_view.SHARES, lang)
    held = found.totals["total"]
    return dict(
        counted=plain(counted_sentence(lang, found, names["kind"])),
        figures=plain(figures_sentence(lang, found, names["session"])),
        range=plain(range_sentence(lang, found.coverage, found.filters)) if held else "",
        timeline=plain(timeline_sentence(lang, found)) if held else "",
        coverage_table=coverage_table,
        timeline_table=timeline_table,
        coverage_figure=charts.stacked_bars(found.coverage, "heading_label", "heading", names["status"], lang, axis),
        timeline_figure=charts.stacked_bars(found.timeline, "session_title", "session_id", names["status"], lang, axis),
        choices=segment_choices(found.coverage, names["status"], lang),
    )


@pytest.mark.parametrize("record", ["shipped", "synth"])
def test_an_answer_made_from_columns_is_the_frames_its_queries_give(paths, record):
    """coverage.answer keeps arrays and makes its frames when read: the coverage is the SQL file's
    frame, the totals its sum, the timeline and first session those of coverage.timeline and
    first_session; its columns are the frames' columns, as they are for an Answer given frames."""
    with Store(paths[record]) as store:
        for filters in some_views(store, 20, seed=21):
            for question in QUESTIONS:
                found = answer(store, filters, question)
                narrowed = question_filters(filters, question)
                if narrowed is None:
                    assert found is None
                    continue
                sql = store.frame("coverage_by_heading", narrowed)
                pd.testing.assert_frame_equal(found.coverage, sql, check_exact=True, check_dtype=len(sql) > 0)
                assert found.coverage is found.coverage  # made once
                assert found.totals == coverage_totals(sql)
                pd.testing.assert_frame_equal(found.timeline, timeline(store, narrowed), check_exact=True)
                assert found.first_session == first_session(store, narrowed)
                given = Answer(question, narrowed, found.coverage, found.totals, found.timeline, found.first_session)
                for name, frame in (("coverage", found.coverage), ("timeline", found.timeline)):
                    for made in (found.columns(name), given.columns(name)):
                        assert list(made) == list(frame.columns)
                        for column, values in made.items():
                            np.testing.assert_array_equal(values, frame[column].to_numpy(), strict=True)
                with_rows = with_total(found)
                assert list(with_total_of(found)) == list(with_rows.columns)
                for column, values in with_total_of(found).items():
                    assert values.tolist() == with_rows[column].tolist() or column.endswith("_share")
                    np.testing.assert_array_equal(values, with_rows[column].to_numpy(dtype=values.dtype))


@pytest.mark.parametrize("record", ["shipped", "synth"])
def test_a_section_drawn_from_columns_is_the_one_drawn_from_the_frames(paths, record):
    db = data.holding(data.identity(paths[record]))
    with Store(paths[record]) as store:
        for filters in some_views(store, 20, seed=23):
            names = labels(store, filters.lang)
            for question in QUESTIONS:
                drawn = question_view.drawn(db, question_filters(filters, question) or filters, question)
                found = answer(store, filters, question)
                if found is None:
                    assert drawn.found is None
                    assert drawn.excluded == plain(excluded_sentence(filters.lang, question, names["kind"]))
                    continue
                expected = section_from_frames(found, filters.lang, names)
                for piece, value in expected.items():
                    got = getattr(drawn, piece)
                    if isinstance(value, go.Figure):
                        assert got.to_dict() == value.to_dict(), (piece, filters)
                        assert pio.to_json(got, validate=False) == pio.to_json(value, validate=False)
                    else:
                        assert got == value, (piece, filters)
                        if piece == "choices":
                            assert list(got) == list(value)


def test_an_answer_cannot_be_changed_and_is_pickled_as_made(shipped):
    found = answer(shipped, Filters(), "plan")
    assert found.filters == question_filters(Filters(), "plan")
    again = pickle.loads(pickle.dumps(found))
    assert (again.question, again.filters, again.totals) == (found.question, found.filters, found.totals)
    pd.testing.assert_frame_equal(again.coverage, found.coverage)
    pd.testing.assert_frame_equal(again.timeline, found.timeline)
    with pytest.raises(FrozenInstanceError):
        found.totals = {}
    with pytest.raises(FrozenInstanceError):
        found.coverage = None


def test_drawn_figures_share_no_spec_and_are_plotly_figures():
    """charts.figure makes each DrawnFigure without Plotly's Figure made again: still a Figure, its
    own spec each, the spec DrawnFigure itself keeps."""
    first = charts.figure([dict(type="bar", x=[1])], {"height": 100})
    second = charts.figure([dict(type="bar", x=[2])], {"height": 200})
    assert isinstance(first, go.Figure) and isinstance(second, charts.DrawnFigure)
    assert first.to_dict()["data"][0]["x"] == [1] and second.to_dict()["data"][0]["x"] == [2]
    assert first.to_dict() == charts.DrawnFigure([dict(type="bar", x=[1])], {"height": 100}).to_dict()
    assert pio.to_json(second, validate=False) == pio.to_json(
        charts.DrawnFigure([dict(type="bar", x=[2])], {"height": 200}), validate=False
    )


TRIED = [  # the filter states a new user found the "By Plan heading" chart without its sentence
    Filters(headings=("protection",)),
    Filters(headings=("partnerships",), lang="zh"),
    Filters(statuses=("pending",)),
    Filters(statuses=("pending",), lang="zh"),
    Filters(headings=("protection",), statuses=("pending",)),
    Filters(headings=("protection",), statuses=("pending",), lang="zh"),
]


def test_every_chart_by_heading_has_its_summary_sentence_under_every_filter(paths):
    """Whenever a question's section draws its chart by heading (items counted), a sentence sums it
    up: one heading selected, a status filter, both, and 20 other views of each record."""
    db = data.holding(data.identity(paths["shipped"]))
    with Store(paths["shipped"]) as store:
        views = TRIED + list(some_views(store, 20, seed=29))
    for filters in views:
        for question in QUESTIONS:
            drawn = question_view.drawn(db, question_filters(filters, question) or filters, question)
            if drawn.found is not None and drawn.found.totals["total"]:
                assert drawn.range, (filters, question)
