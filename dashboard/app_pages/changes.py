"""What changed: the record now against an earlier version of data/ in git (the comparison
`gaptrack diff` prints): items added or removed, status changes per session, headings whose
coverage moved."""

from __future__ import annotations

import streamlit as st

from dashboard import changes_view, data
from dashboard.columns import WRAP_ROWS, list_height
from dashboard.context import current
from dashboard.ready import draw
from dashboard.ui import command, not_applied_note, plain
from transforms.presentation.i18n import number, t
from transforms.record.errors import DataError, UsageError, message_of
from transforms.record.paths import default_data_dir

ctx = current()
lang = ctx.lang
DATA_DIR = default_data_dir()


def revision_names(revisions) -> dict[str, str]:
    """Each commit's name in the choice: its date, subject and short hash (one pass over the rows)."""
    return {
        commit: t(lang, "punct_paren", text=f"{date} · {subject}", inner=commit[:8])
        for commit, date, subject in zip(revisions["commit"], revisions["date"], revisions["subject"])
    }


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
    diff, view = changes_view.shown(since, str(DATA_DIR), lang)
except (DataError, UsageError) as err:
    st.error(plain(message_of(err, lang)), icon=":material/block:")
    st.stop()
st.caption(plain(t(lang, "diff_versions", old=diff.old_version, new=diff.new_version)))
if diff.empty:
    st.success(t(lang, "diff_no_differences"), icon=":material/check:")
    st.stop()
for column, (name, count) in zip(st.columns(max(len(view.moved), 3)), view.moved):  # only what changed
    column.metric(t(lang, f"diff_{name}"), number(lang, count))
for category in view.categories:
    st.header(plain(category.heading), anchor=category.name)
    # rows of three lines: a column sized to the page wraps its text (dashboard.grid_widths); 8 rows in view
    draw(
        category.table,
        key=f"changes_{category.name}",
        row_height=WRAP_ROWS,
        height=list_height(category.table.count, 8),
    )
st.caption(t(lang, "changes_cli"))
command(f"gaptrack diff {since[:12]} --lang {lang} --out changes/")
