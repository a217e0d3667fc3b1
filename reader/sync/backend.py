"""What a feed server must offer ``reader``: the backend interface and the data it returns.

The interface is small on purpose, so that other servers fit beside Tiny Tiny RSS:
a Google Reader API server (FreshRSS, Miniflux, Inoreader, The Old Reader) lists
subscriptions with their folders, streams items newer than a timestamp (its
``cursor``), lists the ids of unread and starred items, and edits the read and
starred tags of items by id; Miniflux's own API does the same with entry ids.
Remote ids are therefore strings, and "what is new" is an opaque cursor that only
the backend understands.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from reader.errors import ReaderError

Flag = Literal["read", "starred"]


class SyncError(ReaderError):
    """The server cannot be reached, refuses the login, or answers nonsense; one line."""


@dataclass(slots=True)
class RemoteFeed:
    """A subscription on the server; ``category`` becomes the feed's tag."""

    id: str
    title: str
    url: str
    category: str | None = None
    unread: int = 0
    """How many of its articles are unread on the server now."""


@dataclass(slots=True)
class RemoteArticle:
    """One article on the server, with its content (HTML)."""

    id: str
    feed_id: str
    title: str
    url: str | None
    published: float | None
    author: str | None
    html: str


@dataclass(slots=True)
class Page:
    """A batch of new articles and the cursor to ask from once it is stored."""

    articles: list[RemoteArticle]
    cursor: str


@dataclass(slots=True)
class RemoteState:
    """Ids of the unread articles of the feeds asked about, and of every starred article."""

    unread: set[str] = field(default_factory=set)
    starred: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Counters:
    """What ``reader doctor`` shows of the server."""

    feeds: int
    unread: int


class Backend(Protocol):
    """A feed server.  Every method raises :class:`SyncError` with a one-line reason."""

    name: str
    """Short and stable ("ttrss"): local ids of its feeds and articles start with it."""

    def login(self) -> None: ...

    def categories(self) -> dict[str, str]:
        """Category id -> title."""
        ...

    def feeds(self) -> list[RemoteFeed]: ...

    def headlines(self, cursor: str | None) -> Iterator[Page]:
        """Articles new since ``cursor`` (None: every article), a page at a time."""
        ...

    def state(self, feed_ids: Sequence[str]) -> RemoteState:
        """The unread articles of the feeds ``feed_ids``, and every starred article."""
        ...

    def mark(self, ids: Sequence[str], flag: Flag, value: bool) -> None:
        """Set ``flag`` to ``value`` on every article of ``ids``."""
        ...

    def subscribe(self, url: str, category: str | None = None) -> None: ...

    def unsubscribe(self, feed_id: str) -> None: ...

    def counters(self) -> Counters: ...

    def close(self) -> None: ...
