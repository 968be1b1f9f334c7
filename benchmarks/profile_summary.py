"""Where a profiled dashboard process spent its time: the stacks py-spy sampled during a load
(`python benchmarks/load.py --profile FILE`), summed per function.

    python benchmarks/profile_summary.py FILE [--top 40] [--within TEXT]

Prints the share of samples in which each function was on the stack (inclusive) and at the top
of it (self), and the share per source file. --within keeps only stacks that pass through a frame
whose text contains TEXT (e.g. "app.py" for the script runs, "_dataframe" for one element).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

FRAME = re.compile(r"^(?P<name>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")


def frames(stack: str) -> list[tuple[str, str]]:
    """(function, file) for each frame of a folded stack, outermost first."""
    out = []
    for text in stack.split(";"):
        found = FRAME.match(text)
        name, file = (found["name"], found["file"]) if found else (text, "")
        out.append((name, file))
    return out


def short(file: str) -> str:
    for marker in ("site-packages/", "wt-rerun/", "/lib/python3"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--within", default="")
    args = parser.parse_args()
    inclusive, own, per_file, total = Counter(), Counter(), Counter(), 0
    for line in args.file.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit() or (args.within and args.within not in stack):
            continue
        n, called = int(count), frames(stack)
        total += n
        seen = {f"{name} ({short(file)})" for name, file in called}
        for key in seen:
            inclusive[key] += n
        name, file = called[-1]
        own[f"{name} ({short(file)})"] += n
        for f in {short(file) for _, file in called}:
            per_file[f] += n
    print(f"{total} samples" + (f" through {args.within!r}" if args.within else ""))
    for title, counter in (("inclusive", inclusive), ("self", own), ("per file (inclusive)", per_file)):
        print(f"\n{title}:")
        for key, n in counter.most_common(args.top):
            print(f"{100 * n / max(total, 1):6.1f}%  {key}")


if __name__ == "__main__":
    main()
