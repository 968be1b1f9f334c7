"""Saved edits as git commits: the record's history in git, shared by servers through a remote.

With the setting GAPTRACK_GIT=1, every save (saving.save) is also a commit in the git
repository that holds the data folder: author = the editor who saved, message = the audit log's
summary, only the files the save changed. If the current branch has an upstream, the save
first pulls it (fast-forward only), and pushes its commit after. A rejected push (another
server pushed first) refuses the save: the commit is taken back, the files are put back as they
were, the other server's commits are pulled and the database is rebuilt from them; nothing is
lost, and the editor reloads and makes the change again, as after any stale view.

Errors are EditRefused with a message in each language (edit.*.toml: edit_git_*).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..database.build import write_database
from ..record.errors import EditRefused

SETTING = "GAPTRACK_GIT"
COMMITTER = {"GIT_COMMITTER_NAME": "gaptrack", "GIT_COMMITTER_EMAIL": "gaptrack@localhost"}


def enabled() -> bool:
    """Whether saves are also git commits: GAPTRACK_GIT is 1, true or yes."""
    return os.environ.get("GAPTRACK_GIT", "").strip().lower() in ("1", "true", "yes")


def _detail(result: subprocess.CompletedProcess) -> str:
    """git's own words, on one line (its last non-empty line of error output)."""
    lines = [line.strip() for line in (result.stderr or result.stdout or "").splitlines() if line.strip()]
    return lines[-1][:300] if lines else f"exit status {result.returncode}"


@dataclass
class GitRecord:
    """The git repository around one data folder."""

    data_dir: Path
    root: Path

    def git(self, *args: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
        """Run git in the repository; on failure with check, EditRefused('edit_git_failed')."""
        result = subprocess.run(
            ["git", "-C", str(self.root), *args],
            capture_output=True,
            text=True,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", **(env or {})},
            timeout=120,
        )
        if check and result.returncode != 0:
            raise EditRefused("edit_git_failed", command=f"git {args[0]}", detail=_detail(result))
        return result

    def head(self) -> str:
        """The commit checked out now (its full hash)."""
        return self.git("rev-parse", "HEAD").stdout.strip()

    def has_upstream(self) -> bool:
        """Whether the current branch follows a remote branch (then saves pull and push)."""
        return self.git("rev-parse", "--abbrev-ref", "@{upstream}", check=False).returncode == 0

    def pull(self, db_path: Path) -> bool:
        """Bring in the upstream's new commits (fast-forward only) and rebuild the database if the
        files changed; True if they did. EditRefused('edit_git_pull') if that is not possible
        (diverged history, uncommitted changes in the way, no connection): nothing changed."""
        if not self.has_upstream():
            return False
        before = self.head()
        result = self.git("pull", "--ff-only", "--quiet", check=False)
        if result.returncode != 0:
            raise EditRefused("edit_git_pull", detail=_detail(result))
        if self.head() == before:
            return False
        rebuild(self.data_dir, db_path)
        return True

    def paths(self, names: Iterable[str]) -> list[str]:
        """File names relative to the data folder as paths relative to the repository."""
        return [(self.data_dir / name).resolve().relative_to(self.root).as_posix() for name in names]

    def commit_and_push(self, names: Iterable[str], editor: str, summary: str, base: str, db_path: Path) -> str:
        """Commit the files `names` (relative to the data folder) as the editor, with the summary as
        message, and push. base: the commit before the save. Returns the new commit's hash. If the
        push is rejected: take the commit back, put the files back as at base, pull, rebuild the
        database, and raise EditRefused('edit_git_rejected')."""
        paths = self.paths(names)
        self.git("add", "--all", "--", *paths)
        env = {} if self.git("config", "user.email", check=False).stdout.strip() else COMMITTER
        author = editor.replace("<", "").replace(">", "").strip() or "editor"  # git's author is 'Name <email>'
        self.git("commit", "--quiet", "--no-verify", f"--author={author} <>", "-m", summary, "--", *paths, env=env)
        commit = self.head()
        if not self.has_upstream():
            return commit
        pushed = self.git("push", "--quiet", check=False)
        if pushed.returncode == 0:
            return commit
        self.git("reset", "--quiet", "--soft", base)
        self.git("restore", f"--source={base}", "--staged", "--worktree", "--", *paths)
        pulled = self.git("pull", "--ff-only", "--quiet", check=False)
        rebuild(self.data_dir, db_path)
        if pulled.returncode != 0:
            raise EditRefused("edit_git_pull", detail=_detail(pulled))
        raise EditRefused("edit_git_rejected", detail=_detail(pushed))


def for_folder(data_dir: Path) -> GitRecord | None:
    """The data folder's git repository when the setting is on, else None. EditRefused
    ('edit_git_none') if the setting is on and the folder is not in a git work tree."""
    if not enabled():
        return None
    data_dir = Path(data_dir).resolve()
    result = subprocess.run(
        ["git", "-C", str(data_dir), "rev-parse", "--show-toplevel"], capture_output=True, text=True, timeout=60
    )
    if result.returncode != 0:
        raise EditRefused("edit_git_none", folder=str(data_dir), setting=SETTING)
    return GitRecord(data_dir, Path(result.stdout.strip()).resolve())


def rebuild(data_dir: Path, db_path: Path) -> None:
    """Build the database from the data folder as it is now and swap it in (the caller holds the lock)."""
    db_path = Path(db_path)
    temporary = db_path.with_name(f".{db_path.name}.{os.getpid()}.git")
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        write_database(data_dir, temporary)
        os.replace(temporary, db_path)
    finally:
        temporary.unlink(missing_ok=True)
        Path(f"{temporary}.wal").unlink(missing_ok=True)
