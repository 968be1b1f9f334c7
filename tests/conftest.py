from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixtures import SHIPPED_DATA, make_record  # noqa: E402

from transforms.build import build  # noqa: E402
from transforms.queries import Store  # noqa: E402


@pytest.fixture
def record_dir(tmp_path) -> Path:
    return make_record(tmp_path / "data")


@pytest.fixture
def store(record_dir, tmp_path):
    build(record_dir, tmp_path / "fixture.duckdb")
    with Store(tmp_path / "fixture.duckdb") as s:
        yield s


@pytest.fixture(scope="session")
def shipped_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("shipped") / "gaptrack.duckdb"
    build(SHIPPED_DATA, path)
    return path


@pytest.fixture
def shipped(shipped_db):
    with Store(shipped_db) as s:
        yield s
