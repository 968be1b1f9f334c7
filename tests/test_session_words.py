"""The Sessions page's sentences (transforms.database.sessions) say the figures of the frames they
describe: the time line's dated and undated sessions, the outcomes' sums, the grid's pairs."""

from __future__ import annotations

import pytest

from transforms.database.queries import Filters, heading_session_grid, session_list, session_outcomes
from transforms.database.sessions import grid_sentence, outcomes_sentence, timeline_chart_sentence, undated_sessions
from transforms.presentation.i18n import t


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_time_line_sentence_counts_the_dated_sessions_and_names_the_undated(shipped, lang):
    sessions = session_list(shipped, Filters(lang=lang))
    undated = undated_sessions(sessions)
    assert undated == [
        title for title, start in zip(sessions.title, sessions.start_date) if start is None or start != start
    ]
    assert 0 < len(undated) < len(sessions)  # the shipped source leaves some sessions undated
    expected = t(
        lang,
        "timeline_chart_sentence",
        dated=len(sessions) - len(undated),
        undated=t(lang, "name_separator").join(undated),  # names hold commas: "; " between them in English
    )
    assert timeline_chart_sentence(lang, sessions) == expected
    assert all(title in expected for title in undated)
    dated_only = sessions[~sessions.title.isin(undated)]
    assert timeline_chart_sentence(lang, dated_only).endswith(("–.", "–。"))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("statuses", [(), ("done",), ("pending", "proposed")])
def test_the_outcomes_and_grid_sentences_say_the_tables_figures(shipped, lang, statuses):
    filters = Filters(lang=lang, statuses=statuses)
    outcomes = session_outcomes(shipped, filters)
    assert outcomes_sentence(lang, outcomes) == t(
        lang,
        "outcomes_sentence",
        sessions=len(outcomes),
        done=int(outcomes.done.sum()),
        pending=int(outcomes.pending.sum()),
        proposed=int(outcomes.proposed.sum()),
    )
    grid = heading_session_grid(shipped, filters)
    pairs = {(h, s) for h, s, n in zip(grid.heading, grid.session_id, grid.total) if n > 0}
    assert grid_sentence(lang, grid) == t(
        lang,
        "grid_sentence",
        cells=len(pairs),
        headings=len({h for h, _ in pairs}),
        sessions=len({s for _, s in pairs}),
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_sentences_count_as_pandas_did(shipped, lang):
    """The sentences' plain-Python counting gives what the pandas steps they replaced gave, on
    the record's frames under several views, a frame with gaps and an empty one."""
    views = [Filters(lang=lang), Filters(lang=lang, as_of="wg-4"), Filters(lang=lang, headings=("protection",))]
    views += [Filters(lang=lang, statuses=("proposed",), kinds=("topic",))]
    for f in views:
        sessions = session_list(shipped, f)
        gappy = sessions.assign(start_date=[None if i % 3 else d for i, d in enumerate(sessions.start_date)])
        blank = sessions.assign(start_date=["  " if i % 2 else str(d) for i, d in enumerate(sessions.start_date)])
        for frame in (sessions, gappy, blank, sessions.head(0)):
            start = frame["start_date"]
            missing = start.isna() | (start.astype(str).str.strip() == "")
            assert undated_sessions(frame) == frame.loc[missing, "title"].astype(str).tolist()
        grid = heading_session_grid(shipped, f)
        for frame in (grid, grid.head(0)):
            addressed = frame[frame["total"] > 0]
            assert grid_sentence(lang, frame) == t(
                lang,
                "grid_sentence",
                cells=len(addressed),
                headings=addressed["heading"].nunique(),
                sessions=addressed["session_id"].nunique(),
            )
