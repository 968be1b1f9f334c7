"""The validation report: what the record still lacks, beyond what `gaptrack build` refuses.

Each check is one SQL file (sql/check_<name>.sql) returning the rows that need attention;
`gaptrack check` prints them and the dashboard shows them in a panel.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from ..database.coverage import QUESTIONS, answer, first_session, nothing_sentence, on_record
from ..database.queries import Filters, Store, labels
from ..presentation.i18n import t

DEFAULT_WAITED = 2  # Working Group sessions a proposal may wait before it is reported
WAITED_RANGE = (0, 99)  # the waiting times the Checks page accepts, in Working Group sessions
ANY = "any"  # a check's question when it lists items of every kind (both questions' items together)


@dataclass(frozen=True)
class Check:
    """One check of the validation report: its rows (a frame), title and help text, from its SQL file and messages."""

    name: str  # sql/check_<name>.sql; check_<name> and check_<name>_help in the catalogs
    question: str | None = None  # the coverage question (coverage.QUESTIONS) whose items it lists, if any; ANY: all

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
        as of a session before the first that recorded a Plan requirement, which that was; for a
        check of items of every kind (ANY), that no item of any kind was on the record then and
        which session recorded the first); None when the check answers no question or the record
        holds some of its items then."""
        if self.question is None:
            return None
        filters = Filters(as_of=as_of, lang=lang)
        if self.question == ANY:
            return _nothing_of_any_kind(store, filters)
        found = answer(store, filters, self.question)
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
    Check("unaddressed_headings", question=ANY),
    Check("waiting_proposals"),
    Check("sessions_without_symbol"),
)


def _nothing_of_any_kind(store: Store, filters: Filters) -> str | None:
    """Check.nothing_on_record for items of every kind: None when either question's items (the
    two together are every kind, coverage.QUESTIONS) are on the record as of filters.as_of."""
    if any(on_record(answer(store, filters, question).totals) for question in QUESTIONS):
        return None
    lang, first = filters.lang, first_session(store, replace(filters, as_of=None))
    if filters.as_of and first:
        session = labels(store, lang)["session"][filters.as_of]
        return t(lang, "check_any_nothing_as_of", session=session, first=first)
    return t(lang, "check_any_nothing")


def validation_report(
    store: Store, as_of: str | None = None, lang: str = "en", waited: int = DEFAULT_WAITED
) -> dict[str, pd.DataFrame]:
    """Each check's name with the rows it found (an empty frame: nothing to report)."""
    return {check.name: check.rows(store, as_of, lang, waited) for check in CHECKS}
