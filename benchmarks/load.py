"""Load test of the running dashboard: concurrent sessions changing filters and downloading
CSVs while the database is rebuilt under them, served by one or more `streamlit run` processes;
with --floor, the same load against a plain Streamlit app of the same shape, and the ratio.

    python benchmarks/load.py [--sessions 50] [--reruns 20] [--servers 1] [--rebuilds 3] [--floor] [--proxy]

It takes one to four minutes at the defaults; see --help for the other options (--think,
--download, --mix, --streamlit-option runner.postScriptGC=false, --samples FILE,
--profile FILE, --per-page, ...). `make load` is --floor through one process.

What it does
  1. Builds two versions of the record in a temporary folder: A from data/, and B, a copy of
     data/ with some link statuses changed (so the headline figures differ), plus one
     reference database per version.
  2. Starts --servers `streamlit run dashboard/app.py` processes on free ports, all with
     GAPTRACK_DB on the same database file (how the dashboard scales out behind a proxy), and
     opens the overview once on each (the server's imports and first queries are not counted).
  3. Runs --sessions concurrent sessions, spread round-robin over the servers. Each opens the
     dashboard from a URL with a random view, then does --reruns interactions, back to back
     unless --think is given: change one filter (heading, status, kind, as-of, or the item on
     the Items page), switch the language, go to another page, or press "Clear filters".
     After a run, each download button it drew is fetched with probability --download (0.25).
  4. Meanwhile it rebuilds the served database --rebuilds times, alternating B, A, B, ... with
     `transforms.database.build.build` in a subprocess, at even steps of the load's progress.
     With --proxy the servers run under the base path /gaptrack behind nginx (deploy/nginx.conf,
     started as deploy/replicas.py does) and every session goes through nginx, carrying the
     sticky-session cookie nginx sets, as a browser does.
  5. Prints latency percentiles per kind of interaction and per server, the CPU time each
     server, this script, the rebuilds and other processes used, and every error; exits 1
     if there was any error or the p95 of all script runs is over --target seconds (1).
  6. With --floor, first runs the same sessions and reruns (same seed, same client, no rebuilds)
     against as many processes of benchmarks/floor_app.py: a sidebar multiselect, a metric, one
     Plotly bar chart, a table and a download button over the record read with pandas, no
     gaptrack code. Interactions that app has no widget for (language, page, clear) become
     filter changes. Then prints both apps side by side: reruns/s, p50, p95, and the servers'
     CPU per run (user + system time of the server processes over the load, downloads made on
     request included, divided by the runs), which is the steadiest cost measure on a shared
     machine, with the ratio gaptrack / floor; exits 1 also if that ratio is over
     --ratio-target (1.5). Beside it, a second reference measured the same way: the same
     sessions against benchmarks/floor_same_shape.py, plain Streamlit drawing the Overview's
     own elements (same widgets and keys, metrics, charts, tables, downloads) from data dumped
     once before the run (benchmarks/same_shape_data.py), always the whole record in the chosen
     language. It separates what Streamlit charges to draw the page from gaptrack's own cost;
     the target is judged against the floor app only. With --profile FILE, py-spy samples the
     dashboard process meanwhile (benchmarks/profile_summary.py FILE sums the stacks per function).
     With --per-page, each dashboard server records every script run's CPU in its own thread
     (benchmarks/run_cpu/sitecustomize.py) and the load prints it per page, with the part spent
     making new views and what each cached function made: the steadiest split on a shared machine.

How sessions are driven
  Each session is one websocket to /_stcore/stream speaking Streamlit's own protocol, as the
  browser does: a `BackMsg.rerun_script` with the `ClientState` (URL query string, page, and
  the widget states) starts a run; `ForwardMsg`s come back until `script_finished`. The
  session keeps the value of every widget the last run drew (the value the server set, else
  the one it held, else the widget's default) and sends them all with each rerun, with the one
  change the user made, as the browser's widget state manager does. Filter values are the
  option labels the server sent in the widget's element. So a session is one Streamlit
  session whose state carries over between reruns, not a new page load per step.
  A download button's file is fetched from its /media URL; if the button is deferred (given a
  callable, as the dashboard's are: the file is made on click), the session first asks for the
  file with a `backend_operation_request`, as the browser does on a click, then fetches it.

What counts
  Latency of a run: from sending `rerun_script` to receiving `script_finished`. The first run
  of a session ("open") counts as a run too; when it stops after the Overview's first chart
  (dashboard/first_paint.py), the session asks for the rest at once, as the browser does once the
  chart is drawn ("rest of the page", a run too). A download's latency is reported apart.
  Errors: an exception element or an error alert in a run; a `script_finished` status other
  than FINISHED_SUCCESSFULLY; a websocket failure or a run that does not finish within
  --timeout; a download that is not HTTP 200 UTF-8 CSV with a BOM; on the overview, headline
  figures (done, pending, proposed, total) that are neither version's figures for the view in
  the URL the server wrote (a half-built or mixed-up database), or that are not from a
  version that was current at some moment while the run was in progress (a stale database
  after a rebuild; while a build is running both the old and the new version count as current).
  Only the overview's headline figures are compared with the reference; other pages are
  checked for errors only.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import parse_qs, urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "deploy"))

from replicas import healthy, nginx_in_front  # noqa: E402
from streamlit.proto.Alert_pb2 import Alert  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402
from websockets.exceptions import WebSocketException  # noqa: E402

from dashboard.first_paint import KEY as REST_LATER  # noqa: E402
from dashboard.state import parse_query  # noqa: E402
from transforms.database import queries  # noqa: E402
from transforms.database.build import build  # noqa: E402
from transforms.database.coverage import QUESTIONS, Answer, on_record, question_filters, status_figure  # noqa: E402
from transforms.database.queries import Filters, Store, coverage_by_heading, coverage_totals  # noqa: E402
from transforms.presentation.i18n import catalog  # noqa: E402
from transforms.record.schema import HEADINGS, KINDS, LANGS, STATUSES  # noqa: E402

BOM = b"\xef\xbb\xbf"
DEFERRED = "deferred:"  # a download made on request (st.download_button given a callable)
FILTER_KEYS = ("heading", "status", "kind", "as_of")
# Weights of what a user does next (--mix). A page switch from another page goes back to the
# overview half of the time, so most runs are overview runs, whose headline figures are checked.
# "rerun" (no change, what a warm rerun costs) is not in the default mix.
ACTIONS = {"filter": 6, "language": 1, "page": 2, "clear": 1}
KNOWN_ACTIONS = (*ACTIONS, "rerun")
BUILD = (  # a rebuild, in a subprocess: python -c BUILD DATA_DIR DB_PATH
    "import sys; from pathlib import Path; from transforms.database.build import build; "
    "build(Path(sys.argv[1]), Path(sys.argv[2]))"
)


# --- the two versions of the record ----------------------------------------------------------


def make_version_b(data_a: Path, data_b: Path) -> None:
    """A copy of data/ whose headline figures differ: the Plan requirements become pending at
    the Working Group's fourth session, and the Chair's recommendations done at the third."""
    shutil.copytree(data_a, data_b)
    links = data_b / "links.csv"
    changes = ((",wg-4,proposed,", ",wg-4,pending,", "req-gpa-"), (",wg-3,pending,", ",wg-3,done,", "rec-wg3-"))
    lines = []
    for line in links.read_text(encoding="utf-8").splitlines(keepends=True):
        for old, new, prefix in changes:
            if line.startswith(prefix) and old in line:
                line = line.replace(old, new, 1)
        lines.append(line)
    links.write_text("".join(lines), encoding="utf-8", newline="")


class Reference:
    """The headline figures each version of the record gives for a view (each question's done,
    pending and proposed counts, None for a status the filter leaves out,
    transforms.database.coverage): what a correct dashboard shows.
    Read from a reference database per version, built before the run."""

    def __init__(self, databases: dict[str, Path]):
        self.stores = {version: Store(path) for version, path in databases.items()}
        for store in self.stores.values():  # small queries, one at a time: no need to share them between cores
            store.con.execute("SET threads = 1")
        some = next(iter(self.stores.values()))
        self.sessions = list(queries.labels(some, "en")["session"])
        self.items = queries.item_list(some, Filters()).item_id.tolist()
        self.cache: dict[tuple[str, Filters], tuple[int | None, ...]] = {}

    def filters(self, query_string: str) -> Filters:
        """The filters a URL query string stands for, read as the dashboard reads it."""
        values = parse_query(parse_qs(query_string), self.sessions, self.items).values
        return Filters(tuple(values["heading"]), tuple(values["status"]), tuple(values["kind"]), values["as_of"])

    def headline(self, version: str, query_string: str) -> tuple[int | None, ...]:
        filters = replace(self.filters(query_string), lang="en", curated=True)  # the counts are the same in any
        key = (version, filters)  # language and whatever the curated switch says (it applies to the Plan view only)
        if key not in self.cache:
            figures: list[int | None] = []
            for question in QUESTIONS:  # the Overview answers each apart; one excluded by the kind filter draws none
                found = self.figures(version, filters, question)
                if found is not None and on_record(found.totals):  # no metrics for a set with nothing on the record
                    for status in ("done", "pending", "proposed"):  # a status the filter leaves out shows a dash
                        figure = status_figure(found, status)
                        figures.append(None if figure is None else figure[0])
            self.cache[key] = tuple(figures)
        return self.cache[key]

    def figures(self, version: str, filters: Filters, question: str) -> Answer | None:
        """transforms.database.coverage.answer without the timeline (the headline figures need only
        the coverage per heading; the client runs on the same cores as the servers it measures)."""
        narrowed = question_filters(filters, question)
        if narrowed is None:
            return None
        coverage = coverage_by_heading(self.stores[version], narrowed)
        return Answer(question, narrowed, coverage, coverage_totals(coverage), None, None)

    def versions_showing(self, query_string: str, figures: tuple[int | None, ...]) -> set[str]:
        return {v for v in self.stores if self.headline(v, query_string) == figures}


# --- the servers -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A dashboard process and where it listens."""

    base: str
    process: subprocess.Popen
    log: Path

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server process so far (Linux /proc)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mib(self) -> float:
        """Resident memory of the server process now (Linux /proc)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(status.split("VmRSS:", 1)[1].split()[0]) / 1024


def wait_healthy(server: Server, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"streamlit exited:\n{server.log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{server.base}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"streamlit did not become healthy:\n{server.log.read_text(errors='replace')}")


DASHBOARD = REPO / "dashboard" / "app.py"
FLOOR = REPO / "benchmarks" / "floor_app.py"  # the plain app of the same shape (--floor)
# The second reference (--floor): the Overview's elements drawn by plain Streamlit from dumped data
SAME_SHAPE = REPO / "benchmarks" / "floor_same_shape.py"
SAME_SHAPE_DATA = REPO / "benchmarks" / "same_shape_data.py"


def streamlit_command(port: int, options: list[str], app: Path = DASHBOARD) -> list[str]:
    """The command the browser tests use to serve the dashboard (or app), plus any extra settings."""
    command = [sys.executable, "-m", "streamlit", "run", str(app)]
    command += ["--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true"]
    for option in options:
        key, _, value = option.partition("=")
        command += [f"--{key}", value]
    return command


@contextmanager
def servers(
    count: int,
    db: Path,
    folder: Path,
    options: list[str],
    path: str = "",
    app: Path = DASHBOARD,
    per_page: bool = False,
):
    """Start `count` dashboards (or another app) on free ports, all on the database file db
    (options: extra Streamlit settings as KEY=VALUE, passed on the command line; path: the base
    URL path the servers were given, as '/name'; per_page: each records its runs' CPU per page in
    folder/run-cpu-N.json, benchmarks/run_cpu)."""
    env = {**os.environ, "GAPTRACK_DB": str(db)}
    started: list[Server] = []
    try:
        for n in range(count):
            port, log = free_port(), folder / f"{app.stem}-server-{n + 1}.log"
            if per_page:
                env["PYTHONPATH"] = os.pathsep.join([str(RUN_CPU), *filter(None, [os.environ.get("PYTHONPATH")])])
                env["GAPTRACK_RUN_CPU"] = str(folder / f"run-cpu-{n + 1}.json")
            with open(log, "wb") as out:
                process = subprocess.Popen(
                    streamlit_command(port, options, app), cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT
                )
            started.append(Server(f"http://127.0.0.1:{port}{path}", process, log))
        for server in started:
            wait_healthy(server)
        yield started
    finally:
        for server in started:
            server.process.terminate()
        for server in started:
            try:
                server.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.process.kill()


# --- one session, over Streamlit's websocket protocol ----------------------------------------


@dataclass
class Run:
    """What one script run sent back."""

    sent: float = 0.0
    finished: float = 0.0
    status: int | None = None
    problems: list[str] = field(default_factory=list)
    metrics: list[tuple[list[int], str]] = field(default_factory=list)  # (delta path, shown value)
    downloads: list[str] = field(default_factory=list)  # media URLs of the download buttons
    held: bool = False  # a first run that stopped after the first chart (dashboard/first_paint.py)

    @property
    def latency(self) -> float:
        return self.finished - self.sent

    def headline(self) -> tuple[int | None, ...] | None:
        """The overview's figures in the order drawn: for each question it answers (the Plan's
        requirements, the Working Group's own items), done, pending and proposed (None for a dash)."""
        if len(self.metrics) % 3:  # none at all: neither set has anything on the record (as-of)
            return None
        return tuple(metric_count(body) for _, body in sorted(self.metrics))


