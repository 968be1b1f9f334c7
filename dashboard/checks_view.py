"""What the Checks page shows for one view, made once per (database, as-of, language, waiting
time) and shared by every session showing it (`shown`): each check's title with its count, its
help, and the rows it finds as listed (keys by their labels, dates in words) with their column
headers. A rerun only draws it. The rows are the validation report's (`gaptrack check`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from transforms.presentation.i18n import number, t
from transforms.reports.check import CHECKS

from . import data
from .columns import MEDIUM, SENTENCE_WIDTH, SMALL, dates_in_words
from .data import Identity
from .grid_widths import fit
from .kept import kept
from .ready import Ready, ready

# columns holding keys shown by their labels (a session by its name)
LABELLED = {"kind": "kind", "status": "status", "first_proposed_at": "session"}
# columns of labels and ids, each given the width in which none of its words is broken (at least
# that many px: a heading or a session's name reads on two or three lines, as the rows are high)
LABEL_COLUMNS = {"kind": SMALL, "status": SMALL, "first_proposed_at": MEDIUM, "heading_label": MEDIUM}
ID_COLUMNS = ("item_id", "session_id")
# px: a check's title column takes what the others leave of the page (grid_widths.PAGE_PX), between
# TITLE_LEAST and SENTENCE_WIDTH, so no column stands beyond the grid's edge, cut (a Status cell was).
TITLE_LEAST = 240


@dataclass(frozen=True)
class Found:
    """One check as listed: name, title (with the count; not escaped), help and the rows it finds
    ready to draw with their headers. Shared: never modify."""

    name: str
    title: str
    help: str
    table: Ready | None  # None when the check finds nothing
    reason: str | None = None  # when it finds nothing as none of its items is on the record then: why (not escaped)


def listed(found: pd.DataFrame, lang: str, labels: dict[str, dict[str, str]]) -> tuple[pd.DataFrame, dict]:
    """A check's rows as the page lists them and their column headers."""
    shown = found.copy()
    for column, field in LABELLED.items():
        if column in shown:
            shown[column] = shown[column].map(lambda key, f=field: labels[f].get(key, key))
    headers = {c: t(lang, f"check_column_{c}") for c in shown.columns}
    if "start_date" in shown:  # a date, written as the page's language writes dates
        shown = dates_in_words(shown, lang, ("start_date",))
    # every column of labels or ids as wide as its longest word, no wider, numbers and dates their
    # widest value and whole header, the title what the others leave (dashboard.grid_widths): at
    # 1400 px every column fits the page, none is cut at its edge; longer text wraps on three lines
    fields = {**LABELLED, "heading_label": "heading"}
    named = {c: (labels[fields[c]].values(), least) for c, least in LABEL_COLUMNS.items() if c in shown}
    ids = {c: (shown[c].astype(str), SMALL) for c in ID_COLUMNS if c in shown}
    sentences = {"title": (TITLE_LEAST, SENTENCE_WIDTH)} if "title" in shown else {}
    return shown, fit(shown, headers, labels={**named, **ids}, sentences=sentences)


@kept(max_entries=64)
def shown(db: Identity, as_of: str | None, lang: str, waited: int) -> list[Found]:
    """Every check of the validation report (transforms.reports.check.CHECKS, in order) as listed."""
    labels = data.labels(db, lang)
    out = []
    for check in CHECKS:
        found = data.check_rows(check.name, db, as_of, lang, waited)
        table = ready(*listed(found, lang, labels)) if len(found) else None
        reason = None if len(found) else data.check_reason(check.name, db, as_of, lang)
        title = f"{check.title(lang, waited)} · {number(lang, len(found))}"
        out.append(Found(check.name, title, check.help(lang), table, reason))
    return out
