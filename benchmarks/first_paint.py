"""First paint of the dashboard against a bare Streamlit app with one Plotly chart, in Chromium.

    python benchmarks/first_paint.py [--repeat 5] [--target 1.1] [--baseline OTHER_CHECKOUT]

What it does
  1. Builds the shipped record (data/) into a temporary database.
  2. Starts two `streamlit run` processes the same way (same command, options, working folder, so
     the same .streamlit/config.toml): gaptrack's dashboard/app.py, and a bare app whose whole
     script is one `st.plotly_chart` of a small bar chart. Each is opened once first (the
     servers' imports and first queries are not counted: what a reader meets on a running server).
  3. For each of --repeat rounds, alternating which app goes first, opens each app's first page
     (the Overview for gaptrack) in a NEW browser profile (Debian's Chromium through Playwright,
     a fresh user-data folder: nothing cached) and records, in the page, the time from the start
     of navigation to the moment the first Plotly chart is drawn (its SVG in the document), and
     the bytes of every HTTP response of that first load (bodies as received).
  4. Prints the median of each, the ratio gaptrack / bare, the bytes of a first load of each, and
     what gaptrack fetched that the bare app did not, and each round's own ratio (paired: the two
     loads of a round ran seconds apart, under the same load). Exits 1 if the ratio is over --target.
  With --baseline, a third app is measured in the same rounds: OTHER_CHECKOUT/dashboard/app.py (for
  example `git worktree add /tmp/main main`), to compare a change with what it changes in one run.

Needs Chromium (GAPTRACK_CHROMIUM, or Debian's /usr/bin/chromium) and the playwright package.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from transforms.database.build import build  # noqa: E402

BARE_APP = """import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Bar(x=[4, 6, 1, 5, 6], y=["a", "b", "c", "d", "e"], orientation="h")))
"""
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
]
# Records when the first Plotly chart is drawn, in ms from the start of navigation.
WATCH = """new MutationObserver((_, observer) => {
  if (document.querySelector('.js-plotly-plot .main-svg')) {
    window.firstChart = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});"""

# When Plotly's script (static/js/PlotlyChart.*.js) was asked for and received, ms from navigation.
PLOTLY_FETCH = """(() => {
  const entry = performance.getEntriesByType('resource').find((e) => e.name.includes('/PlotlyChart.'));
  return entry ? [entry.startTime, entry.responseEnd] : null;
})()"""
PLOTLY_TIMES: dict[str, list[list[float]]] = {}


def chromium() -> str:
    chosen = os.environ.get("GAPTRACK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chosen).exists():
        sys.exit("first_paint: Chromium not found (apt-get install chromium, or set GAPTRACK_CHROMIUM)")
    return chosen


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit(script: Path, log: Path, env: dict[str, str]):
    """`streamlit run script` on a free port, from the repository (its .streamlit/config.toml); yields the URL."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=REPO, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 90
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                        if response.read().strip() == b"ok":
                            break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        sys.exit(f"first_paint: {script.name} did not start: {log.read_text(errors='replace')}")
                    time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def first_load(playwright, url: str, profile: Path) -> tuple[float, int, dict[str, int]]:
    """Open url in a new browser profile: ms to the first chart, bytes received, bytes per path."""
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=chromium(), args=FLAGS, viewport={"width": 1400, "height": 1000}
    )
    received: dict[str, int] = {}

    def count(request) -> None:
        try:
            size = request.sizes()["responseBodySize"]
        except Exception:  # a request the browser cancelled has no sizes
            return
        path = urlsplit(request.url).path
        received[path] = received.get(path, 0) + max(size, 0)

    try:
        context.add_init_script(WATCH)
        page = context.pages[0] if context.pages else context.new_page()
        page.on("requestfinished", count)
        page.goto(url)
        page.wait_for_function("window.firstChart !== undefined", timeout=60_000)
        ms = page.evaluate("window.firstChart")
        page.wait_for_load_state("networkidle")
        chunk = page.evaluate(PLOTLY_FETCH)
        if chunk:
            PLOTLY_TIMES.setdefault(url, []).append(chunk)
        return ms, sum(received.values()), received
    finally:
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="rounds, each opening both apps once (5)")
    parser.add_argument("--target", type=float, default=1.1, help="largest ratio gaptrack / bare allowed (1.1)")
    parser.add_argument("--baseline", type=Path, help="another checkout whose dashboard is measured too")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build(REPO / "data", folder / "gaptrack.duckdb")
        bare = folder / "bare_app.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        env = {"GAPTRACK_DB": str(folder / "gaptrack.duckdb")}
        apps = {"gaptrack": REPO / "dashboard" / "app.py", "bare": bare}
        if args.baseline:
            apps["baseline"] = args.baseline.resolve() / "dashboard" / "app.py"
        times: dict[str, list[float]] = {name: [] for name in apps}
        loads: dict[str, tuple[int, dict[str, int]]] = {}
        with ExitStack() as stack:
            urls = {
                name: stack.enter_context(streamlit(app, folder / f"{name}.log", env)) for name, app in apps.items()
            }
            p = stack.enter_context(sync_playwright())
            for name, url in urls.items():  # warm the servers: imports, first queries, caches
                first_load(p, url, folder / f"warm-{name}")
            for round_ in range(args.repeat):
                # each app goes first, and last, as often as the others
                order = list(urls)[round_ % len(urls) :] + list(urls)[: round_ % len(urls)]
                order = order if round_ // len(urls) % 2 == 0 else list(reversed(order))
                for name in order:
                    ms, total, paths = first_load(p, urls[name], folder / f"profile-{name}-{round_}")
                    times[name].append(ms)
                    loads[name] = (total, paths)
    median = {name: statistics.median(values) for name, values in times.items()}
    ratio = median["gaptrack"] / median["bare"]
    print(f"first chart drawn, median of {args.repeat} new-profile loads (ms from navigation start):")
    for name in apps:
        print(f"  {name:9} {median[name]:7.0f}   ({', '.join(f'{v:.0f}' for v in times[name])})")
        print(f"  {'':9} first load: {loads[name][0] / 1024:,.0f} KiB in {len(loads[name][1])} responses")
    extra = {p: n for p, n in loads["gaptrack"][1].items() if p not in loads["bare"][1]}
    print("  fetched by gaptrack only: " + (", ".join(f"{p} ({n / 1024:,.1f} KiB)" for p, n in extra.items()) or "-"))
    for name, url in urls.items():
        fetched = PLOTLY_TIMES.get(url, [])[1:]  # not the warm-up load
        if fetched:
            asked, got = (statistics.median(x[i] for x in fetched) for i in (0, 1))
            print(f"  {name:9} Plotly's script asked for at {asked:.0f} ms, received at {got:.0f} ms (medians)")
    pairs = [(name, "bare") for name in apps if name != "bare"] + ([("gaptrack", "baseline")] if args.baseline else [])
    for one, other in pairs:
        paired = [a / b for a, b in zip(times[one], times[other])]
        listed = ", ".join(f"{r:.2f}" for r in paired)
        print(f"  {one} / {other} per round: {listed} (median {statistics.median(paired):.2f})")
    if args.baseline:
        print(f"ratio baseline / bare: {median['baseline'] / median['bare']:.2f}")
    print(f"ratio gaptrack / bare: {ratio:.2f} (target {args.target:.2f})")
    return 0 if ratio <= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
