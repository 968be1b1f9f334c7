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
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from .build import build
from .cli import CONTROL
from .errors import DataError, UsageError
from .i18n import t
from .migrate import migrate_copy
from .queries import Filters, _statement
from .schema import LANGS

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
    coverage_moves: pd.DataFrame
    summary: pd.DataFrame  # category, label, count: one row per category above
    old_version: str  # data version of each side (transforms.load.data_version)
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
                into = f"CREATE TABLE memory.{table} AS " if side == "old" else f"INSERT INTO memory.{table} "
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
    if lang not in LANGS:
        raise UsageError(f"unknown language {lang!r}; expected one of: {', '.join(LANGS)}")
    with tempfile.TemporaryDirectory(prefix="gaptrack-diff-") as folder:
        databases = (Path(folder) / "old.duckdb", Path(folder) / "new.duckdb")
        for data_dir, db_path, side in zip((old_dir, new_dir), databases, sides, strict=True):
            _build_side(Path(data_dir), db_path, side)
        with RecordPair(*databases) as pair:
            return _compare(pair, lang)


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

    data_dir is the current data folder (default: transforms.paths.default_data_dir()); repo the
    git checkout revisions are read from (default: the one holding data_dir)."""
    from .paths import default_data_dir

    current = Path(data_dir) if data_dir is not None else default_data_dir()
    repo = Path(repo) if repo is not None else (git_top(current.parent) or current.parent)
    with tempfile.TemporaryDirectory(prefix="gaptrack-sides-") as workdir:
        folders = [resolve_side(spec, repo, Path(workdir), current) for spec in (old, new)]
        return diff_records(*folders, lang, sides=(f"old side ({old})", f"new side ({new})"))


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


# Text for the terminal ---------------------------------------------------------------------

MAX_CELL = 48  # display columns per cell in the terminal; the CSV files hold everything


def _cell(value, lang: str, empty_key: str = "diff_none_value") -> str:
    """One value for the terminal: no control characters, long text cut with an ellipsis."""
    from .cli import _width

    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return t(lang, empty_key)
    text = CONTROL.sub(" ", str(value))
    if _width(text) <= MAX_CELL:
        return text
    text = text[:MAX_CELL]
    while _width(text) > MAX_CELL - 1:
        text = text[:-1]
    return text + "…"


def _table(header: list[str], rows: list[list[str]], numeric: Collection[int] = ()) -> list[str]:
    """Aligned columns (see transforms.cli.aligned), indented under their section title."""
    from .cli import aligned

    return ["  " + line for line in aligned([header, *rows], set(numeric))]


def _from_first_change(before: pd.Series, after: pd.Series, context: int = 12) -> tuple[list, list]:
    """Before and after values cut to start a few characters before their first difference (with '…')."""
    cut_before, cut_after = [], []
    for old, new in zip(before, after, strict=True):
        if isinstance(old, str) and isinstance(new, str):
            same = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
            if same > MAX_CELL - context:
                old, new = "…" + old[same - context :], "…" + new[same - context :]
        cut_before.append(old)
        cut_after.append(new)
    return cut_before, cut_after


def moved_text(before: int, after: int) -> str:
    """A count before and after: '6 → 7 (+1)', or just the count when it did not move."""
    return str(after) if before == after else f"{before} → {after} ({after - before:+d})"


# The columns shown in the terminal per category: (header message, frame column, message for an empty value).
_ITEM_COLUMNS = [
    ("item_id", "item_id", None),
    ("kind", "kind_label", None),
    ("heading", "heading_label", None),
    ("status", "status_label", "diff_not_on_record"),
    ("title", "title", None),
]
_SESSION_COLUMNS = [
    ("diff_session_id", "session_id", None),
    ("session", "title", None),
    ("body", "body_label", None),
    ("start_date", "start_date", "not_given"),
    ("end_date", "end_date", "not_given"),
]
SHOWN = {
    "items_added": _ITEM_COLUMNS,
    "items_removed": _ITEM_COLUMNS,
    "items_changed": [
        ("item_id", "item_id", None),
        ("title", "title", None),
        ("diff_field", "field", None),
        ("diff_before", "before", None),
        ("diff_after", "after", None),
    ],
    "status_changes": [
        ("session", "session_title", None),
        ("item_id", "item_id", None),
        ("title", "title", None),
        ("diff_before", "before_label", "diff_no_link"),
        ("diff_after", "after_label", "diff_link_removed"),
    ],
    "sessions_added": _SESSION_COLUMNS,
    "sessions_removed": _SESSION_COLUMNS,
    "sessions_changed": [
        ("diff_session_id", "session_id", None),
        ("session", "title", None),
        ("diff_field", "field", None),
        ("diff_before", "before", None),
        ("diff_after", "after", None),
    ],
}
COVERAGE_COUNTS = {"done": "status_done", "pending": "status_pending", "proposed": "status_proposed", "total": "total"}


def _section_lines(name: str, frame: pd.DataFrame, lang: str) -> list[str]:
    """One category's rows as an aligned table; coverage as 'before → after (change)', right-aligned."""
    if name == "coverage_moves":
        header = [t(lang, "heading"), *(t(lang, key) for key in COVERAGE_COUNTS.values())]
        rows = [
            [
                _cell(r["heading_label"], lang),
                *(moved_text(int(r[f"{c}_before"]), int(r[f"{c}_after"])) for c in COVERAGE_COUNTS),
            ]
            for _, r in frame.iterrows()
        ]
        return _table(header, rows, set(range(1, len(header))))
    if name in ("items_changed", "sessions_changed"):  # long values: show them from just before the change
        frame = frame.assign(**dict(zip(("before", "after"), _from_first_change(frame["before"], frame["after"]))))
    columns = SHOWN[name]
    header = [t(lang, key) for key, _, _ in columns]
    rows = [
        [_cell(r[column], lang, empty or "diff_none_value") for _, column, empty in columns]
        for _, r in frame.iterrows()
    ]
    return _table(header, rows)


