"""Message catalogs: every string the product shows, one TOML file per language."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

LOCALES = Path(__file__).resolve().parent / "locales"


@lru_cache(maxsize=4)
def catalog(lang: str) -> dict[str, str]:
    with open(LOCALES / f"{lang}.toml", "rb") as f:
        return tomllib.load(f)


def t(lang: str, key: str, **values) -> str:
    """The message `key` in `lang`, with {placeholders} filled in."""
    text = catalog(lang)[key]
    return text.format(**values) if values else text
