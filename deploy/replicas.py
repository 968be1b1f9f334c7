"""Several gaptrack dashboards behind nginx on one machine: start N `gaptrack serve` processes on
the same database file, each under the base URL path, and nginx in front of them (the
configuration in deploy/nginx.conf, run from a folder of its own: no root needed).

    python deploy/replicas.py --replicas 3 --port 8080 [--base /gaptrack] [--data DIR] [--db PATH]

Then open http://HOST:8080/gaptrack/. It builds the database once first, waits until every
process answers /_stcore/health, starts nginx, and then watches: a process that exits is
started again (nginx leaves it out meanwhile). Ctrl-C or SIGTERM stops nginx and every process.
`gaptrack build` (or a save from the Edit page) swaps in a new database file under them; each
process reads the new data on its next rerun, without a restart. Restart this script after
deploying new code. The test tests/browser/test_proxy_in_browser.py runs the same code.
"""

from __future__ import annotations

import argparse
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf"


def free_port() -> int:
    """A TCP port nobody listens on now (on 127.0.0.1)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def normal_base(base: str) -> str:
    """The base URL path as '/name' (no slash at the end); ValueError for an empty one."""
    cleaned = "/" + base.strip("/")
    if cleaned == "/" or any(c in cleaned for c in " ;{}'\"$"):
        raise ValueError(f"base URL path {base!r}: expected a path such as /gaptrack")
    return cleaned


def nginx_config(run_dir: Path, listen: str, ports: list[int], base: str = "/gaptrack") -> str:
    """deploy/nginx.conf with its places filled in: nginx listening on `listen` (a port, or
    address:port), proxying to dashboards on 127.0.0.1 at `ports`, under the path `base`; its
    pid, logs and temporary files in run_dir."""
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=2 fail_timeout=10s;" for port in ports)
    # Run as root (a container, CI), the workers would switch to `nobody`, who cannot reach run_dir.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    mime = next((p for p in ("/etc/nginx/mime.types", "/usr/local/etc/nginx/mime.types") if Path(p).exists()), None)
    text = TEMPLATE.read_text(encoding="utf-8")
    for place, value in {
        "@@USER@@": user,
        "@@RUN_DIR@@": str(run_dir),
        "@@MIME_TYPES@@": mime or str(run_dir / "mime.types"),
        "@@SERVERS@@": servers,
        "@@LISTEN@@": listen,
        "@@BASE@@": normal_base(base),
    }.items():
        text = text.replace(place, value)
    if mime is None:
        (run_dir / "mime.types").write_text("types { text/html html; }\n", encoding="utf-8")
    return text


def dashboard_command(port: int) -> list[str]:
    """`gaptrack serve --port PORT` run by this Python."""
    return [sys.executable, "-m", "transforms.cli", "serve", "--port", str(port)]


def dashboard_env(db: Path, base: str, data: Path | None = None, **settings: str) -> dict[str, str]:
    """The environment of a dashboard process: its database, the base URL path and address as
    Streamlit settings (STREAMLIT_SERVER_*), and any further GAPTRACK_* settings."""
    env = {
        **os.environ,
        "GAPTRACK_DB": str(db),
        "STREAMLIT_SERVER_BASE_URL_PATH": normal_base(base).lstrip("/"),
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
        "STREAMLIT_SERVER_HEADLESS": "true",
        **settings,
    }
    if data is not None:
        env["GAPTRACK_DATA"] = str(data)
    return env


def healthy(url: str, timeout: float = 2) -> bool:
    """Whether url (a /_stcore/health address) answers 'ok'."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().strip() == b"ok"
    except OSError:
        return False


