"""The Items page's list made once per view (database identity, filters, words searched and the
"Open items only" switch) and shared by every rerun and session that shows it: its sentence, the
table ready to draw (dashboard.ready), the ids of its rows and the picker's labels. A warm rerun
of the page then does no pandas work. Each piece is made as the page made it on each rerun
before, from the same cached results (dashboard.data), so what is drawn is the same
(tests/test_items_view.py)."""

from __future__ import annotations

from dataclasses import dataclass

from transforms.database.listing import nothing_listed, session_names
from transforms.database.queries import Filters
from transforms.presentation.i18n import t

from . import data
from .columns import MEDIUM, SENTENCE_WIDTH, SMALL, label_width
from .data import Identity
from .grid_widths import fit
from .kept import kept
from .ready import Ready, ready
from .ui import plain

LIST_LIMIT = 500  # rows drawn on screen; the download holds them all
# column -> its header's catalog key, in the order shown
HEADERS = {
    "status_label": "status",
    "title": "title",
    "heading_label": "heading",
    "kind_label": "kind",
    "sessions": "sessions",
    "source_paragraph": "source_paragraph",
    "item_id": "item_id",
}
SHOWN = tuple(HEADERS)
# px: the least a heading is given (three lines of an English heading), and the title's and the
# sessions' least per language: what the Chinese heading, kept on one line, leaves at 1400 px; the
# Chinese sessions hold a session's name and its "；" on one line (a line starting "；" read badly)
HEADING_LEAST = 130
LEAST = {"en": (160, 170), "zh": (136, 150)}
SESSIONS_MOST = 240


@dataclass(frozen=True)
class ItemList:
    """What the Items page lists for one view. Shared: never modify."""

    sentence: str  # how many items, how many listed (escaped for st.markdown)
    table: Ready
    ids: tuple[str, ...]  # the item id of each row drawn, in order (a selected row -> its item)
    choices: dict[str, str]  # item id -> its label in the picker ("title (id)"), in the list's order
    found: int  # the items the list holds (the download's rows)


def list_columns(lang: str, items, labels: dict[str, dict[str, str]]) -> dict:
    """The Items list's columns (column -> st.column_config setting) in the page's width
    (dashboard.grid_widths), for `items` (the rows listed, with their sessions named) in lang."""
    headers = {c: t(lang, key) for c, key in HEADERS.items()}
    # a heading wraps between its words, never inside one (Chinese, written without spaces, is kept
    # on one line: "加强防止贩运人口方面的伙伴关/系" was broken so); the title and the sessions wrap
    # (WRAP_ROWS) in what the others leave, the sessions at least two names on three lines
    heading = label_width(labels["heading"].values(), headers["heading_label"], HEADING_LEAST)
    title, sessions = LEAST.get(lang, LEAST["en"])
    return fit(
        items,
        headers,
        # no word of a status or kind broken across lines; an id is one word, never broken
        labels={
            "status_label": (labels["status"].values(), SMALL),  # first: beside the title on a phone
            "kind_label": (labels["kind"].values(), SMALL),
            "item_id": (items.item_id, SMALL),
        },
        sentences={
            "title": (title, SENTENCE_WIDTH),
            "heading_label": (heading, max(heading, MEDIUM)),
            "sessions": (sessions, SESSIONS_MOST),
        },
        selectable=True,
    )


@kept(max_entries=256)
def item_list_view(db: Identity, filters: Filters, search: str, open_only: bool) -> ItemList:
    """The Items page's list under the filters (filters.lang the language), searched for `search`
    and to the open items only if `open_only` (the rule is transforms.database.listing's)."""
    lang, f = filters.lang, filters
    labels = data.labels(db, lang)
    count = data.item_count(db, f)
    searched = bool(search.strip())
    if searched or open_only:  # the download is this list
        found = data.found_items(db, f, search, open_only)
        applied = "both" if searched and open_only else "search" if searched else "open"
        items, sentence = found.head(LIST_LIMIT), t(lang, f"items_found_{applied}", found=len(found), count=count)
    else:  # the columns shown, as data.shown gives them (for_display works column by column)
        items = data.displayed(data.frame("item_list", db, f, limit=LIST_LIMIT), list(SHOWN), lang)
        found, sentence = range(count), t(lang, "items_sentence", count=count)
    if not count:
        sentence = t(lang, "items_none")
    elif not len(found):
        sentence += nothing_listed(lang, searched, open_only, f)
    elif len(found) > len(items):
        sentence += t(lang, "items_first", shown=len(items))
    items = session_names(items, labels["session"], t(lang, "session_separator"))
    columns = list_columns(lang, items, labels)
    ids = items.item_id.tolist()
    return ItemList(
        sentence=plain(sentence),
        table=ready(items, columns),
        ids=tuple(ids),
        choices={i: t(lang, "punct_paren", text=title, inner=i) for i, title in zip(ids, items.title.tolist())},
        found=len(found),
    )


@kept(max_entries=1024)
def choice(db: Identity, item_id: str, filters: Filters) -> str:
    """The picker's label of an item the list does not hold ("title (id)"; the id alone if the
    record has no such item)."""
    detail = data.item_detail(db, item_id, filters)[0]
    title = detail.iloc[0][f"title_{filters.lang}"] if not detail.empty else item_id
    return t(filters.lang, "punct_paren", text=title, inner=item_id)
