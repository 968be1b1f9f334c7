"""Values given as command-line options, checked as options: a bad one is reported as the option
the user typed (`--session-id`), with the allowed form in words, in the command's language;
never as a line of a data file or a regular expression.

An id that names nothing (`gaptrack link set rec-wg1-1 wg-1 ...`) is reported with the closest
ids that exist (`unknown_id`).
"""

from __future__ import annotations

import difflib
import re

from .damage import invisible_only, text_damage
from .errors import DataError, Refusal
from .i18n import t
from .schema import ID_PATTERN, PARAGRAPH_PATTERN, WHITESPACE, Column, is_free_text, is_quote, language_of


def option_name(column: str) -> str:
    """The option that sets a column: title_zh -> --title-zh."""
    return "--" + column.replace("_", "-")


class OptionRefused(Refusal):
    """A value given for an option that the column it sets does not allow."""

    def __init__(self, option: str, value: str, form: str, **values):
        self.form, self.form_values = form, values
        super().__init__("option_invalid", option=option, value=value, form=t("en", form, **values))

    def message(self, lang: str) -> str:
        return t(lang, "option_invalid", **{**self.values, "form": t(lang, self.form, **self.form_values)})


def _form(column: Column) -> tuple[str, dict]:
    """The catalog key (and values) describing the form a column's values take."""
    if column.choices:
        return "form_choice", {"choices": ", ".join(column.choices)}
    if column.pattern == ID_PATTERN:
        return "form_id", {}
    if column.pattern == PARAGRAPH_PATTERN:
        return "form_paragraph", {}
    if column.name == "plan_paragraph":
        return "form_plan_paragraph", {}
    if column.type == "date":
        return "form_date", {}
    if column.type == "int":
        return "form_int", {}
    return "form_text", {}


def check_option(column: Column, value: str, option: str | None = None) -> None:
    """Raise OptionRefused unless `value` is allowed in `column` (the rules of the build, and for
    Chinese text the checks against damage); references to other tables are checked by the save."""
    from .load import check_cell

    option = option or option_name(column.name)
    if value == "":
        if column.required:
            raise OptionRefused(option, value, "form_required")
        return
    if invisible_only(value):
        raise OptionRefused(option, value, "form_invisible")
    if value[0] in WHITESPACE or value[-1] in WHITESPACE:
        raise OptionRefused(option, value, "form_spaces")
    try:
        check_cell(column, value, "", None)
    except DataError:
        key, values = _form(column)
        raise OptionRefused(option, value, key, **values) from None
    if is_free_text(column):
        chinese = language_of(column) == "zh" and not is_quote(column)
        if text_damage(value, chinese, quote=is_quote(column) and language_of(column) == "zh"):
            raise OptionRefused(option, value, "form_chinese" if chinese else "form_damaged")


def _plain(text: str) -> str:
    """An id as compared for suggestions: lower case, leading zeros of numbers dropped."""
    return re.sub(r"(?<![0-9])0+(?=[0-9])", "", text.lower())


def closest_ids(value: str, known: list[str], n: int = 3) -> list[str]:
    """Up to n known ids closest to value: those equal but for case or leading zeros first, then
    by difflib's similarity (at least 0.6), the nearer in length first."""
    target = _plain(value)
    scored = []
    for k in dict.fromkeys(known):
        plain = _plain(k)
        ratio = difflib.SequenceMatcher(None, target, plain).ratio()
        if plain == target or ratio >= 0.6:
            scored.append((plain != target, -ratio, abs(len(plain) - len(target)), k))
    return [k for *_, k in sorted(scored)[:n]]


def unknown_id(file: str, column: str, value: str, known: list[str]) -> Refusal:
    """The refusal for an id that names nothing in `file`, with up to three closest ids."""
    closest = closest_ids(value, known)
    if closest:
        return Refusal("no_such_id", column=column, value=value, file=file, closest=", ".join(closest))
    return Refusal("no_such_id_alone", column=column, value=value, file=file)
