"""A synthetic record of any size, valid and deterministic for a seed: the shape of the real
one (four headings plus cross-cutting, every kind and status, several links per item, titles
in Chinese and English, every quote standing in the paragraph it cites), for benchmarks and
scale tests. Never mixed with the real data."""

from __future__ import annotations

import csv
import datetime as dt
import random
import shutil
from pathlib import Path

from .schema import TABLE_BY_NAME

HEADING_WEIGHTS = {"prevention": 3, "protection": 3, "prosecution": 2, "partnerships": 2, "cross_cutting": 1}
KIND_WEIGHTS = {"recommendation": 6, "topic": 3, "requirement": 1}
WORDS = [
    ("data", "数据"),
    ("victims", "受害者"),
    ("training", "培训"),
    ("cooperation", "合作"),
    ("legislation", "立法"),
    ("demand", "需求"),
    ("return", "返回"),
    ("liability", "责任"),
    ("forced labour", "强迫劳动"),
    ("awareness", "认识"),
    ("compensation", "赔偿"),
    ("witnesses", "证人"),
]
SOURCE = "synthetic"
SHIPPED = Path(__file__).resolve().parents[2] / "data"


def _write(folder: Path, name: str, rows) -> None:
    table = TABLE_BY_NAME[name]
    with open(folder / table.file, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(table.column_names)
        writer.writerows([row.get(c, "") for c in table.column_names] for row in rows)


def _sessions(count: int, rng: random.Random) -> list[dict]:
    day, rows = dt.date(2009, 4, 14), []
    numbers: dict[str, int] = {}
    for sequence in range(1, count + 1):
        body = rng.choices(["wg", "cop", "bureau"], [6, 2, 2])[0]
        numbers[body] = numbers.get(body, 0) + 1
        end = day + dt.timedelta(days=rng.choice([0, 1, 2]))
        rows.append(
            dict(
                session_id=f"{body}-{numbers[body]}",
                body=body,
                number=numbers[body],
                sequence=sequence,
                title_en=f"Synthetic {body} meeting {numbers[body]}",
                title_zh=f"合成会议{sequence}",
                start_date=day.isoformat(),
                end_date=end.isoformat(),
                source_id=SOURCE,
                source_paragraph="header",
                quote=f"会议{sequence}号",
            )
        )
        day = end + dt.timedelta(days=rng.randint(20, 120))
    return rows


def _item(n: int, rng: random.Random) -> dict:
    kind = rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
    heading = rng.choices(list(HEADING_WEIGHTS), list(HEADING_WEIGHTS.values()))[0]
    (en1, zh1), (en2, zh2) = rng.sample(WORDS, 2)
    return dict(
        item_id=f"i{n}",
        kind=kind,
        heading=heading,
        heading_basis="curated",
        heading_rationale="synthetic",
        heading_rationale_zh="合成",
        plan_paragraph=n if kind == "requirement" else "",
        title_en=f"{en1.capitalize()} and {en2} ({n})",
        title_zh=f"{zh1}和{zh2}（{n}）",
        source_id=SOURCE,
        source_paragraph=str(n),
        quote=f"条目{n}：",
    )


def _links(item: dict, sessions: list[dict], rng: random.Random) -> list[dict]:
    """Two to four links at increasing sessions; the status mostly moves forward."""
    chosen = sorted(rng.sample(range(len(sessions)), min(len(sessions), rng.randint(2, 4))))
    status = rng.choice(["proposed", "proposed", "pending"])
    rows = []
    for index in chosen:
        rows.append(
            dict(
                item_id=item["item_id"],
                session_id=sessions[index]["session_id"],
                status=status,
                source_id=SOURCE,
                source_paragraph=item["source_paragraph"],
                quote=f"{status}@",
            )
        )
        status = rng.choices(["done", "pending", "proposed"], [5, 3, 2])[0]
    return rows


def synthesise(out: Path, items: int, sessions: int, seed: int) -> dict[str, int]:
    """Write a data folder at out; return how many rows each big table got."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "sources").mkdir(exist_ok=True)
    for name in ("headings", "kinds", "statuses", "bodies"):
        shutil.copy(SHIPPED / f"{name}.csv", out / f"{name}.csv")
    _write(
        out,
        "headings",
        [
            dict(r, basis="curated", source_id="", source_paragraph="", quote="")
            for r in csv.DictReader(open(SHIPPED / "headings.csv", encoding="utf-8-sig"))
        ],
    )
    session_rows = _sessions(sessions, rng)
    item_rows, link_rows = [], []
    with open(out / "sources" / "synthetic.txt", "w", encoding="utf-8") as text:
        text.write("合成记录\n" + "\n".join(s["quote"] for s in session_rows) + "\n\n")
        for n in range(1, items + 1):
            item = _item(n, rng)
            item_rows.append(item)
            link_rows += _links(item, session_rows, rng)
            text.write(f"{n}. 条目{n}：{item['title_zh']}。proposed@ pending@ done@\n")
    _write(
        out,
        "sources",
        [
            dict(
                source_id=SOURCE,
                title_en="Synthetic record",
                title_zh="合成记录",
                language="zh",
                original_language="zh",
                path="sources/synthetic.txt",
                note=f"gaptrack synth --items {items} --sessions {sessions} --seed {seed}",
                note_zh=f"由 gaptrack synth --items {items} --sessions {sessions} --seed {seed} 生成",
            )
        ],
    )
    _write(out, "sessions", session_rows)
    _write(out, "documents", [])
    _write(out, "items", item_rows)
    _write(out, "links", link_rows)
    return {"sessions": len(session_rows), "items": len(item_rows), "links": len(link_rows)}