def _count_patterns() -> list[re.Pattern]:
    """A metric's count in any language's 'N of M' wording (the catalogs' q_of), or alone."""
    patterns = []
    for lang in LANGS:
        text = re.escape(catalog(lang)["q_of"])
        text = text.replace(re.escape("{count}"), r"(?P<count>[\d,]+)").replace(re.escape("{total}"), r"[\d,]+")
        patterns.append(re.compile(f"^{text}$"))
    return [*patterns, re.compile(r"^(?P<count>[\d,]+)$")]


COUNT_PATTERNS = _count_patterns()


def metric_count(body: str) -> int | None:
    """The count a headline metric shows ('22', '0 of 8', '8 个中 0 个'), None for a dash (a status
    the filter leaves out); ValueError if neither."""
    if body.strip() == "–":
        return None
    for pattern in COUNT_PATTERNS:
        found = pattern.match(body.strip())
        if found:
            return int(found.group("count").replace(",", ""))
    raise ValueError(f"not a headline figure: {body!r}")


def options_of(kind: str, element) -> list[str]:
    return [o.content for o in element.options] if kind == "button_group" else list(element.options)


def widget_value(kind: str, element, known: tuple | None) -> tuple | None:
    """What the browser would send for a widget just drawn: the value the server set, else the
    one it holds already, else the widget's default. None: nothing to send."""
    if kind in ("multiselect", "button_group"):
        if element.set_value:
            return ("strings", list(element.raw_values))
        return known or ("strings", [options_of(kind, element)[i] for i in element.default])
    if element.set_value:
        return ("string", element.raw_value) if element.HasField("raw_value") else None
    if known:
        return known
    return ("string", element.options[element.default]) if element.HasField("default") else None


