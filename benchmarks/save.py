"""What a save from the Edit page or an edit command costs, against `gaptrack build` of the same
record measured in the same run. A save validates by building the database from a staging
copy, so the build is its floor; what it adds (planning against the rows, staging the folder
with hard links, the journal, the audit log, the swaps) should be small at every size.

    python benchmarks/save.py                 # shipped, 10k, 100k links
    python benchmarks/save.py --sizes 1M --repeat 3

Target: a save or an undo within 1.5x of a build (what it adds is mostly reading the changed
file with Python's csv module, to keep every untouched line byte for byte).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from scale import SIZES, WORK, data_folder  # noqa: E402

from transforms.database.build import build  # noqa: E402
from transforms.editing import edit  # noqa: E402
from transforms.editing.saving import read_rows, save  # noqa: E402


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure(size: str, repeat: int) -> dict[str, float]:
    """Median seconds of a build, a status change saved, and its undo, on a copy of the record."""
    folder = WORK / "save" / size / "data"
    shutil.rmtree(folder.parent, ignore_errors=True)
    shutil.copytree(data_folder(size), folder)
    db = folder.parent / "gaptrack.duckdb"
    link = read_rows(folder, "links")[-1]
    other = next(s for s in ("done", "pending", "proposed") if s != link["status"])
    change = edit.set_link(dict(item_id=link["item_id"], session_id=link["session_id"], status=other))
    builds, saves, undos = [], [], []
    for _ in range(repeat):
        builds.append(timed(lambda: build(folder, db)))
        saves.append(timed(lambda: save(folder, db, change, "benchmark")))
        undos.append(timed(lambda: save(folder, db, edit.undo(), "benchmark")))
    return {name: statistics.median(runs) for name, runs in (("build", builds), ("save", saves), ("undo", undos))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=["shipped", "10k", "100k"], choices=list(SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'record':>8}  {'build':>8}  {'save':>8}  {'undo':>8}  save/build  undo/build")
    for size in args.sizes:
        m = measure(size, args.repeat)
        print(
            f"{size:>8}  {m['build']:7.2f}s  {m['save']:7.2f}s  {m['undo']:7.2f}s  "
            f"{m['save'] / m['build']:9.2f}x  {m['undo'] / m['build']:9.2f}x",
            flush=True,
        )


if __name__ == "__main__":
    main()
