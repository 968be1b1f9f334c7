"""What changed between two versions of the record: two data folders or two git revisions.

Each side is validated and built with the ordinary build into a temporary DuckDB file; the two
files are attached read-only to one in-memory DuckDB and compared in SQL (sql/diff_*.sql).
Per-side figures come from the queries the dashboard uses (the status rule is not restated).
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from ..database.build import build
from ..database.queries import Filters, _statement
from ..presentation.i18n import number, t
from ..record.errors import DataError, UsageError
from ..record.migrate import migrate_copy
from ..record.schema import LANGS

WORKTREE = "WORKTREE"  # the side spec for the data folder as it is on disk
REVISION_COLUMNS = ["commit", "date", "author", "subject"]
# The frames of a diff, in the order they are shown and written.
CATEGORIES = (
    "items_added",
    "items_removed",
    "items_changed",
    "status_changes",
    "sessions_added",
    "sessions_removed",
    "sessions_changed",
    "addresses_changed",
    "coverage_moves",
)


@dataclass
class RecordDiff:
    """The differences from an old record to a new one, one data frame per category."""

    items_added: pd.DataFrame
    items_removed: pd.DataFrame
    items_changed: pd.DataFrame
    status_changes: pd.DataFrame
    sessions_added: pd.DataFrame
    sessions_removed: pd.DataFrame
    sessions_changed: pd.DataFrame
    addresses_changed: (
        pd.DataFrame
    )  # item_id, requirement_id, change (added|removed|changed), basis and rationale before/after
    coverage_moves: pd.DataFrame
    summary: pd.DataFrame  # category, label, count: one row per category above
    old_version: str  # data version of each side (transforms.record.load.data_version)
    new_version: str

    @property
    def empty(self) -> bool:
        """True when the two records do not differ in anything the diff looks at."""
        return int(self.summary["count"].sum()) == 0

    def frames(self) -> dict[str, pd.DataFrame]:
        """Every frame by name, the summary first."""
        return {"summary": self.summary, **{name: getattr(self, name) for name in CATEGORIES}}


class RecordPair:
    """Two built databases attached read-only (as old_side and new_side) to one in-memory DuckDB."""

    SIDES = ("old", "new")

    def __init__(self, old_db: Path, new_db: Path):
        self.con = duckdb.connect(":memory:")
        try:
            for side, path in zip(self.SIDES, (old_db, new_db), strict=True):
                self.con.execute(f"ATTACH ? AS {side}_side (READ_ONLY)", [str(path)])
        except duckdb.Error:
            self.con.close()
            raise

    def stage(self, table: str, name: str, **params) -> None:
        """Run sql/<name>.sql against each side; keep the rows in table `table` (in memory) with a `side` column."""
        text, wanted = _statement(name)
        cursor = self.con.cursor()
        try:
            for side in self.SIDES:
                cursor.execute(f"USE {side}_side")
                select = f"SELECT '{side}' AS side, * FROM ({text})"
                first = side == "old"  # a comparison in another language stages its tables again
                into = f"CREATE OR REPLACE TABLE memory.{table} AS " if first else f"INSERT INTO memory.{table} "
                cursor.execute(into + select, {k: params.get(k) for k in wanted})
        finally:
            cursor.close()

    def frame(self, name: str, **params) -> pd.DataFrame:
        """Run sql/<name>.sql, which reads both sides, with these parameters (others NULL)."""
        text, wanted = _statement(name)
        cursor = self.con.cursor()
        try:
            return cursor.execute(text, {k: params.get(k) for k in wanted}).df()
        finally:
            cursor.close()

    def data_version(self, side: str) -> str:
        return self.con.execute(f"SELECT data_version FROM {side}_side.build_info").fetchone()[0]

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> RecordPair:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _build_side(data_dir: Path, db_path: Path, side: str) -> None:
    """Build one side; a DataError names the side it comes from."""
    try:
        build(data_dir, db_path)
    except DataError as err:
        raise dataclasses.replace(err, file=f"{side}: {err.file}") from None


def diff_records(
    old_dir: Path, new_dir: Path, lang: str, sides: tuple[str, str] = ("old side", "new side")
) -> RecordDiff:
    """Validate and build both data folders, then compare them. `sides` names them in error messages."""
    return diff_records_in(old_dir, new_dir, (lang,), sides)[lang]


def diff_records_in(
    old_dir: Path, new_dir: Path, langs: tuple[str, ...] = LANGS, sides: tuple[str, str] = ("old side", "new side")
) -> dict[str, RecordDiff]:
    """As diff_records, in each language of `langs` ({lang: RecordDiff}), building each side once.

    Raises UsageError for an unknown language, DataError (naming the side) for a side that does not
    validate."""
    unknown = [lang for lang in langs if lang not in LANGS]
    if unknown:
        raise UsageError(f"unknown language {unknown[0]!r}; expected one of: {', '.join(LANGS)}")
    with tempfile.TemporaryDirectory(prefix="gaptrack-diff-") as folder:
        databases = (Path(folder) / "old.duckdb", Path(folder) / "new.duckdb")
        for data_dir, db_path, side in zip((old_dir, new_dir), databases, sides, strict=True):
            _build_side(Path(data_dir), db_path, side)
        with RecordPair(*databases) as pair:
            return {lang: _compare(pair, lang) for lang in langs}


def _compare(pair: RecordPair, lang: str) -> RecordDiff:
    pair.stage("side_items", "diff_side_items", lang=lang)
    pair.stage("side_coverage", "coverage_by_heading", **Filters(lang=lang).params())
    frames = {
        "items_added": pair.frame("diff_items_only", side="new"),
        "items_removed": pair.frame("diff_items_only", side="old"),
        "items_changed": pair.frame("diff_item_fields"),
        "status_changes": pair.frame("diff_status_changes", lang=lang),
        "sessions_added": pair.frame("diff_sessions_only", side="new", lang=lang),
        "sessions_removed": pair.frame("diff_sessions_only", side="old", lang=lang),
        "sessions_changed": pair.frame("diff_session_fields", lang=lang),
        "addresses_changed": _labelled(pair.frame("diff_addresses", lang=lang), "change", "diff_address", lang),
        "coverage_moves": pair.frame("diff_coverage_moves"),
    }
    summary = pd.DataFrame(
        {
            "category": list(CATEGORIES),
            "label": [t(lang, f"diff_{name}") for name in CATEGORIES],
            "count": [len(frames[name]) for name in CATEGORIES],
        }
    )
    return RecordDiff(
        **frames, summary=summary, old_version=pair.data_version("old"), new_version=pair.data_version("new")
    )


def _labelled(frame: pd.DataFrame, column: str, prefix: str, lang: str) -> pd.DataFrame:
    """frame with <column>_label: each key's message <prefix>_<key> in lang."""
    return frame.assign(**{f"{column}_label": [t(lang, f"{prefix}_{key}") for key in frame[column]]})


