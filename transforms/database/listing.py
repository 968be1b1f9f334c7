"""The item list narrowed as a reader asks on the Items page: by words typed in a search box and
to the open items only (pending or proposed, as the briefing's list of open items); and session ids
in the list replaced by the sessions' names. Pure functions of an item_list frame."""

from __future__ import annotations

import unicodedata

import pandas as pd

OPEN = ("pending", "proposed")
SEARCHED = (
    "item_id",
    "title",
    "other_title",
    "heading_label",
    "kind_label",
    "status_label",
    "source_paragraph",
    "quote",
)


def _folded(text: object) -> str:
    return unicodedata.normalize("NFKC", "" if pd.isna(text) else str(text)).casefold()


def search_items(items: pd.DataFrame, text: str = "", open_only: bool = False) -> pd.DataFrame:
    """Rows of an item_list frame (transforms.database.queries.item_list) that hold every word of
    `text` in their id, title (in either language: other_title holds the other one, so a reader
    finds an item by its English or its Chinese title whatever the page's language), heading, kind,
    status, source paragraph or quote (full-width and half-width forms and case ignored; blank text
    keeps every row), and with `open_only` only the pending and proposed ones.
    Same columns and order; the index is reset."""
    kept = items
    if open_only:
        kept = kept[kept.status.isin(OPEN)]
    words = _folded(text).split()
    if words and len(kept):
        present = [c for c in SEARCHED if c in kept.columns]
        haystack = kept[present].apply(lambda row: " ".join(_folded(v) for v in row), axis=1)
        mask = pd.Series(True, index=kept.index)
        for word in words:
            mask &= haystack.str.contains(word, regex=False)
        kept = kept[mask]
    return kept.reset_index(drop=True)


def session_names(items: pd.DataFrame, names: dict[str, str], separator: str = "; ") -> pd.DataFrame:
    """The frame with its `sessions` column ("wg-1; cop-5", ids in order) given as the sessions'
    names (`names`: session id -> name in the reader's language); an id without a name stays as it is."""

    def named(value: object) -> object:
        if pd.isna(value) or not str(value):
            return value
        return separator.join(names.get(s.strip(), s.strip()) for s in str(value).split(";"))

    return items.assign(sessions=[named(v) for v in items.sessions])
