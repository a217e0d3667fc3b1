"""The article store: SQLite (stdlib) with WAL, a versioned schema and FTS5 search.

Read and starred flags live beside the articles and are never touched by a
refresh, so they survive refreshes and restarts.  Every write is one
transaction: a crash mid-refresh loses nothing already committed.  Entities
are stored once per article as JSON, and an index of names (people and
sources) makes following a person or an outlet across the store a single
indexed query.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from reader.errors import ReaderError
from reader.models import Article, Entities, FeedConfig, FeedResult, FeedStatus, FullText

SCHEMA_VERSION = 4

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    url TEXT,
    path TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    etag TEXT,
    last_modified TEXT,
    last_error TEXT,
    last_checked REAL,
    last_ok REAL,
    retry_until REAL,
    last_status TEXT
);
CREATE TABLE IF NOT EXISTS articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    feed_id TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT,
    published REAL,
    author TEXT,
    section TEXT,
    topic TEXT,
    path TEXT,
    text TEXT NOT NULL,
    html TEXT,
    html_base TEXT,
    body_hash TEXT,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    added REAL NOT NULL,
    indexed INTEGER NOT NULL DEFAULT 0,
    entities TEXT
);
CREATE INDEX IF NOT EXISTS articles_by_date ON articles (published DESC, rowid DESC);
CREATE INDEX IF NOT EXISTS articles_by_read ON articles (read, published DESC);
CREATE INDEX IF NOT EXISTS articles_by_feed ON articles (feed_id, published DESC);
CREATE INDEX IF NOT EXISTS articles_pending ON articles (rowid) WHERE entities IS NULL;
CREATE INDEX IF NOT EXISTS articles_unindexed ON articles (rowid) WHERE indexed = 0;
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL,
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    role TEXT NOT NULL,
    display TEXT NOT NULL,
    PRIMARY KEY (key, article, role)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS names_by_article ON names (article);
CREATE TABLE IF NOT EXISTS salvaged_flags (
    id TEXT PRIMARY KEY,
    read INTEGER NOT NULL,
    starred INTEGER NOT NULL
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
"""

