"""The lists as of a session derived from the whole record's rows (transforms.database.as_of) are
the very frames the SQL gives for that session: columns, order, dtypes and values, for every
session on the record (and an unknown one), both languages, with and without the editors'
relations, on the shipped record, a synthetic one and the small fixture record."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
from fixtures import crossing_record, make_record, shipped_and_synthetic

from transforms.database import as_of
from transforms.database.build import build
from transforms.database.queries import Filters, Store


@pytest.fixture(scope="module")
def paths(tmp_path_factory):
    folder = tmp_path_factory.mktemp("as_of")
    paths = shipped_and_synthetic(folder)
    build(make_record(folder / "small"), folder / "small.duckdb")
    build(crossing_record(folder / "crossing"), folder / "crossing.duckdb")
    return {**paths, "small": folder / "small.duckdb", "crossing": folder / "crossing.duckdb"}


@pytest.mark.parametrize("record", ["shipped", "synth", "small", "crossing"])
@pytest.mark.parametrize("query", sorted(as_of.DERIVED))
def test_a_list_as_of_a_session_is_what_the_sql_gives_for_it(paths, record, query):
    with Store(paths[record]) as store:
        history = as_of.read_history(store)
        sessions = store.con.execute("SELECT session_id FROM record.sessions ORDER BY sequence").df()
        asked = [None, "no-such-session", *sessions["session_id"].tolist()]
        for lang in ("en", "zh"):
            for curated in (True, False) if query == "plan_view" else (True,):
                base = Filters(lang=lang, curated=curated)
                whole = store.frame(query, base)
                for session in asked:
                    expected = store.frame(query, replace(base, as_of=session))
                    got = as_of.derived(query, whole, history, session, lang)
                    pd.testing.assert_frame_equal(got, expected, check_exact=True, obj=f"{query} {session} {lang}")
                    assert [type(v) for v in got.to_numpy().ravel()] == [
                        type(v) for v in expected.to_numpy().ravel()
                    ], (query, session, lang)


@pytest.mark.parametrize("record", ["shipped", "synth", "small", "crossing"])
def test_a_list_in_chinese_is_what_the_sql_gives_in_chinese(paths, record):
    from transforms.database.queries import labels

    with Store(paths[record]) as store:
        history = as_of.read_history(store)
        for query in sorted(as_of.IN_EITHER_LANGUAGE):
            for curated in (True, False):
                english = store.frame(query, Filters(curated=curated))
                expected = store.frame(query, Filters(lang="zh", curated=curated))
                got = as_of.in_language(query, english, labels(store, "zh"), history, "zh")
                pd.testing.assert_frame_equal(got, expected, check_exact=True)
                assert [type(v) for v in got.to_numpy().ravel()] == [type(v) for v in expected.to_numpy().ravel()]
                back = as_of.in_language(query, expected, labels(store, "en"), history, "en")
                pd.testing.assert_frame_equal(back, english, check_exact=True)