@dataclass
class Deployment:
    """Running dashboards and nginx: the proxy's URL (base path included) and each process."""

    url: str
    base: str
    ports: list[int]
    run_dir: Path
    env: dict[str, str]
    dashboards: list[subprocess.Popen] = field(default_factory=list)
    nginx: subprocess.Popen | None = None

    def dashboard_url(self, n: int) -> str:
        """The n-th dashboard's own address (not through nginx), base path included."""
        return f"http://127.0.0.1:{self.ports[n]}{self.base}"

    def start_dashboard(self, n: int) -> subprocess.Popen:
        """Start (or start again) the n-th dashboard process; its output goes to run_dir/dashboard-N.log."""
        with open(self.run_dir / f"dashboard-{n + 1}.log", "ab") as log:
            # a process group of its own: `gaptrack serve` runs Streamlit as its child, and stop() must reach both
            process = subprocess.Popen(
                dashboard_command(self.ports[n]),
                cwd=REPO,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        if n < len(self.dashboards):
            self.dashboards[n] = process
        else:
            self.dashboards.append(process)
        return process

    def wait_healthy(self, timeout: float = 90) -> None:
        """Wait until every dashboard and nginx answer /_stcore/health; RuntimeError with the log
        of one that exits or does not answer in time."""
        deadline = time.monotonic() + timeout
        checks = [(self.dashboard_url(n) + "/_stcore/health", n) for n in range(len(self.ports))]
        checks.append((self.url + "/_stcore/health", None))
        for url, n in checks:
            process = self.nginx if n is None else self.dashboards[n]
            log = self.run_dir / ("error.log" if n is None else f"dashboard-{n + 1}.log")
            while not healthy(url):
                if process.poll() is not None or time.monotonic() > deadline:
                    text = log.read_text(errors="replace") if log.exists() else ""
                    raise RuntimeError(f"{url} did not come up:\n{text[-4000:]}")
                time.sleep(0.2)

    def watch_once(self) -> list[int]:
        """Start again every dashboard whose process has exited; returns their numbers."""
        restarted = [n for n, p in enumerate(self.dashboards) if p.poll() is not None]
        for n in restarted:
            _signal_group(self.dashboards[n], signal.SIGKILL)  # a Streamlit left behind holds the port
            self.start_dashboard(n)
        return restarted

    def stop(self) -> None:
        """Stop nginx and every dashboard with the Streamlit it started (SIGTERM to each dashboard's
        process group, then SIGKILL after 10 s)."""
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.terminate()
        for process in self.dashboards:
            _signal_group(process, signal.SIGTERM)
        for process in [self.nginx, *self.dashboards]:
            if process is None:
                continue
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for process in self.dashboards:  # whatever of the group is still there
            deadline = time.monotonic() + 10
            while _group_alive(process) and time.monotonic() < deadline:
                time.sleep(0.1)
            _signal_group(process, signal.SIGKILL)


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    """Send sig to the process group a dashboard leads (its own pid), if it is still there."""
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        pass


def _group_alive(process: subprocess.Popen) -> bool:
    try:
        os.killpg(process.pid, 0)
    except ProcessLookupError:
        return False
    return True


@contextmanager
def nginx_in_front(
    ports: list[int],
    run_dir: Path,
    base: str = "/gaptrack",
    port: int | None = None,
    listen: str = "127.0.0.1",
    nginx: str | None = None,
):
    """Run nginx (deploy/nginx.conf) on listen:port (a free port if None) in front of dashboards on
    127.0.0.1 at `ports`, from run_dir; yield (process, URL with the base path); stop it after.
    FileNotFoundError when nginx is not installed."""
    nginx = nginx or shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise FileNotFoundError("nginx is not installed (Debian: apt-get install nginx)")
    run_dir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    conf = run_dir / "nginx.conf"
    conf.write_text(nginx_config(run_dir, f"{listen}:{port}", ports, base), encoding="utf-8")
    with open(run_dir / "nginx.out", "ab") as out:
        process = subprocess.Popen(
            [nginx, "-p", str(run_dir), "-c", str(conf), "-e", str(run_dir / "error.log")],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process, f"http://127.0.0.1:{port}{normal_base(base)}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def deployment(
    db: Path,
    replicas: int = 2,
    port: int | None = None,
    base: str = "/gaptrack",
    run_dir: Path | None = None,
    data: Path | None = None,
    nginx: str | None = None,
    listen: str = "127.0.0.1",
    **settings: str,
):
    """Start `replicas` dashboards on db (built already) on free ports and nginx on listen:port
    (a free port if None) in front, wait until all are healthy, yield the Deployment, stop them
    all. FileNotFoundError when nginx is not installed."""
    base = normal_base(base)
    run_dir = Path(run_dir or tempfile.mkdtemp(prefix="gaptrack-replicas-"))
    run_dir.mkdir(parents=True, exist_ok=True)
    ports = [free_port() for _ in range(replicas)]
    env = dashboard_env(Path(db), base, data, **settings)
    running = Deployment("", base, ports, run_dir, env)
    try:
        for n in range(replicas):
            running.start_dashboard(n)
        with nginx_in_front(ports, run_dir, base, port, listen, nginx) as (process, url):
            running.nginx, running.url = process, url
            running.wait_healthy()
            yield running
    finally:
        running.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2, help="dashboard processes (default 2)")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port (default 8080)")
    parser.add_argument("--listen", default="0.0.0.0", help="nginx's address (default 0.0.0.0: every interface)")
    parser.add_argument("--base", default="/gaptrack", help="the base URL path (default /gaptrack)")
    parser.add_argument("--data", type=Path, default=None, help="the data folder (default: data/ or $GAPTRACK_DATA)")
    parser.add_argument("--db", type=Path, default=None, help="the database (default: var/gaptrack.duckdb)")
    parser.add_argument("--run-dir", type=Path, default=REPO / "var" / "replicas", help="nginx's folder and logs")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from transforms.database.build import ensure_built
    from transforms.record.paths import default_data_dir, default_db_path

    data, db = Path(args.data or default_data_dir()), Path(args.db or default_db_path()).resolve()
    ensure_built(data, db)  # once, before the processes start
    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    run_dir = args.run_dir.resolve()
    with deployment(db, args.replicas, args.port, args.base, run_dir, data, listen=args.listen) as running:
        where = f"http://{args.listen}:{args.port}{running.base}/"
        print(f"gaptrack: {args.replicas} dashboards behind nginx on {where}", flush=True)
        try:
            while not stopping:
                for n in running.watch_once():
                    print(f"gaptrack: dashboard {n + 1} had exited; started again", flush=True)
                time.sleep(2)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
