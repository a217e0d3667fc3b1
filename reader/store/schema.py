"""The database schema and its versioned upgrades (each one all or nothing)."""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 3

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
    retry_until REAL
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


def _upgrade_from_1(db: sqlite3.Connection) -> None:
    """Version 1 kept FTS up to date with triggers and had fewer columns."""
    for trigger in ("articles_ai", "articles_ad", "articles_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    for table, columns in _ADDED_IN_2.items():
        present = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        if not present:
            continue  # created below by the schema itself
        for column, declaration in columns.items():
            if column not in present:
                db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
    db.execute("UPDATE names SET display = key WHERE display = ''")


def _upgrade_from_2(db: sqlite3.Connection) -> None:
    """Version 3 adds the full texts of web pages (a new database gets them here too)."""
    for statement in _ADDED_IN_3:
        db.execute(statement)

