"""Two dashboard processes behind Debian's nginx, started as deploy/replicas.py starts them (the
configuration in deploy/nginx.conf, nginx run from a temporary folder, no root needed), on free
ports under the base path /gaptrack: Chromium opens the dashboard and downloads a CSV through
the proxy, a session sticks to one process (page, websocket, downloads), sessions spread over
both, static assets are compressed, and a reader sees a rebuilt database, and an edit saved, on
the next rerun. The load client (benchmarks/load.py --proxy) runs through nginx while the
database is rebuilt: zero errors.

Without nginx the tests are skipped; with CI=true they fail (.ci/run installs it)."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from fixtures import SHIPPED_DATA
from harness import REPO, wait_ready

from transforms.database.build import build
from transforms.database.coverage import QUESTIONS, answer, status_figure
from transforms.database.export import export_bytes
from transforms.database.queries import Filters, Store
from transforms.presentation.i18n import t

sys.path.insert(0, str(REPO / "deploy"))
sys.path.insert(0, str(REPO / "benchmarks"))

from load import metric_count  # noqa: E402
from replicas import deployment  # noqa: E402

BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def nginx() -> str:
    path = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not path:
        reason = "nginx is not installed (Debian: apt-get install nginx)"
        if os.environ.get("CI"):
            pytest.fail(f"proxy tests must run in CI, but {reason}")
        pytest.skip(f"proxy tests skipped: {reason}")
    return path


@pytest.fixture(scope="module")
def proxied(tmp_path_factory, nginx, chromium):
    """Two dashboards on one database behind nginx; yields (deployment, data folder, database)."""
    folder = tmp_path_factory.mktemp("proxy")
    data = shutil.copytree(SHIPPED_DATA, folder / "data")
    db = folder / "gaptrack.duckdb"
    build(data, db)
    with deployment(db, replicas=2, run_dir=folder / "run", nginx=nginx) as running:
        yield running, data, db


def get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=30) as response:
        return response.status, response.headers, response.read()


def access_log(running) -> list[dict]:
    """nginx's access log: request, status, upstream (the process that answered) and route cookie."""
    pattern = re.compile(r'"(?P<request>[^"]*)" (?P<status>\d+) \d+ upstream=(?P<upstream>\S+) route=(?P<route>\S+)')
    return [m.groupdict() for m in map(pattern.search, (running.run_dir / "access.log").read_text().splitlines()) if m]


def headline(page) -> list[int | None]:
    """The Overview's figures (each question's done, pending, proposed), once all are drawn."""
    page.get_by_test_id("stMetricValue").nth(3 * len(QUESTIONS) - 1).wait_for()
    wait_ready(page)
    return [metric_count(v) for v in page.get_by_test_id("stMetricValue").all_inner_texts()]


def expected_headline(db: Path) -> list[int | None]:
    """The same figures from the shared queries, on the database as it is now."""
    with Store(db) as store:
        found = [answer(store, Filters(), q) for q in QUESTIONS]
    return [status_figure(a, k)[0] for a in found for k in ("done", "pending", "proposed")]


def test_the_dashboard_renders_and_a_csv_downloads_through_the_proxy(page, proxied, tmp_path):
    running, _, db = proxied
    page.goto(running.url + "/")
    wait_ready(page)
    page.get_by_role("heading", name=t("en", "overview_title")).wait_for()
    assert page.url.startswith(running.url + "/")
    route = {c["name"]: c for c in page.context.cookies()}["gaptrack_route"]
    assert route["path"] == "/gaptrack/" and route["httpOnly"]
    with page.expect_download() as caught:
        page.get_by_role("button", name=t("en", "download_coverage_plan")).click()
    target = tmp_path / "coverage.csv"
    caught.value.save_as(target)
    with Store(db) as store:
        assert target.read_bytes() == export_bytes(store, "coverage", answer(store, Filters(), "plan").filters)
    assert headline(page) == expected_headline(db)
    assert page.get_by_test_id("stException").count() == 0
    # the page, its websocket and the download all went to one process, through nginx (a websocket
    # is logged when it closes)
    page.goto("about:blank")
    for _ in range(50):
        mine = [line for line in access_log(running) if line["route"] == route["value"]]
        if any("/_stcore/stream" in line["request"] for line in mine):
            break
        time.sleep(0.1)
    assert any("/gaptrack/_stcore/stream" in line["request"] and line["status"] == "101" for line in mine)
    assert any("/gaptrack/media/" in line["request"] and line["status"] == "200" for line in mine)
    assert len({line["upstream"] for line in mine}) == 1


def test_sessions_stick_to_one_process_and_spread_over_both(proxied):
    running = proxied[0]
    routes = []
    for _ in range(24):
        _, headers, _ = get(running.url + "/")
        cookie = next(v for v in headers.get_all("Set-Cookie") if v.startswith("gaptrack_route="))
        routes.append(cookie.split(";", 1)[0])
    for route in routes:
        for _ in range(2):
            get(running.url + "/_stcore/health", {"Cookie": route})
    served: dict[str, set[str]] = {}
    for line in access_log(running):
        served.setdefault(line["route"], set()).add(line["upstream"])
    upstreams = [served[route.split("=", 1)[1]] for route in routes]
    assert all(len(u) == 1 for u in upstreams)  # each browser always reaches the same process
    assert set().union(*upstreams) == {f"127.0.0.1:{port}" for port in running.ports}  # both are used


