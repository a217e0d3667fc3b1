"""Edit feeds.toml with tomlkit, keeping the user's comments and formatting; every
rewrite replaces the file atomically (a failed write leaves it untouched)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import tomlkit
from tomlkit.items import AoT, Table

from reader.atomic import replace_text
from reader.config import PACKAGED_DEFAULT, ConfigError, create_user_config, resolve_local
from reader.models import FeedConfig
from reader.paths import user_config_file


def writable_config(path: Path) -> Path:
    """The file edits go to: the packaged default is never edited, the user's own is.

    The user's file starts as a copy of the packaged default (see
    :func:`reader.config.create_user_config`), so the first feed a person adds
    joins the bundled ones instead of replacing them.
    """
    if path.resolve() == PACKAGED_DEFAULT.resolve():
        target = user_config_file()
        if not target.exists():
            try:
                create_user_config(target)
            except OSError as exc:
                reason = exc.strerror or exc
                raise ConfigError(f"{target}: cannot create config: {reason}") from None
        return target
    return path


def add_feeds(path: Path, feeds: Iterable[FeedConfig]) -> list[FeedConfig]:
    """Append the feeds whose URL or path is not there yet; return those added.

    A local feed's path is written as given (absolute when it came from the command
    line or the app, see :func:`reader.discover.find_feed`)."""
    document = _load(path)
    existing = document.get("feed")
    before = ""  # the text before the first [[feed]]
    if existing is None:
        before = tomlkit.dumps(document)
        existing = tomlkit.aot()
        document.append("feed", existing)
    if not isinstance(existing, AoT):
        raise ConfigError(f"{path}: 'feed' must be an array of tables: [[feed]]")
    known = {_resolved(path, t) for t in existing}
    added = []
    for feed in feeds:
        if feed.id in known:
            continue
        table: Table = tomlkit.table()
        table.add("title", feed.title)
        if feed.url:
            table.add("url", feed.url)
        else:
            table.add("path", feed.path)
        if feed.tags:
            table.add("tags", feed.tags)
        _separate(table, existing[-1].as_string() if len(existing) else before)
        existing.append(table)
        known.add(feed.id)
        added.append(feed)
    _save(path, document)
    return added


def _separate(table: Table, before: str) -> None:
    """A blank line between ``table`` and the text ``before`` it: written before its
    header, or, where the tables before carry theirs at their end, after it too."""
    if not before.strip():
        return
    if before.endswith("\n\n"):
        table.add(tomlkit.nl())
    else:
        table.trivia.indent = "\n"


def _resolved(path: Path, table: Table) -> str:
    """What a [[feed]] is stored under: its URL, or its path resolved as the config does."""
    url, local = table.get("url"), table.get("path")
    if url or not local:
        return str(url)
    return resolve_local(path, str(local))


def update_urls(path: Path, moves: dict[str, str]) -> tuple[int, dict[str, str]]:
    """Replace feed URLs (old -> new); return how many were changed, and the moves
    refused because another feed already has the new URL (old URL -> that feed's
    title): a redirect never makes two feeds of one, which no command would load."""
    document = _load(path)
    owners = {
        str(table.get("url")): str(table.get("title") or table.get("url"))
        for table in document.get("feed", []) if table.get("url")
    }
    changed, refused = 0, {}
    for table in document.get("feed", []):
        old = str(table.get("url"))
        new = moves.get(old)
        if not new:
            continue
        if new in owners:
            refused[old] = owners[new]
            continue
        table["url"] = new
        owners[new] = owners.pop(old)
        changed += 1
    if changed:
        _save(path, document)
    return changed, refused


def _load(path: Path) -> tomlkit.TOMLDocument:
    try:
        return tomlkit.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.ParseError) as exc:
        raise ConfigError(f"{path}: cannot edit config: {exc}") from None


def _save(path: Path, document: tomlkit.TOMLDocument) -> None:
    _write(path, tomlkit.dumps(document))


def _write(path: Path, text: str) -> None:
    """Replace the file atomically: on any failure the old file is left as it was."""
    try:
        replace_text(path, text)
    except OSError as exc:
        raise ConfigError(
            f"{path}: cannot write config (left unchanged): {exc.strerror or exc}"
        ) from None


def _find(document: tomlkit.TOMLDocument, path: Path, key: str) -> Table:
    """The [[feed]] whose url, path or title is ``key``."""
    for table in document.get("feed", []):
        if key in (table.get("url"), table.get("path"), table.get("title")):
            assert isinstance(table, Table)
            return table
    raise ConfigError(f"{path}: no feed with url, path or title {key!r}")


def edit_feed(
    path: Path,
    key: str,
    *,
    title: str | None = None,
    tags: list[str] | None = None,
    remove: bool = False,
) -> None:
    """Rename, retag or remove one feed, keeping the rest of the file as it was."""
    document = _load(path)
    table = _find(document, path, key)
    if remove:
        feeds = document["feed"]
        assert isinstance(feeds, AoT)
        feeds.body.remove(table)
    if title is not None:
        table["title"] = title
    if tags is not None:
        table["tags"] = tags
    _save(path, document)


def set_setting(path: Path, key: str, value: str | bool | int | float) -> None:
    """Set one ``[settings]`` value in place (the table is created when missing)."""
    document = _load(path)
    settings = document.get("settings")
    if settings is None:
        settings = tomlkit.table()
        document.add("settings", settings)
    settings[key] = value
    _save(path, document)
