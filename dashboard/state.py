"""The view a user has chosen (language, filters, as-of session, selected item), to and from
the URL. Pure functions here; dashboard/sidebar.py connects them to Streamlit widgets."""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field

from transforms.database.queries import Filters
from transforms.record.schema import HEADINGS, KINDS, LANGS, STATUSES

MULTI = {"heading": HEADINGS, "status": STATUSES, "kind": KINDS}


@dataclass(frozen=True)
class View:
    filters: Filters
    item: str | None = None

    @property
    def lang(self) -> str:
        return self.filters.lang


@dataclass
class Parsed:
    values: dict = field(default_factory=dict)
    unknown: list[tuple[str, str]] = field(default_factory=list)  # (parameter, value) ignored


def _split(raw: Sequence[str]) -> list[str]:
    """Repeated keys and comma-separated values both work: ?heading=a&heading=b,c"""
    return [part.strip() for value in raw for part in value.split(",") if part.strip()]


def parse_query(params: Mapping[str, Sequence[str]], sessions: Sequence[str], items: Container[str]) -> Parsed:
    """Known values from the URL; unknown ones are listed so the page can say they were ignored."""
    parsed = Parsed()
    for name, allowed in MULTI.items():
        wanted = _split(params.get(name, []))
        parsed.values[name] = [v for v in allowed if v in wanted]  # in the record's own order
        parsed.unknown += [(name, v) for v in wanted if v not in allowed]
    for name, allowed, default in (("lang", LANGS, "en"), ("as_of", sessions, None), ("item", items, None)):
        wanted = _split(params.get(name, []))
        known = [v for v in wanted if v in allowed]
        parsed.values[name] = known[-1] if known else default
        parsed.unknown += [(name, v) for v in wanted if v not in allowed]
    for name in params:
        if name not in (*MULTI, "lang", "as_of", "item"):
            parsed.unknown += [(name, v) for v in params[name]]
    return parsed


def to_query(view: View) -> dict[str, list[str]]:
    """The URL parameters that reopen exactly this view (defaults left out)."""
    f = view.filters
    query = {
        "heading": list(f.headings),
        "status": list(f.statuses),
        "kind": list(f.kinds),
        "as_of": [f.as_of] if f.as_of else [],
        "item": [view.item] if view.item else [],
        "lang": [f.lang] if f.lang != "en" else [],
    }
    return {k: v for k, v in query.items() if v}
