"""The Sessions, Items and Plan view pages' pieces as they were made before they were made faster
(dashboard/*_view.py at b9cb42e, their caches left out, each calling the same shared queries):
what tests/test_page_views_same.py holds the pages' pieces equal to."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st
from streamlit.dataframe_util import convert_pandas_df_to_arrow_table

from dashboard import data, figures
from dashboard.charts import AXIS_TEXT, BODY_SYMBOLS, CHART_TEXT, FONT, TICK_MONTH, _sentence, figure, wrap
from dashboard.columns import MEDIUM, dates_in_words, label_column, sentence_column
from dashboard.items_view import LIST_LIMIT as ITEMS_LIMIT
from dashboard.items_view import SHOWN, ItemList
from dashboard.plan_page_view import PlanPageView, Requirements
from dashboard.ready import ready
from dashboard.sessions_view import LIST_LIMIT as LINKS_LIMIT
from dashboard.sessions_view import SessionsView, TimelineView
from dashboard.ui import counts, plain
from transforms.database import queries
from transforms.database.coverage import kinds_counted_sentence
from transforms.database.listing import nothing_listed, session_names
from transforms.database.plan import _item_phrase, _verdict
from transforms.database.queries import coverage_totals
from transforms.database.sessions import grid_sentence, outcomes_sentence, timeline_chart_sentence, undated_sessions
from transforms.presentation.i18n import date_text, t


def frame(query, db, filters, **extra):
    """The query's frame as the store gives it (not through the dashboard's caches)."""
    return getattr(queries, query)(data._store(db), filters, **extra)


def timeline_view(db, f):
    lang = f.lang
    listed = frame("session_list", db, f)
    columns = {
        "title": sentence_column(t(lang, "session"), 170),
        "body": sentence_column(t(lang, "body"), 150),
        "start_date": sentence_column(t(lang, "start_date"), 100),
        "end_date": sentence_column(t(lang, "end_date"), 100),
        "venue": sentence_column(t(lang, "venue"), 100),
        "document_symbols": sentence_column(t(lang, "documents"), 170),
        "source_paragraph": sentence_column(t(lang, "source_paragraph"), 80),
        "note": sentence_column(t(lang, "note"), 260),
    }
    sessions = dates_in_words(data.for_display(listed[list(columns)], lang), lang, ("start_date", "end_date"))
    noted = sessions[sessions.note.astype(bool)]
    return TimelineView(
        sentence=plain(timeline_chart_sentence(lang, listed)),
        figure=session_timeline_chart(listed, lang) if len(undated_sessions(listed)) < len(listed) else None,
        sessions=ready(sessions, columns),
        notes=tuple(
            t(lang, "punct_label", label=f"**{plain(title)}**", value=plain(note))
            for title, note in zip(noted.title, noted.note)
        ),
    )


def session_timeline_chart(sessions: pd.DataFrame, lang: str):
    """Dated sessions on a time axis, one row per body; a marker shape per body, its number written by
    it, the title on hover. Made from the columns as lists (a group-by and row tuples cost more than
    the rest; the same spec: tests/test_charts.py)."""
    dated = sessions[sessions.start_date.notna()]
    columns = {c: dated[c].tolist() for c in ("body_key", "body", "number", "title", "start_date", "end_date")}
    groups: dict[object, list[int]] = {}  # body_key -> its rows, in the order the bodies first come
    for i, body_key in enumerate(columns["body_key"]):
        if pd.notna(body_key):  # a group-by leaves out a missing key
            groups.setdefault(body_key, []).append(i)
    bodies, numbers, titles = columns["body"], columns["number"], columns["title"]
    starts, ends = columns["start_date"], columns["end_date"]
    in_words: dict[object, str] = {}  # each date said once (Babel takes ~15 us a date)

    def said(day) -> str:
        if day not in in_words:
            in_words[day] = date_text(lang, day)
        return in_words[day]

    traces = []
    for body_key, rows in groups.items():
        traces.append(
            dict(
                type="scatter",
                x=[f"{starts[i]:%Y-%m-%d}" for i in rows],
                y=[wrap(bodies[i], lang) for i in rows],
                mode="markers+text",
                name=html.escape(str(bodies[rows[0]])),
                # the session's number by its marker (the row names the body): whole titles ran into
                # each other on a phone; the full title is on hover and in the table under the chart
                text=[html.escape(str(numbers[i])) if pd.notna(numbers[i]) else "" for i in rows],
                textposition="top center",
                textfont=dict(size=11, color=CHART_TEXT),
                cliponaxis=False,  # a title above the top row or below the bottom one is not cut
                marker=dict(
                    symbol=BODY_SYMBOLS.get(body_key, "circle"),
                    size=13,
                    color="#0072B2",
                    line=dict(color="#1b1b1b", width=1),
                ),
                customdata=[[said(starts[i]), said(ends[i]), wrap(titles[i], lang)] for i in rows],
                hovertemplate="%{customdata[2]}<br>%{customdata[0]} – %{customdata[1]}<extra></extra>",
            )
        )
    pad = pd.Timedelta(days=120)
    span = (
        [f"{dated.start_date.min() - pad:%Y-%m-%d}", f"{dated.end_date.max() + pad:%Y-%m-%d}"] if len(dated) else None
    )
    comma = "，" if lang == "zh" else ", "
    rows = [
        t(lang, "punct_paren", text=title, inner=body) + comma + said(start)
        for title, body, start in zip(titles, bodies, starts)
    ]
    layout = dict(
        height=160 + 110 * max(len(groups), 1),
        margin=dict(l=8, r=8, t=16, b=8),
        showlegend=False,
        # months as the page's language writes them
        xaxis=dict(type="date", automargin=True, range=span, tickformat=TICK_MONTH[lang], tickfont=AXIS_TEXT),
        # room above the top row and below the bottom one for the titles written there
        yaxis=dict(automargin=True, tickfont=AXIS_TEXT, range=[-0.8, max(len(groups), 1) - 0.2]),
        font=FONT,
        meta=dict(label=_sentence(lang, "chart_timeline_name", rows)),
    )
    return figure(traces, layout)


def sessions_view(db, f):
    lang = f.lang
    kinds = data.labels(db, lang)["kind"]
    outcomes = frame("session_outcomes", db, f)
    grid = frame("heading_session_grid", db, f)
    any_outcome = bool(coverage_totals(outcomes)["total"])
    any_cell = bool((grid.total > 0).any())
    outcome_columns = {"title": t(lang, "session"), **counts(lang, "outcome")}
    grid_columns = {"session_title": t(lang, "session"), "heading_label": t(lang, "heading"), **counts(lang)}
    return SessionsView(
        timeline=timeline_view(db, data.read_by(("session_list",), f)),
        outcomes_sentence=plain(outcomes_sentence(lang, outcomes)),
        counted=plain(kinds_counted_sentence(lang, f, kinds)),
        outcomes_figure=figures.outcomes(db, f) if any_outcome else None,
        outcomes=ready(data.for_display(outcomes[list(outcome_columns)], lang), outcome_columns)
        if any_outcome
        else None,
        grid_sentence=plain(grid_sentence(lang, grid)),
        grid_figure=figures.grid(db, f) if any_cell else None,
        grid=ready(data.for_display(grid[list(grid_columns)], lang), grid_columns) if any_cell else None,
        options=tuple(outcomes[outcomes.total > 0].session_id.tolist()),
        recorded=dict(zip(outcomes.session_id.tolist(), (int(n) for n in outcomes.total.tolist()))),
        links_total=int(outcomes.total.sum()),
    )


def session_links(db, filters, session_id):
    lang = filters.lang
    columns = {
        "status_label": t(lang, "status"),
        "item_title": t(lang, "title"),
        "item_id": t(lang, "item_id"),
        "document_symbol": t(lang, "document"),
        "source_paragraph": t(lang, "source_paragraph"),
        "quote": sentence_column(t(lang, "quote")),
        "quote_language": t(lang, "quote_language"),
    }
    links = frame("link_list", db, filters, session_id=session_id, limit=LINKS_LIMIT)[list(columns)]
    links = data.for_display(links, lang)
    links = links.assign(quote_language=[t(lang, f"language_{c}") for c in links.quote_language])
    return ready(links, columns)


def item_list_view(db, f, search, open_only):
    lang = f.lang
    labels = data.labels(db, lang)
    count = coverage_totals(frame("coverage_by_heading", db, f))["total"]
    searched = bool(search.strip())
    if searched or open_only:
        found = data.found_items(db, f, search, open_only)
        applied = "both" if searched and open_only else "search" if searched else "open"
        items, sentence = found.head(ITEMS_LIMIT), t(lang, f"items_found_{applied}", found=len(found), count=count)
    else:
        items = data.for_display(frame("item_list", db, f, limit=ITEMS_LIMIT)[list(SHOWN)], lang)
        found, sentence = range(count), t(lang, "items_sentence", count=count)
    if not count:
        sentence = t(lang, "items_none")
    elif not len(found):
        sentence += nothing_listed(lang, searched, open_only, f)
    elif len(found) > len(items):
        sentence += t(lang, "items_first", shown=len(items))
    items = session_names(items, labels["session"], t(lang, "session_separator"))
    narrow = st.column_config.TextColumn
    columns = {
        "status_label": label_column(t(lang, "status"), labels["status"].values()),
        "title": narrow(t(lang, "title"), width=240),
        "heading_label": label_column(t(lang, "heading"), labels["heading"].values(), MEDIUM),
        "kind_label": label_column(t(lang, "kind"), labels["kind"].values()),
        "sessions": sentence_column(t(lang, "sessions"), 240),
        "source_paragraph": narrow(t(lang, "source_paragraph"), width="small"),
        "item_id": label_column(t(lang, "item_id"), items.item_id),
    }
    ids = items.item_id.tolist()
    return ItemList(
        sentence=plain(sentence),
        table=ready(items, columns),
        ids=tuple(ids),
        choices={i: t(lang, "punct_paren", text=title, inner=i) for i, title in zip(ids, items.title.tolist())},
        found=len(found),
    )


def requirement_summary(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    item_columns = ("item_kind_label", "item_id", "item_title", "item_status_label", "item_status_at", "basis")
    read = ("requirement_id", "heading", "heading_label", "plan_paragraph", "requirement_title", "requirement_status")
    read += ("requirement_status_label", "requirement_status_at", "addressing_count", "addressing_done")
    at = {c: frame[c].tolist() for c in (*read, "addressing_curated", *item_columns)}
    firsts: dict[str, int] = {}
    phrases: dict[str, list[str]] = {}
    for i, (requirement_id, item_id) in enumerate(zip(at["requirement_id"], at["item_id"])):
        if requirement_id not in firsts:
            firsts[requirement_id] = i
            phrases[requirement_id] = []
        if pd.notna(item_id):
            phrases[requirement_id].append(_item_phrase(lang, *(at[c][i] for c in item_columns)))
    separator, none = t(lang, "plan_item_separator"), t(lang, "plan_addressed_by_none")
    rows = []
    for requirement_id, i in firsts.items():
        own = (
            t(lang, "plan_own_status", status=at["requirement_status_label"][i], session=at["requirement_status_at"][i])
            if pd.notna(at["requirement_status"][i])
            else t(lang, "plan_no_status")
        )
        count, done = int(at["addressing_count"][i]), int(at["addressing_done"][i])
        curated = int(at["addressing_curated"][i])
        items = phrases[requirement_id]
        rows.append(
            dict(
                heading=at["heading"][i],
                heading_label=at["heading_label"][i],
                requirement_id=requirement_id,
                plan_paragraph=int(at["plan_paragraph"][i]),
                requirement_title=at["requirement_title"][i],
                own_status=own,
                addressed_by=separator.join(items) or none,
                item_count=len(items),
                addressed_count=count,
                curated_count=curated,
                addressed=count > 0,
                verdict=_verdict(lang, count, done, curated),
            )
        )
    columns = ["heading", "heading_label", "requirement_id", "plan_paragraph", "requirement_title", "own_status"]
    columns += ["addressed_by", "item_count", "addressed_count", "curated_count", "addressed", "verdict"]
    return pd.DataFrame(rows, columns=columns)


def plan_sentence(lang: str, summary: pd.DataFrame) -> str:
    if summary.empty:
        return t(lang, "plan_none")
    addressed = summary[summary.addressed]
    only_curated = int((addressed.curated_count == addressed.addressed_count).sum())
    return t(
        lang,
        "plan_sentence",
        total=len(summary),
        addressed=len(addressed),
        never=len(summary) - len(addressed),
        curated=only_curated,
    )


def plan_summary(db, filters):
    return requirement_summary(frame("plan_view", db, filters), filters.lang)


def requirements_frame(lang: str, rows):
    columns = {
        "requirement_title": t(lang, "plan_column_requirement"),
        "verdict": t(lang, "plan_column_verdict"),
        "own_status": t(lang, "plan_column_own_status"),
        "addressed_by": t(lang, "plan_column_addressed_by"),
    }
    titled = rows.assign(
        requirement_title=[
            f"{plain(t(lang, 'plan_paragraph', n=int(n)))}  \n{plain(title)}"
            for n, title in zip(rows.plan_paragraph, rows.requirement_title)
        ]
    )
    shown = titled[list(columns)].rename(columns=columns)
    shown[columns["verdict"]] = shown[columns["verdict"]].map(plain)
    for name in ("own_status", "addressed_by"):
        shown[columns[name]] = shown[columns[name]].map(plain)
    return shown


def plan_page_view(db, filters):
    lang = filters.lang
    summary = plan_summary(db, filters)
    relations = frame("plan_view", db, filters)
    listed = relations[relations.item_id.notna()].copy()
    listed["basis"] = [t(lang, f"plan_basis_{b}") for b in listed.basis]
    return PlanPageView(
        sentence=plain(plan_sentence(lang, summary)),
        relations_count=len(relations),
        headings=tuple(
            Requirements(
                heading,
                plain(rows.heading_label.iloc[0]),
                convert_pandas_df_to_arrow_table(requirements_frame(lang, rows)),
            )
            for heading, rows in summary.groupby("heading", sort=False)
        ),
        relations=None
        if listed.empty
        else ready(
            listed,
            {
                "plan_paragraph": t(lang, "plan_column_paragraph"),
                "item_id": t(lang, "plan_column_item"),
                "item_title": t(lang, "title"),
                "item_status_label": t(lang, "status"),
                "item_status_at": t(lang, "session"),
                "basis": t(lang, "plan_column_basis"),
                "rationale": t(lang, "plan_column_rationale"),
            },
        ),
    )
