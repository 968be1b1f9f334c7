"""Warm and cold reruns of every dashboard page, as a ratio against a trivial Streamlit page
measured in the same run (these machines are shared and noisy; only ratios travel), and the
warm rerun of the plain app of the Overview's shape (benchmarks/floor_app.py, what
benchmarks/load.py --floor measures under load) for comparison.

    make bench            # or: python benchmarks/rerun.py [--repeat N]

A warm rerun is what every widget change costs: the caches are full, so it should run no query
and build no figure. The target at the shipped size is a few tens of milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from streamlit.testing.v1 import AppTest  # noqa: E402

from transforms.database.build import build  # noqa: E402

BASELINE = "import streamlit as st\nst.title('baseline')\nst.write('one paragraph of text')\n"
PAGES = ["overview", "sessions", "items", "checks", "changes", "about"]


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def median_rerun(at: AppTest, repeat: int) -> float:
    return statistics.median(timed(at.run) for _ in range(repeat))


def open_page(page: str) -> tuple[AppTest, float]:
    at = AppTest.from_file(str(REPO / "dashboard" / "app.py"), default_timeout=120)
    cold = timed(at.run)
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py")
        cold = timed(at.run)
    assert not at.exception, at.exception
    return at, cold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "gaptrack.duckdb"
        build(REPO / "data", db)
        os.environ["GAPTRACK_DB"] = str(db)
        baseline_app = AppTest.from_string(BASELINE)
        baseline_app.run()
        baseline = median_rerun(baseline_app, args.repeat)
        print(f"baseline: trivial page rerun {baseline:.1f} ms (median of {args.repeat})")
        floor_app = AppTest.from_file(str(REPO / "benchmarks" / "floor_app.py"))
        floor_app.run()
        assert not floor_app.exception, floor_app.exception
        floor = median_rerun(floor_app, args.repeat)
        print(f"floor: plain app of the Overview's shape {floor:.1f} ms ({floor / baseline:.1f}x the baseline)")
        print(f"{'page':<10} {'first run ms':>12} {'warm rerun ms':>14} {'warm / baseline':>16}")
        for page in PAGES:
            at, cold = open_page(page)
            warm = median_rerun(at, args.repeat)
            print(f"{page:<10} {cold:>12.1f} {warm:>14.1f} {warm / baseline:>15.1f}x")


if __name__ == "__main__":
    main()
