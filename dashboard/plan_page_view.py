"""The Plan view page's pieces made once per view (database identity and filters, the language
among them) and shared by every rerun and session that shows it: its sentence, a table per
heading and the relations table, as Arrow made once (dashboard.ready). A warm rerun of the page
then does no pandas work. Each piece is made as the page made it on each rerun before, from the
same cached results (dashboard.data.plan_summary, data.frame("plan_view")), so what is drawn is
the same, byte for byte (tests/test_plan_page_view.py)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from streamlit.dataframe_util import convert_pandas_df_to_arrow_table

from transforms.database import plan
from transforms.database.plan import plan_question_filters, plan_sentence
from transforms.database.queries import Filters
from transforms.presentation.i18n import t

from . import data
from .columns import SENTENCE_WIDTH, SMALL
from .data import Identity
from .grid_widths import EXPANDER_PX, PAGE_PX, fit
from .kept import kept
from .ready import Ready, ready
from .ui import plain


@dataclass(frozen=True)
class Requirements:
    """One heading's requirements: the heading's key, its label (escaped) and the table (a
    pyarrow.Table, as st.table would make of the frame; its cells escaped: st.table renders
    Markdown). Shared: never modify."""

    heading: str
    label: str
    table: object


@dataclass(frozen=True)
class PlanPageView:
    """What the Plan view page draws for one view. Shared: never modify."""

    sentence: str  # escaped for st.markdown
    relations_count: int  # rows of the plan_view result: the download's size
    headings: tuple[Requirements, ...]
    relations: Ready | None  # None: no item addresses a requirement in the view
    reasons: tuple[str, ...] = ()  # each relation's reason in full, as a Markdown line (escaped)


def requirements_frame(lang: str, rows):
    """A heading's rows of plan_summary as its table shows them (static, its text wrapping: no
    column hidden off-screen at any width): paragraph and requirement, whether items on the
    record address it (with the editors' mark), its own status, the items that address it (each
    marked: source or editors); every cell escaped."""
    columns = {
        "requirement_title": t(lang, "plan_column_requirement"),
        "verdict": t(lang, "plan_column_verdict"),
        "own_status": t(lang, "plan_column_own_status"),
        "addressed_by": t(lang, "plan_column_addressed_by"),
    }
    # the requirement with its Plan paragraph on a line of its own ("Plan paragraph 16"), as the
    # briefing gives it: a column of its own did not fit a phone
    titled = rows.assign(
        requirement_title=[
            f"{plain(t(lang, 'plan_paragraph', n=int(n)))}  \n{plain(title)}"
            for n, title in zip(rows.plan_paragraph, rows.requirement_title)
        ]
    )
    shown = titled[list(columns)].rename(columns=columns)
    shown[columns["verdict"]] = shown[columns["verdict"]].map(plain)  # st.table renders markdown: text stays text
    for name in ("own_status", "addressed_by"):
        shown[columns[name]] = shown[columns[name]].map(plain)
    return shown


def _heading_tables(lang: str, summary) -> tuple[Requirements, ...]:
    """Each heading's Requirements, as requirements_frame makes them of summary.groupby("heading"):
    made from the columns read once as lists when each heading's rows come together (as the Plan
    view orders them), one frame per heading (0.7 ms a heading of pandas steps before)."""
    headings = summary["heading"].tolist()
    runs = [i for i in range(len(headings)) if not i or headings[i] != headings[i - 1]] + [len(headings)]
    if len(runs) - 1 != len(set(headings)):  # a heading's rows apart: as the group-by makes them
        return tuple(
            Requirements(
                heading,
                plain(rows.heading_label.iloc[0]),
                convert_pandas_df_to_arrow_table(requirements_frame(lang, rows)),
            )
            for heading, rows in summary.groupby("heading", sort=False)
        )
    headers = {
        "requirement_title": t(lang, "plan_column_requirement"),
        "verdict": t(lang, "plan_column_verdict"),
        "own_status": t(lang, "plan_column_own_status"),
        "addressed_by": t(lang, "plan_column_addressed_by"),
    }
    cells = {
        "requirement_title": [
            f"{plain(t(lang, 'plan_paragraph', n=int(n)))}  \n{plain(title)}"
            for n, title in zip(summary["plan_paragraph"].tolist(), summary["requirement_title"].tolist())
        ],
        **{name: [plain(v) for v in summary[name].tolist()] for name in ("verdict", "own_status", "addressed_by")},
    }
    labels, index = summary["heading_label"].tolist(), summary.index
    return tuple(
        Requirements(
            headings[start],
            plain(labels[start]),
            convert_pandas_df_to_arrow_table(
                pd.DataFrame(
                    {headers[name]: pd.array(values[start:stop], dtype="str") for name, values in cells.items()},
                    index=index[start:stop],
                )
            ),
        )
        for start, stop in zip(runs[:-1], runs[1:])
    )


RELATIONS = ("plan_paragraph", "item_id", "item_title", "item_status_label", "item_status_at", "basis", "rationale")


def relation_columns(lang: str, shown: pd.DataFrame, labels: dict[str, dict[str, str]]) -> dict:
    """The columns of the relations table (`shown`: RELATIONS, the basis in words) in the page's
    width (dashboard.grid_widths): the paragraph and the item id by their values, the status and
    the basis by their longest word, the item's title, the session's name and the reason wrapping
    in what those leave (each reason in full under the table: relation_reasons)."""
    headers = dict(
        zip(
            RELATIONS,
            (
                t(lang, "plan_column_paragraph"),
                t(lang, "plan_column_item"),
                t(lang, "title"),
                t(lang, "status"),
                t(lang, "session"),
                t(lang, "plan_column_basis"),
                t(lang, "plan_column_rationale"),
            ),
        )
    )
    named = {
        "item_id": (shown["item_id"].astype(str), SMALL),
        "item_status_label": (labels["status"].values(), SMALL),
        "basis": ([t(lang, f"plan_basis_{b}") for b in ("source", "curated")], SMALL),
    }
    # a session's name reads on two or three lines ("Conference of the Parties, / fourth session"):
    # as wide as its longest name, a Chinese one of 22 characters with no break, left no room
    wrapped = {"item_title": (120, 300), "item_status_at": (150, 220), "rationale": (160, SENTENCE_WIDTH)}
    return fit(shown, headers, labels=named, sentences=wrapped, page_px=PAGE_PX - EXPANDER_PX)  # in its expander


def relation_reasons(lang: str, shown: pd.DataFrame) -> tuple[str, ...]:
    """Each relation's reason in full (a grid cell cuts it), as a Markdown line: "**Plan paragraph
    16 · rec-wg1-12**: …", escaped; a relation without a reason has no line."""
    return tuple(
        t(
            lang,
            "punct_label",
            label=f"**{plain(t(lang, 'plan_paragraph', n=int(n)))} · {plain(item)}**",
            value=plain(why),
        )
        for n, item, why in zip(
            shown["plan_paragraph"].tolist(), shown["item_id"].tolist(), shown["rationale"].tolist()
        )
        if isinstance(why, str) and why.strip()
    )