def diff_text(diff: RecordDiff, lang: str, old: str, new: str) -> str:
    """The diff as readable text: what was compared, the counts, then each category that has rows."""
    lines = [
        t(lang, "diff_title", old=CONTROL.sub(" ", old), new=CONTROL.sub(" ", new)),
        t(lang, "diff_versions", old=diff.old_version, new=diff.new_version),
        "",
    ]
    if diff.empty:
        return "\n".join([*lines, t(lang, "diff_no_differences")])
    counts = [[t(lang, f"diff_{r.category}"), str(r.count)] for r in diff.summary.itertuples()]
    lines += _table([t(lang, "diff_category"), t(lang, "diff_count")], counts, {1})
    for name in CATEGORIES:
        frame = getattr(diff, name)
        if len(frame):
            title = t(lang, "diff_section", name=t(lang, f"diff_{name}"), count=len(frame))
            lines += ["", title, *_section_lines(name, frame, lang)]
    return "\n".join(lines)


def write_csv_files(diff: RecordDiff, folder: Path, lang: str) -> list[Path]:
    """One CSV file for people per frame (UTF-8 with BOM, formula-like text neutralised)."""
    from .csvio import people_csv_bytes

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in diff.frames().items():
        path = folder / f"gaptrack-diff-{name.replace('_', '-')}-{diff.old_version}-{diff.new_version}-{lang}.csv"
        path.write_bytes(people_csv_bytes(frame))
        written.append(path)
    return written


# The command ------------------------------------------------------------------------------


def run_diff(args) -> int:
    """gaptrack diff OLD [NEW]: print what changed and, with --out, write the frames as CSV."""
    diff = diff_sides(args.old, args.new, args.lang, data_dir=args.data)
    new = t(args.lang, "diff_worktree") if args.new == WORKTREE else args.new
    old = t(args.lang, "diff_worktree") if args.old == WORKTREE else args.old
    print(diff_text(diff, args.lang, old, new))
    if args.out:
        written = write_csv_files(diff, args.out, args.lang)
        print("\n" + t(args.lang, "diff_written", count=len(written), folder=args.out))
    return 0


def add_command(commands) -> None:
    """Add `gaptrack diff` to the command line."""
    p = commands.add_parser(
        "diff",
        help="what changed between two versions of the record",
        description="Compare two versions of the record: items added, removed or edited, status changes at "
        "each session, sessions added or removed, and headings whose coverage moved. Each side is a data "
        f"folder, a git revision of the repository holding the data folder (HEAD~3, a tag, a commit) or "
        f"{WORKTREE} (the current data folder). Both sides are validated. Exit status 0 whether or not "
        "they differ; 2 on a bad revision or bad data.",
    )
    p.add_argument("old", metavar="OLD", help="the earlier side: a data folder, a git revision or WORKTREE")
    p.add_argument(
        "new",
        metavar="NEW",
        nargs="?",
        default=WORKTREE,
        help="the later side (default: WORKTREE, the current data folder)",
    )
    p.add_argument("--lang", default="en", choices=LANGS, help="language of labels and titles (default: en)")
    p.add_argument("--out", type=Path, default=None, metavar="DIR", help="also write one CSV file per table here")
    p.add_argument(
        "--data",
        type=Path,
        default=None,
        metavar="DIR",
        help="the current data folder (default: data/ in the repository, or $GAPTRACK_DATA)",
    )
    p.set_defaults(handler=run_diff)
