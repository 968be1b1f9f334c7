"""The layers of the code hold: the import contracts in pyproject.toml ([tool.importlinter]),
checked by import-linter's `lint-imports` on the real packages. And each contract can fail: a
copy of the code with one forbidden import added is refused, naming the contract it breaks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """Run the contracts of root/pyproject.toml on the packages under root (not the installed ones)."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_code_keeps_every_layer_contract():
    done = lint_imports(REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout and " KEPT" in done.stdout


@pytest.fixture
def copy(tmp_path) -> Path:
    """A copy of the code and its contracts, to break on purpose."""
    ignore = shutil.ignore_patterns("__pycache__")
    for package in ("transforms", "dashboard"):
        shutil.copytree(REPO / package, tmp_path / package, ignore=ignore)
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


LAYERS = "transforms by layer: cli, features, editing, database, record, words"
ONE_WAY = "the dashboard may use transforms, never the reverse"
NO_CLI = "the dashboard asks transforms' features, not the command line"
BREAKS = {
    # module added: (its one line, the contract it breaks)
    "transforms/record/uses_the_database.py": ("from ..database.queries import Store", LAYERS),
    "transforms/reports/uses_the_cli.py": ("from ..cli.terminal import aligned", LAYERS),
    "transforms/database/uses_editing.py": ("from ..editing import saving", LAYERS),
    "transforms/presentation/uses_the_record.py": ("from ..record import schema", LAYERS),
    "transforms/reports/uses_ingest.py": ("from .. import ingest", LAYERS),
    "transforms/outside_every_layer.py": ("X = 1", LAYERS),
    "transforms/presentation/uses_the_dashboard.py": ("import dashboard", ONE_WAY),
    "dashboard/uses_the_cli.py": ("from transforms.cli import main", NO_CLI),
}


@pytest.mark.parametrize("module", BREAKS)
def test_a_forbidden_import_breaks_its_contract(copy, module):
    line, contract = BREAKS[module]
    (copy / module).write_text(f'"""A module that breaks a layer."""\n\n{line}\n', encoding="utf-8")
    done = lint_imports(copy)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{contract} BROKEN" in done.stdout and "1 broken" in done.stdout, done.stdout
    assert module.removesuffix(".py").replace("/", ".") in done.stdout  # the culprit is named


def test_the_copy_alone_keeps_the_contracts(copy):
    """The breaks above fail for the module they add, not for the copy itself."""
    done = lint_imports(copy)
    assert done.returncode == 0, done.stdout + done.stderr
