"""Values given as command-line options, checked as options: a bad one is reported as the option
the user typed (`--session-id`), with the allowed form in words, in the command's language;
never as a line of a data file or a regular expression. (An id that names nothing is refused
with the closest ids by the edit itself: record/ids.py.)"""

from __future__ import annotations

from ..presentation.i18n import t
from ..record.damage import invisible_only, text_damage
from ..record.errors import DataError, Refusal
from ..record.load import check_cell
from ..record.schema import ID_PATTERN, PARAGRAPH_PATTERN, WHITESPACE, Column, is_free_text, is_quote, language_of


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
