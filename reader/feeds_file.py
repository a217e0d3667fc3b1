"""Edit feeds.toml in place with tomlkit, keeping the user's comments and formatting."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import tomlkit
from tomlkit.items import AoT, Table

from reader.config import PACKAGED_DEFAULT, ConfigError
from reader.models import FeedConfig
from reader.paths import user_config_file


def writable_config(path: Path) -> Path:
    """The file edits go to: the packaged default is never edited, the XDG one is used instead."""
    if path.resolve() == PACKAGED_DEFAULT.resolve():
        target = user_config_file()
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                "# reader feeds: see README for every setting.\n\n[settings]\n", encoding="utf-8"
            )
        return target
    return path


def add_feeds(path: Path, feeds: Iterable[FeedConfig]) -> list[FeedConfig]:
    """Append the feeds whose URL is not there yet; return those added."""
    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.ParseError) as exc:
        raise ConfigError(f"{path}: cannot edit config: {exc}") from None
    existing = document.get("feed")
    if existing is None:
        existing = tomlkit.aot()
        document.append("feed", existing)
    if not isinstance(existing, AoT):
        raise ConfigError(f"{path}: 'feed' must be an array of tables: [[feed]]")
    known = {str(t.get("url") or t.get("path")) for t in existing}
    added = []
    for feed in feeds:
        if feed.url in known:
            continue
        table: Table = tomlkit.table()
        table.add("title", feed.title)
        table.add("url", feed.url)
        if feed.tags:
            table.add("tags", feed.tags)
        existing.append(table)
        known.add(str(feed.url))
        added.append(feed)
    try:
        path.write_text(tomlkit.dumps(document), encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write config: {exc.strerror or exc}") from None
    return added


def update_urls(path: Path, moves: dict[str, str]) -> int:
    """Replace feed URLs (old -> new) in place; return how many were changed."""
    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.ParseError) as exc:
        raise ConfigError(f"{path}: cannot edit config: {exc}") from None
    changed = 0
    for table in document.get("feed", []):
        new = moves.get(str(table.get("url")))
        if new:
            table["url"] = new
            changed += 1
    if changed:
        try:
            path.write_text(tomlkit.dumps(document), encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{path}: cannot write config: {exc.strerror or exc}") from None
    return changed
