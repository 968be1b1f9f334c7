"""Which filters each view and each download applies, so a filter means the same everywhere:
a view either narrows by a filter in force or says on screen that it does not, and why.

Filters: heading, status, kind (of item), as_of (session), curated (relations the editors judged,
data/addresses.csv). A download's file name names only the filters it applies.
"""

from __future__ import annotations

from dataclasses import replace

from .queries import Filters

FILTERS = ("heading", "status", "kind", "as_of", "curated")
ITEM_FILTERS = frozenset({"heading", "status", "kind", "as_of"})

# view or download -> the filters it applies
APPLIES: dict[str, frozenset[str]] = {
    # pages (and parts of pages that apply fewer filters than the page around them)
    "overview": ITEM_FILTERS,
    "sessions": ITEM_FILTERS,
    "sessions_list": frozenset({"as_of"}),
    "plan": frozenset(FILTERS),
    "items": ITEM_FILTERS,
    "checks": frozenset({"as_of"}),
    "changes": frozenset(),
    "about": frozenset(),
    # downloads (gaptrack export TABLE and the briefing)
    "coverage": ITEM_FILTERS,
    "items_export": ITEM_FILTERS,
    "sessions_export": frozenset({"as_of"}),
    "links": ITEM_FILTERS,
    "plan_export": frozenset(FILTERS),
    "briefing": frozenset(FILTERS),
}
EXPORT_VIEW = {
    "coverage": "coverage",
    "items": "items_export",
    "sessions": "sessions_export",
    "links": "links",
    "plan": "plan_export",
}


def in_force(filters: Filters) -> set[str]:
    """The filters that narrow anything: set to a value other than the default."""
    given = {
        "heading": bool(filters.headings),
        "status": bool(filters.statuses),
        "kind": bool(filters.kinds),
        "as_of": filters.as_of is not None,
        "curated": not filters.curated,
    }
    return {name for name, set_ in given.items() if set_}


def applied(filters: Filters, view: str) -> Filters:
    """The filters with those the view does not apply set back to their defaults (language kept)."""
    keep = APPLIES[view]
    return replace(
        filters,
        headings=filters.headings if "heading" in keep else (),
        statuses=filters.statuses if "status" in keep else (),
        kinds=filters.kinds if "kind" in keep else (),
        as_of=filters.as_of if "as_of" in keep else None,
        curated=filters.curated if "curated" in keep else True,
    )


def not_applied(filters: Filters, view: str) -> list[str]:
    """The filters in force that the view does not apply, in FILTERS order."""
    return [name for name in FILTERS if name in in_force(filters) and name not in APPLIES[view]]


def not_applied_sentence(lang: str, filters: Filters, view: str) -> str | None:
    """'Not applied here: …, because …' for the view, or None when it applies every filter in force."""
    from ..presentation.i18n import t

    names = not_applied(filters, view)
    if not names:
        return None
    listed = t(lang, "list_separator").join(t(lang, f"scope_filter_{name}") for name in names)
    return t(lang, "scope_not_applied", filters=listed, why=t(lang, f"scope_why_{view}"))


def scope_line(lang: str, filters: Filters, view: str, labels: dict[str, dict[str, str]]) -> str:
    """'<as-of point> — <filters the view applies>': what a view or a command's output covers.
    labels: transforms.database.queries.labels (session, heading, status, kind -> label)."""
    from ..presentation.i18n import t

    f = applied(filters, view)
    scope = t(lang, "scope_as_of", session=labels["session"][f.as_of]) if f.as_of else t(lang, "scope_whole")
    parts = [
        t(lang, "list_separator").join(labels[field][k] for k in keys)
        for field, keys in (("heading", f.headings), ("status", f.statuses), ("kind", f.kinds))
        if keys
    ]
    if not f.curated:
        parts.append(t(lang, "scope_filter_curated"))
    return t(lang, "punct_dash", text=scope, more=" · ".join(parts) if parts else t(lang, "scope_unfiltered"))
