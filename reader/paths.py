"""Where reader keeps its files, following the XDG base directory spec via platformdirs."""

from __future__ import annotations

from pathlib import Path

from platformdirs import PlatformDirs

_DIRS = PlatformDirs("reader", appauthor=False)


def user_config_file() -> Path:
    """``$XDG_CONFIG_HOME/reader/feeds.toml``."""
    return Path(_DIRS.user_config_dir) / "feeds.toml"


def default_db_path() -> Path:
    """``$XDG_DATA_HOME/reader/reader.db``."""
    return Path(_DIRS.user_data_dir) / "reader.db"


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/reader``."""
    return Path(_DIRS.user_cache_dir)
