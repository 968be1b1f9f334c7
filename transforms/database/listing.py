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


# A paragraph the reader names, in the folded text (full-width figures are figures by then): the
# source paragraph ("paragraph 13", "para. 13", "paragraphs 13", "第 13 段") or the Plan's ("Plan
# paragraph 16", "GPA para 16", "《全球行动计划》第 16 段" as the pages write it, "全球行动计划第16段",
# "第16条" as the sources do). Either language's phrase on either page: it names a number, not words.
_PARAGRAPH = re.compile(
    r"(?<![a-z0-9])(?:(?P<plan>plan|gpa)\s*)?(?:paragraphs?|paras?)\.?\s*(?P<n>[0-9]+)(?![0-9])"
    r"|(?P<zh_plan>《?(?:全球)?行动计划》?)?\s*第\s*(?P<zh_n>[0-9]+)\s*(?P<unit>[段条])"
)


def paragraph_phrases(text: str) -> tuple[str, list[tuple[str, int]]]:
    """The paragraphs `text` (folded: NFKC, casefolded) names, and the rest of it: ("victims",
    [("source_paragraph", 13)]) for "victims paragraph 13", ("", [("plan_paragraph", 16)]) for
    "第16条". Each phrase is taken out of the text (a space in its place)."""
    asked: list[tuple[str, int]] = []

    def take(m: re.Match) -> str:
        if m["n"] is not None:
            asked.append(("plan_paragraph" if m["plan"] else "source_paragraph", int(m["n"])))
        else:
            plan = m["zh_plan"] or m["unit"] == "条"
            asked.append(("plan_paragraph" if plan else "source_paragraph", int(m["zh_n"])))
        return " "

    return _PARAGRAPH.sub(take, text), asked


def _at_paragraph(items: pd.DataFrame, column: str, n: int) -> pd.Series:
    """Rows whose source paragraph is the number n ("13", not "fn13" or "header"), or, for
    plan_paragraph, the requirements of Plan paragraph n."""
    if column == "plan_paragraph":
        return (items.kind == "requirement") & (pd.to_numeric(items.plan_paragraph, errors="coerce") == n)
    number = items.source_paragraph.map(lambda p: int(p) if re.fullmatch("[0-9]+", str(p)) else None)
    return number == n


def search_items(
    items: pd.DataFrame,
    text: str = "",
    open_only: bool = False,
    lang: str = "en",
    session_names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Rows of an item_list frame (transforms.database.queries.item_list, in lang) that match
    `text`. A paragraph it names (paragraph_phrases: "paragraph 13", "para. 13", "第 13 段"; "Plan
    paragraph 16", "《全球行动计划》第 16 段", "第16条"), in either language, is matched exactly: the
    row's source paragraph, or a requirement's Plan paragraph. Every other word must stand in what
    the reader sees of the row: its id, title (in either language: other_title holds the other one,
    so a reader finds an item by its English or its Chinese title whatever the page's language),
    heading, kind, status, source paragraph (also as lang words it), Plan paragraph, quote, and the
    sessions it is linked to (by id, "wg-4", and by name in lang, `session_names`: session id ->
    name). Full-width and half-width forms, case, and the spaces between Han characters and figures
    are ignored; blank text keeps every row. With `open_only` only the pending and proposed ones.
    Same columns and order; the index is reset."""
    kept = items
    if open_only:
        kept = kept[kept.status.isin(OPEN)]
    rest, paragraphs = paragraph_phrases(_folded(text))
    for column, n in paragraphs:
        kept = kept[_at_paragraph(kept, column, n)]
    words = rest.split()
    if words and len(kept):
        names = session_names or {}
        haystack = pd.Series([_row_words(row, lang, names) for row in kept.itertuples()], index=kept.index)
        mask = pd.Series(True, index=kept.index)
        for word in words:
            mask &= haystack.str.contains(word, regex=False)
        kept = kept[mask]
    return kept.reset_index(drop=True)


def nothing_listed(lang: str, searched: bool, open_only: bool, filters) -> str:
    """What the Items page adds to its sentence when a search or the "Open items only" switch
    lists nothing, in lang: the advice names only what narrows the list (the search box when
    something is typed, the switch when on, the filters when one is set or an as-of session
    chosen; `filters` a transforms.database.queries.Filters), "a, b or c" as lang joins them."""
    filtered = bool(filters.headings or filters.statuses or filters.kinds or filters.as_of)
    applied = [w for w, on in (("search", searched), ("open", open_only), ("filters", filtered)) if on]
    advice = [t(lang, f"items_advice_{w}") for w in applied]
    joined = t(lang, "list_separator").join(advice[:-1])
    either = joined + t(lang, "items_advice_or") + advice[-1] if len(advice) > 1 else "".join(advice)
    return t(lang, "items_none_found", advice=either)


FILTERED = ("heading", "status", "kind")  # the filters that narrow the item list, as the sidebar orders them


def filters_missed(item, filters) -> tuple[str, ...]:
    """The filters (of "heading", "status", "kind", in that order) that leave `item` out of the item
    list: item is a row (a namedtuple or Series with heading, status and kind) of an item_list frame
    under no filter but filters.as_of, so its status is the one as of then; `filters` a
    transforms.database.queries.Filters. Empty when the list holds it (a filter left empty keeps
    every item). What a shared link's item, shown whatever the filters, says of itself."""
    chosen = {"heading": filters.headings, "status": filters.statuses, "kind": filters.kinds}
    return tuple(f for f in FILTERED if chosen[f] and getattr(item, f) not in chosen[f])


def session_names(items: pd.DataFrame, names: dict[str, str], separator: str = "; ") -> pd.DataFrame:
    """The frame with its `sessions` column ("wg-1; cop-5", ids in order) given as the sessions'
    names (`names`: session id -> name in the reader's language); an id without a name stays as it is."""

    said: dict[object, object] = {}  # each value named once (items share their sessions)

    def named(value: object) -> object:
        if pd.isna(value) or not str(value):
            return value
        if value not in said:
            said[value] = separator.join(names.get(s.strip(), s.strip()) for s in str(value).split(";"))
        return said[value]

    return items.assign(sessions=[named(v) for v in items["sessions"].tolist()])