def test_health_and_compressed_static_assets(proxied):
    running = proxied[0]
    assert get(running.url + "/_stcore/health")[2] == b"ok"
    _, _, index = get(running.url + "/")
    script = re.search(rb'src="\./(static/js/[^"]+\.js)"', index) or re.search(rb'"(static/js/[^"]+\.js)"', index)
    assert script, index[:400]
    url = f"{running.url}/{script.group(1).decode()}"
    _, plain_headers, plain = get(url)
    _, headers, packed = get(url, {"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain_headers
    assert gzip.decompress(packed) == plain and len(packed) < len(plain) / 2


def test_first_load_through_the_proxy_is_compressed(browser, proxied, artifacts):
    """The bytes a new browser fetches to draw the Overview, compressed by nginx and not."""
    running = proxied[0]
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(running.url + "/")
        wait_ready(page)
        sizes = page.evaluate(
            """() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                 .filter(e => e.name.startsWith(location.origin))
                 .reduce((s, e) => [s[0] + e.encodedBodySize, s[1] + e.decodedBodySize], [0, 0])"""
        )
    finally:
        context.close()
    compressed, uncompressed = sizes
    (artifacts.parent / "first-load.txt").write_text(
        f"first load of the Overview through nginx: {compressed / 2**20:.2f} MiB compressed, "
        f"{uncompressed / 2**20:.2f} MiB uncompressed\n",
        encoding="utf-8",
    )
    assert uncompressed > 1_000_000 and compressed < uncompressed / 2


def test_a_reader_sees_a_rebuild_on_the_next_rerun(page, proxied, tmp_path):
    from load import make_version_b

    running, data, db = proxied
    page.goto(running.url + "/")
    wait_ready(page)
    before = headline(page)
    make_version_b(data, tmp_path / "data-b")
    build(tmp_path / "data-b", db)
    try:
        after = expected_headline(db)
        assert after != before
        page.get_by_test_id("stSidebar").get_by_role("radio", name="中文").click()  # a rerun of this session
        page.get_by_role("heading", name=t("zh", "overview_title")).wait_for()
        wait_ready(page)
        assert headline(page) == after
    finally:
        build(data, db)


def test_the_load_client_through_the_proxy_while_the_database_is_rebuilt(nginx):
    """benchmarks/load.py --proxy: two processes behind nginx, sessions through it with the sticky
    cookie, changing views and downloading, while the database is rebuilt twice: zero errors."""
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "load.py"),
            "--proxy",
            "--sessions",
            "8",
            "--reruns",
            "8",
            "--servers",
            "2",
            "--rebuilds",
            "2",
            "--target",
            "60",
            "--per-page",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "PASS: 0 error(s)" in done.stdout and "through nginx" in done.stdout
    # --per-page: both servers recorded every run of the load (8 sessions x (open + 8 reruns))
    table = done.stdout.split("CPU of a script run per page", 1)[1]
    runs = int(next(line for line in table.splitlines() if line.startswith("all runs")).split()[2])
    assert runs >= 8 * 9, table
    assert "values made per cached function" in table and "question_view.drawn" in table, table


def test_a_reader_sees_a_saved_edit_on_the_next_rerun(page, proxied):
    """An edit saved while both processes serve (the save builds and swaps the database)."""
    from transforms.editing import edit
    from transforms.editing.saving import save

    running, data, db = proxied
    page.goto(running.url + "/")
    wait_ready(page)
    before = headline(page)
    save(data, db, edit.set_link(dict(item_id="rec-wg3-01", session_id="wg-3", status="done")), "Ann")
    try:
        page.get_by_test_id("stSidebar").get_by_role("radio", name="中文").click()
        page.get_by_role("heading", name=t("zh", "overview_title")).wait_for()
        wait_ready(page)
        assert headline(page) == expected_headline(db) != before
    finally:
        save(data, db, edit.undo(), "Ann")


def test_stopping_leaves_no_process_behind(tmp_path, nginx):
    """`gaptrack serve` runs Streamlit as a child: stopping a deployment stops both, and nginx."""
    import socket

    build(SHIPPED_DATA, tmp_path / "gaptrack.duckdb")
    with deployment(tmp_path / "gaptrack.duckdb", replicas=1, run_dir=tmp_path / "run", nginx=nginx) as running:
        groups = [p.pid for p in running.dashboards]
        ports = [*running.ports, int(running.url.rsplit(":", 1)[1].split("/", 1)[0])]
    for group in groups:
        with pytest.raises(ProcessLookupError):
            os.killpg(group, 0)
    for port in ports:
        with socket.socket() as s, pytest.raises(ConnectionRefusedError):
            s.connect(("127.0.0.1", port))
