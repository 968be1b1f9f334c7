"""What changed: the record now against an earlier version of data/ in git (the comparison
`gaptrack diff` prints): items added or removed, status changes per session, headings whose
coverage moved."""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.columns import dates_in_words
from dashboard.context import current
from dashboard.ui import command, not_applied_note, plain
from transforms.editing.problems import field_label
from transforms.presentation.i18n import t
from transforms.record.errors import DataError, UsageError, message_of
from transforms.record.paths import default_data_dir
from transforms.reports.diff import COVERAGE_COUNTS, moved_text

ctx = current()
lang = ctx.lang
DATA_DIR = default_data_dir()
# Columns shown per category (name -> header); the frames hold more (keys behind each label).
COLUMNS = {
    "items_added": ["item_id", "kind_label", "heading_label", "title", "status_label"],
    "items_removed": ["item_id", "kind_label", "heading_label", "title", "status_label"],
    "items_changed": ["item_id", "title", "field", "before", "after"],
    "status_changes": ["item_id", "title", "session_title", "before_label", "after_label"],  # the session by name
    "sessions_added": ["session_id", "body_label", "number", "title", "start_date", "end_date"],
    "sessions_removed": ["session_id", "body_label", "number", "title", "start_date", "end_date"],
    "sessions_changed": ["session_id", "title", "field", "before", "after"],
    "addresses_changed": ["item_id", "requirement_id", "change_label", "rationale_before", "rationale_after"],
}
# The data file whose fields a category lists (a field is shown by the Edit form's label for it).
FIELDS_OF = {"items_changed": "items", "sessions_changed": "sessions"}
# What an empty status means in each column: no link before, the link removed, no link yet.
MISSING = {"before_label": "diff_no_link", "after_label": "diff_link_removed", "status_label": "diff_not_on_record"}


def revision_names(revisions) -> dict[str, str]:
    """Each commit's name in the choice: its date, subject and short hash (one pass over the rows)."""
    return {
        commit: t(lang, "punct_paren", text=f"{date} · {subject}", inner=commit[:8])
        for commit, date, subject in zip(revisions["commit"], revisions["date"], revisions["subject"])
    }


def coverage_moves(frame) -> None:
    """Per heading: each status before → after, with the change."""
    shown = frame[["heading_label"]].copy()
    for count in COVERAGE_COUNTS:
        shown[count] = [moved_text(b, a) for b, a in zip(frame[f"{count}_before"], frame[f"{count}_after"])]
    headers = {"heading_label": t(lang, "heading"), **{c: t(lang, key) for c, key in COVERAGE_COUNTS.items()}}
    st.dataframe(shown, hide_index=True, width="stretch", column_config=headers, key="changes_coverage_moves")


def category(name: str, frame) -> None:
    st.header(plain(t(lang, "diff_section", name=t(lang, f"diff_{name}"), count=len(frame))), anchor=name)
    if name == "coverage_moves":
        coverage_moves(frame)
        return
    columns = COLUMNS[name]
    frame = dates_in_words(frame, lang, tuple(c for c in ("start_date", "end_date") if c in columns))
    frame = frame.fillna({column: t(lang, key) for column, key in MISSING.items() if column in frame})
    if name in FIELDS_OF:  # a field by the words the Edit form uses; an empty value as a dash, not "None"
        frame = frame.assign(field=[field_label(lang, f, FIELDS_OF[name]) for f in frame.field])
        empty = t(lang, "empty_cell")
        frame = frame.assign(**{c: frame[c].fillna(empty).replace("", empty) for c in ("before", "after")})
    width = {"title": "medium", "session_title": "small", "before": "medium", "after": "medium"}
    headers = {c: st.column_config.TextColumn(t(lang, f"changes_column_{c}"), width=width.get(c)) for c in columns}
    st.dataframe(frame[columns], hide_index=True, width="stretch", column_config=headers, key=f"changes_{name}")


st.title(t(lang, "page_changes"))
st.caption(t(lang, "changes_intro"))
not_applied_note(ctx, "changes")
revisions, pending = data.revisions(str(DATA_DIR))
if revisions.empty:
    st.info(t(lang, "changes_no_git"))
    command("gaptrack diff OLD_FOLDER NEW_FOLDER")
    st.stop()
# By default: the changes not yet committed if there are any, else what the last commit did.
since = st.selectbox(
    t(lang, "changes_since"),
    list(revisions.commit),
    index=0 if pending or len(revisions) == 1 else 1,
    format_func=revision_names(revisions).get,
    key="changes_since",
    help=t(lang, "changes_since_help"),
    placeholder=t(lang, "choose_placeholder"),
)
try:
    diff = data.changes(since, str(DATA_DIR), lang)
except (DataError, UsageError) as err:
    st.error(plain(message_of(err, lang)), icon=":material/block:")
    st.stop()
st.caption(plain(t(lang, "diff_versions", old=diff.old_version, new=diff.new_version)))
if diff.empty:
    st.success(t(lang, "diff_no_differences"), icon=":material/check:")
    st.stop()
moved = [(row.category, int(row["count"])) for _, row in diff.summary.iterrows() if row["count"]]
for column, (name, count) in zip(st.columns(max(len(moved), 3)), moved):  # only what changed
    column.metric(t(lang, f"diff_{name}"), count)
for name, frame in diff.frames().items():
    if name != "summary" and len(frame):
        category(name, frame)
st.caption(t(lang, "changes_cli"))
command(f"gaptrack diff {since[:12]} --lang {lang} --out changes/")
