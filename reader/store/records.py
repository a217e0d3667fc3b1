"""What the store hands out and takes in, its errors, and the small helpers its queries share."""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from reader.errors import ReaderError
from reader.models import Entities, FeedStatus


def _entities_of(row: Sequence[str | None] | None) -> Entities | None:
    """Entities from a row whose first column is their JSON (or NULL)."""
    if row is None or row[0] is None:
        return None
    return Entities.from_json(json.loads(row[0]))


def _name_rows(*found: Entities | None) -> list[tuple[str, str, str]]:
    """``(key, role, display)`` rows of the names table for these entities, once each."""
    names: dict[tuple[str, str], str] = {}
    for entities in found:
        if entities is None:
            continue
        for role, group in (("person", entities.people), ("source", entities.sources)):
            for entity in group:
                for name in (entity.name, entity.hint):
                    if name:
                        names.setdefault((name_key(name), role), name)
    return [(key, role, shown) for (key, role), shown in names.items()]


def _store_names(
    db: sqlite3.Connection, names: Sequence[tuple[int, list[tuple[str, str, str]]]]
) -> None:
    """Make each article's rows in the names table exactly ``(rowid, name rows)`` say."""
    db.executemany("DELETE FROM names WHERE article=?", [(rowid,) for rowid, _ in names])
    db.executemany(
        "INSERT OR IGNORE INTO names VALUES (?, ?, ?, ?)",
        [(key, rowid, role, shown) for rowid, rows in names for key, role, shown in rows],
    )


_ROW_COLUMNS = "a.rowid, a.id, a.title, a.feed_id, f.title, a.published, a.read, a.starred"


class StoreError(ReaderError):
    """A storage problem the user can act on (disk full, read-only, locked); one line."""


class CorruptDatabase(ReaderError):
    """The file is not a usable SQLite database, or a page of it is damaged.

    Not a :class:`StoreError`: those are reported and the program goes on, while
    damage is repaired (:func:`reader.store.recover`), so it is never caught
    and shown as if it were a passing problem.
    """


_CORRUPT_CODES = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB (primary codes)


def is_corruption(error: sqlite3.Error) -> bool:
    """Whether SQLite found the file damaged (as opposed to busy, full or read-only)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _CORRUPT_CODES
    return "malformed" in str(error) or "not a database" in str(error)


class _OnAFile(Protocol):
    path: Path


S = TypeVar("S", bound=_OnAFile)
P = ParamSpec("P")
R = TypeVar("R")


def _damage_is_one_line(
    method: Callable[Concatenate[S, P], R],
) -> Callable[Concatenate[S, P], R]:
    """``method``, with a damaged page found while it runs raised as :class:`CorruptDatabase`
    (one line naming the file), not as a bare ``sqlite3.DatabaseError``."""

    @functools.wraps(method)
    def guarded(store: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(store, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            if is_corruption(exc):
                raise CorruptDatabase(f"{store.path}: {exc}") from None
            raise

    return guarded


def guard_every_query(cls: type[S]) -> type[S]:
    """Damage can be found on any page at any time, not only when the file is opened:
    every public method of the store (but ``transaction``, which does it itself)
    reports it the same way."""
    for name, member in list(vars(cls).items()):
        if inspect.isfunction(member) and not name.startswith("_") and name != "transaction":
            setattr(cls, name, _damage_is_one_line(member))
    return cls


@dataclass(slots=True)
class ArticleRow:
    """What the article list needs of an article; the body stays in the database."""

    rowid: int
    """The article's key in the store (what ``Store.article``, ``set_read`` and the
    others take): ``id`` is only unique within its feed."""
    id: str
    title: str
    feed_id: str
    feed_title: str
    published: float | None
    read: bool
    starred: bool


@dataclass(slots=True)
class PendingArticle:
    """An article waiting for indexing: its text, or the raw HTML to convert first."""

    rowid: int
    text: str
    html: str | None = None
    html_base: str | None = None

    def body(self) -> str:
        """The article's text, converting raw HTML when that has not been done yet."""
        return self.text or body_text(self.html, self.html_base)


@dataclass(slots=True)
class FeedState:
    """What the store remembers about a feed between refreshes."""

    id: str
    title: str
    url: str | None
    path: str | None
    tags: list[str]
    etag: str | None
    last_modified: str | None
    last_error: str | None
    last_checked: float | None
    retry_until: float | None = None
    """The server asked (Retry-After) not to be asked again before this time."""
    last_status: FeedStatus = field(default_factory=FeedStatus)
    """The last read as fields: a failure, or a web page read as one article (see
    :class:`reader.models.FeedStatus`)."""
    unread: int = 0
    total: int = 0


def body_text(html: str | None, base: str | None) -> str:
    """Plain text of a lazily stored HTML body."""
    if not html:
        return ""
    from reader.html_text import html_to_text

    return html_to_text(html, base)


def _hash(body: str) -> str:
    return hashlib.sha1(body.encode(), usedforsecurity=False).hexdigest()


def name_key(name: str) -> str:
    """The key a person or source is indexed and followed under."""
    return " ".join(name.casefold().split())


@dataclass(frozen=True, slots=True)
class Extracted:
    """What indexing found for one article, ready to store (built in worker processes,
    so the process that writes only writes)."""

    rowid: int
    text: str | None
    """Text converted from the article's raw HTML, or ``None`` when it was already text."""
    entities_json: str
    names: list[tuple[str, str, str]]
    """``(key, role, display)`` rows of the names table: who can be followed to it."""


def extracted(rowid: int, text: str | None, entities: Entities) -> Extracted:
    return Extracted(
        rowid, text, json.dumps(entities.to_json(), ensure_ascii=False), _name_rows(entities)
    )


def _timestamp(value: datetime | None) -> float | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.timestamp()


def fts_query(text: str) -> str:
    """Turn what a person typed into a safe FTS5 query: every word must match, as a prefix."""
    words = [w.replace('"', '""') for w in text.split()]
    return " ".join(f'"{w}"*' for w in words) if words else '""'

