"""The full-text cache in the store: schema upgrade from version 2, search, names, deletes."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.models import Article, Entities, Entity, FeedConfig, FeedResult, FullText
from reader.store import SCHEMA_VERSION, Store, StoreError
from reader.store import schema as store_module
from tests.store_support import key

FEED = FeedConfig(title="Wire", url="https://example.test/feed")

VERSION_2 = """
CREATE TABLE feeds (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, url TEXT, path TEXT,
    tags TEXT NOT NULL DEFAULT '[]', etag TEXT, last_modified TEXT, last_error TEXT,
    last_checked REAL, last_ok REAL, retry_until REAL
);
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, feed_id TEXT NOT NULL,
    title TEXT NOT NULL, url TEXT, published REAL, author TEXT, section TEXT, topic TEXT,
    path TEXT, text TEXT NOT NULL, html TEXT, html_base TEXT, body_hash TEXT,
    read INTEGER NOT NULL DEFAULT 0, starred INTEGER NOT NULL DEFAULT 0, added REAL NOT NULL,
    indexed INTEGER NOT NULL DEFAULT 0, entities TEXT
);
CREATE INDEX articles_by_date ON articles (published DESC, rowid DESC);
CREATE INDEX articles_by_read ON articles (read, published DESC);
CREATE INDEX articles_by_feed ON articles (feed_id, published DESC);
CREATE INDEX articles_pending ON articles (rowid) WHERE entities IS NULL;
CREATE INDEX articles_unindexed ON articles (rowid) WHERE indexed = 0;
CREATE TABLE names (
    key TEXT NOT NULL,
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    role TEXT NOT NULL, display TEXT NOT NULL, PRIMARY KEY (key, article, role)
) WITHOUT ROWID;
CREATE INDEX names_by_article ON names (article);
CREATE TABLE salvaged_flags (
    id TEXT PRIMARY KEY, read INTEGER NOT NULL, starred INTEGER NOT NULL
) WITHOUT ROWID;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO feeds (id, title) VALUES ('https://example.test/feed', 'Wire');
INSERT INTO articles (id, feed_id, title, url, text, read, starred, added, indexed, entities)
    VALUES ('old-1', 'https://example.test/feed', 'Old story', 'https://example.test/old',
            'The navy blockade, said Tomas Varga.', 1, 1, 0, 1,
            '{"people": [{"name": "Tomas Varga", "aliases": [], "mentions": [[23, 34]]}],
              "sources": []}');
INSERT INTO articles_fts (rowid, title, text)
    SELECT rowid, title, text FROM articles;
