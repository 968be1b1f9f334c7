"""The one error a user can cause with the data: it names the place and what was expected."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..presentation.i18n import t


@dataclass
class DataError(Exception):
    """Bad input in data/: a file, a line, a column, the bad value and what was expected.

    `key` (optional) names a catalog message (transforms/presentation/locales) saying what was expected, with
    `values` filled in; such an error can be shown in every language (`message`). Without it the
    error is in English only."""

    file: str
    expected: str
    line: int | None = None
    column: str | None = None
    value: str | None = None
    key: str | None = None
    values: dict = field(default_factory=dict)

    @classmethod
    def said(cls, key: str, file: str, line=None, column=None, value=None, **values) -> DataError:
        """A DataError whose expectation is the catalog message `key` (English in `expected`).
        A value named `<name>_key` is itself a catalog key, filled in as `<name>` in each language."""
        values = {"path": file, **values}
        return cls(file, t("en", key, **_words(values, "en")), line, column, value, key, values)

    def expectation(self, lang: str = "en") -> str:
        """What was expected, in `lang` (English where the error has no catalog message)."""
        return self.expected if self.key is None else t(lang, self.key, **_words(self.values, lang))

    def message(self, lang: str = "en") -> str:
        """The error in `lang` (English where the error has no catalog message)."""
        if self.key is None or lang == "en":
            return str(self)
        where = [self.file]
        if self.line is not None:
            where.append(t(lang, "data_error_line", line=self.line))
        if self.column is not None:
            where.append(t(lang, "data_error_column", column=self.column))
        found = "" if self.value is None else t(lang, "data_error_found", value=repr(_short(self.value)))
        return t(lang, "data_error", where=t(lang, "data_error_sep").join(where), found=found) + self.expectation(lang)

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        found = "" if self.value is None else f"found {_short(self.value)!r}; "
        return f"{', '.join(where)}: {found}expected {self.expected}"


def _words(values: dict, lang: str) -> dict:
    """values with each `<name>_key` (a catalog key) also given as `<name>`, in `lang`."""
    return {**values, **{k[:-4]: t(lang, v) for k, v in values.items() if k.endswith("_key") and v}}


def _short(value: str) -> str:
    return value if len(value) <= 200 else value[:200] + "…"


def message_of(err: Exception, lang: str) -> str:
    """A user's error in `lang` where it has catalog messages (a `message(lang)` method), else as raised."""
    return err.message(lang) if callable(getattr(err, "message", None)) else str(err)


class UsageError(Exception):
    """A bad command-line value (unknown heading, status, session, table)."""


class Refusal(UsageError):
    """A UsageError whose message is in the catalogs (presentation/locales), so in every language."""

    def __init__(self, key: str, **values):
        self.key, self.values = key, values
        super().__init__(t("en", key, **values))

    def message(self, lang: str) -> str:
        """The refusal in the user's language (en, zh)."""
        return t(lang, self.key, **self.values)


class EditRefused(Refusal):
    """A save that was refused, with a message in each language (key and values in the catalogs)."""
