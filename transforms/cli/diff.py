"""`gaptrack diff`: what changed between two versions of the record (transforms.reports.diff) in the terminal."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import pandas as pd

from ..presentation.i18n import t
from ..record.schema import LANGS
from ..reports.diff import CATEGORIES, COVERAGE_COUNTS, WORKTREE, RecordDiff, diff_sides, moved_text, write_csv_files
from .terminal import CONTROL, aligned, display_width

# Text for the terminal ---------------------------------------------------------------------

MAX_CELL = 48  # display columns per cell in the terminal; the CSV files hold everything


def _cell(value, lang: str, empty_key: str = "diff_none_value") -> str:
    """One value for the terminal: no control characters, long text cut with an ellipsis."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return t(lang, empty_key)
    text = CONTROL.sub(" ", str(value))
    if display_width(text) <= MAX_CELL:
        return text
    text = text[:MAX_CELL]
    while display_width(text) > MAX_CELL - 1:
        text = text[:-1]
    return text + "…"


def _table(header: list[str], rows: list[list[str]], numeric: Collection[int] = ()) -> list[str]:
    """Aligned columns (see transforms.cli.terminal.aligned), indented under their section title."""
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
    "addresses_changed": [
        ("item_id", "item_id", None),
        ("diff_requirement_id", "requirement_id", None),
        ("diff_change", "change_label", None),
        ("diff_before", "rationale_before", "diff_none_value"),
        ("diff_after", "rationale_after", "diff_none_value"),
    ],
    "sessions_changed": [
        ("diff_session_id", "session_id", None),
        ("session", "title", None),
        ("diff_field", "field", None),
        ("diff_before", "before", None),
        ("diff_after", "after", None),
    ],
}


def _section_lines(name: str, frame: pd.DataFrame, lang: str) -> list[str]:
    """One category's rows as an aligned table; coverage as 'before → after (change)', right-aligned."""
    if name == "coverage_moves":
        header = [t(lang, "heading"), *(t(lang, key) for key in COVERAGE_COUNTS.values())]
        rows = [
            [
                _cell(r["heading_label"], lang),
                *(moved_text(int(r[f"{c}_before"]), int(r[f"{c}_after"]), lang) for c in COVERAGE_COUNTS),
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
        "each session, sessions added or removed, relations between items and Plan requirements added, removed "
        "or changed, and headings whose coverage moved. Each side is a data "
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
