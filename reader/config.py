"""Find and read ``feeds.toml``: the list of sources and the user's settings.

Lookup order: ``--config PATH``, ``$READER_CONFIG``, then the user's own file in
the XDG config dir, which the first run creates from the default packaged with
``reader`` (the bundled samples and a few news feeds).  A ``feeds.toml`` in the
current folder is used only when named with ``--config``: wherever ``reader``
starts, it shows the same feeds (and, with the same database, the same articles).
Every mistake a user can make in the file becomes a :class:`ConfigError` whose
message is one line naming the file and line.
"""

from __future__ import annotations

import json
import math
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.atomic import replace_text
from reader.errors import ReaderError
from reader.models import FeedConfig
from reader.paths import user_config_file
from reader.sanitize import url_problem

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
SETTING_RANGES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "timeout": (lambda v: math.isfinite(v) and 0 < v <= 3600, "above 0 and at most 3600 seconds"),
    "max_feed_bytes": (lambda v: v > 0, "a number of bytes above 0"),
}
"""Numbers a setting may take: a nan, infinite, zero or negative timeout would make
every fetch fail at once or never end."""


SYNC_BACKENDS = ("ttrss",)
SYNC_KEYS = {"backend": str, "url": str, "user": str, "password_command": str, "password_env": str}


@dataclass(slots=True)
class SyncConfig:
    """The ``[sync]`` table: the feed server that holds subscriptions and read/starred state.

    The password comes from ``password_command`` (a shell command that prints it) or
    from the environment variable named by ``password_env``; never from the file.
    """

    backend: str
    url: str
    user: str
    password_command: str | None = None
    password_env: str | None = None
    where: str = ""
    """``file:line`` of the ``[sync]`` header, for messages."""


@dataclass(slots=True)
class Config:
    """A loaded feeds.toml."""

    path: Path
    feeds: list[FeedConfig] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    keys: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    """One line each, naming file and line: what was ignored so that reader still starts."""
    sync: SyncConfig | None = None


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
    mine = user_config_file()
    if mine.is_file():
        return mine
    try:
        create_user_config(mine)
    except OSError:
        return PACKAGED_DEFAULT  # read-only home: run on the default; an edit says why it fails
    return mine


def create_user_config(target: Path) -> None:
    """Write ``target`` as a copy of the packaged default, atomically.

    Its local paths are made absolute (in the packaged file they are relative to the
    package), so the bundled samples load from the copy wherever it lives.
    """
    lines = []
    for line in PACKAGED_DEFAULT.read_text(encoding="utf-8").splitlines(keepends=True):
        local = _PACKAGED_PATH.match(line)
        if local:
            resolved = (PACKAGED_DEFAULT.parent / local[2]).resolve()
            line = f"{local[1]}{json.dumps(str(resolved))}\n"  # a valid TOML basic string
        lines.append(line)
    lines[0] = "# Your reader feeds, started from the default packaged with reader.\n"
    target.parent.mkdir(parents=True, exist_ok=True)
    replace_text(target, "".join(lines))


_PACKAGED_PATH = re.compile(r'^(path\s*=\s*)"([^"\\]*)"\s*$')


def load_config(explicit: str | os.PathLike[str] | None = None) -> Config:
    """Find and parse the config; raise :class:`ConfigError` on any user mistake."""
    return parse_config(find_config(explicit))


def files_in_use(config_path: Path, db_path: Path) -> list[tuple[str, str]]:
    """``(what, where)`` for the config and database in use: shown by ``reader doctor`` and
    the help screen, so a person knows which files their feeds and articles live in."""
    config = str(config_path.absolute())  # ("feeds.toml" as given says not which folder)
    if config_path.resolve() == PACKAGED_DEFAULT.resolve():
        config += f" (packaged default; edits go to {user_config_file()})"
    return [("config", config), ("database", str(db_path))]


def resolve_local(config_path: Path, local: str) -> str:
    """A feed's ``path`` as stored: ``~`` expanded, relative to the config file, resolved."""
    return str((config_path.parent / Path(local).expanduser()).resolve())


