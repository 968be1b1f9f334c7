from __future__ import annotations

import sys
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixtures import SHIPPED_DATA, make_record  # noqa: E402

from transforms.database.build import build  # noqa: E402
from transforms.database.queries import Store  # noqa: E402


@pytest.fixture
def record_dir(tmp_path) -> Path:
    return make_record(tmp_path / "data")


@pytest.fixture(scope="session")
def base_db(tmp_path_factory) -> Path:
    """The BASE record (fixtures.make_record) built once for the run; tests only read it (a
    Store attaches it read-only)."""
    folder = tmp_path_factory.mktemp("base")
    build(make_record(folder / "data"), folder / "fixture.duckdb")
    return folder / "fixture.duckdb"


@pytest.fixture
def store(base_db):
    """A fresh read-only Store on the BASE record's database (built once, see base_db)."""
    with Store(base_db) as s:
        yield s


class Downloads(dict):
    """Files the app handed to st.download_button: media URL -> bytes, and for a file made only
    when the button is clicked (given a callable), its deferred file id -> the callable."""

    def of(self, button) -> bytes:
        """The file a download button (an AppTest element) gives when clicked."""
        if button.proto.deferred_file_id:
            return self[button.proto.deferred_file_id]()
        return self[button.proto.url]


@pytest.fixture
def media(monkeypatch):
    """Every file the app hands to st.download_button (see Downloads)."""
    files = Downloads()
    original = MemoryMediaFileStorage.load_and_get_id
    original_deferred = MediaFileManager.add_deferred

    def spy(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        for suffix in (".csv", ".html"):
            files[f"/mock/media/{file_id}{suffix}"] = path_or_data
        return file_id

    def spy_deferred(self, data_callable, *args, **kwargs):
        file_id = original_deferred(self, data_callable, *args, **kwargs)
        files[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", spy)
    monkeypatch.setattr(MediaFileManager, "add_deferred", spy_deferred)
    return files


@pytest.fixture(scope="session")
def shipped_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("shipped") / "gaptrack.duckdb"
    build(SHIPPED_DATA, path)
    return path


@pytest.fixture
def shipped(shipped_db):
    with Store(shipped_db) as s:
        yield s


def pytest_terminal_summary(terminalreporter):
    """Say plainly when the browser tests did not run, and how to make them run."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "browser" in r.nodeid]
    if skipped:
        reason = skipped[0].longrepr[2] if isinstance(skipped[0].longrepr, tuple) else str(skipped[0].longrepr)
        terminalreporter.write_sep("!", f"{len(skipped)} browser tests were SKIPPED", yellow=True, bold=True)
        terminalreporter.write_line(reason.removeprefix("Skipped: "))
        terminalreporter.write_line(
            "To run them: apt-get install chromium fonts-noto-cjk (Debian), or point "
            "GAPTRACK_CHROMIUM at a Chromium binary; then run make test again."
        )
