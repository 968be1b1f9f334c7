"""Ids that name nothing: the closest ids that exist, to suggest (`gaptrack link set rec-wg1-1 …`
-> rec-wg1-01), and the refusal that says so in every language."""

from __future__ import annotations

import difflib
import re

from .errors import Refusal


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
