"""The pieces the pages make per new view, made with few pandas calls (for speed), are the frames
their definitions give, for many views in both languages on the shipped record and a synthetic
one: the Plan summary (transforms.database.plan.requirement_summary) written down requirement by
requirement from the SQL file's rows, and tables ready for the screen (dashboard.data.for_display)
written down cell by cell."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from fixtures import shipped_and_synthetic, some_views

from dashboard.data import MemoStore, for_display
from transforms.database.plan import requirement_summary
from transforms.database.queries import Filters, Store
from transforms.presentation.i18n import t


@pytest.fixture(scope="module")
def paths(tmp_path_factory):
    return shipped_and_synthetic(tmp_path_factory.mktemp("view-pieces"))


def summary_by_hand(plan: pd.DataFrame, lang: str) -> pd.DataFrame:
    """requirement_summary's docstring, requirement by requirement."""
    rows = plan.to_dict("records")
    order = list(dict.fromkeys(row["requirement_id"] for row in rows))
    out = []
    for requirement in order:
        own = [row for row in rows if row["requirement_id"] == requirement]
        first = own[0]
        phrases = [
            t(
                lang,
                "plan_item_phrase",
                kind=row["item_kind_label"],
                item=row["item_id"],
                title=row["item_title"],
                status=row["item_status_label"],
                session=row["item_status_at"],
                mark=t(lang, "plan_curated_mark" if row["basis"] == "curated" else "plan_source_mark"),
            )
            for row in own
            if pd.notna(row["item_id"])
        ]
        count, done, curated = (int(first[c]) for c in ("addressing_count", "addressing_done", "addressing_curated"))
        if not count:
            verdict = t(lang, "plan_not_addressed")
        else:
            verdict = t(lang, "plan_addressed", count=count, done=done)
            if curated == count:
                verdict += t(lang, "plan_addressed_all_curated")
            elif curated:
                verdict += t(lang, "plan_addressed_some_curated", curated=curated)
        out.append(
            {
                "heading": first["heading"],
                "heading_label": first["heading_label"],
                "requirement_id": requirement,
                "plan_paragraph": int(first["plan_paragraph"]),
                "requirement_title": first["requirement_title"],
                "own_status": t(
                    lang,
                    "plan_own_status",
                    status=first["requirement_status_label"],
                    session=first["requirement_status_at"],
                )
                if pd.notna(first["requirement_status"])
                else t(lang, "plan_no_status"),
                "addressed_by": t(lang, "plan_item_separator").join(phrases) or t(lang, "plan_addressed_by_none"),
                "item_count": len(phrases),
                "addressed_count": count,
                "curated_count": curated,
                "addressed": count > 0,
                "verdict": verdict,
            }
        )
    columns = ["heading", "heading_label", "requirement_id", "plan_paragraph", "requirement_title", "own_status"]
    columns += ["addressed_by", "item_count", "addressed_count", "curated_count", "addressed", "verdict"]
    if not out:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    return pd.DataFrame(out, columns=columns)


@pytest.mark.parametrize("record", ["shipped", "synth"])
def test_the_plan_summary_is_each_requirement_written_down(paths, record):
    """From the SQL's rows and from the rows the dashboard's store picks (the kind filter narrowing
    the items listed): the same summary, dtypes included."""
    with Store(paths[record]) as plain, MemoStore(paths[record]) as memo:
        for filters in some_views(plain, 60, seed=8, curated=True):
            from_sql = plain.frame("plan_view", filters)
            expected = summary_by_hand(from_sql, filters.lang)
            pd.testing.assert_frame_equal(requirement_summary(from_sql, filters.lang), expected, obj=str(filters))
            picked = requirement_summary(memo.frame("plan_view", filters), filters.lang)
            pd.testing.assert_frame_equal(picked, expected, obj=f"picked {filters}")


def display_by_hand(frame: pd.DataFrame, lang: str) -> dict[str, list]:
    """for_display's docstring, cell by cell: dates as YYYY-MM-DD, a missing text or date said to be
    missing (a missing note or document symbol left empty), other cells as they are."""
    out = {}
    for name in frame.columns:
        values = frame[name].tolist()
        if frame[name].dtype.kind == "M":
            out[name] = [v.strftime("%Y-%m-%d") if pd.notna(v) else t(lang, "not_given") for v in values]
        elif frame[name].dtype == object or pd.api.types.is_string_dtype(frame[name]):
            blank = "" if name in ("note", "document_symbol") else t(lang, "not_given")
            out[name] = [
                blank if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) else v for v in values
            ]
        else:
            out[name] = values
    return out


@pytest.mark.parametrize("record", ["shipped", "synth"])
def test_tables_ready_for_the_screen_are_their_cells_written_down(paths, record):
    """for_display on the lists, links and an item's links: each cell as written down, a column the
    source gives whole keeping its dtype, and the frame given left as it was."""
    from transforms.database.queries import item_detail

    with MemoStore(paths[record]) as memo:
        items = memo.con.execute("SELECT item_id FROM record.items ORDER BY item_id").df()["item_id"].tolist()
        rng = random.Random(2)
        for filters in some_views(memo, 30, seed=6, curated=True):
            frames = [memo.frame(q, filters) for q in ("item_list", "link_list", "session_list")]
            frames.append(item_detail(memo, rng.choice(items), filters)[1])
            for frame in frames:
                before = frame.copy(deep=True)
                shown = for_display(frame, filters.lang)
                assert list(shown.columns) == list(frame.columns)
                assert {c: shown[c].tolist() for c in shown.columns} == display_by_hand(frame, filters.lang), filters
                for name in frame.columns:
                    if frame[name].dtype.kind != "M" and not frame[name].hasnans:
                        assert shown[name].dtype == frame[name].dtype, (name, filters)
                pd.testing.assert_frame_equal(frame, before)


def test_an_items_detail_kept_per_as_of_and_language_is_the_one_each_view_asks(paths):
    """dashboard.data.item_detail keeps an item's frames per the filters its queries read: views that
    differ in another filter get the frames their own filters give."""
    from dashboard import data
    from transforms.database.queries import item_detail

    db = data.holding(data.identity(paths["synth"]))
    with Store(paths["synth"]) as plain:
        items = plain.con.execute("SELECT item_id FROM record.items ORDER BY item_id").df()["item_id"].tolist()
        rng = random.Random(4)
        chosen = rng.sample(items, 3)
        for filters in some_views(plain, 40, seed=9, curated=True):
            for item_id in chosen:
                item, links = data.item_detail(db, item_id, filters)
                expected_item, expected_links = item_detail(plain, item_id, filters)
                pd.testing.assert_frame_equal(item, expected_item, obj=f"{item_id} {filters}")
                pd.testing.assert_frame_equal(
                    links, for_display(expected_links, filters.lang), obj=f"{item_id} {filters}"
                )
    assert data.read_by(
        ("item_detail", "item_links"), Filters(("prevention",), ("done",), ("topic",), "x", "zh", False)
    ) == (Filters(as_of="x", lang="zh"))
