"""Small data folders built in code, so each test states exactly the record it runs on."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

from transforms.record.schema import TABLE_BY_NAME

SHIPPED_DATA = Path(__file__).resolve().parents[1] / "data"

SOURCE_TEXT = """Cover page
会议 2020年1月1日，维也纳

1. 第一段：工作组第一届会议通过了建议。
 - 建议甲
 - 建议乙
2. 第二段：第二届会议推迟了建议丙。
- 建议丙
¹ SYM/2020/1。
3. 第三段：拟议议题丁和议题戊。
- 议题丁
- 议题戊
"""

BASE = {
    "sources": [
        dict(
            source_id="src",
            symbol="",
            title_en="Fixture source",
            title_zh="测试来源",
            language="zh",
            original_language="en",
            issued_date="2020-01-01",
            agenda_item="",
            path="sources/src.txt",
            note="",
        )
    ],
    "headings": [
        dict(
            heading=h,
            sort_order=n,
            label_en=h.title(),
            label_zh=zh,
            basis="curated",
            source_id="",
            source_paragraph="",
            quote="",
        )
        for n, (h, zh) in enumerate(
            [
                ("prevention", "防止"),
                ("protection", "保护"),
                ("prosecution", "起诉"),
                ("partnerships", "伙伴"),
                ("cross_cutting", "跨领域"),
            ],
            1,
        )
    ],
    "kinds": [
        dict(kind=k, sort_order=n, label_en=k.title(), label_zh=zh)
        for n, (k, zh) in enumerate([("requirement", "要求"), ("recommendation", "建议"), ("topic", "议题")], 1)
    ],
    "statuses": [
        dict(status=s, rank=r, label_en=s.title(), label_zh=zh, meaning_en=s, meaning_zh=zh)
        for s, r, zh in [("done", 3, "已完成"), ("pending", 2, "待定"), ("proposed", 1, "拟议")]
    ],
    "bodies": [
        dict(body=b, sort_order=n, label_en=b.upper(), label_zh=zh)
        for n, (b, zh) in enumerate([("wg", "工作组"), ("cop", "缔约方会议"), ("bureau", "主席团"), ("ga", "大会")], 1)
    ],
    "sessions": [
        dict(
            session_id="s1",
            body="wg",
            number=1,
            sequence=1,
            title_en="First",
            title_zh="第一届",
            start_date="2020-01-01",
            end_date="2020-01-02",
            venue_en="Vienna",
            venue_zh="维也纳",
            source_id="src",
            source_paragraph="1",
            quote="工作组第一届会议",
            note="",
        ),
        dict(
            session_id="s2",
            body="wg",
            number=2,
            sequence=2,
            title_en="Second",
            title_zh="第二届",
            start_date="2021-01-01",
            end_date="2021-01-01",
            venue_en="",
            venue_zh="",
            source_id="src",
            source_paragraph="2",
            quote="第二届会议",
            note="",
        ),
        dict(
            session_id="s3",
            body="cop",
            number=3,
            sequence=3,
            title_en="Third",
            title_zh="第三届",
            start_date="",
            end_date="",
            venue_en="",
            venue_zh="",
            source_id="src",
            source_paragraph="3",
            quote="第三段",
            note="",
        ),
    ],
    "documents": [
        dict(
            document_id="sym-2020-1",
            symbol="SYM/2020/1",
            cited_for_en="Recs",
            cited_for_zh="建议",
            session_id="s2",
            source_id="src",
            source_paragraph="fn1",
            cited_in_paragraph="2",
            quote="SYM/2020/1",
            note="",
        )
    ],
    "items": [
        dict(
            item_id="a",
            kind="recommendation",
            heading="prevention",
            heading_basis="curated",
            heading_rationale="why a",
            heading_rationale_zh="理由甲",
            plan_paragraph="",
            title_en="Rec A",
            title_zh="建议甲",
            source_id="src",
            source_paragraph="1",
            quote="建议甲",
            note="",
        ),
        dict(
            item_id="b",
            kind="recommendation",
            heading="prevention",
            heading_basis="curated",
            heading_rationale="why b",
            heading_rationale_zh="理由乙",
            plan_paragraph="",
            title_en="Rec B",
            title_zh="建议乙",
            source_id="src",
            source_paragraph="1",
            quote="建议乙",
            note="",
        ),
        dict(
            item_id="c",
            kind="recommendation",
            heading="protection",
            heading_basis="curated",
            heading_rationale="why c",
            heading_rationale_zh="理由丙",
            plan_paragraph="",
            title_en="Rec C",
            title_zh="建议丙",
            source_id="src",
            source_paragraph="2",
            quote="建议丙",
            note="",
        ),
        dict(
            item_id="d",
            kind="topic",
            heading="protection",
            heading_basis="curated",
            heading_rationale="why d",
            heading_rationale_zh="理由丁",
            plan_paragraph="",
            title_en="Topic D",
            title_zh="议题丁",
            source_id="src",
            source_paragraph="3",
            quote="议题丁",
            note="",
        ),
        dict(
            item_id="e",
            kind="requirement",
            heading="partnerships",
            heading_basis="curated",
            heading_rationale="why e",
            heading_rationale_zh="理由戊",
            plan_paragraph="54",
            title_en="Req E",
            title_zh="议题戊",
            source_id="src",
            source_paragraph="3",
            quote="议题戊",
            note="",
        ),
    ],
    # a: done at s1.  b: proposed at s1, done at s2.  c: pending at s2, proposed again at s3.
    # d: proposed at s3.  e: pending at s1, then proposed at s2 (status keeps the furthest: pending).
    "links": [
        dict(
            item_id=i,
            session_id=s,
            status=st,
            document_id=doc,
            source_id="src",
            source_paragraph=p,
            quote=q,
            note="",
        )
        for i, s, st, doc, p, q in [
            ("a", "s1", "done", "", "1", "通过了建议"),
            ("b", "s1", "proposed", "", "1", "建议乙"),
            ("b", "s2", "done", "sym-2020-1", "2", "第二届会议"),
            ("c", "s2", "pending", "", "2", "推迟了建议丙"),
            ("c", "s3", "proposed", "", "3", "拟议议题丁"),
            ("d", "s3", "proposed", "", "3", "拟议议题丁"),
            ("e", "s1", "pending", "", "1", "第一段"),
            ("e", "s2", "proposed", "", "2", "第二段"),
        ]
    ],
    # c addresses the Plan requirement e, as the editors judge it.
    "addresses": [
        dict(
            item_id="c",
            requirement_id="e",
            basis="curated",
            rationale_en="Why c addresses e",
            rationale_zh="丙处理戊的理由",
            source_id="",
            source_paragraph="",
            quote="",
            note="",
        )
    ],
}
for _name, _rows in BASE.items():  # every column of the schema, empty where a row gives none
    for _row in _rows:
        for _column in TABLE_BY_NAME[_name].column_names:
            _row.setdefault(_column, "")


def write_table(folder: Path, name: str, rows: list[dict]) -> Path:
    path = folder / TABLE_BY_NAME[name].file
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=TABLE_BY_NAME[name].column_names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def make_record(folder: Path, **tables: list[dict]) -> Path:
    """Write a valid data folder (the BASE record, with any tables replaced) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources").mkdir(exist_ok=True)
    (folder / "sources" / "src.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    for name, rows in {**BASE, **tables}.items():
        write_table(folder, name, rows)
    return folder


def copy_shipped(folder: Path) -> Path:
    shutil.copytree(SHIPPED_DATA, folder)
    return folder


# The columns of each table that hold free text a person writes (not keys, paths or quotes).
FREE_TEXT = {
    table.name: [
        c.name
        for c in table.columns
        if c.type == "text" and not (c.choices or c.pattern or c.ref) and c.name not in ("path", "quote")
    ]
    for table in TABLE_BY_NAME.values()
}


def every_free_text(folder: Path, text) -> Path:
    """A valid record with every free-text cell set to text(table, column, row), every quote to
    text("quote", "zh", 0), which stands in a new paragraph 4 of the source. A Chinese column
    (`_zh`) must hold a Chinese character: where the text has none, " 中文" is added to it."""
    quote = text("quote", "zh", 0)

    def cell(name: str, column: str, row: int) -> str:
        value = text(name, column, row)
        chinese = column.endswith("_zh") and not any("\u4e00" <= c <= "\u9fff" for c in value)
        return value + " 中文" if chinese else value

    tables = {}
    for name, base in BASE.items():
        tables[name] = [dict(row, **{c: cell(name, c, i) for c in FREE_TEXT[name]}) for i, row in enumerate(base)]
        if "quote" in TABLE_BY_NAME[name].column_names:
            for row in tables[name]:
                row.update(source_id="src", source_paragraph="4", quote=quote)
    make_record(folder, **tables)
    with open(folder / "sources" / "src.txt", "a", encoding="utf-8") as f:
        f.write(f"4. 第四段：{quote}。\n")
    return folder


_BUILT: dict[str, Path] = {}  # the first databases shipped_and_synthetic built in this run


def shipped_and_synthetic(folder: Path) -> dict[str, Path]:
    """Two built databases in folder: the shipped record ("shipped") and a synthetic one of 900
    items over 14 sessions ("synth", seed 7): name -> database path. Built on the first call of a
    test run; later calls copy those files into their own folder (new paths, so nothing kept per
    database file, as dashboard.data does, is shared between the callers)."""
    from transforms.database.build import build
    from transforms.record.synth import synthesise

    names = ("shipped", "synth")
    if all(name in _BUILT and _BUILT[name].is_file() for name in names):
        folder.mkdir(parents=True, exist_ok=True)
        return {name: Path(shutil.copy2(_BUILT[name], folder / f"{name}.duckdb")) for name in names}
    build(SHIPPED_DATA, folder / "shipped.duckdb")
    synthesise(folder / "synth", items=900, sessions=14, seed=7)
    build(folder / "synth", folder / "synth.duckdb")
    _BUILT.update({name: folder / f"{name}.duckdb" for name in names})
    return {name: folder / f"{name}.duckdb" for name in names}


def some_views(store, count: int, seed: int, curated: bool = False) -> list:
    """Every as-of (and none) in each language, then `count` random views (headings, statuses,
    kinds, an as-of or an unknown one, language; with `curated`, the curated switch too)."""
    import random

    from transforms.database.queries import Filters
    from transforms.record.schema import HEADINGS, KINDS, STATUSES

    sessions = store.con.execute("SELECT session_id FROM record.sessions").df()["session_id"].tolist()
    rng = random.Random(seed)
    out = [Filters(as_of=s, lang=lang) for s in [None, *sessions] for lang in ("en", "zh")]
    for _ in range(count):
        views = Filters(
            headings=tuple(rng.sample(HEADINGS, rng.randint(0, 3))),
            statuses=tuple(rng.sample(STATUSES, rng.randint(0, 2))),
            kinds=tuple(rng.sample(KINDS, rng.randint(0, 2))),
            as_of=rng.choice([None, "no-such-session", *sessions]),
            lang=rng.choice(["en", "zh"]),
            **({"curated": rng.random() < 0.7} if curated else {}),
        )
        out.append(views)
    return out


def crossing_record(folder: Path) -> Path:
    """The BASE record with e addressed by every other item (as the editors judge it) and c pending
    already at s1: as of s1 c (pending) is listed before b (proposed), after everything b (done)
    before c. Written to folder (a data folder, returned)."""
    addresses = [
        dict(BASE["addresses"][0], item_id=i, rationale_en=f"Why {i}", rationale_zh=f"{i} 的理由") for i in "abcd"
    ]
    links = BASE["links"] + [dict(BASE["links"][3], session_id="s1")]
    return make_record(folder, addresses=addresses, links=links)


LARGE_ITEMS = 1050  # items of one heading, one kind: counts that Python writes "1050", a language "1,050"


def large_counts_record(folder: Path) -> Path:
    """A synthetic record (transforms.record.synth, seed 3) of LARGE_ITEMS Working Group
    recommendations, every one under prevention and recorded at both of its two sessions: done,
    except each 50th item (pending): 1,029 done and 21 pending, 1,050 on the record, a heading x
    session cell of 1,050 at each session. Written to folder (a data folder, returned)."""
    from transforms.record.synth import synthesise

    synthesise(folder, items=LARGE_ITEMS, sessions=2, seed=3)
    for name, change in (
        ("items", lambda row: row.update(kind="recommendation", heading="prevention", plan_paragraph="")),
        ("links", lambda row: row.update(status="pending" if int(row["item_id"][1:]) % 50 == 0 else "done")),
    ):
        path = folder / TABLE_BY_NAME[name].file
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for row in rows:
            change(row)
        write_table(folder, name, rows)
    return folder


def shown_quotes(at) -> list[str]:
    """The quotes an AppTest page drew (dashboard.ui.quote: block quotes, every character escaped),
    as a reader reads them, in the order drawn."""
    return [
        "\n".join(re.sub(r"\\(.)", r"\1", line[2:]) for line in m.value.split("  \n"))
        for m in at.markdown
        if m.value.startswith("> ")
    ]
