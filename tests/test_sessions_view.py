"""The Sessions page draws its pieces made once per view (dashboard/sessions_view.py) and its
tables as Arrow made once (dashboard/ready.py): what it draws is what the page drew when it made
every piece on each rerun from the shared queries (data.shown, dates_in_words, ...), and a table
drawn from a Ready is the same element, byte for byte, as the frame drawn by dashboard.ui.table."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.columns import dates_in_words
from dashboard.data import for_display
from transforms.database.queries import (
    Filters,
    heading_session_grid,
    item_list,
    link_list,
    parameters,
    session_list,
    session_outcomes,
)
from transforms.presentation.i18n import t

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")

VIEWS = [
    {},
    {"lang": "zh", "heading": "protection"},
    {"status": "pending", "as_of": "wg-4"},
    {"lang": "zh", "kind": "recommendation", "as_of": "cop-5"},
]


def as_filters(view: dict) -> Filters:
    return Filters(
        headings=tuple(v for v in [view.get("heading")] if v),
        statuses=tuple(v for v in [view.get("status")] if v),
        kinds=tuple(v for v in [view.get("kind")] if v),
        as_of=view.get("as_of"),
        lang=view.get("lang", "en"),
    )


def drawn(at: AppTest, expected: pd.DataFrame) -> pd.DataFrame:
    """The one table drawn with the columns of `expected`."""
    found = [d.value for d in at.dataframe if list(d.value.columns) == list(expected.columns)]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0]


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: "-".join(f"{k}={x}" for k, x in v.items()) or "all")
def test_the_sessions_page_draws_what_the_shared_queries_give(shipped_db, shipped, monkeypatch, view):
    """Each table as the page made it on every rerun before: data.shown's frame (for_display of the
    query's result), the sessions' dates in words, the picked session's links with the quote's
    language named; the notes in full; the sentences' figures."""
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in view.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("app_pages/sessions.py").run()
    assert not at.exception, [e.value for e in at.exception]
    f = as_filters(view)
    lang = f.lang

    sessions = dates_in_words(for_display(session_list(shipped, f), lang), lang, ("start_date", "end_date"))
    columns = ["title", "body", "start_date", "end_date", "venue", "document_symbols", "source_paragraph", "note"]
    pd.testing.assert_frame_equal(drawn(at, sessions[columns]), sessions[columns])
    noted = sessions[sessions.note.astype(bool)]
    notes = [t(lang, "punct_label", label=f"**{r.title}**", value=r.note) for r in noted.itertuples()]
    shown_notes = [m.value.replace("\\", "") for m in at.markdown if m.value.replace("\\", "") in notes]
    assert shown_notes == notes and len(notes) > 0

    outcomes = session_outcomes(shipped, f)
    expected = for_display(outcomes, lang)[["title", "done", "pending", "proposed", "total"]]
    pd.testing.assert_frame_equal(drawn(at, expected), expected)
    # one set of words: the section's title names the statuses as its chart's legend and its
    # table's headers do (Done / Pending / Proposed), not "adopted, deferred and proposed"
    statuses = [t(lang, f"status_{s}") for s in ("done", "pending", "proposed")]
    legend = [
        trace["name"]
        for chart in at.get("plotly_chart")
        if chart.proto.id.endswith("outcomes_chart")
        for trace in json.loads(chart.proto.spec)["data"]
    ]
    assert sorted(legend) == sorted(statuses), legend
    table = next(d for d in at.dataframe if list(d.value.columns) == list(expected.columns))
    headers = json.loads(table.proto.columns)
    assert [headers[c]["label"] for c in ("done", "pending", "proposed")] == statuses, headers
    title = next(h.value for h in at.header if h.value == t(lang, "session_outcomes"))
    assert all(word.lower() in title.lower() for word in statuses), title
    grid = for_display(heading_session_grid(shipped, f), lang)
    expected = grid[["session_title", "heading_label", "done", "pending", "proposed", "total"]]
    pd.testing.assert_frame_equal(drawn(at, expected), expected)

    chosen = at.selectbox(key="session_pick")
    assert chosen.options == [
        at.session_state["context"].labels["session"][s] for s in outcomes[outcomes.total > 0].session_id
    ]
    links = for_display(link_list(shipped, f, session_id=chosen.value, limit=500), lang)
    links = links.assign(quote_language=[t(lang, f"language_{c}") for c in links.quote_language])
    columns = [
        "status_label",
        "item_title",
        "item_id",
        "document_symbol",
        "source_paragraph",
        "quote",
        "quote_language",
    ]
    pd.testing.assert_frame_equal(drawn(at, links[columns]), links[columns])


def test_a_ready_table_is_drawn_as_the_frame_is(shipped):
    """st.dataframe given a Ready writes the same element (its Arrow bytes, columns, settings) as
    dashboard.ui.table given the frame: dates in words, Chinese quotes, counts; an empty frame is drawn
    by neither (the pages say in words that nothing is listed)."""
    frames = {
        "sessions": dates_in_words(for_display(session_list(shipped, Filters(lang="zh")), "zh"), "zh"),
        "links": for_display(link_list(shipped, Filters(lang="zh")), "zh"),
        "items": for_display(item_list(shipped, Filters()), "en"),
        "outcomes": for_display(session_outcomes(shipped, Filters(statuses=("proposed",))), "en"),
        "none": for_display(item_list(shipped, Filters(headings=("protection",), statuses=("nothing",))), "en"),
    }

    def page(frames):

        from dashboard.columns import sentence_column
        from dashboard.ready import draw, ready
        from dashboard.ui import table

        for name, frame in frames.items():
            columns = {c: (sentence_column(c.upper()) if i % 2 else c.title()) for i, c in enumerate(frame.columns[:6])}
            table(frame, columns, key=f"frame_{name}", row_height=76)
            draw(ready(frame, columns), key=f"ready_{name}", row_height=76)
        selectable = {"item_id": "Id", "title": sentence_column("Title")}  # as the Items page's list
        table(frames["items"], selectable, key="frame_pick", on_select="rerun", selection_mode="single-row")
        draw(ready(frames["items"], selectable), key="ready_pick", on_select="rerun", selection_mode="single-row")

    at = AppTest.from_function(page, args=(frames,)).run()
    assert not at.exception
    protos = [d.proto for d in at.dataframe]  # in order: each frame, then its Ready
    assert len(frames["none"]) == 0
    drawn = sum(len(frame) > 0 for frame in frames.values())
    assert len(protos) == 2 * (drawn + 1) and protos[-1].id  # the selectable ones have an id
    for made, given in zip(protos[0::2], protos[1::2]):
        assert made.arrow_data.data == given.arrow_data.data
        made.ClearField("id"), given.ClearField("id")
        assert made.SerializeToString(deterministic=True) == given.SerializeToString(deterministic=True)
    assert len(frames["none"]) == 0 and len(frames["links"]) > 0


@pytest.mark.parametrize("query", ["session_list", "link_list", "item_list", "plan_view"])
def test_a_query_gives_the_same_rows_under_the_filters_it_reads(shipped, query):
    """data.read_by keeps only what the query reads, and the query's rows are the same."""
    for f in [as_filters(v) for v in VIEWS] + [Filters(curated=False, kinds=("requirement",), lang="zh")]:
        narrowed = data.read_by((query,), f)
        assert {k for k, v in vars(narrowed).items() if v != getattr(Filters(), k)} <= set(parameters(query))
        pd.testing.assert_frame_equal(shipped.frame(query, narrowed), shipped.frame(query, f))