def _relations(
    lang: str, whole: data.PlanWhole, filters: Filters, labels: dict[str, dict[str, str]]
) -> tuple[int, Ready | None, tuple[str, ...]]:
    """How many rows the view's plan_view frame holds (queries.narrowed of the whole: the picked
    requirements' rows, only the items of the kind filter listed, a requirement left with none on
    one row without an item) and the relations table: its rows with an item, their basis in
    words, as the page made it of that frame (its index: their rows in it). Taken from the whole
    at once, but from the very slice narrowed takes (pyarrow sizes a take's buffers by what it is
    taken from: the same Arrow bytes); and each relation's reason in full (relation_reasons)."""
    requirements, kinds = whole.requirements, filters.kinds
    count, rows, at, taken = 0, [], [], []  # the view's rows: with an item; those in the whole; all in the whole
    for i in plan.picked(requirements, filters.headings, filters.statuses):
        listed = [row for kind, _, row in requirements.items[i] if not kinds or kind in kinds]
        for row in listed:
            rows.append(count)
            at.append(row)
            count += 1
        if not listed:
            count += 1  # the requirement's row, without an item
        taken += [row for _, _, row in requirements.items[i]] or [requirements.rows[i]]
    if not rows:
        return count, None, ()
    shown = whole.frame[list(RELATIONS)]
    if not kinds and 0 < len(taken) < len(whole.frame) and taken[-1] - taken[0] == len(taken) - 1:
        shown = shown.iloc[taken[0] : taken[-1] + 1].take([row - taken[0] for row in at])  # as narrowed slices
    else:
        shown = shown.take(at)
    shown.index = pd.RangeIndex(count).take(rows)
    shown["basis"] = [t(lang, f"plan_basis_{b}") for b in shown["basis"].tolist()]
    return count, ready(shown, relation_columns(lang, shown, labels)), relation_reasons(lang, shown)


@kept(max_entries=256)
def plan_page_view(db: Identity, filters: Filters) -> PlanPageView:
    """The Plan view page's pieces for the filters (filters.lang: the language)."""
    lang = filters.lang
    summary = data.plan_summary(db, filters)
    count, relations, reasons = _relations(lang, data.plan_whole(db, filters), filters, data.labels(db, lang))
    # none listed: why, as the Overview's Plan question says it (e.g. as of a session before the Plan)
    found = data.answer(db, plan_question_filters(filters), "plan") if summary.empty else None
    return PlanPageView(
        sentence=plain(plan_sentence(lang, summary, found, data.labels(db, lang)["session"])),
        relations_count=count,
        headings=_heading_tables(lang, summary),
        relations=relations,
        reasons=reasons,
    )
