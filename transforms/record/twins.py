"""Explanations in both languages: a row that gives an editors' note or rationale in one language
gives it in the other too (schema.TWINS: `note` / `note_zh`, `heading_rationale` /
`heading_rationale_zh`, `rationale_en` / `rationale_zh`).

The build refuses a row with one language and not the other, naming the file, line and the empty
column, in the user's language: a Chinese reader would otherwise see English (or an English reader
Chinese) with nothing to say so. Run on the staged raw_<table> tables (load.Stage).
"""

from __future__ import annotations

from .errors import DataError
from .migrate import added_twins
from .schema import TABLES, TWINS, is_free_text, is_quote, language_of

# Free-text columns that are not explanations: they hold what a document prints (a symbol, an
# agenda item number), the same in every language.
AS_PRINTED = frozenset({"symbol", "agenda_item"})


def twin_pairs(table) -> list[tuple[str, str]]:
    """The (English column, Chinese column) pairs of one schema.Table, in column order."""
    names = table.column_names
    return [(en, zh) for en, zh in TWINS.items() if en in names and zh in names]


def missing_twins(tables=TABLES) -> list[str]:
    """What the schema lacks for every text to exist in both languages, as "<file>: <column> has no
    <twin>": an English column (`*_en` or an explanation in TWINS) without its Chinese twin, a
    Chinese one without its English, or a free-text column that is neither (nor printed as is)."""
    found = []
    for table in tables:
        names = table.column_names
        pairs = dict(TWINS)
        pairs.update({c: c[:-3] + "_zh" for c in names if c.endswith("_en")})
        for en, zh in pairs.items():
            if en in names and zh not in names:
                found.append(f"{table.file}: {en} has no {zh}")
            if zh in names and en not in names:
                found.append(f"{table.file}: {zh} has no {en}")
        for column in table.columns:
            named = column.name in pairs or column.name in pairs.values() or language_of(column)
            if is_free_text(column) and not (named or is_quote(column) or column.name in AS_PRINTED):
                found.append(f"{table.file}: {column.name} has no Chinese twin (or English one)")
    return found


def check_twins(stage) -> None:
    """Raise DataError (catalog key twin_missing) for the first row, file by file, that gives
    one column of a pair and leaves the other empty. `stage`: a load.Stage with every table read.
    A twin that migrate.migrate_copy added to an older copy is not required."""
    old = added_twins(stage.data_dir)  # a copy of an older version: its explanations were English only
    for table in TABLES:
        for en, zh in twin_pairs(table):
            if zh in old.get(table.file, ()):
                continue
            row = stage.first(table, f'("{en}" IS NULL) <> ("{zh}" IS NULL)', f'"{en}", "{zh}"')
            if row is None:
                continue
            record, english, chinese = row
            empty, given, value = (zh, en, english) if chinese is None else (en, zh, chinese)
            raise DataError.said(
                "twin_missing",
                stage.name(table),
                line=stage.line(table, record),
                column=empty,
                value="",
                given=given,
                given_text=value if len(value) <= 80 else value[:80] + "…",
            )
