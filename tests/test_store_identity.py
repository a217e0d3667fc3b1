"""An article belongs to its feed: identity is (feed, id), so no feed can change another's rows."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from reader.models import Article, FeedConfig, FeedResult, FullText
from reader.store import Store

TRUSTED = FeedConfig(title="Trusted Wire", url="https://trusted.example/feed")
HOSTILE = FeedConfig(title="Hostile", url="https://hostile.example/feed")
NOTES = FeedConfig(title="Notes", path="/home/me/notes")


def story(feed: FeedConfig, title: str, url: str, article_id: str = "story-1") -> Article:
    return Article(id=article_id, feed_id=feed.id, title=title, text=f"{title}.", url=url)


def test_a_feed_reusing_a_guid_gets_its_own_row_and_changes_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite") as store:
        store.save_result(FeedResult(TRUSTED, [story(TRUSTED, "Real", "https://trusted.example/1")]))
        (mine,) = store.rows()
        store.set_read([mine.rowid])
        store.set_starred([mine.rowid])
        phish = story(HOSTILE, "Reset your password", "https://evil.example/login")
        store.save_result(FeedResult(HOSTILE, [phish]))
        store.save_result(FeedResult(HOSTILE, [phish]))  # and again: still one row of its own
        kept = store.article(mine.rowid)
        assert kept is not None
        assert (kept.title, kept.text, kept.url, kept.feed_title, kept.read, kept.starred) == (
            "Real", "Real.", "https://trusted.example/1", "Trusted Wire", True, True
        )
        rows = {row.feed_title: row for row in store.rows()}
        assert set(rows) == {"Trusted Wire", "Hostile"}
        assert not rows["Hostile"].read and not rows["Hostile"].starred
        assert rows["Hostile"].rowid != mine.rowid
        assert store.keys_of("story-1") == sorted(row.rowid for row in rows.values())
        # Marking one does not mark the other.
        store.set_read([rows["Hostile"].rowid])
        store.set_read([mine.rowid], False)
        assert store.rows(unread_only=True) == [store.rows(feed_id=TRUSTED.id)[0]]


def test_a_feed_cannot_take_over_a_local_note_by_using_its_path_as_guid(tmp_path: Path) -> None:
    note = Article(id="/home/me/notes/a.md", feed_id=NOTES.id, title="My note", text="Mine.")
    with Store(tmp_path / "db.sqlite") as store:
        store.save_result(FeedResult(NOTES, [note]))
        fake = story(HOSTILE, "Gotcha", "https://evil.example/", article_id=note.id)
        store.save_result(FeedResult(HOSTILE, [fake]))
        (kept,) = store.rows(feed_id=NOTES.id)
        assert kept.title == "My note"
        assert store.article(kept.rowid).text == "Mine."  # type: ignore[union-attr]


def _version_3(tmp_path: Path) -> Path:
    """A database as version 3 made it: article ids unique across all feeds."""
    fresh = tmp_path / "fresh.sqlite"
    Store(fresh).close()
    db = sqlite3.connect(fresh)
    ddl = [
        sql for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE sql NOT NULL")
        if not re.match(r"(articles|full_texts)_fts_", name)
    ]
    db.close()
    old = []
    for sql in ddl:
        if sql.startswith("CREATE TABLE articles"):
            sql = sql.replace("id TEXT NOT NULL,", "id TEXT NOT NULL UNIQUE,", 1)
            sql = re.sub(r",\s*UNIQUE \(feed_id, id\)", "", sql)
        elif sql.startswith("CREATE TABLE salvaged_flags"):
            sql = "CREATE TABLE salvaged_flags (id TEXT PRIMARY KEY, read INTEGER NOT NULL, " \
                "starred INTEGER NOT NULL) WITHOUT ROWID"
        old.append(sql)
    path = tmp_path / "v3.sqlite"
    db = sqlite3.connect(path)
    for sql in old:
        db.execute(sql)
    db.execute("INSERT INTO feeds (id, title) VALUES (?, 'Trusted Wire')", (TRUSTED.id,))
    for rowid, read, starred in ((7, 1, 0), (9, 0, 1), (12, 1, 1), (13, 0, 0)):
        db.execute(
            "INSERT INTO articles (rowid, id, feed_id, title, text, read, starred, added, "
            "indexed, entities) VALUES (?, ?, ?, ?, 'harbour strike', ?, ?, 0, 1, '{}')",
            (rowid, f"old-{rowid}", TRUSTED.id, f"Old {rowid}", read, starred),
        )
    db.execute(
        "INSERT INTO articles_fts(rowid, title, text) SELECT rowid, title, text FROM articles"
    )
    db.execute("INSERT INTO names VALUES ('tomas varga', 9, 'person', 'Tomas Varga')")
    db.execute("INSERT INTO full_texts VALUES (12, 'https://t.example/12', 'trawlers', 1.0, NULL)")
    db.execute("INSERT INTO salvaged_flags VALUES ('back-1', 1, 1)")
    db.execute("PRAGMA user_version=3")
    db.commit()
    db.close()
    return path


def test_the_upgrade_to_version_4_keeps_every_row_flag_name_and_full_text(
    tmp_path: Path,
) -> None:
    path = _version_3(tmp_path)
    with Store(path) as store:
        assert [(r.rowid, r.id, r.read, r.starred) for r in store.rows()] == [
            (13, "old-13", False, False), (12, "old-12", True, True),
            (9, "old-9", False, True), (7, "old-7", True, False),
        ]
        assert [r.rowid for r in store.rows(search="harbour")] == [13, 12, 9, 7]
        assert [r.rowid for r in store.rows(search="trawlers")] == [12]
        assert [r.rowid for r in store.rows(follow="Tomas Varga")] == [9]
        assert store.full_text(12) == FullText("https://t.example/12", "trawlers", 1.0)
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store._db.execute("PRAGMA foreign_key_check").fetchall() == []
        # Now the same id in another feed is a row of its own ...
        store.save_result(FeedResult(HOSTILE, [story(HOSTILE, "Spoof", "https://e.x/", "old-12")]))
        assert store.article(12).title == "Old 12"  # type: ignore[union-attr]
        # ... and a flag salvaged before feeds were recorded still comes back.
        store.save_result(FeedResult(TRUSTED, [story(TRUSTED, "Back", "https://t.x/", "back-1")]))
        back = store.article(store.keys_of("back-1")[0])
        assert back is not None and back.read and back.starred