class Session:
    """One dashboard session: a websocket to /_stcore/stream, the URL query string, the page,
    and the widget values that the next rerun sends back."""

    def __init__(self, base: str, timeout: float, sticky: bool = False):
        self.base, self.timeout = base, timeout
        self.sticky = sticky  # through nginx: first fetch the page for the route cookie, then send it
        self.headers: dict[str, str] = {}
        self.ws = None
        self.query = ""
        self.page_hash = ""
        self.pages: dict[str, str] = {}  # page script hash -> url path ("overview" for the default)
        self.values: dict[str, tuple] = {}  # widget id -> ("strings" | "string", value)
        self.widgets: dict[str, tuple[str, str, list[str]]] = {}  # key -> (widget id, kind, options)
        self.buttons: list[str] = []  # sidebar buttons ("Clear filters")
        self.session_id = ""  # the server's id of this session

    @property
    def page(self) -> str:
        return self.pages.get(self.page_hash, "?")

    async def connect(self) -> None:
        if self.sticky:
            self.headers = await asyncio.to_thread(route_cookie, self.base + "/", self.timeout)
        url = self.base.replace("http", "ws", 1) + "/_stcore/stream"
        self.ws = await connect(
            url,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=self.timeout,
            ping_interval=None,
            additional_headers=self.headers,
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def run(self, changes: dict[str, tuple] | None = None, page_hash: str | None = None) -> Run:
        """Rerun the script with the widget values changed as given (or on another page)."""
        changes = changes or {}
        self.values.update({k: v for k, v in changes.items() if v[0] != "trigger"})
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash if page_hash is None else page_hash
        for widget_id, (kind, value) in {**self.values, **changes}.items():
            widget = state.widget_states.widgets.add(id=widget_id)
            if kind == "strings":
                widget.string_array_value.data.extend(value)
            elif kind == "string":
                widget.string_value = value
            else:
                widget.trigger_value = True
        run = Run(sent=time.perf_counter())
        await self.ws.send(message.SerializeToString())
        await asyncio.wait_for(self._receive(run), self.timeout)
        run.finished = time.perf_counter()
        return run

    async def _receive(self, run: Run) -> None:
        """Read ForwardMsgs until script_finished; note what the run drew."""
        drawn: dict[str, tuple] = {}
        self.widgets, self.buttons = {}, []
        while True:
            message = ForwardMsg.FromString(await self.ws.recv())
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                self._element(message, run, drawn)
            elif kind == "new_session" and message.new_session.initialize.session_id:
                self.session_id = message.new_session.initialize.session_id
            elif kind == "navigation":
                self.page_hash = message.navigation.page_script_hash
                self.pages = {p.page_script_hash: p.url_pathname or "overview" for p in message.navigation.app_pages}
            elif kind == "page_info_changed":
                self.query = message.page_info_changed.query_string
            elif kind == "session_event" and message.session_event.HasField("script_compilation_exception"):
                run.problems.append(f"script error: {message.session_event.script_compilation_exception.message}")
            elif kind == "ref_hash":
                run.problems.append("unexpected cached-message reference")  # we announce no cache
            elif kind == "script_finished":
                run.status = message.script_finished
                self.values = drawn  # like the browser: only widgets still on the page keep state
                return

    def _element(self, message: ForwardMsg, run: Run, drawn: dict[str, tuple]) -> None:
        element = message.delta.new_element
        kind = element.WhichOneof("type")
        path = list(message.metadata.delta_path)
        if kind == "exception":
            run.problems.append(f"exception element: {element.exception.type}: {element.exception.message}")
        elif kind == "alert" and element.alert.format == Alert.ERROR:
            run.problems.append(f"error alert: {element.alert.body[:200]}")
        elif kind == "metric":
            run.metrics.append((path, element.metric.body))
        elif kind == "button" and element.button.id.endswith(REST_LATER):  # the first run's ask for the rest
            run.held = True
        elif kind == "download_button":
            button = element.download_button
            if button.url or button.deferred_file_id:
                run.downloads.append(button.url or DEFERRED + button.deferred_file_id)
            else:
                run.problems.append("download button without a file")
        elif kind == "button" and path[:1] == [1]:
            self.buttons.append(element.button.id)
        elif kind in ("multiselect", "selectbox", "button_group"):
            widget = getattr(element, kind)
            value = widget_value(kind, widget, self.values.get(widget.id))
            if value is not None:
                drawn[widget.id] = value
            self.widgets[widget.id.split("-", 2)[-1]] = (widget.id, kind, options_of(kind, widget))

    async def download(self, url: str) -> tuple[float, str | None]:
        """Fetch a download button's file; (seconds, what is wrong with it or None). A deferred
        download is made on request first, as the browser does when the button is clicked."""
        start, how = time.perf_counter(), "deferred" if url.startswith(DEFERRED) else "media URL"
        try:
            if how == "deferred":
                url = await asyncio.wait_for(self._deferred_url(url.removeprefix(DEFERRED)), self.timeout)
            status, content_type, body = await asyncio.to_thread(fetch, self.base + url, self.timeout, self.headers)
        except (OSError, ValueError) as err:
            return time.perf_counter() - start, f"download ({how}): {type(err).__name__}: {err}"
        seconds = time.perf_counter() - start
        if url.endswith(".html"):  # the briefing (an HTML page), not a CSV file
            if status != 200 or "text/html" not in content_type or not body.startswith(b"<!DOCTYPE html>"):
                return seconds, f"download ({how}): HTTP {status}, {content_type!r}, starts {body[:12]!r}"
            return seconds, None
        if status != 200 or "text/csv" not in content_type or not body.startswith(BOM):
            return seconds, f"download ({how}): HTTP {status}, {content_type!r}, starts {body[:12]!r}"
        try:
            body.decode("utf-8")
        except UnicodeDecodeError as err:
            return seconds, f"download ({how}): not UTF-8 ({err})"
        return seconds, None

    async def _deferred_url(self, file_id: str) -> str:
        """Ask the server to make a deferred download (st.download_button with a callable)."""
        message = BackMsg()
        request = message.backend_operation_request
        request.request_id, request.session_id = str(uuid.uuid4()), self.session_id
        request.deferred_file.file_id = file_id
        await self.ws.send(message.SerializeToString())
        while True:
            reply = ForwardMsg.FromString(await self.ws.recv())
            response = reply.backend_operation_response
            if reply.WhichOneof("type") == "backend_operation_response" and response.request_id == request.request_id:
                if response.error_msg:
                    raise ValueError(f"deferred download refused: {response.error_msg}")
                return response.deferred_file.url


def fetch(url: str, timeout: float, headers: dict[str, str] | None = None) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=timeout) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read()


