"""The SQLite store: upserts keep read state, search, following, migrations, transactions."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.models import Article, Entities, Entity, FeedConfig, FeedResult
from reader.store import SCHEMA_VERSION, PendingArticle, Store, StoreError, fts_query
from tests.store_support import key

FEED = FeedConfig(title="Wire", url="https://example.test/feed")


def article(n: int, text: str = "", **extra: object) -> Article:
    return Article(
        id=f"id-{n}", feed_id=FEED.id, title=f"Story {n}", text=text or f"Body {n}",
        published=datetime(2026, 1, n, tzinfo=UTC), **extra,  # type: ignore[arg-type]
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "db.sqlite")


def test_new_articles_are_listed_newest_first(store: Store) -> None:
    assert store.save_result(FeedResult(FEED, [article(1), article(3), article(2)])) == [1, 2, 3]
    assert [r.id for r in store.rows()] == ["id-3", "id-2", "id-1"]
    assert store.counts() == (1, 3, 3)


def test_refresh_keeps_read_and_starred_flags(store: Store) -> None:
    store.save_result(FeedResult(FEED, [article(1), article(2)]))
    store.set_read(store.keys_of("id-1"))
    store.set_starred(store.keys_of("id-2"))
    # The same items again: nothing changed, nothing rewritten.
    assert store.save_result(FeedResult(FEED, [article(1), article(2)])) == []
    # An edited item is updated but keeps its flags.
    assert store.save_result(FeedResult(FEED, [article(1, text="Edited body")])) == [1]
    rows = {r.id: r for r in store.rows()}
    assert rows["id-1"].read and not rows["id-2"].read
    assert rows["id-2"].starred
    assert store.article(key(store, "id-1")).text == "Edited body"  # type: ignore[union-attr]


def test_read_state_persists_across_reopen(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    with Store(path) as first:
        first.save_result(FeedResult(FEED, [article(1), article(2)]))
        assert first.set_read(first.keys_of("id-2")) == 1
    with Store(path) as second:
        assert [r.id for r in second.rows(unread_only=True)] == ["id-1"]
        assert second.set_read(second.keys_of("id-2"), False) == 1
        assert len(second.rows(unread_only=True)) == 2


def test_failed_fetch_keeps_articles_and_records_error(store: Store) -> None:
    store.save_result(FeedResult(FEED, [article(1)], etag='"v1"'))
    store.save_result(FeedResult(FEED, error="https://example.test/feed: HTTP 500"))
    state = store.feed_states()[FEED.id]
    assert state.last_error == "https://example.test/feed: HTTP 500"
    assert state.etag == '"v1"'
    assert state.total == 1 and state.unread == 1
    assert [r.id for r in store.rows()] == ["id-1"]


def test_full_text_search_ranks_and_tolerates_syntax(store: Store) -> None:
    store.save_result(
        FeedResult(
            FEED,
            [
                article(1, text="The navy said nothing."),
                article(2, text="Naval blockade talk: the blockade again."),
                article(3, text="Unrelated."),
            ],
        )
    )
    # Search indexing is deferred to a bulk pass; a search runs it first.
    assert store.unindexed() == 3
    assert {r.id for r in store.rows(search="blockade")} == {"id-2"}
    assert store.index_search() == 0
    assert {r.id for r in store.rows(search="nav")} == {"id-1", "id-2"}
    # FTS operators typed by a person are taken literally, not as syntax.
    assert store.rows(search='"AND OR ( NEAR') == []
    assert fts_query('a"b') == '"a""b"*'


def test_follow_finds_people_by_name_and_hint(store: Store) -> None:
    store.save_result(FeedResult(FEED, [article(1), article(2), article(3)]))
    store.save_entities(
        [
            (1, Entities(people=[Entity("Diosdado Cabello", ["Cabello"], [(0, 5)])])),
            (2, Entities(people=[Entity("Cabello", [], [(0, 7)], hint="Diosdado Cabello")])),
            (
                3,
                Entities(
                    sources=[Entity("The Associated Press", ["AP"], [(0, 2)], kind="outlet")]
                ),
            ),
        ]
    )
    assert [r.id for r in store.rows(follow="diosdado  CABELLO")] == ["id-2", "id-1"]
    assert [r.id for r in store.rows(follow="The Associated Press")] == ["id-3"]
    assert store.known_people() == ["Diosdado Cabello"]
    assert store.pending_entities() == []
    loaded = store.entities(key(store, "id-3"))
    assert loaded is not None and loaded.sources[0].aliases == ["AP"]


def test_edited_article_is_queued_for_extraction_again(store: Store) -> None:
    store.save_result(FeedResult(FEED, [article(1)]))
    store.save_entities([(1, Entities())])
    assert store.pending_entities() == []
    store.save_result(FeedResult(FEED, [article(1, text="new text")]))
    assert store.pending_entities() == [PendingArticle(1, "new text")]


def test_filters_by_feed_and_tag(store: Store) -> None:
    other = FeedConfig(title="Other", path="/tmp/other", tags=["local"])
    store.sync_feeds([FEED, other])
    store.save_result(FeedResult(FEED, [article(1)]))
    store.save_result(FeedResult(other, [Article(id="o", feed_id=other.id, title="O")]))
    assert [r.id for r in store.rows(tag="local")] == ["o"]
    assert [r.id for r in store.rows(feed_id=FEED.id)] == ["id-1"]


def test_has_unindexed_follows_extraction_and_search_indexing(store: Store) -> None:
    assert not store.has_unindexed()
    store.save_result(FeedResult(FEED, [article(1)]))
    assert store.has_unindexed()
    store.save_entities([(1, Entities())])
    assert store.has_unindexed()  # not in the search index yet
    store.index_search()
    assert not store.has_unindexed() and store.unindexed() == 0


def test_since_keeps_recent_articles_and_dates_undated_ones_by_arrival(store: Store) -> None:
    undated = Article(id="undated", feed_id=FEED.id, title="No date")
    store.save_result(FeedResult(FEED, [article(1), article(5), article(9), undated]))
    jan_5 = datetime(2026, 1, 5, tzinfo=UTC).timestamp()
    # The undated article arrived just now, long after 5 January 2026.
    assert [r.id for r in store.rows(since=jan_5)] == ["id-9", "id-5", "undated"]
    assert [r.id for r in store.rows(since=4102444800)] == []  # 2100
    assert [r.id for r in store.rows(since=jan_5, unread_only=True, feed_id=FEED.id)] == [
        "id-9", "id-5", "undated",
    ]


def test_forgetting_a_feed_keeps_only_its_starred_articles(store: Store) -> None:
    other = FeedConfig(title="Other", url="https://other.test/feed")
    store.save_result(FeedResult(FEED, [article(1, "lighthouse"), article(2, "lighthouse")]))
    store.save_result(FeedResult(other, [Article(id="o", feed_id=other.id, title="O", text="x")]))
    store.index_search()
    store.set_starred(store.keys_of("id-2"))
    assert store.forget_feeds([FEED.id]) == 1
    assert [r.id for r in store.rows()] == ["id-2", "o"]
    assert [r.id for r in store.rows(search="lighthouse")] == ["id-2"]
    assert store.forget_feeds([other.id]) == 1
    assert set(store.feed_states()) == {FEED.id}  # kept for its starred article's title
    store.set_starred(store.keys_of("id-2"), False)
    assert store.forget_feeds([FEED.id]) == 1 and store.feed_states() == {}
    db = store._db
    assert db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def test_schema_version_is_recorded_and_newer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    Store(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer than this reader"):
        Store(path)


def test_failed_transaction_rolls_back(store: Store) -> None:
    store.save_result(FeedResult(FEED, [article(1)]))
    with pytest.raises(RuntimeError), store.transaction() as db:
        db.execute("UPDATE articles SET read=1")
        raise RuntimeError("crash mid-write")
    assert not store.rows()[0].read


def test_corrupt_database_is_moved_aside_and_rebuilt(tmp_path: Path) -> None:
    from reader.store import open_store

    path = tmp_path / "db.sqlite"
    with Store(path) as store:
        store.save_result(FeedResult(FEED, [article(1), article(2)]))
        store.set_read(store.keys_of("id-2"))
    # Damage the page after the header: the schema can still be read or not,
    # either way nothing is silently overwritten.
    path.write_bytes(b"this is not a database at all" * 100)
    store, notice = open_store(path)
    assert notice is not None and "moved to db.sqlite.corrupt-" in notice
    aside = list(tmp_path.glob("db.sqlite.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not")
    assert store.rows() == []
    store.close()


def test_flags_salvaged_from_a_damaged_database_come_back(tmp_path: Path) -> None:
    from reader.store import open_store

    path = tmp_path / "db.sqlite"
    with Store(path) as store:
        store.save_result(FeedResult(FEED, [article(1), article(2)]))
        store.set_read(store.keys_of("id-2"))
        store.set_starred(store.keys_of("id-1"))
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    data[:16] = b"garbage garbage!"  # header destroyed: "file is not a database"
    path.write_bytes(bytes(data))
    store, notice = open_store(path)
    assert notice is not None
    # Without its header SQLite cannot read the file; its pages still can be.
    assert "(2 read/starred flags recovered;" in notice
    store.save_result(FeedResult(FEED, [article(1), article(2)]))
    assert [(r.id, r.read, r.starred) for r in store.rows()] == [
        ("id-2", True, False), ("id-1", False, True)
    ]
    store.close()


def test_salvaged_flags_apply_when_articles_return(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    with Store(path) as store, store.transaction() as db:
        db.execute("INSERT INTO salvaged_flags VALUES (?, 'id-2', 1, 1)", (FEED.id,))
    with Store(path) as store:
        store.save_result(FeedResult(FEED, [article(1), article(2)]))
        rows = {r.id: r for r in store.rows()}
        assert rows["id-2"].read and rows["id-2"].starred and not rows["id-1"].read


def test_read_only_database_gives_a_clear_error_and_keeps_state(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    with Store(path) as store:
        store.save_result(FeedResult(FEED, [article(1)]))
        store.set_read(store.keys_of("id-1"))
        # As if the file system had turned read-only (root ignores chmod, so ask SQLite).
        store._db.execute("PRAGMA query_only=ON")
        with pytest.raises(StoreError, match=r"db\.sqlite: attempt to write a readonly"):
            store.set_read(store.keys_of("id-1"), False)
        with pytest.raises(StoreError):
            store.save_result(FeedResult(FEED, [article(2)]))
    with Store(path) as store:
        assert [(r.id, r.read) for r in store.rows()] == [("id-1", True)]


def test_names_like_finds_full_names_from_a_surname(store: Store) -> None:
    store.save_result(FeedResult(FEED, [article(1), article(2)]))
    store.save_entities(
        [
            (1, Entities(people=[Entity("Tomas Varga", ["Varga"], [(0, 5)])])),
            (2, Entities(people=[Entity("Ana Varga_x", [], [(0, 5)])])),
        ]
    )
    assert store.names_like("varga") == ["tomas varga"]
    assert store.names_like("Tomas  Varga") == ["tomas varga"]
    assert store.names_like("%") == []
    assert [r.id for r in store.rows(follow=store.names_like("Varga"))] == ["id-1"]


def test_edited_indexed_article_is_searchable_by_its_new_words_only(store: Store) -> None:
    store.save_result(FeedResult(FEED, [article(1, text="original wording")]))
    assert store.index_search() == 1
    store.save_result(FeedResult(FEED, [article(1, text="replacement phrasing")]))
    assert store.rows(search="original") == []
    assert [r.id for r in store.rows(search="replacement")] == ["id-1"]
    integrity = store._db.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"
    )
    assert integrity is not None  # raises sqlite3.DatabaseError when the index is corrupt


def test_lazily_parsed_html_is_converted_on_read_and_by_indexing(store: Store) -> None:
    from reader.refresh import index_pending

    html = '<p>Navy <b>blockade</b> talk.</p><p>See <a href="/more">more</a>.</p>'
    lazy = article(1, html=html, html_base="https://example.test/")
    lazy.text = ""
    assert store.save_result(FeedResult(FEED, [lazy])) == [1]
    opened = store.article(key(store, "id-1"))
    assert opened is not None
    assert opened.text.startswith("Navy blockade talk.\n\nSee more [1].")
    assert "https://example.test/more" in opened.text
    assert store.save_result(FeedResult(FEED, [lazy])) == []  # unchanged: not rewritten
    assert store.rows(search="blockade") == []  # not converted yet, so not indexed yet
    assert index_pending(store) == 1
    pending_html = store._db.execute("SELECT html FROM articles").fetchone()[0]
    assert pending_html is None  # converted text kept, raw HTML dropped
    assert [r.id for r in store.rows(search="blockade")] == ["id-1"]
    # The same item in a later refresh is still recognised as unchanged...
    assert store.save_result(FeedResult(FEED, [lazy])) == []
    # ...and an edited one is rewritten and queued again.
    edited = article(1, html="<p>Changed.</p>")
    edited.text = ""
    assert store.save_result(FeedResult(FEED, [edited])) == [1]
    assert store.rows(search="blockade") == []
    assert store.article(key(store, "id-1")).text == "Changed."  # type: ignore[union-attr]


VERSION_1 = """
CREATE TABLE feeds (id TEXT PRIMARY KEY, title TEXT NOT NULL, url TEXT, path TEXT,
    tags TEXT NOT NULL DEFAULT '[]', etag TEXT, last_modified TEXT, last_error TEXT,
    last_checked REAL, last_ok REAL);