INSERT INTO names VALUES ('tomas varga', 1, 'person', 'Tomas Varga');
PRAGMA user_version = 2;
"""

PAGE = (
    "The navy lifted the blockade at dawn, the harbourmaster Ingrid Halvorsen said.\n\n"
    "Trawlers returned to the quay by noon."
)


def halvorsen() -> Entities:
    start = PAGE.index("Ingrid Halvorsen")
    return Entities(
        people=[Entity("Ingrid Halvorsen", mentions=[(start, start + len("Ingrid Halvorsen"))])]
    )


def full_text(text: str = PAGE, entities: Entities | None = None) -> FullText:
    return FullText(
        url="https://example.test/old", text=text, fetched=1_700_000_000.0,
        entities=entities if entities is not None else halvorsen(),
    )


def version_2(tmp_path: Path) -> Path:
    path = tmp_path / "db.sqlite"
    db = sqlite3.connect(path)
    db.executescript(VERSION_2)
    db.close()
    return path


def fts_ok(store: Store) -> None:
    """Both search indexes agree with their content tables (raises if not)."""
    for table in ("articles_fts", "full_texts_fts"):
        store._db.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")


def ids(rows: list[object]) -> list[str]:
    return [row.id for row in rows]  # type: ignore[attr-defined]


def test_a_version_2_database_is_upgraded_and_keeps_everything(tmp_path: Path) -> None:
    path = version_2(tmp_path)
    with Store(path) as store:
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
        [row] = store.rows()
        assert (row.id, row.read, row.starred) == ("old-1", True, True)
        assert ids(store.rows(search="blockade")) == ["old-1"]
        assert ids(store.rows(follow="Tomas Varga")) == ["old-1"]
        assert store.full_text(key(store, "old-1")) is None
        assert store.save_full_text(key(store, "old-1"), full_text())
        assert ids(store.rows(search="trawlers")) == ["old-1"]
        assert ids(store.rows(follow="Ingrid Halvorsen")) == ["old-1"]
        assert ids(store.rows(follow="Tomas Varga")) == ["old-1"]
        fts_ok(store)
    with Store(path) as store:  # opening again changes nothing
        assert store.full_text(key(store, "old-1")) == full_text()


def test_the_upgrade_from_2_is_all_or_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = version_2(tmp_path)
    real = store_module._upgrade_from_2

    def failing(db: sqlite3.Connection) -> None:
        real(db)  # the new tables are created, then the disk fills up
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store_module, "_upgrade_from_2", failing)
    with pytest.raises(StoreError, match="disk is full"):
        Store(path)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert not {"full_texts", "full_texts_fts", "full_texts_ai"} & tables
    assert db.execute("SELECT id, read FROM articles").fetchall() == [("old-1", 1)]
    db.close()
    monkeypatch.setattr(store_module, "_upgrade_from_2", real)
    with Store(path) as store:
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == 5
        assert ids(store.rows(search="blockade")) == ["old-1"]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "db.sqlite")
    story = Article(
        id="a-1", feed_id=FEED.id, title="Blockade lifted", text="The navy lifted the blockade.",
        url="https://example.test/old", published=datetime(2026, 1, 2, tzinfo=UTC),
    )
    other = Article(
        id="a-2", feed_id=FEED.id, title="Weather", text="Rain on the coast.",
        url="https://example.test/rain", published=datetime(2026, 1, 1, tzinfo=UTC),
    )
    store.save_result(FeedResult(FEED, [story, other]))
    store.index_search()
    return store


def test_full_text_is_cached_and_found_by_search_and_follow(store: Store) -> None:
    assert store.full_text(key(store, "a-1")) is None
    assert store.rows(search="trawlers") == []
    assert store.save_full_text(key(store, "a-1"), full_text())
    cached = store.full_text(key(store, "a-1"))
    assert cached == full_text()
    assert cached is not None and cached.entities == halvorsen()
    assert ids(store.rows(search="trawlers")) == ["a-1"]
    assert ids(store.rows(search="blockade")) == ["a-1"]  # by both texts: listed once
    assert ids(store.rows(search="trawlers quay", unread_only=True)) == ["a-1"]
    assert ids(store.rows(follow="Ingrid Halvorsen")) == ["a-1"]
    assert store.entities(key(store, "a-1")) is None  # the feed text's own are not touched
    fts_ok(store)


def test_fetching_again_replaces_the_text_in_the_index(store: Store) -> None:
    store.save_full_text(key(store, "a-1"), full_text())
    corrected = full_text("A corrected page about mackerel quotas.", Entities())
    store.save_full_text(key(store, "a-1"), corrected)
    assert store.rows(search="trawlers") == []
    assert ids(store.rows(search="mackerel")) == ["a-1"]
    assert store.rows(follow="Ingrid Halvorsen") == []
    fts_ok(store)


def test_feed_text_extraction_keeps_the_full_texts_names(store: Store) -> None:
    store.save_full_text(key(store, "a-1"), full_text())
    rowid = store.rows()[0].rowid
    store.save_entities([(rowid, Entities(people=[Entity("Tomas Varga")]))])
    assert ids(store.rows(follow="Ingrid Halvorsen")) == ["a-1"]
    assert ids(store.rows(follow="Tomas Varga")) == ["a-1"]


def test_marking_keeps_and_a_new_link_drops_the_full_text(store: Store) -> None:
    store.save_full_text(key(store, "a-1"), full_text())
    keys = store.keys_of("a-1")
    assert store.set_read(keys) == 1 and store.set_starred(keys) == 1
    assert store.full_text(key(store, "a-1")) is not None
    moved = Article(
        id="a-1", feed_id=FEED.id, title="Blockade lifted", text="The navy lifted the blockade.",
        url="https://example.test/elsewhere", published=datetime(2026, 1, 2, tzinfo=UTC),
    )
    store.save_result(FeedResult(FEED, [moved]))
    assert store.full_text(key(store, "a-1")) is None
    assert store.rows(search="trawlers") == []
    fts_ok(store)


def test_deleting_an_article_deletes_its_full_text_and_index_entry(store: Store) -> None:
    gone = key(store, "a-1")
    store.save_full_text(gone, full_text())
    with store.transaction() as db:
        db.execute("DELETE FROM articles_fts")  # (the articles' index is kept by hand)
        db.execute("DELETE FROM articles WHERE id='a-1'")
    assert store.full_text(gone) is None
    assert store._db.execute("SELECT COUNT(*) FROM full_texts").fetchone()[0] == 0
    assert store.rows(search="trawlers") == []
    store._db.execute(
        "INSERT INTO full_texts_fts(full_texts_fts, rank) VALUES ('integrity-check', 1)"
    )


def test_saving_for_a_missing_article_does_nothing(store: Store) -> None:
    assert not store.save_full_text(10**9, full_text())
    assert store._db.execute("SELECT COUNT(*) FROM full_texts").fetchone()[0] == 0
