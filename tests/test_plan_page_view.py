"""The Plan view page draws its pieces made once per view (dashboard/plan_page_view.py): each
heading's table and the relations table are what the page made of the shared results on every
rerun before (transforms.plan.requirement_summary of the plan_view query, its cells escaped)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.plan_page_view import relation_reasons
from dashboard.ui import plain
from transforms.database.plan import plan_sentence, requirement_summary
from transforms.database.queries import Filters, plan_view
from transforms.presentation.i18n import t

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")

VIEWS = [
    ({}, Filters()),
    ({"lang": "zh"}, Filters(lang="zh")),
    ({"heading": "protection", "kind": "recommendation"}, Filters(headings=("protection",), kinds=("recommendation",))),
    ({"status": "pending", "curated": "false"}, Filters(statuses=("pending",), curated=False)),
    ({"as_of": "wg-4", "lang": "zh"}, Filters(as_of="wg-4", lang="zh")),
]


def old_tables(summary: pd.DataFrame, lang: str) -> list[pd.DataFrame]:
    """Each heading's table as the page made it before (its pandas steps, unchanged)."""
    columns = {
        "requirement_title": t(lang, "plan_column_requirement"),
        "verdict": t(lang, "plan_column_verdict"),
        "own_status": t(lang, "plan_column_own_status"),
        "addressed_by": t(lang, "plan_column_addressed_by"),
    }
    tables = []
    for _, rows in summary.groupby("heading", sort=False):
        titled = rows.assign(
            requirement_title=[
                f"{plain(t(lang, 'plan_paragraph', n=int(n)))}  \n{plain(title)}"
                for n, title in zip(rows.plan_paragraph, rows.requirement_title)
            ]
        )
        shown = titled[list(columns)].rename(columns=columns)
        for name in ("verdict", "own_status", "addressed_by"):
            shown[columns[name]] = shown[columns[name]].map(plain)
        tables.append(shown)
    return tables


@pytest.mark.parametrize("query, filters", VIEWS, ids=lambda v: repr(v) if isinstance(v, dict) else "")
def test_the_plan_page_draws_what_it_made_on_every_rerun_before(shipped_db, shipped, monkeypatch, query, filters):
    monkeypatch.setenv("GAPTRACK_DB", str(shipped_db))
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("app_pages/plan.py").run()
    assert not at.exception, [e.value for e in at.exception]
    lang = filters.lang
    relations = plan_view(shipped, filters)
    summary = requirement_summary(relations, lang)
    expected = old_tables(summary, lang)
    drawn = [d.value for d in at.table]
    assert len(drawn) == len(expected) and (expected or filters.statuses)  # a table per heading
    for got, want in zip(drawn, expected):
        pd.testing.assert_frame_equal(got, want)
    assert [h.value for h in at.main.header] == [plain(label) for label in summary.heading_label.unique()]
    assert plain(plan_sentence(lang, summary)) in [m.value for m in at.markdown]
    listed = relations[relations.item_id.notna()].copy()
    listed["basis"] = [t(lang, f"plan_basis_{b}") for b in listed.basis]
    columns = ["plan_paragraph", "item_id", "item_title", "item_status_label", "item_status_at", "basis", "rationale"]
    frames = [d.value for d in at.dataframe]
    if listed.empty:
        assert frames == []
    else:
        assert len(frames) == 1
        pd.testing.assert_frame_equal(frames[0], listed[columns])
        # under the grid, which cuts a long reason: each reason in full (brief words23)
        said = [m.value for m in at.markdown]
        reasons = relation_reasons(lang, listed[columns])
        assert reasons and all(line in said for line in reasons), reasons
