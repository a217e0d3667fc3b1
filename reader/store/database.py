"""The article store: SQLite (stdlib) with WAL, a versioned schema and FTS5 search.

Read and starred flags live beside the articles and are never touched by a
refresh, so they survive refreshes and restarts.  Every write is one
transaction: a crash mid-refresh loses nothing already committed.  Entities
are stored once per article as JSON, and an index of names (people and
sources) makes following a person or an outlet across the store a single
indexed query.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.models import Article, Entities, FeedConfig, FeedResult, FeedStatus, FullText
from reader.store import schema
from reader.store.records import (
    _ROW_COLUMNS,
    ArticleRow,
    CorruptDatabase,
    Extracted,
    FeedState,
    PendingArticle,
    StoreError,
    _entities_of,
    _hash,
    _name_rows,
    _store_names,
    _timestamp,
    body_text,
    extracted,
    fts_query,
    guard_every_query,
    is_corruption,
    name_key,
)


@guard_every_query
class Store:
    """One open database.  Not shared between threads: open one per thread."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a read-only file system, a file where a folder should be
            raise StoreError(
                f"{self.path}: cannot create its folder: {exc.strerror or exc}"
            ) from None
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
            if is_corruption(exc):
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
        except sqlite3.DatabaseError as exc:
            self._rollback()
            if is_corruption(exc):
                raise CorruptDatabase(f"{self.path}: {exc}") from None
            raise
        except BaseException:
            self._rollback()
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self._rollback()
            raise StoreError(f"{self.path}: {exc}") from None

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """The rows of one read (for modules that keep their own tables in this file)."""
        return self._db.execute(sql, params).fetchall()

    def _rollback(self) -> None:
        """Roll back if a transaction is still open: SQLite ends one by itself on some
        errors (SQLITE_FULL, SQLITE_IOERR), and a second ROLLBACK would raise."""
        if self._db.in_transaction:
            with suppress(sqlite3.DatabaseError):  # a damaged file may refuse even that
                self._db.execute("ROLLBACK")

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > schema.SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: database schema {version} is newer than this reader "
                f"({schema.SCHEMA_VERSION}); upgrade reader"
            )
        if version == schema.SCHEMA_VERSION:
            return
        self._db.execute("PRAGMA foreign_keys=OFF")  # no-op inside a transaction
        try:
            with self.transaction() as db:  # the upgrade happens completely or not at all
                schema.migrate(db, version)
                problems = db.execute("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise StoreError(f"{self.path}: upgrade broke {len(problems)} references")
        finally:
            self._db.execute("PRAGMA foreign_keys=ON")

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
                # An unchanged source (304) is still what it was: a web page stays one.
                "UPDATE feeds SET last_error=?, "
                "last_status=CASE WHEN ? THEN last_status ELSE ? END, last_checked=?, "
                "retry_until=?, etag=COALESCE(?, etag), last_modified=COALESCE(?, last_modified), "
                "last_ok=CASE WHEN ? IS NULL THEN ? ELSE last_ok END WHERE id=?",
                (
                    result.error, result.not_modified, result.status.to_json(), now,
                    retry_until, result.etag, result.last_modified, result.error, now, feed.id,
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
            "body_hash, indexed FROM articles WHERE feed_id=? AND id=?",
            (feed_id, article.id),
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
                # This feed's own flags, or one salvaged before feeds were recorded ('').
                for flags in db.execute(
                    "DELETE FROM salvaged_flags WHERE id=? AND feed_id IN (?, '') "
                    "RETURNING read, starred",
                    (article.id, feed_id),
                ).fetchall():
                    read, starred = max(read, flags[0]), max(starred, flags[1])
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
            marks = _placeholders(len(items))
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

    def full_text(self, key: int) -> FullText | None:
        """The cached full text of an article's web page, if it was fetched."""
        row = self._db.execute(
            "SELECT t.url, t.text, t.fetched, t.entities FROM full_texts t "
            "WHERE t.article=?",
            (key,),
        ).fetchone()
        if row is None:
            return None
        return FullText(url=row[0], text=row[1], fetched=row[2], entities=_entities_of(row[3:]))

    def save_full_text(self, key: int, full: FullText) -> bool:
        """Cache ``full`` for the article; search and following then find what it says.

        The article's indexed names become those of its feed text and of its full
        text.  False when the article is not (or no longer) stored.
        """
        entities = None
        if full.entities is not None:
            entities = json.dumps(full.entities.to_json(), ensure_ascii=False)
        with self.transaction() as db:
            row = db.execute("SELECT rowid, entities FROM articles WHERE rowid=?", (key,))
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

    def entities(self, key: int) -> Entities | None:
        row = self._db.execute("SELECT entities FROM articles WHERE rowid=?", (key,)).fetchone()
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
        feeds: Collection[str] | None = None,
    ) -> list[ArticleRow]:
        """The article list, newest first, filtered; only light columns are read.

        ``since`` (a Unix time) keeps articles published then or later; a web
        feed's article without a date counts from when it was first stored, a
        local one's never (storing it says nothing about when it was written).
        ``feeds`` (the config in use) keeps their articles and the starred ones.
        """
        where: list[str] = []
        params: list[object] = []
        joins = "JOIN feeds f ON f.id = a.feed_id"
        order = "a.published DESC, a.rowid DESC"
        if follow:
            keys = [name_key(follow)] if isinstance(follow, str) else [name_key(k) for k in follow]
            marks = _placeholders(len(keys))
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
        if feeds is not None:  # (the joins' parameters come first: they are written first)
            where.append(_in_feeds(feeds))
            params.extend(feeds)
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
            where.append("(a.published >= ? OR (a.published IS NULL AND f.url IS NOT NULL"
                         " AND a.added >= ?))")
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

    def article(self, key: int) -> Article | None:
        """The whole article, body included."""
        row = self._db.execute(
            "SELECT a.id, a.feed_id, a.title, a.text, a.url, a.published, a.author, a.section, "
            "a.topic, a.path, a.read, a.starred, f.title, a.html, a.html_base FROM articles a "
            "JOIN feeds f ON f.id = a.feed_id WHERE a.rowid=?",
            (key,),
        ).fetchone()
        if row is None:
            return None
        published = datetime.fromtimestamp(row[5], UTC) if row[5] is not None else None
        return Article(
            id=row[0], feed_id=row[1], title=row[2], text=row[3] or body_text(row[13], row[14]),
            url=row[4],
            published=published, author=row[6], section=row[7], topic=row[8], path=row[9],
            read=bool(row[10]), starred=bool(row[11]), feed_title=row[12], rowid=key,
        )

    def keys_of(self, article_id: str) -> list[int]:
        """The keys of the articles with this id, one per feed that uses it."""
        rows = self._db.execute(
            "SELECT rowid FROM articles WHERE id=? ORDER BY rowid", (article_id,)
        )
        return [row[0] for row in rows]

    def set_read(self, keys: Iterable[int], read: bool = True) -> int:
        """Mark articles read or unread at once; return how many changed."""
        return self._set_flag("read", keys, read)

    def set_starred(self, keys: Iterable[int], starred: bool = True) -> int:
        return self._set_flag("starred", keys, starred)

    def _set_flag(self, column: str, keys: Iterable[int], value: bool) -> int:
        assert column in ("read", "starred")
        with self.transaction() as db:
            cursor = db.executemany(
                f"UPDATE articles SET {column}=? WHERE rowid=? AND {column}<>?",
                [(int(value), key, int(value)) for key in keys],
            )
            return cursor.rowcount

    def counts(self, feeds: Collection[str] | None = None) -> tuple[int, int, int]:
        """(feeds, articles, unread), of ``feeds`` (and the starred articles) when given."""
        params: tuple[str, ...] = ()
        if feeds is None:
            shown, where = "SELECT COUNT(*) FROM feeds", ""
        else:
            shown = f"SELECT COUNT(*) FROM feeds WHERE id IN ({_placeholders(len(feeds))})"
            where, params = f" a WHERE {_in_feeds(feeds)}", tuple(feeds)
        n_feeds = self._db.execute(shown, params).fetchone()[0]
        total, unread = self._db.execute(
            f"SELECT COUNT(*), COALESCE(SUM(read = 0), 0) FROM articles{where}", params
        ).fetchone()
        return int(n_feeds), int(total), int(unread)


def _in_feeds(feeds: Collection[str]) -> str:
    """The condition (over ``a``, one ``?`` per feed) that keeps the articles of ``feeds``
    and the starred ones (starring says "keep this", whichever config is in use)."""
    return f"(a.feed_id IN ({_placeholders(len(feeds))}) OR a.starred = 1)"


def _placeholders(n: int) -> str:
    """``?, ?, ?`` for ``n`` parameters of an ``IN (...)``."""
    return ", ".join("?" * n)