def route_cookie(url: str, timeout: float) -> dict[str, str]:
    """Open the page as a browser does and keep the sticky-session cookie nginx sets: the header
    that sends it back ({} if none was set)."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        for value in response.headers.get_all("Set-Cookie") or []:
            if value.startswith("gaptrack_route="):
                return {"Cookie": value.split(";", 1)[0]}
    return {}


# --- what users do ---------------------------------------------------------------------------


def random_view(rng: random.Random, sessions: list[str]) -> str:
    """A URL query string for a session's first run: a few filters, sometimes as-of or 中文."""
    params = {
        key: rng.sample(keys, rng.randint(0, 2))
        for key, keys in zip(("heading", "status", "kind"), (HEADINGS, STATUSES, KINDS))
    }
    if rng.random() < 0.3:
        params["as_of"] = [rng.choice(sessions)]
    if rng.random() < 0.3:
        params["lang"] = ["zh"]
    return urlencode(params, doseq=True)


def next_action(session: Session, rng: random.Random, mix: dict[str, float]) -> tuple[str, dict, str | None]:
    """What the user does next: (name, widget changes, page to go to or None)."""
    action = rng.choices(list(mix), weights=list(mix.values()))[0]
    if action == "rerun":
        return action, {}, None
    if action == "page" and len(session.pages) > 1:
        others = [h for h in session.pages if h != session.page_hash]
        overview = [h for h, name in session.pages.items() if name == "overview"]
        back = session.page != "overview" and rng.random() < 0.5
        return action, {}, (overview[0] if back and overview else rng.choice(others))
    if action == "clear" and session.buttons:
        return action, {session.buttons[0]: ("trigger", True)}, None
    if action == "language" and "lang" in session.widgets:
        widget_id, _, options = session.widgets["lang"]
        current = session.values.get(widget_id, ("strings", []))[1]
        return action, {widget_id: ("strings", [o for o in options if o not in current][:1])}, None
    keys = [k for k in (*FILTER_KEYS, "item") if k in session.widgets]  # "item": on the Items page
    if not keys:
        return "rerun", {}, None  # the last run drew no filters (an error already counted)
    key = rng.choice(keys)
    widget_id, kind, options = session.widgets[key]
    if kind == "selectbox":
        return "filter", {widget_id: ("string", rng.choice(options))}, None
    return "filter", {widget_id: ("strings", rng.sample(options, rng.randint(0, 2)))}, None


@dataclass
class Build:
    """One rebuild: the version it swaps in, and when it ran (perf_counter seconds)."""

    version: str
    started: float
    finished: float | None = None
    seconds: float = 0.0


