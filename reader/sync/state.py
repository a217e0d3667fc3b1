"""Sync's own tables in the article store's SQLite file, and the queue of local changes.

The store knows nothing of sync.  This module adds, beside its tables:

- ``sync_meta``: key/value rows (this schema's version, the backend, the cursor of
  the last article fetched, the time of the last sync);
- ``sync_remote_feeds``: which stored feeds are the server's subscriptions;
- ``sync_queue``: read/starred changes made here and not yet pushed, one row per
  article and flag (a later change replaces an earlier one);
- triggers on ``articles`` that queue every change of ``read`` or ``starred`` on
  an article of a server feed, in the same transaction as the change itself,
  whoever makes it (opening, ``m``, ``A``, ``s``, ``reader mark``).  A change is
  therefore queued exactly when it is stored: a crash cannot separate them.

While a sync applies the server's flags it holds a row in ``sync_applying``
inside its own transaction, so those updates are not queued back; other
connections never see that row.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable

from reader.store import Store
from reader.sync.backend import Flag, RemoteState, SyncError

SYNC_SCHEMA = 1

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS sync_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) "
    "WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS sync_remote_feeds (feed_id TEXT PRIMARY KEY, "
    "remote_id TEXT NOT NULL) WITHOUT ROWID",
    """CREATE TABLE IF NOT EXISTS sync_queue (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        feed_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        flag TEXT NOT NULL,
        value INTEGER NOT NULL,
        queued REAL NOT NULL,
        UNIQUE (feed_id, article_id, flag)
    )""",
    "CREATE TABLE IF NOT EXISTS sync_applying (busy INTEGER)",
    *(
        f"""CREATE TRIGGER IF NOT EXISTS sync_queue_{flag} AFTER UPDATE OF {flag} ON articles
        WHEN old.{flag} <> new.{flag} AND NOT EXISTS (SELECT 1 FROM sync_applying)
            AND EXISTS (SELECT 1 FROM sync_remote_feeds WHERE feed_id = new.feed_id)
        BEGIN
            INSERT OR REPLACE INTO sync_queue (feed_id, article_id, flag, value, queued)
            VALUES (new.feed_id, new.id, '{flag}', new.{flag},
                    (julianday('now') - 2440587.5) * 86400.0);
        END"""
        for flag in ("read", "starred")
    ),
)


class SyncState:
    """Sync's tables in an open store; created (or checked) on construction."""

    def __init__(self, store: Store, prefix: str) -> None:
        self.store = store
        self.prefix = prefix
        """What local ids of this backend's feeds and articles start with ("ttrss:")."""
        with store.transaction() as db:
            for statement in _SCHEMA:
                db.execute(statement)
            row = db.execute("SELECT value FROM sync_meta WHERE key='schema'").fetchone()
            if row is None:
                db.execute("INSERT INTO sync_meta VALUES ('schema', ?)", (str(SYNC_SCHEMA),))
            elif int(row[0]) > SYNC_SCHEMA:
                raise SyncError(
                    f"{store.path}: sync tables of schema {row[0]} are newer than this reader "
                    f"({SYNC_SCHEMA}); upgrade reader"
                )

    # Local ids ---------------------------------------------------------------

    def feed_key(self, remote_id: str) -> str:
        return f"{self.prefix}feed:{remote_id}"

    def article_key(self, remote_id: str) -> str:
        return f"{self.prefix}{remote_id}"

    def remote_article(self, article_id: str) -> str | None:
        rest = article_id.removeprefix(self.prefix)
        return rest if rest != article_id else None

    # Meta --------------------------------------------------------------------

    def get(self, key: str) -> str | None:
        rows = self.store.query("SELECT value FROM sync_meta WHERE key=?", (key,))
        return str(rows[0][0]) if rows else None

    def put(self, key: str, value: str) -> None:
        with self.store.transaction() as db:
            db.execute("INSERT OR REPLACE INTO sync_meta VALUES (?, ?)", (key, value))

    # Feeds -------------------------------------------------------------------

    def remote_feeds(self) -> dict[str, str]:
        """Local feed id -> remote id, for every server feed stored."""
        return dict(self.store.query("SELECT feed_id, remote_id FROM sync_remote_feeds"))

    def set_remote_feeds(self, feeds: dict[str, str]) -> None:
        with self.store.transaction() as db:
            db.execute("DELETE FROM sync_remote_feeds")
            db.executemany("INSERT INTO sync_remote_feeds VALUES (?, ?)", feeds.items())

    # The queue ---------------------------------------------------------------

    def waiting(self) -> int:
        """How many changes wait to be pushed."""
        return int(self.store.query("SELECT COUNT(*) FROM sync_queue")[0][0])

    def queued(self) -> list[tuple[int, str, Flag, bool]]:
        """(seq, remote article id, flag, value) of every waiting change, oldest first."""
        out: list[tuple[int, str, Flag, bool]] = []
        for seq, article_id, flag, value in self.store.query(
            "SELECT seq, article_id, flag, value FROM sync_queue ORDER BY seq"
        ):
            remote = self.remote_article(article_id)
            if remote is not None and flag in ("read", "starred"):
                out.append((seq, remote, flag, bool(value)))
        return out

    def forget(self, seqs: Iterable[int]) -> None:
        """Drop pushed changes (a change queued again since then has a new seq and stays)."""
        with self.store.transaction() as db:
            db.executemany("DELETE FROM sync_queue WHERE seq=?", [(seq,) for seq in seqs])

    def drop_unpushable(self) -> None:
        """Changes to articles no server knows (a foreign prefix) can never be pushed."""
        with self.store.transaction() as db:
            db.execute(
                "DELETE FROM sync_queue WHERE substr(article_id, 1, ?) <> ?",
                (len(self.prefix), self.prefix),
            )

    # The server's flags --------------------------------------------------------

    def apply(self, remote: RemoteState, modes: dict[str, str]) -> int:
        """Take the server's read and starred flags for every server article, except
        those with a change waiting here (it is pushed next time, then the server's
        state is taken).  ``modes`` says per remote feed id whether all its articles
        are "read", all "unread", or "list": unread exactly when in ``remote.unread``.
        Returns how many flags changed."""
        unread = [(self.article_key(i),) for i in remote.unread]
        starred = [(self.article_key(i),) for i in remote.starred]
        feed_modes = [(self.feed_key(feed_id), mode) for feed_id, mode in modes.items()]
        changed = 0
        with self.store.transaction() as db:
            db.execute("INSERT INTO sync_applying VALUES (1)")
            db.execute("CREATE TEMP TABLE IF NOT EXISTS sync_unread (id TEXT PRIMARY KEY)")
            db.execute("CREATE TEMP TABLE IF NOT EXISTS sync_starred (id TEXT PRIMARY KEY)")
            db.execute(
                "CREATE TEMP TABLE IF NOT EXISTS sync_modes (feed_id TEXT PRIMARY KEY, mode TEXT)"
            )
            for name, rows in (
                ("sync_unread", unread), ("sync_starred", starred), ("sync_modes", feed_modes)
            ):
                db.execute(f"DELETE FROM {name}")
                marks = ", ".join("?" * len(rows[0])) if rows else "?"
                db.executemany(f"INSERT OR IGNORE INTO {name} VALUES ({marks})", rows)
            read = (
                "CASE (SELECT mode FROM sync_modes m WHERE m.feed_id = a.feed_id) "
                "WHEN 'read' THEN 1 WHEN 'unread' THEN 0 "
                "ELSE a.id NOT IN (SELECT id FROM sync_unread) END"
            )
            for flag, value in (
                ("read", read), ("starred", "a.id IN (SELECT id FROM sync_starred)")
            ):
                changed += db.execute(
                    f"UPDATE articles AS a SET {flag} = {value} "
                    f"WHERE {flag} <> ({value}) "
                    "AND a.feed_id IN (SELECT feed_id FROM sync_remote_feeds) "
                    "AND NOT EXISTS (SELECT 1 FROM sync_queue q WHERE q.feed_id = a.feed_id "
                    f"AND q.article_id = a.id AND q.flag = '{flag}')"
                ).rowcount
            db.execute("DELETE FROM sync_applying")
        return changed

    def finished(self) -> None:
        self.put("last_sync", f"{time.time():.3f}")


def sync_status(store: Store) -> tuple[float | None, int] | None:
    """(time of the last sync, changes waiting) of a store, or None if it never synced.

    Only reads: the app's status line asks this without creating anything."""
    try:
        last = store.query("SELECT value FROM sync_meta WHERE key='last_sync'")
        waiting = store.query("SELECT COUNT(*) FROM sync_queue")[0][0]
    except sqlite3.OperationalError:  # no sync tables yet
        return None
    return (float(last[0][0]) if last else None, int(waiting))
