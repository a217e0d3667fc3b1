"""The SQLite store: upserts keep read state, search, following, migrations, transactions."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.models import Article, Entities, Entity, FeedConfig, FeedResult
from reader.store import SCHEMA_VERSION, Store, StoreError, fts_query

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
    store.set_read(["id-1"])
    store.set_starred(["id-2"])
    # The same items again: nothing changed, nothing rewritten.
    assert store.save_result(FeedResult(FEED, [article(1), article(2)])) == []
    # An edited item is updated but keeps its flags.
    assert store.save_result(FeedResult(FEED, [article(1, text="Edited body")])) == [1]
    rows = {r.id: r for r in store.rows()}
    assert rows["id-1"].read and not rows["id-2"].read
    assert rows["id-2"].starred
    assert store.article("id-1").text == "Edited body"  # type: ignore[union-attr]


def test_read_state_persists_across_reopen(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    with Store(path) as first:
        first.save_result(FeedResult(FEED, [article(1), article(2)]))
        assert first.set_read(["id-2"]) == 1
    with Store(path) as second:
        assert [r.id for r in second.rows(unread_only=True)] == ["id-1"]
        assert second.set_read(["id-2"], False) == 1
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
    assert {r.id for r in store.rows(search="blockade")} == {"id-2"}
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
    assert store.known_people() == ["diosdado cabello"]
    assert store.pending_entities() == []
    loaded = store.entities("id-3")
    assert loaded is not None and loaded.sources[0].aliases == ["AP"]


def test_edited_article_is_queued_for_extraction_again(store: Store) -> None:
    store.save_result(FeedResult(FEED, [article(1)]))
    store.save_entities([(1, Entities())])
    assert store.pending_entities() == []
    store.save_result(FeedResult(FEED, [article(1, text="new text")]))
    assert store.pending_entities() == [(1, "new text")]


def test_filters_by_feed_and_tag(store: Store) -> None:
    other = FeedConfig(title="Other", path="/tmp/other", tags=["local"])
    store.sync_feeds([FEED, other])
    store.save_result(FeedResult(FEED, [article(1)]))
    store.save_result(FeedResult(other, [Article(id="o", feed_id=other.id, title="O")]))
    assert [r.id for r in store.rows(tag="local")] == ["o"]
    assert [r.id for r in store.rows(feed_id=FEED.id)] == ["id-1"]


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