class Rebuilder:
    """Rebuilds the served database in a subprocess, alternating the versions, at even steps of
    the load's progress; remembers when each version was current."""

    def __init__(self, db: Path, data: dict[str, Path], count: int):
        self.db, self.data, self.count = db, data, count
        self.builds = [Build("A", -math.inf, -math.inf)]
        self.problems: list[str] = []

    def current_during(self, start: float, end: float) -> set[str]:
        """Versions that were (or may have been, while a build ran) current in [start, end]."""
        versions = set()
        for build_, following in zip(self.builds, [*self.builds[1:], None]):
            until = math.inf if following is None or following.finished is None else following.finished
            if build_.started <= end and until >= start:
                versions.add(build_.version)
        return versions

    async def run(self, progress, total: int) -> None:
        for k in range(1, self.count + 1):
            while progress() < total * k / (self.count + 1):
                await asyncio.sleep(0.05)
            await self.rebuild("B" if k % 2 else "A")

    async def rebuild(self, version: str) -> None:
        build_ = Build(version, time.perf_counter())
        self.builds.append(build_)
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            BUILD,
            str(self.data[version]),
            str(self.db),
            cwd=REPO,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        output, _ = await process.communicate()
        build_.finished = time.perf_counter()
        build_.seconds = build_.finished - build_.started
        if process.returncode:
            self.problems.append(f"rebuild to {version} failed: {output.decode(errors='replace')[-500:]}")


@dataclass
class Results:
    """What the sessions measured and what went wrong."""

    runs: int = 0
    latency: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))  # row -> seconds
    errors: list[tuple[str, str]] = field(default_factory=list)  # (row, message)
    failed: Counter = field(default_factory=Counter)  # row -> runs with an error
    versions: Counter = field(default_factory=Counter)  # version(s) an overview run's figures match
    samples: list[tuple] = field(default_factory=list)  # (finished at, row, server, seconds, problems)
    during_rebuild: int = 0  # runs in progress while a rebuild ran or swapped in

    def add(self, rows: list[str], seconds: float, problems: list[str], server: str = "") -> None:
        for row in rows:
            self.latency[row].append(seconds)
        self.errors += [(rows[0], p) for p in problems]
        self.failed.update(rows if problems else [])
        self.samples.append((time.perf_counter(), rows[0], server, seconds, len(problems)))


def check(
    run: Run, session: Session, reference: Reference, rebuilder: Rebuilder, results: Results, figures: bool = True
) -> list[str]:
    """What is wrong with a run (see the module docstring); figures=False: errors only (the floor app)."""
    problems = list(run.problems)
    if run.status != ForwardMsg.FINISHED_SUCCESSFULLY:
        problems.append(f"script_finished status {run.status}")
    if not figures or session.page != "overview" or problems:
        return problems
    figures = run.headline()
    if figures is None:
        return [*problems, "no headline figures on the overview"]
    showing = reference.versions_showing(session.query, figures)
    current = rebuilder.current_during(run.sent, run.finished)
    results.versions["/".join(sorted(showing)) or "none"] += 1
    if not showing:
        problems.append(f"headline {figures} is no version's figures for ?{session.query}")
    elif not showing & current:
        problems.append(f"stale: headline {figures} is version {'/'.join(showing)}, current {'/'.join(current)}")
    return problems


@dataclass
class Load:
    """Everything the sessions share."""

    args: argparse.Namespace
    reference: Reference
    rebuilder: Rebuilder
    results: Results = field(default_factory=Results)
    start: float = 0.0  # perf_counter when the load began
    floor: bool = False  # the sessions drive the floor app: no headline figures to check


async def step(load: Load, session: Session, server: str, action: str, rng: random.Random, **rerun) -> Run:
    """One run, checked, and (with probability --download) a download of each file it offers. A
    first run held after its first chart is checked for errors only (its headline is half drawn)."""
    run = await session.run(**rerun)
    load.results.runs += 1
    load.results.during_rebuild += len(load.rebuilder.current_during(run.sent, run.finished)) > 1
    figures = not load.floor and not run.held
    problems = check(run, session, load.reference, load.rebuilder, load.results, figures=figures)
    load.results.add([action, "all runs", server], run.latency, problems, server)
    for url in (u for u in run.downloads if rng.random() < load.args.download):
        seconds, problem = await session.download(url)
        load.results.add(["download"], seconds, [problem] if problem else [], server)
    return run


async def user(load: Load, number: int, base: str, server: str) -> None:
    """One user: open the dashboard from a URL, then interact --reruns times."""
    args = load.args
    rng = random.Random(args.seed * 100_003 + number)
    session = Session(base, args.timeout, sticky=args.proxy)
    session.query = random_view(rng, load.reference.sessions)
    await asyncio.sleep(args.ramp * number / args.sessions)
    try:
        await session.connect()
        if (await step(load, session, server, "open", rng)).held:  # the browser asks for the rest at once
            await step(load, session, server, "rest of the page", rng)
        for _ in range(args.reruns):
            await asyncio.sleep(rng.uniform(0, 2 * args.think))
            action, changes, page = next_action(session, rng, args.mix)
            await step(load, session, server, action, rng, changes=changes, page_hash=page)
    except (WebSocketException, OSError, TimeoutError) as err:
        load.results.errors.append(("websocket", f"session {number} on {server}: {type(err).__name__}: {err}"))
    finally:
        await session.close()


async def warm_up(bases: list[str], timeout: float) -> None:
    """Open the overview once on each server: the server's imports are not part of the load."""
    for base in bases:
        session = Session(base, timeout)
        await session.connect()
        run = await session.run()
        await session.close()
        if run.problems or run.status != ForwardMsg.FINISHED_SUCCESSFULLY:
            raise RuntimeError(f"{base} does not draw the overview: {run.problems or run.status}")


async def run_load(load: Load, bases: list[str]) -> float:
    """All sessions at once (and the rebuilds meanwhile); returns the wall time in seconds."""
    total = load.args.sessions * (load.args.reruns + 1)
    start = load.start = time.perf_counter()
    rebuilds = asyncio.create_task(load.rebuilder.run(lambda: load.results.runs, total))
    users = [user(load, n, bases[n % len(bases)], f"server {n % len(bases) + 1}") for n in range(load.args.sessions)]
    await asyncio.gather(*users)
    wall = time.perf_counter() - start
    if len(load.rebuilder.builds) <= load.rebuilder.count:
        rebuilds.cancel()
        load.results.errors.append(("rebuild", "the load ended before every rebuild had started"))
    await asyncio.gather(rebuilds, return_exceptions=True)
    return wall


# --- the report ------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(math.ceil(q * len(ordered)) - 1, 0)]


