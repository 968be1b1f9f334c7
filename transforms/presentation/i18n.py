"""Message catalogs: every string the product shows, in TOML files per language.

`locales/<lang>.toml` holds the dashboard's and CLI's messages; a feature may keep its own
in `locales/<feature>.<lang>.toml`. A key defined twice is a bug and fails loudly.
"""

from __future__ import annotations

import string
import tomllib
from functools import lru_cache
from pathlib import Path

LOCALES = Path(__file__).resolve().parent / "locales"


def catalog_files(lang: str) -> list[Path]:
    """The catalog files of one language: locales/<lang>.toml, then each feature's <feature>.<lang>.toml."""
    return [LOCALES / f"{lang}.toml", *sorted(LOCALES.glob(f"*.{lang}.toml"))]


@lru_cache(maxsize=4)
def catalog(lang: str) -> dict[str, str]:
    """Every message of one language, key -> text; RuntimeError if two files define the same key."""
    merged: dict[str, str] = {}
    for path in catalog_files(lang):
        with open(path, "rb") as f:
            messages = tomllib.load(f)
        twice = set(merged) & set(messages)
        if twice:
            raise RuntimeError(f"{path.name} defines again: {', '.join(sorted(twice))}")
        merged.update(messages)
    return merged


class _Words(string.Formatter):
    """str.format, plus plurals: {n:plural|item|items} gives "item" when n is 1, else "items"."""

    def format_field(self, value, format_spec: str) -> str:
        if format_spec.startswith("plural|"):
            one, many = format_spec.split("|")[1:3]
            return one if value == 1 else many
        return super().format_field(value, format_spec)


_WORDS = _Words()


def t(lang: str, key: str, **values) -> str:
    """The message `key` in `lang`, with {placeholders} filled in ({n:plural|one|many}: the
    word for n, singular when n is 1)."""
    text = catalog(lang)[key]
    return _WORDS.format(text, **values) if values else text


def percent(share: float | None) -> str:
    """A share as a whole percentage, or a dash when there is none (no items)."""
    return "–" if share is None or share != share else f"{share:.0%}"


def coverage_sentence(lang: str, totals: dict[str, int]) -> str:
    """One sentence of headline figures (coverage_totals): how many items, how many done, pending, proposed."""
    if not totals["total"]:
        return t(lang, "no_items")
    done_pct = percent(totals["done"] / totals["total"])
    return t(lang, "coverage_sentence", done_pct=done_pct, **totals)
