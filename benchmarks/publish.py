"""How long `gaptrack publish` takes to write the static edition (both languages, every page,
the CSV downloads and the briefings), on the shipped record and a synthetic one of about 100k
links (`gaptrack synth`, as benchmarks/scale.py makes it). The database is built first and not
counted; the median of --repeat runs is printed with the edition's size, as wall-clock time and
as CPU time of this process (all its threads): on a busy machine the CPU time is the steadier.

    python benchmarks/publish.py                  # shipped and 100k links
    python benchmarks/publish.py --sizes 10k --repeat 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from scale import SIZES, WORK, data_folder  # noqa: E402

from transforms.database.build import build  # noqa: E402
from transforms.database.queries import Store, record_info  # noqa: E402
from transforms.reports.publish import publish  # noqa: E402


def measure(size: str, repeat: int) -> dict:
    """Median seconds to publish, with the edition's counts and size on disk."""
    folder = WORK / "publish" / size
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "gaptrack.duckdb"
    build(data_folder(size), db)
    runs, cpu = [], []
    with Store(db) as store:
        info = record_info(store)
        for _ in range(repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            edition = publish(store, folder / "site")
            runs.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    files = [p for p in (folder / "site").rglob("*") if p.is_file()]
    return {
        "seconds": statistics.median(runs),
        "cpu": statistics.median(cpu),
        "links": int(info["links"]),
        "items": int(info["items"]),
        "pages": edition.pages,
        "files": len(files),
        "mib": sum(p.stat().st_size for p in files) / 2**20,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=["shipped", "100k"], choices=list(SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'record':>8}  {'links':>8}  {'items':>7}  {'pages':>7}  {'MiB':>7}  publish   CPU")
    for size in args.sizes:
        m = measure(size, args.repeat)
        print(
            f"{size:>8}  {m['links']:8,}  {m['items']:7,}  {m['pages']:7,}  {m['mib']:7.1f}  "
            f"{m['seconds']:6.2f}s  {m['cpu']:6.2f}s",
            flush=True,
        )


if __name__ == "__main__":
    main()
