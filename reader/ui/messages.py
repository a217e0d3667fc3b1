"""Messages the widgets and workers send, named for what happened."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from reader.models import Entities, Entity, FullText
from reader.refresh import RefreshProgress, RefreshSummary
from reader.store import ArticleRow, FeedState
from reader.sync import SyncSummary
from reader.ui.query import ListQuery


@dataclass
class ArticleOpened(Message):
    """The user opened a row of the article list (Enter or a click)."""

    row: ArticleRow


@dataclass
class RowsLoaded(Message):
    """A worker read the article list for ``query``; ``complete`` is False for a first page."""

    query: ListQuery
    rows: list[ArticleRow]
    generation: int
    complete: bool
    counts: tuple[int, int, int] | None
    """(feeds, articles, unread) when known; else a :class:`CountsRead` follows."""
    keep_index: int | None = None
    """Where the article the cursor should stay on is in ``rows``, if it is there."""


@dataclass
class CountsRead(Message):
    """(feeds, articles, unread) of the whole store, for the status line."""

    counts: tuple[int, int, int]


@dataclass
class RowsFailed(Message):
    """Reading the list failed (a malformed search, a locked database)."""

    query: ListQuery
    error: str
    generation: int


@dataclass
class FeedsRead(Message):
    """A worker read every feed's state and counts, for the feeds view."""

    feeds: dict[str, FeedState]


@dataclass
class StoreWritten(Message):
    """A queued write reached the store (``count`` rows changed), or failed."""

    count: int
    error: str | None = None
    summary: str | None = None
    """What to tell the user once it is done ("Marked 1,204 articles read"), if anything."""


@dataclass
class RefreshProgressed(Message):
    """One source was read and stored by a refresh worker."""

    progress: RefreshProgress


@dataclass
class RefreshFinished(Message):
    """A refresh worker finished; ``error`` is set when the whole refresh failed."""

    summary: RefreshSummary | None
    error: str | None = None


@dataclass
class SyncStepped(Message):
    """A sync with the [sync] server began a step ("login", "feeds", ...)."""

    step: str


@dataclass
class SyncFinished(Message):
    """A sync with the [sync] server ended; ``error`` (one line) when a step failed."""

    summary: SyncSummary | None
    error: str | None
    status: str
    """The status line's sync field: "synced 14:02 · 3 waiting"."""


@dataclass
class EntitiesExtracted(Message):
    """Entities for an article were extracted in a worker and saved."""

    key: int
    entities: Entities
    error: str | None = None


@dataclass
class FullTextFetched(Message):
    """A worker fetched (or read from the cache) an article's full text, or failed.

    ``error`` is one line naming the URL.  The user may have opened another
    article meanwhile: the receiver checks ``key``.
    """

    key: int
    full_text: FullText | None
    error: str | None = None


@dataclass
class EntitySelected(Message):
    """A person or source was highlighted in its panel (``None``: nothing is)."""

    entity: Entity | None
    role: str


@dataclass
class EntityFollowed(Message):
    """The user asked to follow a person or source across every stored story."""

    entity: Entity
    role: str
