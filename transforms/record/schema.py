"""What each data file must hold: its columns, their types, keys and references.

One table per CSV file in data/. The same rules are stated again as SQL constraints
in sql/schema.sql so the database refuses what is wrong even if these checks miss it.
"""

from __future__ import annotations

from dataclasses import dataclass

HEADINGS = ("prevention", "protection", "prosecution", "partnerships", "cross_cutting")
KINDS = ("requirement", "recommendation", "topic")
STATUSES = ("done", "pending", "proposed")
BODIES = ("wg", "cop", "bureau", "ga")
BASES = ("source", "curated")
LANGS = ("en", "zh")

ID_PATTERN = r"[a-z0-9][a-z0-9_.\-]*"
INT_PATTERN = r"-?[0-9]{1,9}"
DATE_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
# What counts as leading or trailing space in a cell: ASCII and Unicode spaces, the ideographic
# space used in Chinese text, and a stray byte-order mark.
WHITESPACE = (
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
PARAGRAPH_PATTERN = r"[0-9]+|annex-[0-9]+|header|fn[0-9]+|fn\*"


@dataclass(frozen=True)
class Column:
    """One column of a data file: its type, whether it needs a value, and what a value must match."""

    name: str
    type: str = "text"  # text | int | date
    required: bool = True
    ref: str | None = None  # "table.column" this value must exist in
    choices: tuple[str, ...] | None = None
    pattern: str | None = None
    describe: str = ""


@dataclass(frozen=True)
class Table:
    """One data file (<name>.csv): its key, its columns in order, and other unique columns."""

    name: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    unique: tuple[str, ...] = ()
    optional: bool = False  # a missing file holds no rows (a record made before the table existed)

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _key(name, choices=None, **kw):
    return Column(name, choices=choices, pattern=None if choices else ID_PATTERN, **kw)


def _provenance():
    return (
        Column("source_id", ref="sources.source_id"),
        Column(
            "source_paragraph",
            pattern=PARAGRAPH_PATTERN,
            describe="a paragraph number, 'header' or a footnote such as 'fn1' or 'fn*'",
        ),
        Column("quote", describe="the exact wording of the source paragraph, in the source's language"),
    )


def _notes():
    """An editors' note in English (`note`) and its Chinese twin (`note_zh`): both or neither."""
    return (
        Column("note", required=False, describe="the editors' note in English"),
        Column("note_zh", required=False, describe="the same note in Chinese"),
    )


# Columns holding the editors' explanations, each with its Chinese twin: a row gives both or neither
# (transforms/record/twins.py). Titles, labels and venues are required in both languages already.
TWINS: dict[str, str] = {"note": "note_zh", "heading_rationale": "heading_rationale_zh", "rationale_en": "rationale_zh"}


def _labels():
    return (Column("sort_order", "int"), Column("label_en"), Column("label_zh"))


TABLES: tuple[Table, ...] = (
    Table(
        "sources",
        ("source_id",),
        (
            _key("source_id"),
            Column("symbol", required=False),
            Column("title_en"),
            Column("title_zh"),
            Column("language", choices=LANGS),
            Column("original_language", choices=LANGS),
            Column("issued_date", "date", required=False),
            Column("agenda_item", required=False),
            Column("path", describe="a path under data/ to the document's plain text"),
            *_notes(),
        ),
    ),
    Table(
        "headings",
        ("heading",),
        (
            _key("heading", HEADINGS),
            *_labels(),
            Column("basis", choices=BASES),
            Column("source_id", required=False, ref="sources.source_id"),
            Column("source_paragraph", required=False, pattern=PARAGRAPH_PATTERN),
            Column("quote", required=False),
        ),
    ),
    Table("kinds", ("kind",), (_key("kind", KINDS), *_labels())),
    Table(
        "statuses",
        ("status",),
        (
            _key("status", STATUSES),
            Column("rank", "int"),
            Column("label_en"),
            Column("label_zh"),
            Column("meaning_en"),
            Column("meaning_zh"),
        ),
        unique=("rank",),
    ),
    Table("bodies", ("body",), (_key("body", BODIES), *_labels())),
    Table(
        "sessions",
        ("session_id",),
        (
            _key("session_id"),
            Column("body", ref="bodies.body"),
            Column("number", "int"),
            Column("sequence", "int", describe="a whole number giving the order of sessions"),
            Column("title_en"),
            Column("title_zh"),
            Column("start_date", "date", required=False),
            Column("end_date", "date", required=False),
            Column("venue_en", required=False),
            Column("venue_zh", required=False),
            *_provenance(),
            *_notes(),
        ),
        unique=("sequence",),
    ),
    Table(
        "documents",
        ("document_id",),
        (
            _key("document_id"),
            Column("symbol", required=False),
            Column("cited_for_en"),
            Column("cited_for_zh"),
            Column("session_id", ref="sessions.session_id"),
            *_provenance(),
            Column("cited_in_paragraph", pattern=PARAGRAPH_PATTERN),
            *_notes(),
        ),
    ),
    Table(
        "items",
        ("item_id",),
        (
            _key("item_id"),
            Column("kind", ref="kinds.kind"),
            Column("heading", ref="headings.heading"),
            Column("heading_basis", choices=BASES),
            Column(
                "heading_rationale",
                required=False,
                describe="one line in English saying why the editors chose the heading",
            ),
            Column("heading_rationale_zh", required=False, describe="the same line in Chinese"),
            Column(
                "plan_paragraph",
                "int",
                required=False,
                pattern=r"[1-9][0-9]{0,8}",
                describe="a paragraph number of the Plan (a whole number from 1)",
            ),
            Column("title_en"),
            Column("title_zh"),
            *_provenance(),
            *_notes(),
        ),
    ),
    Table(
        "links",
        ("item_id", "session_id"),
        (
            Column("item_id", ref="items.item_id"),
            Column("session_id", ref="sessions.session_id"),
            Column("status", ref="statuses.status"),
            Column("document_id", required=False, ref="documents.document_id"),
            *_provenance(),
            *_notes(),
        ),
    ),
    Table(
        "addresses",
        ("item_id", "requirement_id"),
        (
            Column("item_id", ref="items.item_id", describe="a recommendation or topic listed in items.csv"),
            Column("requirement_id", ref="items.item_id", describe="a Plan requirement listed in items.csv"),
            Column("basis", choices=BASES),
            Column("rationale_en", describe="one line in English saying why the item addresses the requirement"),
            Column("rationale_zh", describe="the same line in Chinese"),
            Column("source_id", required=False, ref="sources.source_id"),
            Column(
                "source_paragraph",
                required=False,
                pattern=PARAGRAPH_PATTERN,
                describe="a paragraph number, 'header' or a footnote such as 'fn1' or 'fn*'",
            ),
            Column(
                "quote", required=False, describe="the exact wording of the source paragraph, in the source's language"
            ),
            *_notes(),
        ),
        optional=True,
    ),
)

TABLE_BY_NAME = {t.name: t for t in TABLES}


def is_free_text(column: Column) -> bool:
    """A text column people write in (not a key, choice, reference, pattern or path)."""
    return column.type == "text" and not (column.choices or column.pattern or column.ref) and column.name != "path"


def language_of(column: Column) -> str | None:
    """The language a column is written in, by its name's ending (`title_zh`: "zh"), or None."""
    ending = column.name.rsplit("_", 1)[-1]
    return ending if ending in LANGS and "_" in column.name else None


def is_quote(column: Column) -> bool:
    """The column quotes the source in the source's own language (provenance)."""
    return column.name.split("_")[0] == "quote"
