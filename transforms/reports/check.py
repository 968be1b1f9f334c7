"""The validation report: what the record still lacks, beyond what `gaptrack build` refuses.

Each check is one SQL file (sql/check_<name>.sql) returning the rows that need attention;
`gaptrack check` prints them and the dashboard shows them in a panel.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..database.queries import Filters, Store
from ..presentation.i18n import t

DEFAULT_WAITED = 2  # Working Group sessions a proposal may wait before it is reported
WAITED_RANGE = (0, 99)  # the waiting times the Checks page accepts, in Working Group sessions


@dataclass(frozen=True)
class Check:
    """One check of the validation report: its rows (a frame), title and help text, from its SQL file and messages."""

    name: str  # sql/check_<name>.sql; check_<name> and check_<name>_help in the catalogs

    def rows(self, store: Store, as_of: str | None, lang: str, waited: int) -> pd.DataFrame:
        return store.frame(f"check_{self.name}", Filters(as_of=as_of, lang=lang), waited=waited)

    def title(self, lang: str, waited: int) -> str:
        return t(lang, f"check_{self.name}", waited=waited)

    def help(self, lang: str) -> str:
        return t(lang, f"check_{self.name}_help")


CHECKS = (
    Check("items_without_paragraph"),
    Check("unaddressed_requirements"),
    Check("unaddressed_headings"),
    Check("waiting_proposals"),
    Check("sessions_without_symbol"),
)


def validation_report(
    store: Store, as_of: str | None = None, lang: str = "en", waited: int = DEFAULT_WAITED
) -> dict[str, pd.DataFrame]:
    """Each check's name with the rows it found (an empty frame: nothing to report)."""
    return {check.name: check.rows(store, as_of, lang, waited) for check in CHECKS}