_GIT_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "LC_ALL": "C"}


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    """Run git in repo (never prompting); a UsageError if git is not installed."""
    try:
        return subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, env={**os.environ, **_GIT_ENV}, timeout=120
        )
    except FileNotFoundError:
        raise UsageError("git is not installed, so a git revision cannot be read") from None


def git_top(repo: Path) -> Path | None:
    """The top folder of the git checkout holding repo, or None if it is not in one."""
    if not Path(repo).is_dir():
        return None
    done = _git(Path(repo), "rev-parse", "--show-toplevel")
    return Path(done.stdout.decode().strip()).resolve() if done.returncode == 0 else None


def _data_path(top: Path, data_dir: Path) -> str:
    """The data folder's path inside the checkout, as git names it."""
    try:
        return Path(data_dir).resolve().relative_to(top).as_posix()
    except ValueError:
        raise UsageError(f"the data folder {data_dir} is not inside the git checkout {top}") from None


def _commit(top: Path, spec: str) -> str:
    """The commit a revision names (spec was checked not to start with '-'), or a UsageError."""
    done = _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{spec}^{{commit}}")
    if done.returncode != 0:
        raise UsageError(f"{spec!r} is neither a data folder nor a revision of the git repository at {top}")
    return done.stdout.decode().strip()


def _extract(top: Path, commit: str, inside: str, spec: str, workdir: Path) -> Path:
    """Write the data folder as it was at commit into a new folder under workdir; return its path."""
    if _git(top, "cat-file", "-t", f"{commit}:{inside}").stdout.strip() != b"tree":
        raise UsageError(f"revision {spec!r} (commit {commit[:12]}) has no data folder {inside!r}")
    target = Path(tempfile.mkdtemp(prefix=f"rev-{commit[:12]}-", dir=workdir))
    archive = ["git", "-C", str(top), "archive", "--format=tar", commit, "--", inside]
    with subprocess.Popen(
        archive, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **_GIT_ENV}
    ) as proc:
        try:
            with tarfile.open(fileobj=proc.stdout, mode="r|") as tar:
                tar.extractall(target, filter="data")
        except (tarfile.TarError, OSError) as err:
            proc.kill()
            raise UsageError(f"revision {spec!r}: could not extract {inside!r} ({err})") from None
        problem = proc.stderr.read().decode(errors="replace").strip()
    if proc.returncode != 0:
        raise UsageError(f"revision {spec!r}: git archive failed: {problem}")
    migrate_copy(target / inside)  # a version from before a column was renamed
    return target / inside


