"""How fast and how big: the shipped record and synthetic records of about 10k, 100k and 1M
links, each measured against a plain-pandas implementation of the same computation run in the
same process (benchmarks/baseline_pandas.py). Medians over repeated runs; ratios travel between
machines, milliseconds do not.

    make bench                       # everything (about ten minutes on 2 cores)
    python benchmarks/scale.py --sizes shipped 10k --repeat 5

Targets (issue 5): at 1M links every coverage query at least 5x faster than pandas and under
50 ms, a warm rerun of the Overview under 150 ms, the build under 10 s, peak memory under 1 GiB;
at the shipped size a warm rerun under 30 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import baseline_pandas as pandas_way  # noqa: E402

from transforms.database import queries  # noqa: E402
from transforms.database.export import export_bytes  # noqa: E402
from transforms.database.queries import Filters, Store  # noqa: E402
from transforms.record.synth import synthesise  # noqa: E402

SIZES = {"shipped": None, "10k": (3_300, 40), "100k": (33_000, 120), "1M": (330_000, 300)}
WORK = REPO / "var" / "bench"


def median_ms(action, repeat: int) -> float:
    action()  # warm up
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def data_folder(size: str) -> Path:
    if SIZES[size] is None:
        return REPO / "data"
    folder = WORK / size / "data"
    if not (folder / "links.csv").exists():
        items, sessions = SIZES[size]
        synthesise(folder, items, sessions, seed=1)
    return folder


def in_child(code: str) -> dict:
    """Run code in a fresh Python; it prints JSON. Adds the child's own peak memory in MiB and
    the CPU time (user + system, every thread) it spent in all."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the (large) parent at fork and exec.
    tail = (
        "import json, re, resource\n"
        "peak = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n"
        "usage = resource.getrusage(resource.RUSAGE_SELF)\n"
        "print(json.dumps({**result, 'peak_mib': peak / 1024, 'cpu': usage.ru_utime + usage.ru_stime}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\n{tail}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": f"{REPO}:{REPO / 'benchmarks'}"},
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def build_once(data: Path, db: Path) -> dict:
    return in_child(
        "import time; from transforms.database.build import build; t = time.perf_counter(); "
        f"build({str(data)!r}, {str(db)!r}); result = {{'seconds': time.perf_counter() - t}}"
    )


def pandas_build_once(data: Path) -> dict:
    return in_child(
        "import time, baseline_pandas as b; t = time.perf_counter(); "
        f"b.read_and_check(__import__('pathlib').Path({str(data)!r})); "
        "result = {'seconds': time.perf_counter() - t}"
    )


def measure_build(data: Path, db: Path, repeat: int) -> list[tuple]:
    """gaptrack's build and the baseline's read and check, each in a fresh process, taken in turns
    (on a shared machine a burst of load then falls on both): median seconds, the larger peak
    memory, and the median CPU time of the whole process (imports included)."""
    ours, theirs = [], []
    for _ in range(repeat):
        ours.append(build_once(data, db))
        theirs.append(pandas_build_once(data))
    seconds = statistics.median(r["seconds"] for r in ours)
    baseline = statistics.median(r["seconds"] for r in theirs)
    peak = max(r["peak_mib"] for r in ours)
    runs = ", ".join(f"{a['seconds']:.1f}/{b['seconds']:.1f}" for a, b in zip(ours, theirs))
    return [
        (
            "build CSV -> DuckDB (s)",
            seconds,
            baseline,
            f"peak {peak:.0f} MiB, pandas {max(r['peak_mib'] for r in theirs):.0f} MiB; "
            f"CPU {statistics.median(r['cpu'] for r in ours):.1f} s, pandas "
            f"{statistics.median(r['cpu'] for r in theirs):.1f} s; runs (ours/pandas) {runs}",
        )
    ]


