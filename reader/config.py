"""Find and read ``feeds.toml``: the list of sources and the user's settings.

Lookup order: ``--config PATH``, ``$READER_CONFIG``, ``./feeds.toml``, the XDG
config dir, then the default packaged with ``reader`` (bundled samples only).
Every mistake a user can make in the file becomes a :class:`ConfigError` whose
message is one line naming the file and line.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.models import FeedConfig
from reader.paths import user_config_file

PACKAGED_DEFAULT = Path(__file__).with_name("default_feeds.toml")

FEED_KEYS = {"title": str, "url": str, "path": str, "tags": list, "full_text": bool}


class ConfigError(ReaderError):
    """A problem in feeds.toml that the user can fix; ``str()`` is one line."""


@dataclass(slots=True)
class Settings:
    """The ``[settings]`` table, with defaults for everything."""

    mark_read_on_open: bool = True
    refresh_on_start: bool = False
    timeout: float = 20.0
    max_feed_bytes: int = 50 * 1024 * 1024
    theme: str = ""
    db: str = ""
    extractor: str = "rules"
    """How people and sources are found: "rules", or "spacy" (the rules plus an installed
    spaCy pipeline's entities; falls back to the rules when spaCy is missing)."""


SETTING_TYPES: dict[str, type | tuple[type, ...]] = {
    "mark_read_on_open": bool,
    "refresh_on_start": bool,
    "timeout": (int, float),
    "max_feed_bytes": int,
    "theme": str,
    "db": str,
    "extractor": str,
}
RETIRED_SETTINGS = frozenset({"workers"})
"""Settings an older reader read (or parsed and never used): accepted and ignored."""
EXTRACTORS = ("rules", "spacy")  # the same as reader.entities.EXTRACTORS


@dataclass(slots=True)
class Config:
    """A loaded feeds.toml."""

    path: Path
    feeds: list[FeedConfig] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    keys: dict[str, str] = field(default_factory=dict)


def find_config(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The feeds.toml to use, by the documented lookup order."""
    if explicit:
        path = Path(explicit).expanduser()
        if not path.is_file():
            raise ConfigError(f"{path}: no such config file")
        return path
    env = os.environ.get("READER_CONFIG")
    if env:
        path = Path(env).expanduser()
        if not path.is_file():
            raise ConfigError(f"{path}: no such config file (from $READER_CONFIG)")
        return path
    for candidate in (Path.cwd() / "feeds.toml", user_config_file()):
        if candidate.is_file():
            return candidate
    return PACKAGED_DEFAULT


def load_config(explicit: str | os.PathLike[str] | None = None) -> Config:
    """Find and parse the config; raise :class:`ConfigError` on any user mistake."""
    return parse_config(find_config(explicit))


def _line_of(source: str, pattern: str, start_line: int = 0) -> int:
    """1-based number of the first line at or after ``start_line`` matching ``pattern``."""
    regex = re.compile(pattern)
    for number, line in enumerate(source.splitlines()[start_line:], start=start_line + 1):
        if regex.search(line):
            return number
    return start_line + 1 if start_line else 1


def _feed_header_lines(source: str) -> list[int]:
    """0-based line numbers of each ``[[feed]]`` header, in order."""
    return [
        number
        for number, line in enumerate(source.splitlines())
        if re.match(r"\s*\[\[\s*feed\s*\]\]", line)
    ]


def parse_config(path: Path) -> Config:
    """Parse one feeds.toml file."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None

    def fail(line: int, message: str) -> ConfigError:
        return ConfigError(f"{path}:{line}: {message}")

    for key in data:
        if key not in ("settings", "feed", "keys"):
            line = _line_of(source, rf"^\s*\[?\[?\s*{re.escape(key)}\b")
            raise fail(line, f"unknown key {key!r} (expected settings, keys, feed)")

    settings = Settings()
    raw_settings = data.get("settings", {})
    if not isinstance(raw_settings, dict):
        raise fail(_line_of(source, r"^\s*settings\b"), "settings must be a table")
    for key, value in raw_settings.items():
        if key in RETIRED_SETTINGS:
            continue
        expected = SETTING_TYPES.get(key)
        if expected is None:
            raise fail(_line_of(source, rf"^\s*{re.escape(key)}\s*="), f"unknown setting {key!r}")
        if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
            raise fail(
                _line_of(source, rf"^\s*{re.escape(key)}\s*="),
                f"setting {key!r} has the wrong type ({type(value).__name__})",
            )
        if key == "extractor" and value not in EXTRACTORS:
            raise fail(
                _line_of(source, rf"^\s*{re.escape(key)}\s*="),
                f"setting 'extractor' must be \"rules\" or \"spacy\" (got {value!r})",
            )
        setattr(settings, key, value)

    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(
        isinstance(v, str) for v in keys.values()
    ):
        raise fail(_line_of(source, r"^\s*\[keys\]"), "[keys] maps binding ids to key strings")

    raw_feeds = data.get("feed", [])
    if not isinstance(raw_feeds, list):
        raise fail(_line_of(source, r"^\s*feed\b"), "feed must be an array of tables: [[feed]]")
    headers = _feed_header_lines(source)
    feeds: list[FeedConfig] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_feeds):
        start = headers[index] if index < len(headers) else 0
        feeds.append(_parse_feed(raw, path, source, start, fail))
        line = start + 1
        feed_id = feeds[-1].id
        if feed_id in seen:
            raise fail(line, f"duplicate feed {feed_id!r} (first at line {seen[feed_id]})")
        seen[feed_id] = line
    return Config(path=path, feeds=feeds, settings=settings, keys=dict(keys))


def _parse_feed(
    raw: Any, path: Path, source: str, start: int, fail: Callable[[int, str], ConfigError]
) -> FeedConfig:
    header_line = start + 1
    if not isinstance(raw, dict):
        raise fail(header_line, "each [[feed]] must be a table")
    for key, value in raw.items():
        expected = FEED_KEYS.get(key)
        problem = None
        if expected is None:
            problem = f"unknown feed key {key!r} (expected title, url, path, tags, full_text)"
        elif not isinstance(value, expected):
            kind = "true or false" if expected is bool else f"a {expected.__name__}"
            problem = f"feed key {key!r} must be {kind}"
        elif isinstance(value, list) and not all(isinstance(tag, str) for tag in value):
            problem = "tags must be a list of strings"
        if problem:
            # Line numbers are looked up only for errors: a 1,000-feed file parses fast.
            raise fail(_line_of(source, rf"^\s*{re.escape(key)}\s*=", start), problem)
    url, local = raw.get("url"), raw.get("path")
    if bool(url) == bool(local):
        raise fail(header_line, "each [[feed]] needs exactly one of url or path")
    if url and not re.match(r"^https?://", url):
        line = _line_of(source, r"^\s*url\s*=", start)
        raise fail(line, f"url must start with http:// or https:// (got {url!r})")
    resolved = None
    if local:
        resolved = str((path.parent / Path(local).expanduser()).resolve())
    title = raw.get("title") or url or Path(str(local)).name
    return FeedConfig(
        title=title, url=url, path=resolved, tags=list(raw.get("tags", [])),
        full_text=raw.get("full_text", False),
    )