def resolve_side(spec: str, repo: Path, workdir: Path, data_dir: Path | None = None) -> Path:
    """The data folder one side of a diff stands for.

    spec is WORKTREE (the current data folder, data_dir, by default repo/data), a path to a data
    folder, or a git revision of repo (HEAD~3, a tag, a commit): then the data folder as it was
    there is extracted into a new folder under workdir, leaving the working tree and index alone."""
    current = Path(data_dir) if data_dir is not None else Path(repo) / "data"
    if spec == WORKTREE:
        return current
    if Path(spec).is_dir():
        return Path(spec)
    if spec.startswith("-"):
        raise UsageError(f"{spec!r} is not accepted as a revision: a revision may not start with '-'")
    top = git_top(repo)
    if top is None:
        raise UsageError(f"{spec!r} is neither a data folder nor a revision: {repo} is not in a git checkout")
    return _extract(top, _commit(top, spec), _data_path(top, current), spec, Path(workdir))


def diff_sides(
    old: str, new: str = WORKTREE, lang: str = "en", data_dir: Path | None = None, repo: Path | None = None
) -> RecordDiff:
    """Compare two sides given as resolve_side specs (a folder, a revision or WORKTREE).

    data_dir is the current data folder (default: transforms.record.paths.default_data_dir()); repo the
    git checkout revisions are read from (default: the one holding data_dir)."""
    return diff_sides_in(old, new, (lang,), data_dir, repo)[lang]


def diff_sides_in(
    old: str,
    new: str = WORKTREE,
    langs: tuple[str, ...] = LANGS,
    data_dir: Path | None = None,
    repo: Path | None = None,
) -> dict[str, RecordDiff]:
    """As diff_sides, in each language of `langs` ({lang: RecordDiff}), building each side once
    (the What changed page shows either language of the same comparison)."""
    from ..record.paths import default_data_dir

    current = Path(data_dir) if data_dir is not None else default_data_dir()
    repo = Path(repo) if repo is not None else (git_top(current.parent) or current.parent)
    with tempfile.TemporaryDirectory(prefix="gaptrack-sides-") as workdir:
        folders = [resolve_side(spec, repo, Path(workdir), current) for spec in (old, new)]
        return diff_records_in(*folders, langs, sides=(f"old side ({old})", f"new side ({new})"))


def record_paths(inside: str) -> list[str]:
    """Git pathspecs of the files the record is built from (not the folder's README, nor the
    audit log, which only ever changes with them)."""
    return [f"{inside}/*.csv", f"{inside}/sources", f":(exclude){inside}/audit_log.csv"]


def uncommitted(data_dir: Path) -> bool:
    """True when the record's files differ from the last commit (changes saved, not committed)."""
    top = git_top(Path(data_dir))
    if top is None:
        return False
    done = _git(top, "status", "--porcelain", "--", *record_paths(_data_path(top, Path(data_dir))))
    return done.returncode == 0 and bool(done.stdout.strip())


def data_revisions(repo: Path, limit: int = 50, data_dir: Path | None = None) -> pd.DataFrame:
    """Commits that changed the record's files, newest first: commit, date, author, subject.

    An empty frame when repo is not a git checkout (or git is missing)."""
    empty = pd.DataFrame(columns=REVISION_COLUMNS)
    try:
        top = git_top(repo)
        if top is None:
            return empty
        inside = _data_path(top, Path(data_dir) if data_dir is not None else Path(repo) / "data")
    except UsageError:  # git is not installed, or the data folder is outside the checkout
        return empty
    done = _git(
        top,
        "log",
        f"-n{int(limit)}",
        "--date=format:%Y-%m-%d %H:%M",
        "--format=%H%x1f%ad%x1f%an%x1f%s%x1e",
        "--",
        *record_paths(inside),
    )
    if done.returncode != 0:  # e.g. a repository without any commit yet
        return empty
    records = [r.strip("\n").split("\x1f") for r in done.stdout.decode(errors="replace").split("\x1e")]
    return pd.DataFrame([r for r in records if len(r) == 4], columns=REVISION_COLUMNS)


def moved_text(before: int, after: int, lang: str | None = None) -> str:
    """A count before and after: '6 → 7 (+1)', or just the count when it did not move; with `lang`,
    the numbers as that language writes them ('1,234 → 1,240 (+6)', i18n.number), else as
    Python writes them (files)."""
    if lang is None:
        return str(after) if before == after else f"{before} → {after} ({after - before:+d})"
    if before == after:
        return number(lang, after)
    moved = ("+" if after > before else "") + number(lang, after - before)
    return f"{number(lang, before)} → {number(lang, after)} ({moved})"


COVERAGE_COUNTS = {"done": "status_done", "pending": "status_pending", "proposed": "status_proposed", "total": "total"}


def write_csv_files(diff: RecordDiff, folder: Path, lang: str) -> list[Path]:
    """One CSV file for people per frame (UTF-8 with BOM, formula-like text neutralised)."""
    from ..record.csvio import people_csv_bytes

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in diff.frames().items():
        path = folder / f"gaptrack-diff-{name.replace('_', '-')}-{diff.old_version}-{diff.new_version}-{lang}.csv"
        path.write_bytes(people_csv_bytes(frame))
        written.append(path)
    return written