@dataclass
class Measured:
    """One app under the load: what the sessions saw and what the servers used."""

    name: str  # "gaptrack", "floor" or "same shape"
    load: Load
    wall: float
    cpu: dict[str, float]  # CPU seconds during the load: "server N", "this script", ...
    memory: dict[str, float]
    app: Path = DASHBOARD

    @property
    def server_cpu(self) -> float:
        return sum(v for k, v in self.cpu.items() if k.startswith("server"))

    def figures(self) -> dict[str, float]:
        """reruns/s, p50 and p95 of all runs (s), and the servers' CPU per run (ms)."""
        runs, latency = self.load.results.runs, self.load.results.latency["all runs"]
        return {
            "reruns/s": runs / self.wall,
            "p50 s": percentile(latency, 0.5) if latency else math.nan,
            "p95 s": percentile(latency, 0.95) if latency else math.nan,
            "server CPU ms/rerun": 1000 * self.server_cpu / runs if runs else math.nan,
        }


def report(measured: Measured) -> bool:
    """Print the results; True if there was no error and the p95 target was met (for the floor
    app: no error)."""
    load, wall, cpu, memory = measured.load, measured.wall, dict(measured.cpu), measured.memory
    args = load.args
    app = measured.app.relative_to(REPO)
    print(f"\n=== {measured.name} ({app}) ===")
    print(
        f"{args.sessions} sessions x (open + {args.reruns} reruns) on {args.servers} server(s), "
        f"{load.rebuilder.count} rebuild(s), think time {args.think} s, download chance {args.download}, "
        f"in {wall:.1f} s"
    )
    print("interactions: " + ", ".join(f"{k}={v:g}" for k, v in args.mix.items()))
    if args.streamlit_option:
        print("extra Streamlit settings: " + " ".join(args.streamlit_option))
    print_latencies(load.results)
    print_context(load, wall, cpu, memory)
    return print_verdict(load)


def compare(gaptrack: Measured, floor: Measured, target: float, shape: Measured | None = None) -> bool:
    """The apps side by side, measured by the same client in the same run, and the ratio of
    gaptrack's cost to the floor's (for reruns/s: the floor's rate over gaptrack's), and to the
    same-shape app's if given (a second reference, not the target's). True if the server CPU
    per rerun is within `target` times the floor's."""
    ours, base = gaptrack.figures(), floor.figures()
    same = shape.figures() if shape else {}

    def ratio(name: str, other: dict[str, float]) -> float:
        return other[name] / ours[name] if name == "reruns/s" else ours[name] / other[name]

    print(
        "\n=== gaptrack against the floor"
        + (" and the same-shape app" if shape else "")
        + " (same client, same run) ==="
    )
    print(f"{'':<22}{'gaptrack':>10}{'floor':>10}{'ratio':>8}" + (f"{'shape':>10}{'ratio':>8}" if shape else ""))
    ratios = {}
    for name in ours:
        ratios[name] = ratio(name, base)
        line = f"{name:<22}{ours[name]:>10.3f}{base[name]:>10.3f}{ratios[name]:>7.2f}x"
        print(line + (f"{same[name]:>10.3f}{ratio(name, same):>7.2f}x" if shape else ""))
    cost = ratios["server CPU ms/rerun"]
    met = cost <= target
    print(
        f"cost of a gaptrack rerun: {cost:.2f}x the floor's server CPU, {ratios['p50 s']:.2f}x its p50 latency, "
        f"{ratios['p95 s']:.2f}x its p95 (target {target}x CPU{'' if met else ': missed'})"
    )
    if shape:
        print(
            f"against the same-shape app (the Overview's elements from dumped data, {SAME_SHAPE.relative_to(REPO)}; "
            f"not the target's floor): {ratio('server CPU ms/rerun', same):.2f}x its server CPU; "
            f"the same-shape app costs {same['server CPU ms/rerun'] / base['server CPU ms/rerun']:.2f}x the floor's"
        )
    return met


def print_latencies(results: Results) -> None:
    print(f"\n{'':<16}{'count':>7}{'p50 s':>8}{'p95 s':>8}{'max s':>8}{'failed':>8}")
    rows = [*[a for a in ("open", "rest of the page", *KNOWN_ACTIONS) if a in results.latency], "all runs"]
    rows += sorted(r for r in results.latency if r.startswith("server")) + ["download"]
    for row in rows:
        values = results.latency.get(row, [])
        figures = [percentile(values, q) for q in (0.5, 0.95, 1.0)] if values else [math.nan] * 3
        print(f"{row:<16}{len(values):>7}" + "".join(f"{v:>8.3f}" for v in figures) + f"{results.failed[row]:>8}")


def print_context(load: Load, wall: float, cpu: dict[str, float], memory: dict[str, float]) -> None:
    """Throughput, the rebuilds, which versions were seen, and where the CPU went."""
    results = load.results
    print(f"\nruns finished: {results.runs}; runs per second: {results.runs / wall:.1f}")
    for n, b in enumerate(load.rebuilder.builds[1:], 1):
        print(f"rebuild {n} -> version {b.version}: started at {b.started - load.start:.1f} s, took {b.seconds:.1f} s")
    print(
        "overview runs whose headline figures are version: "
        + ", ".join(f"{v} {n}" for v, n in sorted(results.versions.items()))
        + f" (A/B: the same in both); runs in progress during a rebuild: {results.during_rebuild}"
    )
    cpu["other processes"] = cpu.pop("machine") - sum(cpu.values())
    print(
        f"CPU seconds used during the load ({os.cpu_count()} cores x {wall:.0f} s = {os.cpu_count() * wall:.0f}): "
        + ", ".join(f"{name} {seconds:.1f}" for name, seconds in cpu.items())
    )
    print("memory at the end (RSS): " + ", ".join(f"{name} {mib:.0f} MiB" for name, mib in memory.items()))


def print_verdict(load: Load) -> bool:
    """The errors (same message counted once) and PASS or FAIL; True for PASS."""
    args, results = load.args, load.results
    problems = results.errors + [("rebuild", p) for p in load.rebuilder.problems]
    expected = args.sessions * (args.reruns + 1)
    if results.runs < expected:
        problems.append(("load", f"only {results.runs} of {expected} runs finished"))
    for (row, message), count in Counter(problems).most_common(30):
        print(f"ERROR [{row}] {message}" + (f" ({count} times)" if count > 1 else ""))
    p95 = percentile(results.latency["all runs"], 0.95) if results.latency["all runs"] else math.inf
    met = p95 <= args.target or load.floor  # the floor is measured, not judged: only its errors count
    print(
        f"\n{'PASS' if met and not problems else 'FAIL'}: {len(problems)} error(s); "
        f"p95 of all runs {p95:.3f} s" + ("" if load.floor else f" (target {args.target} s{'' if met else ': missed'})")
    )
    return met and not problems


