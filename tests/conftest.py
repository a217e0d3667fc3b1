"""Shared fixtures: the read-only corpora beside the repo, and an isolated environment."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ttrss_server import TtrssServer

    from tests.ui_support import SampleWorld

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """``../shared``; tests that need it skip cleanly when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never read or write the real user's XDG config, data or cache."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.delenv("READER_CONFIG", raising=False)


@pytest.fixture
def utc_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Dates render in local time: pin it to UTC so screens mean the same everywhere."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(scope="session")
def ttrss_session() -> Iterator[TtrssServer]:
    """One real Tiny Tiny RSS server for the whole run (see tests/ttrss_server.py).

    Outside CI it is skipped when it cannot run here (not root, packages missing);
    with ``CI=true`` (``.ci/run``) a server that cannot start fails the tests."""
    from ttrss_server import TtrssServer, missing

    problem = missing()
    if problem and os.environ.get("CI", "").lower() not in ("1", "true", "yes"):
        pytest.skip(f"Tiny Tiny RSS server: {problem}")
    server = TtrssServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def ttrss(ttrss_session: TtrssServer) -> TtrssServer:
    """The server, emptied of feeds, articles and sessions."""
    ttrss_session.reset()
    return ttrss_session


@pytest.fixture
def world(tmp_path: Path) -> SampleWorld:
    """The sample store and config the UI tests open (a file may define its own world)."""
    from tests.ui_support import build_sample

    return build_sample(tmp_path)