CREATE TABLE articles (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, feed_id TEXT NOT NULL,
    title TEXT NOT NULL, url TEXT, published REAL, author TEXT, section TEXT, topic TEXT,
    path TEXT, text TEXT NOT NULL, read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0, added REAL NOT NULL, entities TEXT);
CREATE TABLE names (key TEXT NOT NULL, article INTEGER NOT NULL, role TEXT NOT NULL,
    PRIMARY KEY (key, article, role)) WITHOUT ROWID;
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles',
    content_rowid='rowid');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
INSERT INTO feeds (id, title) VALUES ('https://example.test/feed', 'Wire');
INSERT INTO articles (id, feed_id, title, text, read, added)
    VALUES ('old-1', 'https://example.test/feed', 'Old story', 'The navy blockade.', 1, 0);
INSERT INTO names VALUES ('tomas varga', 1, 'person');
PRAGMA user_version = 1;
"""


def test_a_version_1_database_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    db = sqlite3.connect(path)
    db.executescript(VERSION_1)
    db.close()
    with Store(path) as store:
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [(r.id, r.read) for r in store.rows()] == [("old-1", True)]
        assert [r.id for r in store.rows(search="blockade")] == ["old-1"]  # indexed by v1
        assert store.known_people() == ["tomas varga"]
        store.save_result(FeedResult(FEED, [article(1, text="new blockade")]))
        assert {r.id for r in store.rows(search="blockade")} == {"old-1", "id-1"}


def test_a_version_3_database_gains_the_feed_status_column(tmp_path: Path) -> None:
    from reader.models import FeedStatus

    path = tmp_path / "old.db"
    with Store(path):
        pass
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE feeds DROP COLUMN last_status")
    db.execute("PRAGMA user_version=3")
    db.commit()
    db.close()
    feed = FeedConfig(title="Gone", url="https://gone.example/feed")
    with Store(path) as store:
        store.save_result(FeedResult(feed, error="HTTP 410", status=FeedStatus(http=410)))
        (state,) = store.feed_states().values()
    assert state.last_status.gone