# --- main ------------------------------------------------------------------------------------


def mix(text: str) -> dict[str, float]:
    """--mix filter=6,page=2: what users do, with weights; actions not named are not done."""
    weights = {}
    for part in text.split(","):
        name, _, weight = part.partition("=")
        if name.strip() not in KNOWN_ACTIONS:
            raise argparse.ArgumentTypeError(f"unknown action {name!r}; expected: {', '.join(KNOWN_ACTIONS)}")
        weights[name.strip()] = float(weight or 1)
    return weights


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--sessions", type=int, default=50, help="concurrent sessions (default 50)")
    parser.add_argument("--reruns", type=int, default=20, help="reruns per session after opening (default 20)")
    parser.add_argument("--servers", type=int, default=1, help="dashboard processes on the same database (default 1)")
    parser.add_argument("--rebuilds", type=int, default=3, help="database rebuilds during the load (default 3)")
    parser.add_argument("--target", type=float, default=1.0, help="p95 latency target in seconds (default 1)")
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also run the same load (no rebuilds) against as many processes of benchmarks/floor_app.py, "
        "a plain Streamlit app of the same shape, and print the ratio",
    )
    parser.add_argument(
        "--ratio-target",
        type=float,
        default=1.5,
        help="with --floor: most server CPU per rerun, as a multiple of the floor's (default 1.5)",
    )
    parser.add_argument("--think", type=float, default=0.0, help="mean pause between a user's reruns, s (default 0)")
    parser.add_argument("--download", type=float, default=0.25, help="chance to download a file offered (default 0.25)")
    parser.add_argument("--ramp", type=float, default=0.0, help="spread the sessions' starts over this many s")
    parser.add_argument("--timeout", type=float, default=60.0, help="a run that takes longer is an error (default 60)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the users' choices")
    parser.add_argument(
        "--mix",
        type=mix,
        default=ACTIONS,
        help="weights of the interactions (default: " + ",".join(f"{k}={v}" for k, v in ACTIONS.items()) + ")",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (server logs)")
    parser.add_argument(
        "--proxy", action="store_true", help="serve under /gaptrack behind nginx (deploy/nginx.conf); needs nginx"
    )
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="FILE",
        help="sample the (first) dashboard process with py-spy during the load (pip install py-spy) and write "
        "its stacks to FILE (folded, one stack a line); summarise with benchmarks/profile_summary.py",
    )
    parser.add_argument(
        "--profile-gil",
        action="store_true",
        help="with --profile: sample only the thread holding Python's GIL (where the Python CPU goes; "
        "without it, threads waiting for the GIL are sampled too, and DuckDB's own threads' work shows)",
    )
    parser.add_argument(
        "--per-page",
        action="store_true",
        help="print each page's script-run CPU (in its own thread), the part in the page's script and the "
        "part making new views, and the views made per cached function (benchmarks/run_cpu)",
    )
    parser.add_argument("--samples", type=Path, help="write every run's latency to this CSV file")
    parser.add_argument(
        "--streamlit-option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an extra Streamlit setting for the servers, e.g. runner.postScriptGC=false (repeatable)",
    )
    return parser.parse_args()


def prepare(folder: Path) -> tuple[Path, dict[str, Path], Reference]:
    """Both versions' data, their reference databases, and the served database (version A)."""
    data = {"A": REPO / "data", "B": folder / "data-b"}
    make_version_b(data["A"], data["B"])
    databases = {version: folder / f"reference-{version}.duckdb" for version in data}
    for version, path in databases.items():
        build(data[version], path)
    served = folder / "served" / "gaptrack.duckdb"
    build(data["A"], served)
    reference = Reference(databases)
    if reference.headline("A", "") == reference.headline("B", ""):
        raise RuntimeError("version B has the same headline figures as A: make_version_b no longer changes data/")
    return served, data, reference


