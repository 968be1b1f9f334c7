"""Candidate rows for review: frames in the data tables' own columns, the paragraphs they cite, the text that
fits no candidate (unplaced) and warnings; CSV files for people (UTF-8 with a BOM, as data/ holds them)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..record.csvio import BOM
from ..record.errors import UsageError
from .columns import OUTPUT_TABLES, columns

PARAGRAPH_COLUMNS = ["label", "text"]
UNPLACED_COLUMNS = ["label", "heading_path", "text", "note"]


@dataclass(frozen=True)
class Candidates:
    """Candidate rows for review.

    items, documents, sessions, sources: frames in the data tables' own columns (strings, '' for empty);
    paragraphs: label, text of every paragraph and footnote as read; unplaced: label, heading_path, text, note
    for text no candidate was drawn from; warnings: messages for the reviewer (numbering, furniture, footnotes).
    """

    items: pd.DataFrame
    documents: pd.DataFrame
    sessions: pd.DataFrame
    sources: pd.DataFrame
    paragraphs: pd.DataFrame
    unplaced: pd.DataFrame = field(default_factory=lambda: frame([], UNPLACED_COLUMNS))
    warnings: tuple[str, ...] = ()

    def counts(self) -> dict[str, int]:
        """Rows per frame (items, documents, sessions, sources, paragraphs, unplaced) and warnings."""
        names = (*OUTPUT_TABLES, "paragraphs", "unplaced")
        return {name: len(getattr(self, name)) for name in names} | {"warnings": len(self.warnings)}


def frame(rows: list[dict], names: list[str]) -> pd.DataFrame:
    """A frame of strings with exactly these columns."""
    return pd.DataFrame(rows, columns=names, dtype=object)


def table_frame(rows: list[dict], table: str) -> pd.DataFrame:
    """A frame in a data table's own columns."""
    return frame(rows, columns(table))


def _csv_bytes(data: pd.DataFrame, names: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    writer.writerows(data[names].fillna("").itertuples(index=False, name=None))
    return BOM.encode("utf-8") + out.getvalue().encode("utf-8")  # the BOM: Excel reads Chinese; the build skips it


def candidates_csv(candidates: Candidates) -> dict[str, bytes]:
    """File name → CSV bytes: items, documents, sessions, sources in the data's own columns (UTF-8 with a BOM,
    cells exactly as data/ holds them, so rows can be pasted there), paragraphs (label, text) and unplaced
    (label, heading_path, text, note) for the reviewer."""
    files = {f"{t}.csv": _csv_bytes(getattr(candidates, t), columns(t)) for t in OUTPUT_TABLES}
    files["paragraphs.csv"] = _csv_bytes(candidates.paragraphs, PARAGRAPH_COLUMNS)
    files["unplaced.csv"] = _csv_bytes(candidates.unplaced, UNPLACED_COLUMNS)
    return files


def refuse_data_folder(out_dir: Path, data_dir: Path | None = None) -> None:
    """A UsageError if out_dir is a data folder (the default one or data_dir) or inside one, or a file."""
    from ..record.paths import default_data_dir

    out = Path(out_dir).resolve()
    for folder in {default_data_dir(), *([data_dir] if data_dir else [])}:
        if out.is_relative_to(Path(folder).resolve()):
            raise UsageError(
                f"--out {out_dir}: candidates are never written into the data folder ({folder}); "
                "choose a folder outside it and merge the rows you accept after review"
            )
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out_dir}: expected a folder, found a file")


def write_candidates(candidates: Candidates, out_dir: Path, data_dir: Path | None = None) -> list[Path]:
    """Write the candidate CSV files into out_dir (created if needed; never a data folder); the paths written."""
    refuse_data_folder(out_dir, data_dir)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, payload in candidates_csv(candidates).items():
        (out_dir / file_name).write_bytes(payload)
        written.append(out_dir / file_name)
    return written
