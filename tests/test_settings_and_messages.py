"""Every setting is documented, and every message exists in every language."""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path

import pytest

from transforms.presentation.i18n import catalog

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
LANGS = ["en", "zh"]


def config_keys(table: dict, prefix: str = "") -> list[str]:
    keys = []
    for key, value in table.items():
        keys += config_keys(value, f"{prefix}{key}.") if isinstance(value, dict) else [prefix + key]
    return keys


def test_every_streamlit_setting_is_documented():
    with open(REPO / ".streamlit" / "config.toml", "rb") as f:
        keys = config_keys(tomllib.load(f))
    assert keys
    settings = README[README.index("## Settings") :]
    for key in keys:
        assert f"`{key}`" in settings, f"{key} is set in .streamlit/config.toml but not documented in README"


def test_every_secret_is_documented():
    """Settings read from Streamlit's secrets (dashboard/editing.py) are in the README with their
    environment variable."""
    source = (REPO / "dashboard" / "editing.py").read_text(encoding="utf-8")
    pairs = re.findall(r"""_setting\(\s*["']([A-Z_]+)["'],\s*["']([a-z_]+)["']\)""", source)
    assert ("GAPTRACK_EDITING", "editing") in pairs and len(pairs) == source.count("_setting(") - 1
    settings = README[README.index("## Settings") :]
    for env, secret in pairs:
        row = next((line for line in settings.splitlines() if f"`{env}`" in line), "")
        assert f"`{secret}`" in row, f"the secret {secret} ({env}) is not documented in README's Settings"


def test_every_environment_variable_is_documented():
    used = set()
    for path in [*REPO.glob("transforms/**/*.py"), *REPO.glob("dashboard/**/*.py"), *REPO.glob("tests/**/*.py")]:
        used |= set(re.findall(r"""environ(?:\.get)?\(\s*["']([A-Z_]+)["']""", path.read_text(encoding="utf-8")))
        used |= set(re.findall(r"""environ\[["']([A-Z_]+)["']\]""", path.read_text(encoding="utf-8")))
    assert {"GAPTRACK_DATA", "GAPTRACK_DB", "CI"} <= used
    settings = README[README.index("## Settings") :]
    for name in used:
        assert f"`{name}`" in settings, f"{name} is read from the environment but not documented in README"


def test_catalogs_have_the_same_keys_and_placeholders():
    en, zh = catalog("en"), catalog("zh")
    assert set(en) == set(zh)
    fields = lambda text: {f for _, f, _, _ in string.Formatter().parse(text) if f}  # noqa: E731

    # a number English uses only to choose a plural form ("{n:plural|it is|they are}") need not be
    # written in Chinese, which has one form
    def plural_only(text: str) -> set[str]:
        shown = {f for _, f, spec, _ in string.Formatter().parse(text) if f and not (spec or "").startswith("plural")}
        return fields(text) - shown

    for key in en:
        if key.startswith("streamlit_"):
            # Streamlit's own English (a pattern whose fields are what it matched) and the Chinese put
            # in its place, which may leave a matched part out ("03 – March" -> "03 月")
            assert fields(zh[key]) <= fields(en[key]), key
        else:
            assert fields(en[key]) - plural_only(en[key]) <= fields(zh[key]) <= fields(en[key]), key


def test_every_message_the_code_asks_for_exists():
    asked = set()
    for path in [*REPO.glob("transforms/**/*.py"), *REPO.glob("dashboard/**/*.py")]:
        text = path.read_text(encoding="utf-8")
        asked |= set(re.findall(r"""\bt\([^,()]+,\s*["']([a-z_]+)["']\s*[,)]""", text))
        for prefix in re.findall(r"""\bt\([^,()]+,\s*f["']([a-z_]+)\{""", text):
            assert any(k.startswith(prefix) for k in catalog("en")), prefix
    assert len(asked) > 50
    missing = asked - set(catalog("en"))
    assert not missing


@pytest.mark.parametrize("lang", LANGS)
def test_status_heading_words_match_the_data(lang):
    import csv

    with open(REPO / "data" / "statuses.csv", encoding="utf-8-sig") as f:
        statuses = {row["status"]: row[f"label_{lang}"] for row in csv.DictReader(f)}
    for status, label in statuses.items():
        assert catalog(lang)[f"status_{status}"] == label
