"""The data benchmarks/floor_same_shape.py draws, dumped once before a load (this uses gaptrack's
code; the app does not).

    python benchmarks/same_shape_data.py DATABASE OUTPUT.pickle

For each language, the whole-record Overview exactly as gaptrack draws it: every text, metric,
figure spec, number table, segment-picker choice, file name and file bytes, and the sidebar's
labels and options. A pickle of plain Python values (dicts, lists, strings, bytes)."""

from __future__ import annotations

import datetime as dt
import pickle
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def dump(db_path: Path) -> dict:
    """{lang: everything the Overview draws for the whole record in that language}."""
    from dashboard.ui import plain
    from transforms.database.coverage import QUESTIONS
    from transforms.database.queries import Filters, Store, labels
    from transforms.database.scope import scope_line
    from transforms.presentation.i18n import t
    from transforms.reports.report import report_file_name, report_html

    out = {}
    with Store(db_path) as store:
        for lang in ("en", "zh"):
            filters, names = Filters(lang=lang), labels(store, lang)
            page = {
                "sidebar": {
                    "filters": t(lang, "filters"),
                    "multi": {key: (t(lang, f"filter_{key}"), names[key]) for key in ("heading", "status", "kind")},
                    "all": t(lang, "filter_all"),
                    "as_of": (t(lang, "filter_as_of"), {"": t(lang, "whole_record"), **names["session"]}),
                    "as_of_help": t(lang, "filter_as_of_help"),
                    "placeholder": t(lang, "choose_placeholder"),
                    "curated": (t(lang, "plan_show_curated"), t(lang, "plan_show_curated_help")),
                    "clear": t(lang, "clear_filters"),
                },
                "title": t(lang, "overview_title"),
                "intro": t(lang, "overview_intro"),
                "scope": plain(scope_line(lang, filters, "overview", names)),
                "briefing": (
                    t(lang, "download_briefing"),
                    t(lang, "download_briefing_help"),
                    report_file_name(filters),
                    report_html(store, filters).encode("utf-8"),
                ),
                "questions": [],
            }
            for question in QUESTIONS:
                page["questions"].append(_question(store, lang, filters, question, names))
            out[lang] = page
    return out


def _question(store, lang, filters, question, names) -> dict:
    from dashboard import charts
    from dashboard.ui import counts, number_markdown, plain
    from transforms.database import export
    from transforms.database.coverage import (
        answer,
        counted_sentence,
        figures_sentence,
        on_record,
        range_sentence,
        status_figure,
        timeline_sentence,
        with_total,
    )
    from transforms.presentation.i18n import number, percent, t

    shares = ("done_share", "pending_share", "proposed_share")
    share_headers = {share: t(lang, share) for share in shares}

    found = answer(store, filters, question)
    f, base = found.filters, on_record(found.totals)
    metrics = []
    for status in ("done", "pending", "proposed"):
        figure = status_figure(found, status)
        metrics.append(
            (
                t(lang, "q_metric_label", status=t(lang, f"status_{status}"), total=number(lang, base)),
                "–" if figure is None else number(lang, figure[0]),
                None if figure is None else percent(figure[1], lang),
                t(lang, "punct_label", label=t(lang, f"q_total_{question}"), value=number(lang, base)),
            )
        )
    status_labels = names["status"]
    coverage_figure = charts.stacked_bars(
        found.coverage, "heading_label", "heading", status_labels, lang, t(lang, "axis_items")
    )
    timeline_figure = charts.stacked_bars(
        found.timeline, "session_title", "session_id", status_labels, lang, t(lang, "axis_items")
    )
    choices = {
        f"{row.heading}|{status}": t(
            lang,
            "punct_dash",
            text=row.heading_label,
            more=t(lang, "punct_paren", text=status_labels[status], inner=number(lang, getattr(row, status))),
        )
        for row in found.coverage.itertuples()
        for status in ("done", "pending", "proposed")
        if getattr(row, status)
    }
    name = export.export_file_name("coverage", f, dt.date.today())
    return {
        "key": question,
        "header": t(lang, f"q_{question}_title"),
        "counted": plain(counted_sentence(lang, found, names["kind"])),
        "metrics": metrics,
        "figures": plain(figures_sentence(lang, found, names["session"])),
        "by_heading": t(lang, "q_by_heading"),
        "range": plain(range_sentence(lang, found.coverage, found.filters)),
        "coverage_figure": coverage_figure.to_dict(),
        "click_hint": t(lang, "click_hint"),
        "segment_pick": (t(lang, "segment_pick"), t(lang, "segment_pick_placeholder"), choices),
        "numbers": t(lang, "numbers_behind_chart"),
        "coverage_table": number_markdown(
            with_total(found),
            {"heading_label": t(lang, "heading"), **counts(lang), "on_record": t(lang, "on_record"), **share_headers},
            shares,
            total=True,
            lang=lang,
        ),
        "download": (t(lang, f"download_coverage_{question}"), name, export.export_bytes(store, "coverage", f)),
        "after_each": t(lang, "q_after_each_session"),
        "timeline": plain(timeline_sentence(lang, found)),
        "timeline_note": t(lang, "q_timeline_note"),
        "timeline_figure": timeline_figure.to_dict(),
        "timeline_table": number_markdown(
            found.timeline,
            {
                "session_title": t(lang, "session"),
                **counts(lang),
                "on_record": t(lang, "on_record"),
                "new_items": t(lang, "new_items"),
                **share_headers,
            },
            shares,
            lang=lang,
        ),
    }


if __name__ == "__main__":
    Path(sys.argv[2]).write_bytes(pickle.dumps(dump(Path(sys.argv[1]))))