_ADDED_IN_3 = (
    """CREATE TABLE IF NOT EXISTS full_texts (
        article INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
        url TEXT NOT NULL,
        text TEXT NOT NULL,
        fetched REAL NOT NULL,
        entities TEXT
    )""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS full_texts_fts USING fts5(
        text, content='full_texts', content_rowid='article',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    # Full texts are written one at a time, so triggers keep their index (unlike
    # articles', which refreshes fill in bulk); they also see cascaded deletes.
    """CREATE TRIGGER IF NOT EXISTS full_texts_ai AFTER INSERT ON full_texts BEGIN
        INSERT INTO full_texts_fts(rowid, text) VALUES (new.article, new.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS full_texts_ad AFTER DELETE ON full_texts BEGIN
        INSERT INTO full_texts_fts(full_texts_fts, rowid, text)
            VALUES ('delete', old.article, old.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS full_texts_au AFTER UPDATE ON full_texts BEGIN
        INSERT INTO full_texts_fts(full_texts_fts, rowid, text)
            VALUES ('delete', old.article, old.text);
        INSERT INTO full_texts_fts(rowid, text) VALUES (new.article, new.text);
    END""",
)
"""Version 3: the full text of articles' web pages, fetched when the user asks
(``article`` is the article's rowid), with its own search index."""

_ADDED_IN_2 = {
    "articles": {
        "html": "TEXT",
        "html_base": "TEXT",
        "body_hash": "TEXT",
        "indexed": "INTEGER NOT NULL DEFAULT 1",  # version 1 indexed every row by trigger
    },
    "feeds": {"retry_until": "REAL"},
    "names": {"display": "TEXT NOT NULL DEFAULT ''"},
}


_ADDED_IN_4 = {"feeds": {"last_status": "TEXT"}}
"""Version 4: a feed's last failure as fields (:class:`reader.models.FeedStatus`, JSON)."""


def _add_columns(db: sqlite3.Connection, added: dict[str, dict[str, str]]) -> None:
    for table, columns in added.items():
        present = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        if not present:
            continue  # created by the schema itself
        for column, declaration in columns.items():
            if column not in present:
                db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")


def _upgrade_from_1(db: sqlite3.Connection) -> None:
    """Version 1 kept FTS up to date with triggers and had fewer columns."""
    for trigger in ("articles_ai", "articles_ad", "articles_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    _add_columns(db, _ADDED_IN_2)
    db.execute("UPDATE names SET display = key WHERE display = ''")


def _upgrade_from_2(db: sqlite3.Connection) -> None:
    """Version 3 adds the full texts of web pages (a new database gets them here too)."""
    for statement in _ADDED_IN_3:
        db.execute(statement)


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


class CorruptDatabase(StoreError):
    """The file is not a usable SQLite database."""


@dataclass(slots=True)
class ArticleRow:
    """What the article list needs of an article; the body stays in the database."""

    rowid: int
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
    """The last failure as fields (see :class:`reader.models.FeedStatus`)."""
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


class Store:
    """One open database.  Not shared between threads: open one per thread."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(str(path), timeout=10.0, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA busy_timeout=10000")
            self._migrate()
            salvaged = self._db.execute("SELECT 1 FROM salvaged_flags LIMIT 1").fetchone()
            self._salvaged = salvaged is not None
        except sqlite3.DatabaseError as exc:
            if "not a database" in str(exc) or "malformed" in str(exc):
                raise CorruptDatabase(f"{self.path}: {exc}") from None
            raise StoreError(f"{self.path}: {exc}") from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{self.path}: {exc}") from None
        try:
            yield self._db
        except sqlite3.OperationalError as exc:
            # Disk full, read-only file system, lock timeout: nothing of this
            # transaction is kept, everything committed before is intact.
            self._rollback()
            raise StoreError(f"{self.path}: {exc}") from None
        except BaseException:
            self._rollback()
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self._rollback()
            raise StoreError(f"{self.path}: {exc}") from None

    def _rollback(self) -> None:
        """Roll back if a transaction is still open: SQLite ends one by itself on some
        errors (SQLITE_FULL, SQLITE_IOERR), and a second ROLLBACK would raise."""
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: database schema {version} is newer than this reader "
                f"({SCHEMA_VERSION}); upgrade reader"
            )
        if version == SCHEMA_VERSION:
            return
        with self.transaction() as db:  # the upgrade happens completely or not at all
            if version == 1:
                _upgrade_from_1(db)
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            _upgrade_from_2(db)
            _add_columns(db, _ADDED_IN_4)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    # Feeds -----------------------------------------------------------------

    def sync_feeds(self, feeds: Sequence[FeedConfig]) -> None:
        """Record the configured feeds (titles and tags follow the config)."""
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO feeds (id, title, url, path, tags) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET title=excluded.title, url=excluded.url, "
                "path=excluded.path, tags=excluded.tags",
                [(f.id, f.title, f.url, f.path, json.dumps(f.tags)) for f in feeds],
            )

    def forget_feeds(self, feed_ids: Iterable[str]) -> int:
        """Delete the stored articles of feeds the user removed; return how many went.

        Starred articles are kept (with their feed's row, for its title): starring
        is how a person says "keep this".  Only an explicit removal calls this; a
        feed merely missing from the config in use (another ``--config``) keeps
        everything.
        """
        deleted = 0
        with self.transaction() as db:
            for feed_id in feed_ids:
                # External-content FTS5 must be told the old values to forget them.
                db.execute(
                    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
                    "SELECT 'delete', rowid, title, text FROM articles "
                    "WHERE feed_id=? AND starred=0 AND indexed=1",
                    (feed_id,),
                )
                deleted += db.execute(
                    "DELETE FROM articles WHERE feed_id=? AND starred=0", (feed_id,)
                ).rowcount
                db.execute(
                    "DELETE FROM feeds WHERE id=? AND NOT EXISTS "
                    "(SELECT 1 FROM articles WHERE feed_id=?)",
                    (feed_id, feed_id),
                )
        return deleted

    def feed_states(self, *, with_counts: bool = True) -> dict[str, FeedState]:
        """Every known feed with its conditional-GET validators, last error and counts.

        Counting reads every article row; a refresh needs only the validators.
        """
        counts = {
            feed_id: (unread or 0, total)
            for feed_id, unread, total in self._db.execute(
                "SELECT feed_id, SUM(read = 0), COUNT(*) FROM articles GROUP BY feed_id"
                if with_counts
                else "SELECT NULL, 0, 0 WHERE 0"
            )
        }
        states = {}
        for row in self._db.execute(
            "SELECT id, title, url, path, tags, etag, last_modified, last_error, last_checked, "
            "retry_until, last_status FROM feeds ORDER BY title COLLATE NOCASE"
        ):
            unread, total = counts.get(row[0], (0, 0))
            states[row[0]] = FeedState(
                id=row[0], title=row[1], url=row[2], path=row[3], tags=json.loads(row[4]),
                etag=row[5], last_modified=row[6], last_error=row[7], last_checked=row[8],
                retry_until=row[9], last_status=FeedStatus.from_json(row[10]),
                unread=unread, total=total,
            )
        return states

    def save_result(self, result: FeedResult) -> list[int]:
        """Store what one source yielded, in one transaction; return rowids of new/changed articles.

        Existing articles keep their read and starred flags; an unchanged
        article is not rewritten.  A failed fetch records its error and keeps
        every stored article.
        """
        now = time.time()
        feed = result.feed
        changed: list[int] = []
        retry_until = now + result.retry_after if result.retry_after is not None else None
        with self.transaction() as db:
            db.execute(
                "INSERT INTO feeds (id, title, url, path, tags) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO NOTHING",
                (feed.id, feed.title, feed.url, feed.path, json.dumps(feed.tags)),
            )
            db.execute(
                "UPDATE feeds SET last_error=?, last_status=?, last_checked=?, retry_until=?, "
                "etag=COALESCE(?, etag), last_modified=COALESCE(?, last_modified), "
                "last_ok=CASE WHEN ? IS NULL THEN ? ELSE last_ok END WHERE id=?",
                (
                    result.error, result.status.to_json(), now, retry_until, result.etag,
                    result.last_modified,
                    result.error, now, feed.id,
                ),
            )
            for article in result.articles:
                rowid = self._upsert(db, article, feed.id, now)
                if rowid is not None:
                    changed.append(rowid)
        return changed

    def _upsert(
        self, db: sqlite3.Connection, article: Article, feed_id: str, now: float
    ) -> int | None:
        """Insert or update one article; return its rowid if anything was written.

        A lazily parsed article (raw ``html``, empty text) is compared by a hash
        of its HTML, since its stored text is converted later.
        """
        body_hash = _hash(article.html) if article.html is not None else None
        meta = (
            article.title, article.url, _timestamp(article.published), article.author,
            article.section, article.topic, article.path,
        )
        existing = db.execute(
            "SELECT rowid, title, url, published, author, section, topic, path, text, "
            "body_hash, indexed FROM articles WHERE id=?",
            (article.id,),
        ).fetchone()
        if existing is not None and tuple(existing[1:8]) == meta:
            if body_hash is not None and existing[9] == body_hash:
                return None
            if body_hash is None and existing[8] == article.text:
                return None
        values = (*meta, article.text, article.html, article.html_base, body_hash)
        if existing is None:
            read, starred = 0, 0
            if self._salvaged:
                flags = db.execute(
                    "DELETE FROM salvaged_flags WHERE id=? RETURNING read, starred", (article.id,)
                ).fetchone()
                if flags:
                    read, starred = flags
            cursor = db.execute(
                # indexed is explicit: a table upgraded from version 1 defaults it to 1.
                "INSERT INTO articles (id, feed_id, title, url, published, author, section, "
                "topic, path, text, html, html_base, body_hash, added, read, starred, indexed) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                (article.id, feed_id, *values, now, read, starred),
            )
            return cursor.lastrowid
        rowid, stored_text = existing[0], existing[8]
        if existing[10]:
            # External-content FTS5 must be told the old values to forget them.
            db.execute(
                "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
                "VALUES ('delete', ?, ?, ?)",
                (rowid, existing[1], stored_text),
            )
        db.execute(
            "UPDATE articles SET title=?, url=?, published=?, author=?, section=?, topic=?, "
            "path=?, text=?, html=?, html_base=?, body_hash=?, entities=NULL, indexed=0 "
            "WHERE rowid=?",
            (*values, rowid),
        )
        db.execute("DELETE FROM names WHERE article=?", (rowid,))
        if existing[2] != article.url:
            db.execute("DELETE FROM full_texts WHERE article=?", (rowid,))  # another page now
        return int(rowid)

    # Indexing: search and entities, done after storing, off the hot path ---

    def index_search(self) -> int:
        """Add every article not yet in the full-text index, in one transaction.

        Search indexing is deferred because FTS5 is several times cheaper in
        one bulk pass than row by row while a refresh is storing articles.
        """
        with self.transaction() as db:
            db.execute(
                "INSERT INTO articles_fts(rowid, title, text) "
                "SELECT rowid, title, text FROM articles WHERE indexed = 0 AND html IS NULL"
            )
            return db.execute(
                "UPDATE articles SET indexed = 1 WHERE indexed = 0 AND html IS NULL"
            ).rowcount

    def has_unindexed(self) -> bool:
        """Whether any article waits for indexing (two partial-index lookups: instant)."""
        return any(
            self._db.execute(f"SELECT 1 FROM articles WHERE {where} LIMIT 1").fetchone()
            for where in ("entities IS NULL", "indexed = 0")
        )

    def unindexed(self) -> int:
        """How many articles still wait for search indexing or entity extraction."""
        row = self._db.execute(
            "SELECT COUNT(*) FROM articles WHERE indexed = 0 OR entities IS NULL"
        ).fetchone()
        return int(row[0])

    # Entities --------------------------------------------------------------

    def pending_entities(self, limit: int = 500) -> list[PendingArticle]:
        """Articles whose entities have not been extracted yet (and maybe not converted)."""
        return [
            PendingArticle(*row)
            for row in self._db.execute(
                "SELECT rowid, text, html, html_base FROM articles WHERE entities IS NULL "
                "LIMIT ?",
                (limit,),
            )
        ]

    def save_entities(self, items: Iterable[tuple[int, Entities]]) -> None:
        """Store extracted entities and index their names for following."""
        self.save_extracted([extracted(rowid, None, entities) for rowid, entities in items])

    def save_extracted(self, items: Sequence[Extracted]) -> None:
        """Store what indexing found, in one transaction: converted text, entities, names."""
        with self.transaction() as db:
            db.executemany(
                "UPDATE articles SET text=?, html=NULL, html_base=NULL WHERE rowid=?",
                [(item.text, item.rowid) for item in items if item.text is not None],
            )
            db.executemany(
                "UPDATE articles SET entities=? WHERE rowid=?",
                [(item.entities_json, item.rowid) for item in items],
            )
            # An article whose web page was fetched is also followed by what the page says.
            marks = ", ".join("?" * len(items))
            full_texts = dict(db.execute(
                f"SELECT article, entities FROM full_texts WHERE entities IS NOT NULL "
                f"AND article IN ({marks})",
                [item.rowid for item in items],
            ).fetchall())
            _store_names(db, [
                (item.rowid, item.names + _name_rows(_entities_of([full_texts.get(item.rowid)])))
                for item in items
            ])

    # Full texts of web pages ----------------------------------------------

    def full_text(self, article_id: str) -> FullText | None:
        """The cached full text of an article's web page, if it was fetched."""
        row = self._db.execute(
            "SELECT t.url, t.text, t.fetched, t.entities FROM full_texts t "
            "JOIN articles a ON a.rowid = t.article WHERE a.id=?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        return FullText(url=row[0], text=row[1], fetched=row[2], entities=_entities_of(row[3:]))

    def save_full_text(self, article_id: str, full: FullText) -> bool:
        """Cache ``full`` for the article; search and following then find what it says.

        The article's indexed names become those of its feed text and of its full
        text.  False when the article is not (or no longer) stored.
        """
        entities = None
        if full.entities is not None:
            entities = json.dumps(full.entities.to_json(), ensure_ascii=False)
        with self.transaction() as db:
            row = db.execute("SELECT rowid, entities FROM articles WHERE id=?", (article_id,))
            found = row.fetchone()
            if found is None:
                return False
            rowid = found[0]
            db.execute(
                "INSERT INTO full_texts (article, url, text, fetched, entities) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(article) DO UPDATE SET url=excluded.url, "
                "text=excluded.text, fetched=excluded.fetched, entities=excluded.entities",
                (rowid, full.url, full.text, full.fetched, entities),
            )
            # (Names of a feed text not extracted yet join these in save_entities.)
            _store_names(db, [(rowid, _name_rows(_entities_of(found[1:]), full.entities))])
        return True

    def entities(self, article_id: str) -> Entities | None:
        row = self._db.execute(
            "SELECT entities FROM articles WHERE id=?", (article_id,)
        ).fetchone()
        if row is None or row[0] is None:
            return None
        return Entities.from_json(json.loads(row[0]))

    def names_like(self, name: str) -> list[str]:
        """Indexed names equal to ``name`` or ending with it as a word: "Varga", "tomas varga"."""
        key = name_key(name)
        if self._db.execute("SELECT 1 FROM names WHERE key=? LIMIT 1", (key,)).fetchone():
            return [key]
        pattern = "% " + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._db.execute(
            "SELECT DISTINCT key FROM names WHERE key LIKE ? ESCAPE '\\' ORDER BY key", (pattern,)
        )
        return [row[0] for row in rows]

    def known_people(self, limit: int = 20000) -> list[str]:
        """Multi-word person names seen in the store, as written, most frequent first."""
        rows = self._db.execute(
            "SELECT MIN(display), COUNT(*) AS n FROM names WHERE role='person' AND key LIKE '% %' "
            "GROUP BY key ORDER BY n DESC, key LIMIT ?",
            (limit,),
        )
        return [display for display, _ in rows]

    # Articles --------------------------------------------------------------

    def rows(
        self,
        *,
        unread_only: bool = False,
        feed_id: str | None = None,
        tag: str | None = None,
        starred_only: bool = False,
        follow: str | Sequence[str] | None = None,
        search: str | None = None,
        since: float | None = None,
        limit: int | None = None,
    ) -> list[ArticleRow]:
        """The article list, newest first, filtered; only light columns are read.

        ``since`` (a Unix time) keeps articles published then or later; an
        article without a date counts from when it was first stored.
        """
        where: list[str] = []
        params: list[object] = []
        joins = "JOIN feeds f ON f.id = a.feed_id"
        order = "a.published DESC, a.rowid DESC"
        if follow:
            keys = [name_key(follow)] if isinstance(follow, str) else [name_key(k) for k in follow]
            marks = ", ".join("?" * len(keys))
            joins += (
                f" JOIN (SELECT DISTINCT article FROM names WHERE key IN ({marks})) n"
                " ON n.article=a.rowid"
            )
            params.extend(keys)
        group = ""
        if search:
            self.index_search()  # nothing to do unless a refresh just stored articles
            # An article matches by its own title and text, or by its web page's full text.
            joins += (
                " JOIN (SELECT rowid AS hit, bm25(articles_fts, 5.0, 1.0) AS score"
                " FROM articles_fts WHERE articles_fts MATCH ?"
                " UNION ALL SELECT rowid, bm25(full_texts_fts) FROM full_texts_fts"
                " WHERE full_texts_fts MATCH ?) s ON s.hit = a.rowid"
            )
            params.extend([fts_query(search)] * 2)
            group = " GROUP BY a.rowid"
            order = "MIN(s.score), " + order
        if unread_only:
            where.append("a.read = 0")
        if starred_only:
            where.append("a.starred = 1")
        if feed_id:
            where.append("a.feed_id = ?")
            params.append(feed_id)
        if tag:
            where.append("EXISTS (SELECT 1 FROM json_each(f.tags) WHERE value = ?)")
            params.append(tag)
        if since is not None:
            where.append("(a.published >= ? OR (a.published IS NULL AND a.added >= ?))")
            params.extend((since, since))
        sql = f"SELECT {_ROW_COLUMNS} FROM articles a {joins}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f"{group} ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        try:
            cursor = self._db.execute(sql, params)
        except sqlite3.OperationalError as exc:
            if search:
                raise StoreError(f"search {search!r}: {exc}") from None
            raise
        return [
            ArticleRow(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), bool(r[7]))
            for r in cursor
        ]

    def article(self, article_id: str) -> Article | None:
        """The whole article, body included."""
        row = self._db.execute(
            "SELECT a.id, a.feed_id, a.title, a.text, a.url, a.published, a.author, a.section, "
            "a.topic, a.path, a.read, a.starred, f.title, a.html, a.html_base FROM articles a "
            "JOIN feeds f ON f.id = a.feed_id WHERE a.id=?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        published = datetime.fromtimestamp(row[5], UTC) if row[5] is not None else None
        return Article(
            id=row[0], feed_id=row[1], title=row[2], text=row[3] or body_text(row[13], row[14]),
            url=row[4],
            published=published, author=row[6], section=row[7], topic=row[8], path=row[9],
            read=bool(row[10]), starred=bool(row[11]), feed_title=row[12],
        )

    def set_read(self, article_ids: Iterable[str], read: bool = True) -> int:
        """Mark articles read or unread at once; return how many changed."""
        return self._set_flag("read", article_ids, read)

    def set_starred(self, article_ids: Iterable[str], starred: bool = True) -> int:
        return self._set_flag("starred", article_ids, starred)

    def _set_flag(self, column: str, article_ids: Iterable[str], value: bool) -> int:
        assert column in ("read", "starred")
        with self.transaction() as db:
            cursor = db.executemany(
                f"UPDATE articles SET {column}=? WHERE id=? AND {column}<>?",
                [(int(value), article_id, int(value)) for article_id in article_ids],
            )
            return cursor.rowcount

    def counts(self) -> tuple[int, int, int]:
        """(feeds, articles, unread)."""
        feeds = self._db.execute("SELECT COUNT(*) FROM feeds").fetchone()[0]
        total, unread = self._db.execute(
            "SELECT COUNT(*), COALESCE(SUM(read = 0), 0) FROM articles"
        ).fetchone()
        return int(feeds), int(total), int(unread)


def fts_query(text: str) -> str:
    """Turn what a person typed into a safe FTS5 query: every word must match, as a prefix."""
    words = [w.replace('"', '""') for w in text.split()]
    return " ".join(f'"{w}"*' for w in words) if words else '""'


def open_store(path: str | os.PathLike[str]) -> tuple[Store, str | None]:
    """Open the store; a corrupt file is moved aside (never overwritten) and rebuilt.

    Read and starred flags that can still be read from the corrupt file are
    kept and applied as the articles come back on the next refresh.  Returns
    the store and, when it had to recover, a one-line notice for the user.
    """
    try:
        return Store(path), None
    except CorruptDatabase:
        pass
    original = Path(path)
    flags = _salvage_flags(original)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    aside = original.with_name(f"{original.name}.corrupt-{stamp}")
    serial = 1
    while aside.exists():  # corrupt twice in one second: never overwrite the first copy
        serial += 1
        aside = original.with_name(f"{original.name}.corrupt-{stamp}-{serial}")
    os.replace(original, aside)
    for suffix in ("-wal", "-shm"):
        companion = original.with_name(original.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    store = Store(original)
    if flags:
        with store.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO salvaged_flags VALUES (?, ?, ?)", flags)
        store._salvaged = True
    notice = (
        f"{original}: the database was corrupt; moved to {aside.name} and rebuilt "
        f"({len(flags)} read/starred flags recovered)"
    )
    return store, notice


def _salvage_flags(path: Path) -> list[tuple[str, int, int]]:
    """Whatever read/starred flags a damaged database still yields; nothing on failure."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return []
    flags: list[tuple[str, int, int]] = []
    try:
        for row in db.execute("SELECT id, read, starred FROM articles WHERE read OR starred"):
            flags.append((str(row[0]), int(row[1]), int(row[2])))
    except sqlite3.Error:
        pass
    finally:
        db.close()
    return flags