def measure_queries(data: Path, db: Path, repeat: int) -> list[tuple]:
    tables = pandas_way.load_tables(data)
    with Store(db) as store:
        sessions = queries.session_list(store, Filters())
        middle = sessions.session_id.iloc[len(sessions) // 2]
        middle_sequence = int(sessions.sequence.iloc[len(sessions) // 2])
        check_same_answers(store, tables, middle, middle_sequence)
        cases = [
            (
                "coverage per heading",
                lambda: queries.coverage_by_heading(store, Filters()),
                lambda: pandas_way.coverage_by_heading(tables),
            ),
            (
                "coverage per session",
                lambda: queries.session_outcomes(store, Filters()),
                lambda: pandas_way.session_outcomes(tables),
            ),
            (
                "point in time (as of mid)",
                lambda: queries.coverage_by_heading(store, Filters(as_of=middle)),
                lambda: pandas_way.coverage_by_heading(tables, middle_sequence),
            ),
            (
                "coverage after every session",
                lambda: queries.coverage_timeline(store, Filters()),
                lambda: pandas_way.coverage_timeline(tables),
            ),
            (
                "CSV export, all items",
                lambda: export_bytes(store, "items", Filters()),
                lambda: pandas_way.export_items(tables, data),
            ),
        ]
        rows = [
            (
                # what the aggregate queries above read once per database file (the first query of a
                # new Store), against pandas reading the tables the baseline's queries start from
                "reading the marts into memory (ms, once per file)",
                median_ms(lambda: _marts_of_a_new_store(db), repeat),
                median_ms(lambda: pandas_way.load_tables(data), max(1, repeat // 3)),
                "",
            )
        ]
        for name, ours, theirs in cases:
            slow = name.startswith("CSV")
            rows.append(
                (
                    f"{name} (ms)",
                    median_ms(ours, max(1, repeat // 3) if slow else repeat),
                    median_ms(theirs, max(1, repeat // 3) if slow else repeat),
                    "",
                )
            )
        return rows


def _marts_of_a_new_store(db: Path) -> None:
    with Store(db) as store:
        store.marts()


def check_same_answers(store, tables, middle: str, middle_sequence: int) -> None:
    """The baseline computes the same thing: totals per heading agree."""
    for as_of, sequence in ((None, None), (middle, middle_sequence)):
        ours = queries.coverage_by_heading(store, Filters(as_of=as_of)).set_index("heading")
        theirs = pandas_way.coverage_by_heading(tables, sequence)
        for heading, row in theirs.iterrows():
            assert (
                ours.loc[heading, ["done", "pending", "proposed", "total"]].tolist()
                == row[["done", "pending", "proposed", "total"]].tolist()
            ), (as_of, heading)


def measure_reruns(db: Path, repeat: int) -> list[tuple]:
    """Warm reruns of every page (AppTest), against a trivial page rerun in the same process."""
    from streamlit.testing.v1 import AppTest

    os.environ["GAPTRACK_DB"] = str(db)
    trivial = AppTest.from_string("import streamlit as st\nst.title('baseline')\nst.write('text')\n")
    trivial.run()
    baseline = median_ms(trivial.run, repeat)
    rows = []
    for page in ("overview", "sessions", "items", "about"):
        at = AppTest.from_file(str(REPO / "dashboard" / "app.py"), default_timeout=300)
        started = time.perf_counter()
        at.run()
        if page != "overview":
            at.switch_page(f"app_pages/{page}.py").run()
        first = (time.perf_counter() - started) * 1000
        assert not at.exception, at.exception
        rows.append((f"warm rerun: {page} (ms)", median_ms(at.run, repeat), baseline, f"first run {first:.0f} ms"))
    return rows


def measure_first_paint(db: Path, repeat: int) -> list[tuple]:
    """Time from navigation until the app has finished its run and drawn its first chart."""
    sys.path.insert(0, str(REPO / "tests" / "browser"))
    from harness import CHROMIUM_FLAGS, chromium_path, dashboard_server, wait_ready

    if not chromium_path():
        return [("first paint in Chromium", float("nan"), float("nan"), "skipped: no Chromium")]
    from playwright.sync_api import sync_playwright

    with dashboard_server(db, WORK / "streamlit.log") as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        times = []
        for _ in range(repeat + 1):
            page = browser.new_page()
            started = time.perf_counter()
            page.goto(base)
            wait_ready(page)
            page.wait_for_selector(".js-plotly-plot .barlayer")
            times.append((time.perf_counter() - started) * 1000)
            page.close()
        browser.close()
    return [
        ("first paint, Overview (ms)", statistics.median(times[1:]), float("nan"), f"cold server {times[0]:.0f} ms")
    ]


def report(size: str, rows: list[tuple]) -> None:
    print(f"\n== {size}")
    print(f"{'measure':<34} {'gaptrack':>10} {'baseline':>10} {'ratio':>8}  notes")
    for name, ours, baseline, note in rows:
        ratio = f"{baseline / ours:7.1f}x" if baseline == baseline and ours else "       "
        shown = f"{baseline:10.1f}" if baseline == baseline else f"{'':>10}"
        print(f"{name:<34} {ours:10.1f} {shown} {ratio}  {note}")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description="gaptrack at scale, against plain pandas")
    parser.add_argument("--sizes", nargs="+", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--build-only", action="store_true", help="measure the build only (no queries, reruns)")
    args = parser.parse_args()
    print("ratio = baseline / gaptrack (above 1: gaptrack is faster). Baselines: plain pandas for build,")
    print("queries and export; a trivial Streamlit page for reruns (so there the ratio is below 1).")
    for size in args.sizes:
        data = data_folder(size)
        db = WORK / size / "gaptrack.duckdb"
        db.parent.mkdir(parents=True, exist_ok=True)
        repeat = max(3, args.repeat // 2) if size == "1M" else args.repeat
        rows = measure_build(data, db, 3 if size == "1M" else repeat)
        if args.build_only:
            report(size, rows)
            continue
        rows += measure_queries(data, db, repeat)
        rows += measure_reruns(db, repeat)
        if not args.no_browser:
            rows += measure_first_paint(db, 3)
        with Store(db) as store:
            links = queries.record_info(store)["links"]
        report(f"{size}: {links} links", rows)


if __name__ == "__main__":
    main()
