"""Every rewrite of a user file is atomic: a full disk leaves the old file untouched."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from reader import atomic
from reader.cli import main
from reader.config import ConfigError
from reader.feeds_file import set_setting, update_urls

BODY = "".join(
    f'# feed {i}\n[[feed]]\ntitle = "Feed {i}"\nurl = "https://f{i}.example/rss"\n\n'
    for i in range(200)
)


def full_disk(*_: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(BODY, encoding="utf-8")
    path.chmod(0o640)
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "feeds.toml")


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_rename_on_a_full_disk_leaves_feeds_toml_as_it_was(
    config: Path, failing: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(atomic.os, failing, full_disk)
    code = main(["--config", str(config), "rename", "Feed 3", "Renamed"])
    err = capsys.readouterr().err
    assert code != 0
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{config}: cannot write config (left unchanged): No space left" in err
    assert config.read_text(encoding="utf-8") == BODY
    assert leftovers(config.parent) == []


def test_a_write_that_fails_midway_leaves_the_old_bytes(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fdopen = os.fdopen

    class HalfWritten:
        """A file that takes 100 bytes and then finds the disk full."""

        def __init__(self, fd: int, mode: str) -> None:
            self.handle = real_fdopen(fd, mode)

        def __enter__(self) -> HalfWritten:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> None:
            self.handle.write(data[:100])
            full_disk()

    monkeypatch.setattr(atomic.os, "fdopen", HalfWritten)
    with pytest.raises(ConfigError, match="left unchanged"):
        update_urls(config, {"https://f1.example/rss": "https://moved.example/rss"})
    with pytest.raises(ConfigError, match="left unchanged"):
        set_setting(config, "theme", "nord")
    assert config.read_text(encoding="utf-8") == BODY
    assert leftovers(config.parent) == []


def test_a_rewrite_keeps_permissions_and_a_symlink(tmp_path: Path, config: Path) -> None:
    link = tmp_path / "dotfiles-link.toml"
    link.symlink_to(config)
    set_setting(link, "theme", "nord")
    assert link.is_symlink() and 'theme = "nord"' in config.read_text(encoding="utf-8")
    assert (config.stat().st_mode & 0o777) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dotfiles-link.toml", "feeds.toml"]
