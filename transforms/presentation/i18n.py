"""Message catalogs: every string the product shows, in TOML files per language.

`locales/<lang>.toml` holds the dashboard's and CLI's messages; a feature may keep its own
in `locales/<feature>.<lang>.toml`. A key defined twice is a bug and fails loudly.
"""

from __future__ import annotations

import datetime as dt
import string
import tomllib
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_decimal, format_percent, get_decimal_symbol, get_group_symbol

LOCALES = Path(__file__).resolve().parent / "locales"
# The Babel locale of each language: UN English writes dates day first ("10 October 2011").
BABEL_LOCALES = {"en": "en_GB", "zh": "zh_Hans_CN"}


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


@lru_cache(maxsize=4)
def babel_locale(lang: str) -> Locale:
    """The Babel Locale of a language (en, zh); ValueError for another."""
    if lang not in BABEL_LOCALES:
        raise ValueError(f"no locale for language {lang!r}; expected one of: {', '.join(BABEL_LOCALES)}")
    return Locale.parse(BABEL_LOCALES[lang])


def plural_form(lang: str, n) -> str:
    """The CLDR plural category of n in lang, by Babel: "one" or "other" (English: 1 is "one";
    Chinese has only "other")."""
    return babel_locale(lang).plural_form(abs(n))


def number(lang: str, n) -> str:
    """A count or other number written as the language writes it (Babel: 12,345 in both; a whole
    float as the whole number, 3.0 -> "3"). ValueError for a language with no locale."""
    try:
        return _number(lang, n)
    except TypeError:  # a value that cannot be a key (a Decimal NaN): written each time
        return format_decimal(n, locale=babel_locale(lang))


@lru_cache(maxsize=16384)  # a page writes the same few counts over and over; Babel takes ~4 us each
def _number(lang: str, n) -> str:
    return format_decimal(n, locale=babel_locale(lang))


def table_count_format(lang: str) -> str:
    """The printf format a table widget (Streamlit's NumberColumn: sprintf-js, "," asking for
    grouping) writes a whole number with as number() writes it in `lang` (Babel): "%,d", "12,345",
    where the language's locale groups by threes with ","; ValueError for a locale that groups
    otherwise (no printf format writes that)."""
    locale = babel_locale(lang)
    if get_group_symbol(locale) != "," or locale.decimal_formats[None].grouping != (3, 3):
        raise ValueError(f"no table format writes numbers as {locale} does")
    return "%,d"


def chart_separators(lang: str) -> str:
    """The decimal mark and the thousands separator of `lang` (Babel), as a Plotly figure's
    layout.separators takes them (".," in both: 1,000.5), so its axis writes numbers as number()."""
    locale = babel_locale(lang)
    return get_decimal_symbol(locale) + get_group_symbol(locale)


class _Words(string.Formatter):
    """str.format in one language, plus two format specs:
    {n:plural|item|items}: the word for n by the language's plural rules (Babel): "item" where
    n is in the category "one", else "items"; {n:num}: n written by number()."""

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang

    def format_field(self, value, format_spec: str) -> str:
        if format_spec.startswith("plural|"):
            one, many = format_spec.split("|")[1:3]
            return one if plural_form(self.lang, value) == "one" else many
        if format_spec == "num":
            return number(self.lang, value)
        return super().format_field(value, format_spec)


_WORDS = {lang: _Words(lang) for lang in BABEL_LOCALES}


def t(lang: str, key: str, **values) -> str:
    """The message `key` in `lang`, with {placeholders} filled in ({n:plural|one|many}: the
    word for n by the language's plural rules; {n:num}: n as the language writes numbers)."""
    if not values:
        return catalog(lang)[key]
    try:  # the same words are asked for again and again (a page's labels, a chart's rows): kept
        return _filled(lang, key, tuple((name, type(value), value) for name, value in values.items()))
    except TypeError:  # a value that cannot be a key (a list): filled each time
        return _WORDS[lang].format(catalog(lang)[key], **values)


@lru_cache(maxsize=16384)
def _filled(lang: str, key: str, values: tuple) -> str:
    """t's text for values given as (name, type, value): the type is part of the key, so 1 and 1.0
    (equal, and so one key without it) are written each their own way."""
    return _WORDS[lang].format(catalog(lang)[key], **{name: value for name, _, value in values})


def percent(share: float | None, lang: str = "en") -> str:
    """A share (0..1) as a whole percentage written as the language writes it (Babel), or a dash
    when there is none (no items). A half rounds away from zero (0.125 -> "13%", 0.005 -> "1%"),
    as the CSV and marts round shares (DuckDB's round), not to even as Babel would; the share is
    taken as Python writes it (0.145 -> "15%", the double being a hair below 0.145)."""
    if share is None or share != share:
        return "–"
    return _percent(float(share), lang)


@lru_cache(maxsize=8192)  # a page writes the same few shares many times; Babel takes ~30 us each
def _percent(share: float, lang: str) -> str:
    whole = Decimal(repr(share)).quantize(PERCENT_QUANTUM, ROUND_HALF_UP)
    return format_percent(whole, "#,##0%", locale=babel_locale(lang))


PERCENT_QUANTUM = Decimal("0.01")  # a whole percentage


def date_text(lang: str, value) -> str:
    """A date (datetime.date, datetime or pandas Timestamp) in words, by Babel: "10 October
    2011", "2011年10月10日"."""
    day = value.date() if isinstance(value, dt.datetime) else value
    return format_date(day, format="long", locale=babel_locale(lang))


# Babel patterns for a date in a table cell: "14 Apr 2009", "2009年4月14日".
SHORT_DATE = {"en": "d MMM y", "zh": "y年M月d日"}


def short_date(lang: str, value) -> str:
    """A date (datetime.date, datetime or pandas Timestamp) as a table cell writes it in lang, by
    Babel: "14 Apr 2009", "2009年4月14日"."""
    day = value.date() if isinstance(value, dt.datetime) else value
    return format_date(day, format=SHORT_DATE[lang], locale=babel_locale(lang))


def moment_text(lang: str, value: dt.datetime) -> str:
    """A moment in UTC (an aware datetime is converted; a naive one is taken as UTC), by Babel:
    "10 October 2011, 14:05 UTC", "2011年10月10日 14:05 UTC"."""
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    sep = " " if lang == "zh" else ", "
    return f"{date_text(lang, value)}{sep}{format_time(value, 'HH:mm', locale=babel_locale(lang))} UTC"


def coverage_sentence(lang: str, totals: dict[str, int]) -> str:
    """One sentence of headline figures (coverage_totals): how many items, how many done, pending, proposed."""
    if not totals["total"]:
        return t(lang, "no_items")
    done_pct = percent(totals["done"] / totals["total"], lang)
    return t(lang, "coverage_sentence", done_pct=done_pct, **totals)
