"""The database schema and its versioned upgrades (each one all or nothing)."""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 5

_ARTICLES = """CREATE TABLE IF NOT EXISTS {name} (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
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
    entities TEXT,
    UNIQUE (feed_id, id)
)"""
"""An article belongs to its feed: its identity is (feed, id), so a feed that
reuses another feed's ids gets rows of its own (version 4; ids were global)."""

_SALVAGED_FLAGS = """CREATE TABLE IF NOT EXISTS {name} (
    feed_id TEXT NOT NULL,
    id TEXT NOT NULL,
    read INTEGER NOT NULL,
    starred INTEGER NOT NULL,
    PRIMARY KEY (feed_id, id)
) WITHOUT ROWID"""
"""Flags read from a damaged database, applied when their article comes back
(``feed_id`` is '' for those salvaged before version 4, which did not keep it)."""

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
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
"""
_TABLES = (_ARTICLES.format(name="articles"), _SALVAGED_FLAGS.format(name="salvaged_flags"))

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


_ADDED_IN_5 = {"feeds": {"last_status": "TEXT"}}
"""Version 5: a feed's last failure as fields (:class:`reader.models.FeedStatus`, JSON)."""


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



def _upgrade_from_3(db: sqlite3.Connection) -> None:
    """Version 4: ids are unique per feed, not globally.  SQLite cannot change a
    constraint, so the table is rebuilt with the same rows, rowids and flags (the
    search index, names and full texts keep pointing at the same rowids)."""
    columns = ", ".join(row[1] for row in db.execute("PRAGMA table_info(articles)"))
    db.execute(_ARTICLES.format(name="articles_v4"))
    db.execute(f"INSERT INTO articles_v4 ({columns}) SELECT {columns} FROM articles")
    db.execute("DROP TABLE articles")  # its indexes go with it; the schema makes them again
    db.execute("ALTER TABLE articles_v4 RENAME TO articles")
    if db.execute("SELECT 1 FROM sqlite_master WHERE name='salvaged_flags'").fetchone():
        db.execute(_SALVAGED_FLAGS.format(name="salvaged_v4"))
        db.execute("INSERT INTO salvaged_v4 SELECT '', id, read, starred FROM salvaged_flags")
        db.execute("DROP TABLE salvaged_flags")
        db.execute("ALTER TABLE salvaged_v4 RENAME TO salvaged_flags")


def migrate(db: sqlite3.Connection, version: int) -> None:
    """Bring a database at schema ``version`` (0: empty) to :data:`SCHEMA_VERSION`,
    inside the caller's transaction.  Foreign keys must be off (a rebuilt table is
    dropped, which would otherwise cascade to the rows that point at it)."""
    if version == 1:
        _upgrade_from_1(db)
    if 1 <= version <= 3:
        _upgrade_from_3(db)
    for statement in (*_TABLES, *_SCHEMA.split(";")):
        if statement.strip():
            db.execute(statement)
    _upgrade_from_2(db)
    _add_columns(db, _ADDED_IN_5)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
