"""`gaptrack serve`: the Streamlit dashboard as a child process that lives and dies with the command.

The port is checked first (a number from 1 to 65535, free to listen on): a bad one is one
message and exit status 2 before anything says the dashboard is running. SIGTERM, SIGINT and
SIGHUP sent to `gaptrack serve` are passed on to Streamlit, and the command waits for it to stop,
so stopping the command by its PID stops the dashboard and frees the port.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from ..record.errors import Refusal

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class PortRefused(Refusal):
    """A port the dashboard cannot listen on."""


def check_port(port: int) -> None:
    """Raise PortRefused unless `port` is a port number another program is not listening on."""
    if not 1 <= port <= 65535:
        raise PortRefused("serve_port_range", port=port)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will listen
        try:
            probe.bind(("", port))
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                raise PortRefused("serve_port_busy", port=port) from None
            if err.errno == errno.EACCES:
                raise PortRefused("serve_port_denied", port=port) from None
            raise


def run_dashboard(command: list[str], env: dict[str, str], cwd: Path) -> int:
    """Run the Streamlit command as a child; pass stop signals on to it and wait for it to end.
    Returns its exit status, or 0 when it was stopped by a signal sent to this process."""
    child = subprocess.Popen(command, env=env, cwd=cwd)
    stopped: list[int] = []

    def forward(signum, _frame) -> None:
        stopped.append(signum)
        if child.poll() is None:
            child.send_signal(signum)

    previous = {s: signal.signal(s, forward) for s in STOP_SIGNALS}
    try:
        while True:
            try:
                status = child.wait()
                break
            except InterruptedError:  # pragma: no cover - wait() retries itself on EINTR
                continue
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    if stopped and (status == 0 or -status in STOP_SIGNALS or status - 128 in STOP_SIGNALS):
        return 0
    return status if status >= 0 else 128 - status


def streamlit_command(app: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port)]


def child_environment(data: Path, db: Path) -> dict[str, str]:
    return {**os.environ, "GAPTRACK_DATA": str(Path(data).resolve()), "GAPTRACK_DB": str(Path(db).resolve())}