def reload_config(config: Config) -> tuple[Config, str | None]:
    """``config`` read again from its file (feeds added meanwhile included), or, when the
    file is now broken or gone, ``config`` itself and the one-line reason."""
    try:
        return parse_config(config.path), None
    except ConfigError as exc:
        return config, f"{exc} (still using the feeds read before)"


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
        at = re.search(r"at line (\d+)", str(exc))
        where = f"{path}:{at[1]}" if at else str(path)
        raise ConfigError(f"{where}: invalid TOML: {exc}") from None

    def fail(line: int, message: str) -> ConfigError:
        return ConfigError(f"{path}:{line}: {message}")

    for key in data:
        if key not in ("settings", "feed", "keys", "sync"):
            line = _line_of(source, rf"^\s*\[?\[?\s*{re.escape(key)}\b")
            raise fail(line, f"unknown key {key!r} (expected settings, keys, feed, sync)")

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
        allowed = SETTING_RANGES.get(key)
        if allowed is not None and not allowed[0](value):
            raise fail(
                _line_of(source, rf"^\s*{re.escape(key)}\s*="),
                f"setting {key!r} must be {allowed[1]} (got {value!r})",
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
    warnings: list[str] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_feeds):
        start = headers[index] if index < len(headers) else 0
        feed = _parse_feed(raw, path, source, start, fail)
        line = start + 1
        if feed.id in seen:  # (an older reader could write one, following a redirect)
            warnings.append(
                f"{path}:{line}: duplicate feed {feed.id!r} (first at line {seen[feed.id]}); "
                "ignored"
            )
            continue
        feeds.append(feed)
        seen[feed.id] = line
    sync = _parse_sync(data["sync"], path, source, fail) if "sync" in data else None
    return Config(path=path, feeds=feeds, settings=settings, keys=dict(keys), warnings=warnings,
                  sync=sync)


def _parse_sync(
    raw: Any, path: Path, source: str, fail: Callable[[int, str], ConfigError]
) -> SyncConfig:
    header = _line_of(source, r"^\s*\[\s*sync\s*\]")
    if not isinstance(raw, dict):
        raise fail(header, "sync must be a table: [sync]")

    def key_line(key: str) -> int:
        return _line_of(source, rf"^\s*{re.escape(key)}\s*=", header - 1)

    for key, value in raw.items():
        if key not in SYNC_KEYS:
            expected = ", ".join(SYNC_KEYS)
            raise fail(key_line(key), f"unknown sync key {key!r} (expected {expected})")
        if not isinstance(value, str) or not value.strip():
            raise fail(key_line(key), f"sync key {key!r} must be a non-empty string")
    for key in ("backend", "url", "user"):
        if key not in raw:
            raise fail(header, f"[sync] needs {key!r}")
    if raw["backend"] not in SYNC_BACKENDS:
        raise fail(
            key_line("backend"), f"sync backend must be \"ttrss\" (got {raw['backend']!r})"
        )
    if not re.match(r"^https?://", raw["url"]):
        raise fail(key_line("url"), f"sync url must start with http:// or https:// "
                   f"(got {raw['url']!r})")
    if ("password_command" in raw) == ("password_env" in raw):
        raise fail(header, "[sync] needs exactly one of password_command or password_env "
                   "(the password is never written in feeds.toml)")
    return SyncConfig(
        backend=raw["backend"], url=raw["url"], user=raw["user"],
        password_command=raw.get("password_command"), password_env=raw.get("password_env"),
        where=f"{path}:{header}",
    )


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
    problem = url_problem(url) if url else None
    if problem:
        line = _line_of(source, r"^\s*url\s*=", start)
        raise fail(line, f"url {url!r} is not usable: {problem}")
    resolved = resolve_local(path, local) if local else None
    title = raw.get("title") or url or Path(str(local)).name
    return FeedConfig(
        title=title, url=url, path=resolved, tags=list(raw.get("tags", [])),
        full_text=raw.get("full_text", False),
    )
