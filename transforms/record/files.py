"""Files the product writes for people (reports, exports, candidates, data files, the database):
readable as the user's umask says for a new file, and keeping the mode of a file they replace."""

from __future__ import annotations

import os
import re
from pathlib import Path


def umask() -> int:
    """The process's umask (read without changing it where Linux says it)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


def mode_for(path: Path) -> int:
    """The permission bits a file written at path should have: those of the file already there,
    or what the umask leaves of rw-rw-rw- for a new one."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~umask()


def replace_keeping_mode(temporary: Path, path: Path) -> None:
    """Rename a finished temporary file onto path, with the mode `mode_for(path)` gives."""
    os.chmod(temporary, mode_for(path))
    os.replace(temporary, path)


_LOCK = re.compile(r"Conflicting lock is held in (.*?) \(PID (\d+)\)")


def lock_holder(error: Exception) -> str | None:
    """If a DuckDB error says another program holds the database file open for writing, that
    program as "name (PID n)"; else None."""
    found = _LOCK.search(str(error))
    return f"{Path(found.group(1)).name} (PID {found.group(2)})" if found else None
