"""The form helper every Edit tab shares: the record's rows, select boxes over keys, the
evidence fields (source, paragraph, quote), and saving a plan with what happened shown."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.context import Context
from dashboard.ui import plain
from transforms.editing.problems import edit_problem
from transforms.editing.saving import save
from transforms.presentation.i18n import t
from transforms.record.errors import DataError, EditRefused, UsageError, message_of

NONE = ""  # the "no value" choice of an optional select box


@dataclass(frozen=True)
class Form:
    """One run of the Edit page: its context, the data folder, the editor and the version they saw."""

    ctx: Context
    data_dir: Path
    editor: str
    seen: str

    @property
    def lang(self) -> str:
        """The language shown (en, zh)."""
        return self.ctx.lang

    def rows(self, table: str) -> pd.DataFrame:
        """The table's rows as its file holds them (raw text cells), at the version the editor saw."""
        return data.data_rows(table, str(self.data_dir), self.seen)

    def attempt(self, plan) -> None:
        """Save the plan against the version the editor saw; say what happened either way."""
        lang = self.lang
        try:
            saved = save(self.data_dir, Path(self.ctx.db[0]), plan, self.editor, base_version=self.seen)
        except EditRefused as err:
            st.error(plain(err.message(lang)), icon=":material/block:")
            return
        except DataError as err:  # said of the form's field, not of a line of a file
            st.error(plain(t(lang, "edit_invalid", message=edit_problem(err, lang))), icon=":material/block:")
            return
        except UsageError as err:
            st.error(plain(t(lang, "edit_invalid", message=message_of(err, lang))), icon=":material/block:")
            return
        st.session_state["edit_flash"] = t(lang, "edit_saved", entry=saved.entry, summary=saved.summary)
        st.rerun()

    def choice(
        self, label: str, options: list[str], key: str, names: dict[str, str] | None = None, optional=False, **kw
    ):
        """A select box over keys, shown with their names; an optional one starts empty."""
        lang = self.lang
        names = names or {}
        choices = [NONE, *options] if optional else options
        named = lambda k: t(lang, "punct_dash", text=k, more=names[k]) if k in names else k  # noqa: E731
        shown = lambda k: t(lang, "edit_none") if k == NONE else named(k)  # noqa: E731
        kw.setdefault("placeholder", t(lang, "choose_placeholder"))
        return st.selectbox(label, choices, key=key, format_func=shown, **kw)

    def notes(self, key: str | None = None) -> dict[str, str]:
        """The editors' note in English and in Chinese, side by side (both or neither: the build
        refuses one without the other); `key`: the prefix of the two widgets' keys, if kept."""
        lang = self.lang
        left, right = st.columns(2)
        help_text = t(lang, "edit_note_both_help")
        note = left.text_input(t(lang, "edit_note"), key=key and f"{key}_note", help=help_text)
        note_zh = right.text_input(t(lang, "edit_note_zh"), key=key and f"{key}_note_zh", help=help_text)
        return dict(note=note.strip(), note_zh=note_zh.strip())

    def evidence(self, prefix: str) -> dict[str, str]:
        """Source, paragraph and exact Chinese quote: where the record can check the claim."""
        lang = self.lang
        sources = self.rows("sources")
        names = dict(zip(sources.source_id, sources[f"title_{lang}"]))
        source = self.choice(t(lang, "edit_source"), list(sources.source_id), f"{prefix}_source", names)
        left, right = st.columns([1, 3])
        paragraph = left.text_input(
            t(lang, "edit_paragraph"), key=f"{prefix}_paragraph", help=t(lang, "edit_paragraph_help")
        )
        quote = right.text_area(
            t(lang, "edit_quote"), key=f"{prefix}_quote", help=t(lang, "edit_quote_help"), height=80
        )
        return dict(source_id=source, source_paragraph=paragraph.strip(), quote=quote.strip())
