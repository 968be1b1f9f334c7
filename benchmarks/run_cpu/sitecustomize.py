"""Per-page CPU of a served dashboard, for `benchmarks/load.py --per-page`.

Python imports this file at start-up when benchmarks/run_cpu is on PYTHONPATH (load.py puts it
there for the dashboard's servers only). When GAPTRACK_RUN_CPU names a file, it records, for each
script run of the process, the page run (its url_path; "" for the default page), the run's CPU
time in its own thread (time.thread_time: not the time spent waiting for other threads), the
part of it inside the page's own script (st.Page.run) and the part spent making values the
dashboard's caches did not hold yet (dashboard.kept: a new view), and, per kept function, how
many values were made and their CPU; and the files made on request (dashboard.data.on_request: a
CSV or briefing asked for by its download button, made in a worker thread, not a script run),
per type, how many and their CPU; and Python's garbage collections per generation, how many and
their time. Written to GAPTRACK_RUN_CPU as JSON when the server stops.
Nothing is recorded for other processes or when the variable is not set."""

from __future__ import annotations

import os
import sys

if os.environ.get("GAPTRACK_RUN_CPU") and sys.argv[:1] == ["-m"] and "run" in sys.argv[1:2]:
    import atexit
    import json
    import signal
    import threading
    import time

    from streamlit.navigation import page as _page_module
    from streamlit.runtime.scriptrunner import script_runner as _runner_module

    sys.path.insert(0, os.getcwd())
    import dashboard.kept as _kept_module

    _runs: list[tuple[str | None, float, float, float]] = []
    _made: dict[str, list] = {}
    _files: dict[str, list] = {}
    _collections: dict[str, list] = {}  # generation -> [collections, seconds]
    _collecting: dict[int, float] = {}

    def _timed_collection(phase: str, info: dict) -> None:
        if phase == "start":
            _collecting[threading.get_ident()] = time.perf_counter()
        else:
            started = _collecting.pop(threading.get_ident(), None)
            if started is not None:
                entry = _collections.setdefault(str(info["generation"]), [0, 0.0])
                entry[0] += 1
                entry[1] += time.perf_counter() - started

    import gc

    gc.callbacks.append(_timed_collection)
    _lock = threading.Lock()
    _state = threading.local()

    def _reset() -> None:
        _state.page, _state.page_cpu, _state.made_cpu, _state.depth = None, 0.0, 0.0, 0

    _run_script, _page_run, _kept_init = (
        _runner_module.ScriptRunner._run_script,
        _page_module.StreamlitPage.run,
        _kept_module.Kept.__init__,
    )

    def _timed_run_script(self, *args, **kwargs):
        _reset()
        start = time.thread_time()
        try:
            return _run_script(self, *args, **kwargs)
        finally:
            with _lock:
                _runs.append((_state.page, time.thread_time() - start, _state.page_cpu, _state.made_cpu))
            _time_files()  # once the app has imported dashboard.data (importing it here would
            # make its st.cache_data caches before Streamlit's runtime exists)

    def _timed_page_run(self):
        start = time.thread_time()
        try:
            return _page_run(self)
        finally:
            _state.page, _state.page_cpu = self.url_path, time.thread_time() - start

    def _timed_kept_init(self, func, max_entries):
        module, qualname = getattr(func, "__module__", "?"), getattr(func, "__qualname__", repr(func))
        name = f"{module}.{qualname}".removeprefix("dashboard.")

        def made(*args, **kwargs):
            start, depth = time.thread_time(), getattr(_state, "depth", 0)
            _state.depth = depth + 1
            try:
                return func(*args, **kwargs)
            finally:
                spent = time.thread_time() - start
                _state.depth = depth
                if depth == 0:
                    _state.made_cpu = getattr(_state, "made_cpu", 0.0) + spent
                with _lock:
                    entry = _made.setdefault(name, [0, 0.0])
                    entry[0] += 1
                    entry[1] += spent

        made.__qualname__ = name
        _kept_init(self, made, max_entries)

    def _time_files() -> None:
        data = sys.modules.get("dashboard.data")
        if data is None or getattr(data.on_request, "timed", False):
            return
        on_request = data.on_request

        def timed_on_request(make, mimetype, file_name):
            def timed_make():
                start = time.thread_time()
                try:
                    return make()
                finally:
                    with _lock:
                        entry = _files.setdefault(mimetype, [0, 0.0])
                        entry[0] += 1
                        entry[1] += time.thread_time() - start

            return on_request(timed_make, mimetype, file_name)

        timed_on_request.timed = True
        data.on_request = timed_on_request

    _runner_module.ScriptRunner._run_script = _timed_run_script
    _page_module.StreamlitPage.run = _timed_page_run
    _kept_module.Kept.__init__ = _timed_kept_init

    def _write(*_signal) -> None:
        with _lock, open(os.environ["GAPTRACK_RUN_CPU"], "w") as out:
            json.dump({"runs": _runs, "made": _made, "files": _files, "collections": _collections}, out)
        if _signal:
            os._exit(0)

    atexit.register(_write)
    signal.signal(signal.SIGTERM, _write)
