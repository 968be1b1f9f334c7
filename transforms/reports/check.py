"""The validation report: what the record still lacks, beyond what `gaptrack build` refuses.

Each check is one SQL file (sql/check_<name>.sql) returning the rows that need attention;
`gaptrack check` prints them and the dashboard shows them in a panel.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..database.coverage import answer, nothing_sentence, on_record
from ..database.queries import Filters, Store, labels
from ..presentation.i18n import t

DEFAULT_WAITED = 2  # Working Group sessions a proposal may wait before it is reported
WAITED_RANGE = (0, 99)  # the waiting times the Checks page accepts, in Working Group sessions


@dataclass(frozen=True)
class Check:
    """One check of the validation report: its rows (a frame), title and help text, from its SQL file and messages."""

    name: str  # sql/check_<name>.sql; check_<name> and check_<name>_help in the catalogs
    question: str | None = None  # the coverage question (coverage.QUESTIONS) whose items it lists, if any

    def rows(self, store: Store, as_of: str | None, lang: str, waited: int) -> pd.DataFrame:
        """The rows the check finds as of `as_of` (a session id; None: the whole record), titles in
        `lang`. A status the record does not hold yet (a requirement no session recorded, listed
        with no as-of only) is worded as the Plan view words it, never left empty."""
        found = store.frame(f"check_{self.name}", Filters(as_of=as_of, lang=lang), waited=waited)
        if "status" in found and found["status"].isna().any():
            found["status"] = found["status"].astype(object).where(found["status"].notna(), t(lang, "plan_no_status"))
        return found

    def nothing_on_record(self, store: Store, as_of: str | None, lang: str) -> str | None:
        """Why the check lists nothing when the record holds none of its question's items as of
        `as_of` (coverage.nothing_sentence: the sentence the Overview and the Plan view give, e.g.
        as of a session before the first that recorded a Plan requirement, which that was); None
        when the check answers no question or the record holds some of its items then."""
        if self.question is None:
            return None
        found = answer(store, Filters(as_of=as_of, lang=lang), self.question)
        if found is None or on_record(found.totals):
            return None
        return nothing_sentence(lang, found, labels(store, lang)["session"])

    def title(self, lang: str, waited: int) -> str:
        return t(lang, f"check_{self.name}", waited=waited)

    def help(self, lang: str) -> str:
        return t(lang, f"check_{self.name}_help")


CHECKS = (
    Check("items_without_paragraph"),
    Check("unaddressed_requirements", question="plan"),
    Check("unaddressed_headings"),
    Check("waiting_proposals"),
    Check("sessions_without_symbol"),
)


def validation_report(
    store: Store, as_of: str | None = None, lang: str = "en", waited: int = DEFAULT_WAITED
) -> dict[str, pd.DataFrame]:
    """Each check's name with the rows it found (an empty frame: nothing to report)."""
    return {check.name: check.rows(store, as_of, lang, waited) for check in CHECKS}
