"""The candidate folder: what `gaptrack ingest FILE --out DIR` writes for review and
`gaptrack merge DIR` reads back, reviewed in a spreadsheet or an editor, to add as ONE change.

The folder holds, in the data's own columns (UTF-8, with or without a BOM): items.csv,
documents.csv, sessions.csv, links.csv (each item's status at a session), sources.csv (the
document's own row) and the document's text under the path sources.csv gives (sources/ID.txt).
paragraphs.csv is for the reviewer and is not read. A row the reviewer deletes is rejected; a
row left is accepted and must be complete. The rules (ids, matches, required fields, the edit)
are in rules.py, shared with the Edit page.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..presentation.i18n import t
from ..record.csvio import BOM, decode_utf8, read_bytes, text_records
from ..record.errors import DataError, UsageError
from ..record.schema import TABLE_BY_NAME
from .rules import ORDER, Proposal, default_session


def read_folder(folder: Path) -> Proposal:
    """The proposal in a candidate folder; a DataError names a missing file, a bad header or record."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UsageError(t("en", "merge_no_folder", folder=folder))
    proposal = Proposal()
    for table in ORDER:
        path, name = folder / TABLE_BY_NAME[table].file, f"{folder.name}/{TABLE_BY_NAME[table].file}"
        if not path.exists() and table != "sources":
            continue
        records = [
            (line, fields) for line, fields in text_records(decode_utf8(read_bytes(path, name), name), name) if fields
        ]
        if not records:
            continue
        (header_line, header), body = records[0], records[1:]
        columns = TABLE_BY_NAME[table].column_names
        missing = [c for c in columns if c not in header]
        unknown = [c for c in header if c not in columns]
        if missing or unknown or len(set(header)) != len(header):
            expected = "the columns " + ", ".join(columns) + " (in any order, each once)"
            raise DataError(name, expected, line=header_line, value=",".join(header))
        for line, fields in body:
            if len(fields) != len(header):
                raise DataError(
                    name, f"{len(header)} fields as in the header", line=line, value=f"{len(fields)} fields"
                )
            if any(cell.strip() for cell in fields):
                proposal.add(table, dict(zip(header, fields)), (name, line))
    source = proposal.source
    if source is None:
        raise DataError(f"{folder.name}/sources.csv", "one row: the document's own source row", value="no row")
    if len(proposal.table("sources")) > 1:
        raise DataError(f"{folder.name}/sources.csv", "exactly one row", value=f"{len(proposal.table('sources'))} rows")
    relative = source["path"] or f"sources/{source['source_id']}.txt"
    text_path = (folder / relative).resolve()
    if text_path.is_relative_to(folder.resolve()) and text_path.is_file():
        proposal.text = decode_utf8(read_bytes(text_path, f"{folder.name}/{relative}"), relative).encode("utf-8")
    return proposal


def candidate_links(items: list[dict], session_id: str) -> list[dict[str, str]]:
    """One links row per candidate item: its status at a session (status left for the reviewer),
    with the item's own wording as evidence; session_id: the document's session if it names one."""
    columns = TABLE_BY_NAME["links"].column_names
    rows = []
    for item in items:
        row = dict.fromkeys(columns, "")
        row.update(item_id=item["item_id"], session_id=session_id, source_id=item["source_id"])
        row.update(source_paragraph=item["source_paragraph"], quote=item["quote"])
        rows.append(row)
    return rows


def review_files(candidates, text: str) -> dict[str, bytes]:
    """The files gaptrack merge needs besides ingest's own: links.csv (each candidate item's status at the
    document's session, status left for the reviewer) and the document's text under the path its
    sources.csv row gives. candidates: ingest's Candidates."""
    source = candidates.sources.fillna("").to_dict("records")[0]
    items = candidates.items.fillna("").to_dict("records")
    return {
        "links.csv": _csv(candidate_links(items, default_session(candidates)), "links"),
        source["path"] or f"sources/{source['source_id']}.txt": text.encode("utf-8"),
    }


def _csv(rows: list[dict], table: str) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=TABLE_BY_NAME[table].column_names, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return BOM.encode("utf-8") + out.getvalue().encode("utf-8")
