"""The Sessions page's aggregate frames with their named columns kept (transforms.database.
session_frames) are the frames marts.py sums and the SQL files give: columns, order, dtypes and
values, for every single filter and many random views (an unknown heading or as-of session
included), asked again in any order, on the shipped record and a synthetic one."""

from __future__ import annotations

import pandas as pd
import pytest
from fixtures import shipped_and_synthetic
from test_marts import some_filters

from transforms.database import marts, session_frames
from transforms.database.queries import Store


@pytest.fixture(scope="module")
def paths(tmp_path_factory):
    return shipped_and_synthetic(tmp_path_factory.mktemp("session-frames"))


@pytest.mark.parametrize("record", ["shipped", "synth"])
@pytest.mark.parametrize("query", ["session_outcomes", "heading_session_grid"])
def test_the_frames_are_the_marts_and_the_sqls(paths, record, query):
    with Store(paths[record]) as store:
        held = store.marts()
        views = some_filters(store, 60, seed=len(query))
        for filters in views + views[::-1]:  # each kept part used again by other views
            got = getattr(session_frames, query)(held, filters)
            pd.testing.assert_frame_equal(got, getattr(marts, query)(held, filters), check_exact=True)
            expected = store.frame(query, filters)
            pd.testing.assert_frame_equal(got, expected, check_exact=True, check_dtype=len(expected) > 0)
