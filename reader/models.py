"""Plain data shared by every layer: articles, feeds and the entities found in a story.

Nothing here imports Textual, SQLite or the network; these classes are what the
ingest, storage, extraction and UI layers hand to each other.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

Span = tuple[int, int]
"""A half-open ``[start, end)`` range of character offsets into an article's text."""

@dataclass(slots=True)
class Entity:
    """A person mentioned in a story, or a source the story cites.

    ``name`` is the canonical (fullest) form found in the story, ``aliases`` the
    other surface forms that were merged into it, ``mentions`` every place any
    form occurs.  For sources, ``kind`` tells what sort of source it is and
    ``citations`` holds the spans of the sentences that attribute something to it, and
    ``claims`` the spans of what it is quoted or reported as saying (the words in
    quotation marks in or right after a citing sentence, else the sentence itself).
    """

    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    kind: str = "person"
    citations: list[Span] = field(default_factory=list)
    claims: list[Span] = field(default_factory=list)
    hint: str | None = None
    """A fuller name known from other stories, shown as a hint, never as the name."""

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "name": self.name,
            "aliases": list(self.aliases),
            "mentions": [list(m) for m in self.mentions],
        }
        if self.kind != "person" or self.citations:
            data["kind"] = self.kind
            data["citations"] = [list(c) for c in self.citations]
            if self.claims:
                data["claims"] = [list(c) for c in self.claims]
        if self.hint:
            data["hint"] = self.hint
        return data

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Entity:
        def spans(key: str) -> list[Span]:
            raw = data.get(key) or []
            assert isinstance(raw, list)
            return [(int(a), int(b)) for a, b in raw]

        aliases = data.get("aliases") or []
        assert isinstance(aliases, list)
        hint = data.get("hint")
        return cls(
            name=str(data["name"]),
            aliases=[str(a) for a in aliases],
            mentions=spans("mentions"),
            kind=str(data.get("kind", "person")),
            citations=spans("citations"),
            claims=spans("claims"),
            hint=str(hint) if hint else None,
        )


@dataclass(slots=True)
class Entities:
    """What the extractor found in one story."""

    people: list[Entity] = field(default_factory=list)
    sources: list[Entity] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "people": [p.to_json() for p in self.people],
            "sources": [s.to_json() for s in self.sources],
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Entities:
        people = data.get("people") or []
        sources = data.get("sources") or []
        assert isinstance(people, list) and isinstance(sources, list)
        return cls(
            people=[Entity.from_json(p) for p in people],
            sources=[Entity.from_json(s) for s in sources],
        )


@dataclass(slots=True)
class Article:
    """One story, from a local file or a feed item.

    ``id`` is stable across refreshes and restarts: the feed's guid, else the
    link, else a hash of the content; for local files, the file's path.
    ``text`` is clean plain text (paragraphs separated by blank lines) with no
    markup, control characters or terminal escapes.  A refresh may leave
    ``text`` empty and keep the item's raw ``html`` (with the ``html_base`` its
    links resolve against) instead: converting HTML is the costliest step of
    parsing, so it is done later, off the hot path (``Store.article`` and the
    indexing pass convert it).
    """

    id: str
    feed_id: str
    title: str
    text: str = ""
    url: str | None = None
    published: datetime | None = None
    author: str | None = None
    section: str | None = None
    topic: str | None = None
    path: str | None = None
    read: bool = False
    starred: bool = False
    feed_title: str = ""
    html: str | None = None
    html_base: str | None = None
    rowid: int = 0
    """The store's key for this article (0 until stored).  ``id`` is only unique
    within its feed: two feeds may use the same id for different stories."""

    @property
    def own_text(self) -> str:
        """What the text shown before any full text is: a feed's summary, or a local file."""
        return "Local file" if self.path else "Feed summary"


@dataclass(slots=True)
class FeedConfig:
    """One ``[[feed]]`` entry of ``feeds.toml``: a remote URL or a local path."""

    title: str
    url: str | None = None
    path: str | None = None
    tags: list[str] = field(default_factory=list)
    full_text: bool = False
    """Fetch each article's web page for its full text when it is opened."""

    @property
    def id(self) -> str:
        """The key a feed is stored under: its URL, else its resolved path."""
        return self.url or self.path or self.title


@dataclass(slots=True)
class FullText:
    """The readable text of an article's web page, fetched on request and cached.

    ``url`` is the page's address after redirects; ``text`` is clean plain text
    like :attr:`Article.text`; ``entities`` are the people and sources found in
    it (offsets into ``text``), ``None`` until they have been extracted.
    """

    url: str
    text: str
    fetched: float
    entities: Entities | None = None


@dataclass(frozen=True, slots=True)
class FeedStatus:
    """What the last read of a feed says beyond its error sentence, as fields to act on."""

    http: int | None = None
    """The HTTP status of a failed download (410: the feed is gone)."""
    advertised: tuple[str, ...] = ()
    """The feed URLs an HTML page served in place of the feed advertises."""
    web_page: bool = False
    """The source is a web page that advertises no feed: it is read as one article."""

    @property
    def gone(self) -> bool:
        return self.http == 410

    def to_json(self) -> str | None:
        """The stored form; None when there is nothing to say."""
        if self.http is None and not self.advertised and not self.web_page:
            return None
        data: dict[str, object] = {"http": self.http, "advertised": list(self.advertised)}
        if self.web_page:
            data["web_page"] = True
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str | None) -> FeedStatus:
        try:
            data = json.loads(text) if text else {}
            http = data.get("http")
            advertised = tuple(str(url) for url in data.get("advertised") or ())
            web_page = data.get("web_page") is True
        except (ValueError, AttributeError, TypeError):
            return cls()
        return cls(http if isinstance(http, int) else None, advertised, web_page)


@dataclass(slots=True)
class FeedResult:
    """The outcome of reading one source: the articles found, or why none were.

    ``error`` is a one-line, human-readable reason; a partly broken feed may
    carry both articles and an error.  ``not_modified`` means a conditional GET
    answered 304 (or the bytes were unchanged) and nothing needs storing.
    """

    feed: FeedConfig
    articles: list[Article] = field(default_factory=list)
    error: str | None = None
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    feed_title: str | None = None
    new_url: str | None = None
    """Set when the server answered a permanent redirect."""
    retry_after: float | None = None
    """Seconds the server asked us to wait (429/503 with Retry-After) before asking again."""
    unreachable: bool = False
    """No answer at all (offline, name not found, timed out): nothing is known of the feed."""
    status: FeedStatus = field(default_factory=FeedStatus)
    """The outcome as fields (HTTP status, advertised feeds, a web page) beside ``error``."""
