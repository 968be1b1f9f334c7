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
from .schema import TABLES, TWINS


def twin_pairs(table) -> list[tuple[str, str]]:
    """The (English column, Chinese column) pairs of one schema.Table, in column order."""
    names = table.column_names
    return [(en, zh) for en, zh in TWINS.items() if en in names and zh in names]


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
