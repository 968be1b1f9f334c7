"""The Sessions, Items and Plan view pages' pieces for a new view (dashboard/sessions_view.py,
items_view.py, plan_page_view.py, data.plan_summary), made with fewer pandas passes, are what the
pages made before (tests/views_before.py): every sentence, figure spec, frame and table, the
tables' Arrow bytes included, for many views in both languages on the shipped record and a
synthetic one."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest
import views_before as before
from fixtures import crossing_record, shipped_and_synthetic, some_views

from dashboard import data, figures, items_view, plan_page_view, sessions_view
from dashboard.ready import Ready
from transforms.database.build import build
from transforms.database.queries import Filters, Store


@pytest.fixture(scope="module")
def paths(tmp_path_factory):
    folder = tmp_path_factory.mktemp("page-views")
    build(crossing_record(folder / "crossing"), folder / "crossing.duckdb")
    return {**shipped_and_synthetic(folder), "crossing": folder / "crossing.duckdb"}


def arrow_bytes(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def said(value):
    """A piece written down: Arrow tables as their bytes, figures as their spec, frames as they are."""
    if isinstance(value, Ready):
        rows = arrow_bytes(value.rows) if isinstance(value.rows, pa.Table) else value.rows
        return ("ready", rows, repr(value.columns), value.count)
    if isinstance(value, pa.Table):
        return ("arrow", arrow_bytes(value))
    if hasattr(value, "to_plotly_json"):
        return ("figure", value.to_json())
    if hasattr(value, "__dataclass_fields__"):
        return (type(value).__name__, {k: said(getattr(value, k)) for k in value.__dataclass_fields__})
    if isinstance(value, (tuple, list)):
        return tuple(said(v) for v in value)
    if isinstance(value, dict):
        return {k: said(v) for k, v in value.items()}
    if isinstance(value, pd.DataFrame):
        return ("frame", value.to_dict("list"), [str(d) for d in value.dtypes], repr(value.index), repr(value.columns))
    return value


def fresh():
    """No piece kept from a view asked before (the old and new ways share the figures' caches)."""
    for cached in (
        sessions_view.sessions_view,
        sessions_view.timeline_view,
        sessions_view.session_links,
        items_view.item_list_view,
        plan_page_view.plan_page_view,
        figures.outcomes,
        figures.grid,
        figures.session_timeline,
        data.frame,
        data.plan_summary,
        data.found_items,
    ):
        cached.clear()


@pytest.mark.parametrize("record", ["shipped", "synth", "crossing"])
def test_each_page_makes_what_it_made_before(paths, record):
    db = data.holding(data.identity(paths[record]))
    with Store(paths[record]) as store:
        views = some_views(store, 30, seed=8, curated=True)
    for i, f in enumerate(views):
        fresh()
        new = sessions_view.sessions_view(db, f)
        sessions = [*new.options[:3], "no-such-session"]
        new_pieces = {
            "sessions": said(new),
            "links": [said(sessions_view.session_links(db, f, s)) for s in sessions],
            "items": said(items_view.item_list_view(db, f, "", False)),
            "searched": said(items_view.item_list_view(db, f, "data", i % 2 == 0)) if i % 5 == 0 else None,
            "plan": said(plan_page_view.plan_page_view(db, f)),
            "summary": said(data.plan_summary(db, f)),
        }
        fresh()
        old_pieces = {
            "sessions": said(before.sessions_view(db, f)),
            "links": [said(before.session_links(db, f, s)) for s in sessions],
            "items": said(before.item_list_view(db, f, "", False)),
            "searched": said(before.item_list_view(db, f, "data", i % 2 == 0)) if i % 5 == 0 else None,
            "plan": said(before.plan_page_view(db, f)),
            "summary": said(before.plan_summary(db, f)),
        }
        for name in new_pieces:
            assert new_pieces[name] == old_pieces[name], (name, f)


@pytest.mark.parametrize("record", ["shipped", "crossing"])
def test_the_plan_page_makes_what_it_made_before_under_every_heading_and_status(paths, record):
    """Each heading alone, with each pair of statuses, as of each session: views whose rows are
    one run of the Plan view's (which narrowing slices rather than takes)."""
    from transforms.record.schema import HEADINGS, STATUSES

    db = data.holding(data.identity(paths[record]))
    with Store(paths[record]) as store:
        sessions = [None, *store.con.execute("SELECT session_id FROM record.sessions").df()["session_id"]]
    for n, as_of in enumerate(sessions):
        for heading in HEADINGS:
            for statuses in [(), *((a, b) for a in STATUSES for b in STATUSES if a < b)]:
                f = Filters(headings=(heading,), statuses=statuses, as_of=as_of, lang=("en", "zh")[n % 2])
                fresh()
                new = said(plan_page_view.plan_page_view(db, f))
                fresh()
                assert new == said(before.plan_page_view(db, f)), f
