"""The data folder's lock and the recovery of an interrupted save.

One save at a time, across processes: `locked` holds an exclusive lock on data/.gaptrack.lock.
A save stages its files and keeps a journal in data/.gaptrack-save/ while it swaps them in;
`recover` puts the old files back after a crash. Both the build (before it reads the record)
and the save (transforms.editing.saving) use this module, so neither imports the other.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

from .errors import EditRefused

LOCK_FILE = ".gaptrack.lock"
SAVE_DIR = ".gaptrack-save"
LOCK_TIMEOUT = 30.0  # seconds a save waits for another to finish before it is refused


@contextmanager
def locked(data_dir: Path, timeout: float | None = None):
    """Hold the data folder's lock; refuse after `timeout` seconds (LOCK_TIMEOUT) waiting for another save.

    Raises EditRefused("edit_busy") when the wait runs out; OSError if the lock file cannot be opened."""
    timeout = LOCK_TIMEOUT if timeout is None else timeout
    with open(Path(data_dir) / LOCK_FILE, "a+b") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise EditRefused("edit_busy", seconds=int(timeout)) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover(data_dir: Path) -> bool:
    """Undo an interrupted save: put back every file it had swapped in. True if there was one.

    Call with the lock held. Safe to repeat if it is itself interrupted."""
    data_dir = Path(data_dir)
    save, done = data_dir / SAVE_DIR, data_dir / f"{SAVE_DIR}.done"
    if done.exists():
        shutil.rmtree(done)
    if not save.exists():
        return False
    journal = save / "journal.json"
    if journal.exists():
        for name, existed in json.loads(journal.read_text(encoding="utf-8")).items():
            old, target = save / "old" / name, data_dir / name
            if old.exists():
                os.replace(old, target)
            elif not existed:
                target.unlink(missing_ok=True)
        sync_folder(data_dir)
    shutil.rmtree(save)
    return True


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (renames, new files) to disk; OSError if it cannot be opened."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
