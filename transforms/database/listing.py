"""The item list narrowed as a reader asks on the Items page: by words typed in a search box and
to the open items only (pending or proposed, as the briefing's list of open items); and session ids
in the list replaced by the sessions' names. Pure functions of an item_list frame (and the words
of transforms.presentation's catalogue)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

import pandas as pd

from transforms.presentation.i18n import t

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


# The spaces Chinese typography sets between Han characters and figures ("第 16 段"): a reader may
# type them or not ("第16段"), so each wording is also searched without them.
_SPACE_BY_HAN = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \u3000]+|[ \u3000]+(?=[\u3000-\u9fff\uff00-\uffef])")


def _row_words(row, lang: str, session_names: Mapping[str, str]) -> str:
    """Everything a reader sees of one item in the list and its provenance, folded: its columns,
    its sessions (ids and names in lang), its source paragraph and Plan paragraph as lang words
    them; one wording a line, so no word is found across two of them."""
    parts = [getattr(row, c) for c in SEARCHED if hasattr(row, c)]
    sessions = [] if pd.isna(getattr(row, "sessions", None)) else str(row.sessions).split(";")
    for session in (s.strip() for s in sessions if s.strip()):
        parts += [session, session_names.get(session, "")]
    paragraph = getattr(row, "source_paragraph", None)
    if not pd.isna(paragraph) and re.fullmatch("[0-9]+", str(paragraph)):  # not "header", "fn2", "annex-1"
        parts.append(t(lang, "paragraph_number", n=paragraph))
    plan = getattr(row, "plan_paragraph", None)
    if getattr(row, "kind", None) == "requirement" and not pd.isna(plan):
        parts.append(t(lang, "plan_paragraph", n=int(plan)))
    folded = [_folded(v) for v in parts]
    return "\n".join(folded + [_SPACE_BY_HAN.sub("", v) for v in folded if _SPACE_BY_HAN.search(v)])


def search_items(
    items: pd.DataFrame,
    text: str = "",
    open_only: bool = False,
    lang: str = "en",
    session_names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Rows of an item_list frame (transforms.database.queries.item_list, in lang) that hold every
    word of `text` in what the reader sees of them: their id, title (in either language: other_title
    holds the other one, so a reader finds an item by its English or its Chinese title whatever the
    page's language), heading, kind, status, source paragraph (also as lang words it: "paragraph 16",
    "第 16 段"), Plan paragraph ("《全球行动计划》第 16 条"), quote, and the sessions it is linked to
    (by id, "wg-4", and by name in lang, `session_names`: session id -> name). Full-width and
    half-width forms, case, and the spaces between Han characters and figures are ignored; blank
    text keeps every row. With `open_only` only the pending and proposed ones.
    Same columns and order; the index is reset."""
    kept = items
    if open_only:
        kept = kept[kept.status.isin(OPEN)]
    words = _folded(text).split()
    if words and len(kept):
        names = session_names or {}
        haystack = pd.Series([_row_words(row, lang, names) for row in kept.itertuples()], index=kept.index)
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
