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
from .columns import dates_in_words, sentence_column
from .data import Identity
from .kept import kept
from .ready import Ready, ready

# columns holding keys shown by their labels (a session by its name)
LABELLED = {"kind": "kind", "status": "status", "first_proposed_at": "session"}


@dataclass(frozen=True)
class Found:
    """One check as listed: name, title (with the count; not escaped), help and the rows it finds
    ready to draw with their headers. Shared: never modify."""

    name: str
    title: str
    help: str
    table: Ready | None  # None when the check finds nothing


def listed(found: pd.DataFrame, lang: str, labels: dict[str, dict[str, str]]) -> tuple[pd.DataFrame, dict]:
    """A check's rows as the page lists them and their column headers."""
    shown = found.copy()
    for column, field in LABELLED.items():
        if column in shown:
            shown[column] = shown[column].map(lambda key, f=field: labels[f].get(key, key))
    headers = {c: t(lang, f"check_column_{c}") for c in shown.columns}
    if "start_date" in shown:  # a date, written as the page's language writes dates
        shown = dates_in_words(shown, lang, ("start_date",))
    if "title" in shown:
        headers["title"] = sentence_column(headers["title"])
    return shown, headers


@kept(max_entries=64)
def shown(db: Identity, as_of: str | None, lang: str, waited: int) -> list[Found]:
    """Every check of the validation report (transforms.reports.check.CHECKS, in order) as listed."""
    labels = data.labels(db, lang)
    out = []
    for check in CHECKS:
        found = data.check_rows(check.name, db, as_of, lang, waited)
        table = ready(*listed(found, lang, labels)) if len(found) else None
        out.append(
            Found(check.name, f"{check.title(lang, waited)} · {number(lang, len(found))}", check.help(lang), table)
        )
    return out
