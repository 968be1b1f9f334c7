"""The one error a user can cause with the data: it names the place and what was expected."""

from __future__ import annotations

from dataclasses import dataclass

from ..presentation.i18n import t


@dataclass
class DataError(Exception):
    """Bad input in data/: a file, a line, a column, the bad value and what was expected."""

    file: str
    expected: str
    line: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        value = self.value if self.value is None or len(self.value) <= 200 else self.value[:200] + "…"
        found = "" if value is None else f"found {value!r}; "
        return f"{', '.join(where)}: {found}expected {self.expected}"


class UsageError(Exception):
    """A bad command-line value (unknown heading, status, session, table)."""


class EditRefused(UsageError):
    """A save that was refused, with a message in each language (key and values in the catalogs)."""

    def __init__(self, key: str, **values):
        self.key, self.values = key, values
        super().__init__(t("en", key, **values))

    def message(self, lang: str) -> str:
        """The refusal in the user's language (en, zh)."""
        return t(lang, self.key, **self.values)