def cpu_now(servers_: list[Server]) -> dict[str, float]:
    """CPU seconds used so far by each server, this script, the finished rebuilds, and the machine."""
    used = {f"server {n}": s.cpu_seconds() for n, s in enumerate(servers_, 1)}
    used["this script"] = time.process_time()
    used["rebuilds"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    used["rebuilds"] += resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime
    ticks = [int(t) for t in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    used["machine"] = (sum(ticks[:8]) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")  # all but idle, iowait
    return used


def write_samples(load: Load, path: Path) -> None:
    """Every run and download: when it finished (s from the start), what, where, how long."""
    with open(path, "w", encoding="utf-8") as out:
        out.write("finished_s,what,server,seconds,errors\n")
        for finished, row, server, seconds, errors in load.results.samples:
            out.write(f"{finished - load.start:.3f},{row},{server},{seconds:.4f},{errors}\n")
        for n, b in enumerate(load.rebuilder.builds[1:], 1):
            if b.finished is not None:
                out.write(f"{b.finished - load.start:.3f},rebuild {n} {b.version},,{b.seconds:.4f},0\n")


PROXY_PATH = "/gaptrack"


@contextmanager
def proxied(args: argparse.Namespace, started: list[Server], folder: Path):
    """The addresses sessions use: each server's own, or with --proxy nginx's (one for all)."""
    if not args.proxy:
        yield [s.base for s in started]
        return
    ports = [int(s.base.rsplit(":", 1)[1].split("/", 1)[0]) for s in started]
    with nginx_in_front(ports, folder / "nginx", PROXY_PATH) as (process, url):
        deadline = time.monotonic() + 30
        while not healthy(url + "/_stcore/health"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start: {(folder / 'nginx' / 'error.log').read_text()}")
            time.sleep(0.2)
        yield [url]


def profiler(output: Path, server: Server, gil: bool = False) -> subprocess.Popen:
    """py-spy sampling the server's threads (idle ones left out; with `gil`, only the thread
    holding the GIL) without pausing it."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    command = [spy, "record", "--pid", str(server.process.pid), "--rate", "200", "--nonblocking"]
    command += ["--gil"] if gil else []
    command += ["--format", "raw", "--output", str(output)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


RUN_CPU = REPO / "benchmarks" / "run_cpu"  # its sitecustomize.py records each run's CPU per page
PER_PAGE: list[str] = []


def per_page_table(files: list[Path]) -> str:
    """What benchmarks/run_cpu recorded in the servers' files, as a table: per page, its runs and
    the mean CPU of a run in its script thread (ms), of the page's own script, of the sidebar and
    the rest, and of making values the caches did not hold (new views); then per cached function,
    the values made and their mean CPU; then the files made on request (downloads), per type."""
    import json

    runs, made = [], Counter()
    spent: Counter = Counter()
    downloads: dict[str, list] = defaultdict(lambda: [0, 0.0])
    collections: dict[str, list] = defaultdict(lambda: [0, 0.0])
    for file in files:
        if not file.exists():
            continue
        held = json.loads(file.read_text())
        runs += held["runs"]
        for name, (count, cpu) in held["made"].items():
            made[name] += count
            spent[name] += cpu
        for kind, (count, cpu) in held.get("files", {}).items():
            downloads[kind][0] += count
            downloads[kind][1] += cpu
        for generation, (count, seconds) in held.get("collections", {}).items():
            collections[generation][0] += count
            collections[generation][1] += seconds
    if not runs:
        return "\nper page: nothing recorded (benchmarks/run_cpu)"
    pages = defaultdict(list)
    for page, total, own, new in runs:
        pages[page or "(default: overview)"].append((total, own, new))
    lines = [
        "\nCPU of a script run per page, ms (its own thread; benchmarks/run_cpu):",
        f"{'page':<22}{'runs':>6}{'run':>9}{'page':>9}{'rest':>9}{'new views':>11}",
    ]
    for page, held in sorted(pages.items(), key=lambda kv: -sum(r[0] for r in kv[1])):
        n = len(held)
        total, own, new = (1000 * sum(r[i] for r in held) / n for i in range(3))
        lines.append(f"{page:<22}{n:>6}{total:>9.2f}{own:>9.2f}{total - own:>9.2f}{new:>11.2f}")
    every = 1000 * sum(r[1] for r in runs) / len(runs)
    lines.append(f"{'all runs':<22}{len(runs):>6}{every:>9.2f}")
    lines.append("\nvalues made per cached function (dashboard.kept; nested calls counted in each):")
    for name, count in sorted(made.items(), key=lambda kv: -spent[kv[0]])[:15]:
        lines.append(f"  {name:<36}{count:>6} made, {1000 * spent[name] / count:7.2f} ms each")
    lines.append("\nfiles made on request (downloads; a worker thread's CPU, not a script run's):")
    for kind, (count, cpu) in sorted(downloads.items()):
        lines.append(f"  {kind:<36}{count:>6} made, {1000 * cpu / count:7.2f} ms each")
    lines.append("\nPython's garbage collections (any thread; wall time, the collecting thread holds the GIL):")
    for generation, (count, seconds) in sorted(collections.items()):
        lines.append(f"  generation {generation:<25}{count:>6} made, {1000 * seconds / count:7.2f} ms each")
    return "\n".join(lines)


def measure(args: argparse.Namespace, folder: Path, served: Path, load: Load, app: Path) -> Measured:
    """Start the app's servers, warm them up, run the load against them; what was measured."""
    options = [*args.streamlit_option, *([f"server.baseUrlPath={PROXY_PATH[1:]}"] if args.proxy else [])]
    path = PROXY_PATH if args.proxy else ""
    per_page = args.per_page and app == DASHBOARD
    with (
        servers(args.servers, served, folder, options, path, app, per_page) as started,
        proxied(args, started, folder) as bases,
    ):
        through = f", through nginx at {bases[0]}" if args.proxy else ""
        print(f"{app.relative_to(REPO)}: {', '.join(s.base for s in started)} on {served}{through}", flush=True)
        asyncio.run(warm_up([s.base for s in started], args.timeout))
        sampling = profiler(args.profile, started[0], args.profile_gil) if args.profile and not load.floor else None
        before = cpu_now(started)
        wall = asyncio.run(run_load(load, bases))
        after = cpu_now(started)
        if sampling is not None:
            sampling.send_signal(signal.SIGINT)  # py-spy writes its file when interrupted
            sampling.wait(timeout=60)
        memory = {f"server {n}": s.rss_mib() for n, s in enumerate(started, 1)}
    if per_page:
        PER_PAGE.append(per_page_table(sorted(folder.glob("run-cpu-*.json"))))
    name = {DASHBOARD: "gaptrack", FLOOR: "floor", SAME_SHAPE: "same shape"}[app]
    return Measured(name, load, wall, {k: after[k] - before[k] for k in after}, memory, app)


def main() -> int:
    args = arguments()
    if args.floor and args.proxy:
        raise SystemExit("--floor and --proxy: measure the floor without the proxy")
    folder = Path(tempfile.mkdtemp(prefix="gaptrack-load-"))
    try:
        served, data, reference = prepare(folder)
        measured = []
        if args.floor:  # the same sessions and reruns against the plain apps; nothing to rebuild under them
            floor = Load(args, reference, Rebuilder(served, data, 0), floor=True)
            measured.append(measure(args, folder, served, floor, FLOOR))
            dumped = folder / "same-shape.pickle"  # the Overview's data, dumped once with gaptrack's code
            subprocess.run([sys.executable, str(SAME_SHAPE_DATA), str(served), str(dumped)], cwd=REPO, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            os.environ["SAME_SHAPE_DATA"] = str(dumped)
            shape = Load(args, reference, Rebuilder(served, data, 0), floor=True)
            measured.append(measure(args, folder, served, shape, SAME_SHAPE))
        load = Load(args, reference, Rebuilder(served, data, args.rebuilds))
        measured.insert(0, measure(args, folder, served, load, DASHBOARD))
        ok = all([report(m) for m in measured])
        for table in PER_PAGE:
            print(table)
        if args.floor:
            ok = compare(measured[0], measured[1], args.ratio_target, measured[2]) and ok
        print(f"\n{'PASS' if ok else 'FAIL'}" + (" (both apps)" if args.floor else ""))
        if args.samples:
            write_samples(load, args.samples)
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
