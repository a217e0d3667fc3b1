"""Every rewrite of a user file is atomic: a full disk leaves the old file untouched."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path
from typing import IO, Any

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


class FillsUp:
    """A file being written on a disk that fills up after half of what is written."""

    def __init__(self, real: IO[Any]) -> None:
        self.real = real

    def __enter__(self) -> FillsUp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def write(self, data: Any) -> int:
        self.real.write(data[: len(data) // 2])
        self.real.flush()
        full_disk()
        return 0


@pytest.mark.parametrize("edit", ["rename", "redirect", "theme"])
def test_a_write_that_fails_midway_leaves_the_old_bytes(
    config: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    edit: str,
) -> None:
    """Whatever way a rewrite opens its file (io.open underlies them all), half a
    write then a full disk leaves feeds.toml as it was."""
    real_open = io.open

    def opening(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        return FillsUp(handle) if "w" in mode else handle

    monkeypatch.setattr(io, "open", opening)
    if edit == "rename":
        assert main(["--config", str(config), "rename", "Feed 3", "Renamed"]) == 2
        assert "left unchanged): No space left on device" in capsys.readouterr().err
    else:
        with pytest.raises(ConfigError, match="left unchanged"):
            if edit == "redirect":
                update_urls(config, {"https://f1.example/rss": "https://moved.example/rss"})
            else:
                set_setting(config, "theme", "nord")
    monkeypatch.undo()
    assert config.read_text(encoding="utf-8") == BODY
    assert leftovers(config.parent) == []


def test_a_rewrite_keeps_permissions_and_a_symlink(tmp_path: Path, config: Path) -> None:
    link = tmp_path / "dotfiles-link.toml"
    link.symlink_to(config)
    set_setting(link, "theme", "nord")
    assert link.is_symlink() and 'theme = "nord"' in config.read_text(encoding="utf-8")
    assert (config.stat().st_mode & 0o777) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dotfiles-link.toml", "feeds.toml"]
