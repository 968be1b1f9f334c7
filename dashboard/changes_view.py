"""What the What changed page shows for one comparison, made once per (commit, data version,
language) and shared by every session showing it (`shown`): each category's rows as the page
lists them (dates and fields in words, empty values named) with their column headers, the
counts above them. A rerun only draws it. Nothing is computed here that `gaptrack diff` does
not print: the comparison is transforms.reports.diff's."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from transforms.editing.problems import field_label
from transforms.presentation.i18n import t
from transforms.reports.diff import COVERAGE_COUNTS, RecordDiff, moved_text

from . import data
from .columns import MEDIUM, SENTENCE_WIDTH, dates_in_words
from .grid_widths import fit
from .kept import kept
from .ready import Ready, ready

# Columns shown per category (name -> header); the frames hold more (keys behind each label).
COLUMNS = {
    "items_added": ["item_id", "kind_label", "heading_label", "title", "status_label"],
    "items_removed": ["item_id", "kind_label", "heading_label", "title", "status_label"],
    "items_changed": ["item_id", "title", "field", "before", "after"],
    "status_changes": ["item_id", "title", "session_title", "before_label", "after_label"],  # the session by name
    "sessions_added": ["session_id", "body_label", "number", "title", "start_date", "end_date"],
    "sessions_removed": ["session_id", "body_label", "number", "title", "start_date", "end_date"],
    "sessions_changed": ["session_id", "title", "field", "before", "after"],
    "addresses_changed": ["item_id", "requirement_id", "change_label", "rationale_before", "rationale_after"],
}
# The data file whose fields a category lists (a field is shown by the Edit form's label for it).
FIELDS_OF = {"items_changed": "items", "sessions_changed": "sessions"}
# What an empty status means in each column: no link before, the link removed, no link yet.
MISSING = {"before_label": "diff_no_link", "after_label": "diff_link_removed", "status_label": "diff_not_on_record"}
# Columns holding sentences or names: (least, most) px, sharing what the other columns (ids, labels,
# dates, counts: their longest word, their header whole) leave of the page (dashboard.grid_widths).
SENTENCES = {
    "title": (150, SENTENCE_WIDTH),
    "session_title": (110, 200),
    "body_label": (110, 150),
    "heading_label": (120, MEDIUM),
    "before": (120, SENTENCE_WIDTH),
    "after": (120, SENTENCE_WIDTH),
    "rationale_before": (120, SENTENCE_WIDTH),
    "rationale_after": (120, SENTENCE_WIDTH),
}


@dataclass(frozen=True)
class Category:
    """One category of change as listed: its heading and its rows (only the columns shown) ready to
    draw with their headers. Shared: never modify."""

    name: str
    heading: str
    table: Ready


@dataclass(frozen=True)
class Shown:
    """The comparison as the page shows it: the counts of each category that changed (name, count)
    and the categories with any row, in the diff's order. Shared: never modify."""

    moved: list[tuple[str, int]]
    categories: list[Category]


def coverage_moves(frame: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict]:
    """Per heading: each status before → after, with the change; and the headers."""
    shown = frame[["heading_label"]].copy()
    for count in COVERAGE_COUNTS:
        shown[count] = [moved_text(b, a, lang) for b, a in zip(frame[f"{count}_before"], frame[f"{count}_after"])]
    headers = {"heading_label": t(lang, "heading"), **{c: t(lang, key) for c, key in COVERAGE_COUNTS.items()}}
    return shown, fit(shown, headers, sentences={"heading_label": SENTENCES["heading_label"]})


def listed(name: str, frame: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict]:
    """A category's rows as listed (dates in words, statuses missing named, fields by the Edit form's
    words, an empty value as a dash) and its column configuration."""
    if name == "coverage_moves":
        return coverage_moves(frame, lang)
    columns = COLUMNS[name]
    frame = dates_in_words(frame, lang, tuple(c for c in ("start_date", "end_date") if c in columns))
    frame = frame.fillna({column: t(lang, key) for column, key in MISSING.items() if column in frame})
    if name in FIELDS_OF:  # a field by the words the Edit form uses; an empty value as a dash, not "None"
        frame = frame.assign(field=[field_label(lang, f, FIELDS_OF[name]) for f in frame.field])
        empty = t(lang, "empty_cell")
        frame = frame.assign(**{c: frame[c].fillna(empty).replace("", empty) for c in ("before", "after")})
    headers = {c: t(lang, f"changes_column_{c}") for c in columns}
    shown = frame[columns]
    return shown, fit(shown, headers, sentences={c: SENTENCES[c] for c in columns if c in SENTENCES})


def shown(commit: str, data_dir: str, lang: str) -> tuple[RecordDiff, Shown]:
    """The record now (the files in data_dir) against data_dir at `commit` (data.changes: the
    comparison `gaptrack diff` prints, in lang) and the page's view of it, kept per commit, data
    version and language. Raises what data.changes raises (DataError, UsageError)."""
    return _shown(commit, data_dir, data.files_version(data_dir), lang)


@kept(max_entries=16)
def _shown(commit: str, data_dir: str, version: str, lang: str) -> tuple[RecordDiff, Shown]:
    diff = data.changes_of(commit, data_dir, version)[lang]
    moved = [(c, int(n)) for c, n in zip(diff.summary["category"], diff.summary["count"]) if n]
    categories = []
    for name, frame in diff.frames().items():
        if name != "summary" and len(frame):
            heading = t(lang, "diff_section", name=t(lang, f"diff_{name}"), count=len(frame))
            categories.append(Category(name, heading, ready(*listed(name, frame, lang))))
    return diff, Shown(moved, categories)
