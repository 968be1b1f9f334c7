"""Plain-pandas versions of the computations gaptrack does in DuckDB, for the benchmarks to
measure against in the same process. Same inputs, same answers (checked by the benchmark),
written the way a careful pandas user would, without DuckDB."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from transforms.database.export import EXPORTS
from transforms.record.schema import ID_PATTERN, TABLES
from transforms.record.source_text import split_paragraphs

RANK = {"done": 3, "pending": 2, "proposed": 1}
STATUS = {rank: status for status, rank in RANK.items()}


def read_and_check(data_dir: Path) -> dict[str, pd.DataFrame]:
    """Read every CSV and run the same kinds of checks the build runs (no database written)."""
    frames = {t.name: _read_table(data_dir, t) for t in TABLES}
    for table in TABLES:
        frame = frames[table.name]
        for column in table.columns:
            values = frame[column.name]
            if column.required and (values == "").any():
                raise ValueError(f"{table.name}.{column.name} empty")
            if (values != values.str.strip()).any():
                raise ValueError(f"{table.name}.{column.name} spaces")
            if column.pattern == ID_PATTERN and not values.str.fullmatch(ID_PATTERN).all():
                raise ValueError(f"{table.name}.{column.name} pattern")
        if frame.duplicated(list(table.key)).any():
            raise ValueError(f"{table.name} duplicate key")
        for column in (c for c in table.columns if c.ref):
            target, key = column.ref.split(".")
            values = frame[column.name]
            if not values[values != ""].isin(set(frames[target][key])).all():
                raise ValueError(f"{table.name}.{column.name} reference")
    texts = {
        row.source_id: split_paragraphs((data_dir / row.path).read_text(encoding="utf-8"))
        for row in frames["sources"].itertuples()
    }
    for name in ("sessions", "items", "links"):
        frame = frames[name]
        for source_id, paragraph, quote in zip(frame.source_id, frame.source_paragraph, frame.quote):
            if quote not in texts[source_id][paragraph]:
                raise ValueError(f"{name} quote")
    return frames


def _read_table(data_dir: Path, table) -> pd.DataFrame:
    """One CSV file as text; an optional table without its file (addresses in a synthetic record)
    as no rows, as the build reads it."""
    path = data_dir / table.file
    if table.optional and not path.exists():
        return pd.DataFrame({name: pd.Series(dtype=str) for name in table.column_names})
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def load_tables(data_dir: Path) -> dict[str, pd.DataFrame]:
    """The three tables the coverage computations need, typed as gaptrack types them."""
    items = pd.read_csv(data_dir / "items.csv", dtype=str, keep_default_na=False)
    links = pd.read_csv(data_dir / "links.csv", dtype=str, keep_default_na=False)
    sessions = pd.read_csv(data_dir / "sessions.csv", dtype={"sequence": int}, keep_default_na=False)
    links["rank"] = links.status.map(RANK)
    links["sequence"] = links.session_id.map(sessions.set_index("session_id").sequence)
    return {"items": items, "links": links, "sessions": sessions}


def _statuses(t: dict, as_of_sequence: int | None) -> pd.Series:
    links = t["links"] if as_of_sequence is None else t["links"][t["links"].sequence <= as_of_sequence]
    return links.groupby("item_id")["rank"].max().map(STATUS)


def coverage_by_heading(t: dict, as_of_sequence: int | None = None) -> pd.DataFrame:
    status = _statuses(t, as_of_sequence).rename("status")
    joined = t["items"].join(status, on="item_id", how="inner")
    table = pd.crosstab(joined.heading, joined.status).reindex(columns=list(RANK), fill_value=0)
    table["total"] = table.sum(axis=1)
    return table


def session_outcomes(t: dict) -> pd.DataFrame:
    table = t["links"].groupby(["session_id", "status"]).size().unstack(fill_value=0)
    return table.reindex(columns=list(RANK), fill_value=0)


def coverage_timeline(t: dict) -> pd.DataFrame:
    """Coverage per heading after every session: an item's status rises at most twice, so count the
    rises and sum them over sessions (the same idea as the SQL)."""
    links = t["links"].sort_values(["item_id", "sequence"])
    best = links.groupby(["item_id", "sequence"])["rank"].max().reset_index()
    best["before"] = best.groupby("item_id")["rank"].cummax().groupby(best.item_id).shift()
    rises = best[best.before.isna() | (best["rank"] > best.before)].copy()
    rises["left"] = rises.groupby("item_id")["rank"].shift()
    heading = t["items"].set_index("item_id").heading
    up = rises.assign(heading=rises.item_id.map(heading), delta=1)[["heading", "sequence", "rank", "delta"]]
    down = rises.dropna(subset=["left"]).assign(
        heading=lambda f: f.item_id.map(heading), rank=lambda f: f.left, delta=-1
    )[["heading", "sequence", "rank", "delta"]]
    deltas = pd.concat([up, down]).groupby(["heading", "rank", "sequence"]).delta.sum()
    sequences = sorted(t["sessions"].sequence)
    grid = deltas.unstack("sequence", fill_value=0).reindex(columns=sequences, fill_value=0).cumsum(axis=1)
    return grid.stack().rename("items").reset_index()


def export_items(t: dict, data_dir: Path) -> bytes:
    """The `items` export: labels, rolled-up status, sessions per item, formulas neutralised."""
    status = _statuses(t, None).rename("status")
    items = t["items"].join(status, on="item_id", how="inner")
    labels = {
        name: pd.read_csv(data_dir / f"{name}.csv", dtype=str, keep_default_na=False).set_index(key).label_en
        for name, key in (("headings", "heading"), ("kinds", "kind"), ("statuses", "status"))
    }
    links = t["links"].sort_values(["item_id", "sequence"])
    sessions = links.groupby("item_id").session_id.agg("; ".join)
    items = items.assign(
        kind_label=items.kind.map(labels["kinds"]),
        heading_label=items.heading.map(labels["headings"]),
        title=items.title_en,
        status_label=items.status.map(labels["statuses"]),
        sessions=items.item_id.map(sessions),
        source_document=items.source_id,
        quote_language=items.source_id.map(
            pd.read_csv(data_dir / "sources.csv", dtype=str, keep_default_na=False).set_index("source_id").language
        ),
    )
    columns = EXPORTS["items"][1]
    cells = items[columns].map(lambda v: "'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v)
    return ("\ufeff" + cells.to_csv(index=False, lineterminator="\r\n")).encode("utf-8")
