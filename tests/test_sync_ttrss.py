"""Sync against a real Tiny Tiny RSS server started on loopback (tests/ttrss_server.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from ttrss_server import PASSWORD, USER, TtrssServer, free_port

from reader.cli import main
from reader.config import Config, parse_config
from reader.store import Store
from reader.sync import SyncError, engine, sync, sync_status
from reader.sync.backend import Flag
from reader.sync.state import SyncState
from reader.sync.ttrss import TtrssBackend

pytestmark = pytest.mark.ttrss

REPO = Path(__file__).resolve().parents[1]


def write_config(tmp_path: Path, url: str, *, local: bool = False) -> Config:
    body = (
        f'[sync]\nbackend = "ttrss"\nurl = "{url}"\nuser = "{USER}"\n'
        'password_env = "READER_TEST_TTRSS_PASSWORD"\n'
    )
    if local:
        folder = tmp_path / "notes"
        folder.mkdir()
        (folder / "note.txt").write_text("A local note\n\nKept on this machine.\n")
        body += '\n[[feed]]\ntitle = "Notes"\npath = "notes"\n'
    path = tmp_path / "feeds.toml"
    path.write_text(body, encoding="utf-8")
    return parse_config(path)


@pytest.fixture
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_TEST_TTRSS_PASSWORD", PASSWORD)


@pytest.fixture
def seeded(ttrss: TtrssServer) -> dict[str, int]:
    """Two feeds: "Harbour" (3 articles, category World) and "Wire" (2, no category)."""
    world = ttrss.add_category("World")
    harbour = ttrss.add_feed("Harbour", "https://example.org/harbour.xml", world)
    wire = ttrss.add_feed("Wire", "https://example.org/wire.xml")
    ttrss.add_articles(harbour, 3)
    ttrss.add_articles(wire, 2)
    return {"harbour": harbour, "wire": wire}


@pytest.fixture
def synced(
    tmp_path: Path, ttrss: TtrssServer, seeded: dict[str, int], password: None
) -> tuple[Config, Path]:
    """The seeded server synced once into a new store: (config, database)."""
    config = write_config(tmp_path, ttrss.url)
    db = tmp_path / "db.sqlite"
    sync(config, db)
    return config, db


def key(article: int) -> str:
    return f"ttrss:{article}"


def _row(store: Store, article: int) -> int:
    """The store's key of a synced article (one feed holds it)."""
    (row,) = store.keys_of(key(article))
    return row


def flags(db: Path, article: int) -> tuple[bool, bool]:
    """(read, starred) of a synced article in reader's store."""
    with Store(db) as store:
        found = store.article(_row(store, article))
    assert found is not None
    return found.read, found.starred


def waiting(db: Path) -> int:
    with Store(db) as store:
        status = sync_status(store)
    assert status is not None
    return status[1]


@pytest.mark.usefixtures("password")
def test_first_sync_stores_feeds_tags_and_indexed_articles(
    tmp_path: Path, ttrss: TtrssServer, seeded: dict[str, int]
) -> None:
    config = write_config(tmp_path, ttrss.url, local=True)
    db = tmp_path / "db.sqlite"
    steps: list[str] = []
    summary = sync(config, db, report=steps.append)
    assert summary.feeds == 2 and summary.new == 5
    assert [s for s in steps if " " not in s][:4] == ["login", "push", "feeds", "articles"]
    with Store(db) as store:
        states = store.feed_states()
        harbour = states[f"ttrss:feed:{seeded['harbour']}"]
        assert (harbour.title, harbour.tags, harbour.total) == ("Harbour", ["World"], 3)
        assert states[f"ttrss:feed:{seeded['wire']}"].tags == []
        article = store.article(_row(store, ttrss.article_ids(seeded["harbour"])[0]))
        assert article is not None and "Maria Lopez said" in article.text
        assert article.url == "https://example.org/f1/1"
        # The same indexing as any feed: search, people.
        assert store.names_like("Maria Lopez") == ["maria lopez"]
        assert len(store.rows(search="harbour reopened")) == 5
        # The local feed stays local: not a server feed, never pushed.
        remote = SyncState(store, "ttrss:").remote_feeds()
        assert all(feed_id.startswith("ttrss:feed:") for feed_id in remote)
        assert not any("notes" in feed_id for feed_id in remote)
    again = sync(config, db)
    assert (again.new, again.pushed, again.flags) == (0, 0, 0)


def test_mark_read_and_star_in_reader_reach_the_server(
    ttrss: TtrssServer, seeded: dict[str, int],
    synced: tuple[Config, Path],
) -> None:
    config, db = synced
    first, second = ttrss.article_ids(seeded["harbour"])[:2]
    with Store(db) as store:
        assert store.set_read(store.keys_of(key(first))) == 1
        assert store.set_starred(store.keys_of(key(second))) == 1
    assert waiting(db) == 2
    assert ttrss.flags(first) == (True, False)  # not pushed yet
    summary = sync(config, db)
    assert summary.pushed == 2 and summary.waiting == 0
    assert ttrss.flags(first) == (False, False)
    assert ttrss.flags(second) == (True, True)
    assert flags(db, first) == (True, False)  # the server's state agrees, nothing re-queued
    assert waiting(db) == 0


def test_star_and_read_on_the_server_reach_reader(
    ttrss: TtrssServer, seeded: dict[str, int],
    synced: tuple[Config, Path],
) -> None:
    config, db = synced
    article = ttrss.article_ids(seeded["wire"])[0]
    assert flags(db, article) == (False, False)
    ttrss.set_flags(article, unread=False, marked=True)
    summary = sync(config, db)
    assert summary.flags == 2
    assert flags(db, article) == (True, True)
    assert waiting(db) == 0  # taking the server's state queues nothing
    # A feed read to the end there, and one unread again there (no id list needed).
    ttrss.sql(f"UPDATE ttrss_user_entries SET unread = false WHERE feed_id = {seeded['harbour']}")
    ttrss.sql(f"UPDATE ttrss_user_entries SET unread = true WHERE feed_id = {seeded['wire']}")
    assert sync(config, db).flags == 3 + 1
    assert all(flags(db, a)[0] for a in ttrss.article_ids(seeded["harbour"]))
    assert not any(flags(db, a)[0] for a in ttrss.article_ids(seeded["wire"]))
    assert flags(db, article) == (False, True)
    assert waiting(db) == 0


def test_new_articles_and_dropped_feeds_arrive_on_the_next_sync(
    ttrss: TtrssServer, seeded: dict[str, int],
    synced: tuple[Config, Path],
) -> None:
    config, db = synced
    ttrss.add_articles(seeded["wire"], 4, start=2)
    kept = ttrss.article_ids(seeded["harbour"])[0]
    with Store(db) as store:
        store.set_starred(store.keys_of(key(kept)))
    summary = sync(config, db)
    assert summary.new == 4
    server = TtrssBackend(ttrss.url, USER, PASSWORD)
    server.unsubscribe(str(seeded["harbour"]))
    server.close()
    sync(config, db)
    with Store(db) as store:
        states = store.feed_states()
        assert states[f"ttrss:feed:{seeded['wire']}"].total == 6
        # Forgotten like a removed feed: only the starred article stays.
        assert states[f"ttrss:feed:{seeded['harbour']}"].total == 1
        assert store.article(_row(store, kept)) is not None


def test_change_queued_offline_is_pushed_later(
    tmp_path: Path, ttrss: TtrssServer, seeded: dict[str, int],
    synced: tuple[Config, Path],
) -> None:
    config, db = synced
    article = ttrss.article_ids(seeded["wire"])[1]
    offline = write_config(tmp_path, f"http://127.0.0.1:{free_port()}/")
    with Store(db) as store:
        store.set_read(store.keys_of(key(article)))
    with pytest.raises(SyncError, match=r"^login: .*cannot reach the server"):
        sync(offline, db)
    with Store(db) as store:  # a restart: the queue is in the file
        store.set_starred(store.keys_of(key(article)))
    assert waiting(db) == 2
    assert ttrss.flags(article) == (True, False)
    assert sync(config, db).pushed == 2
    assert ttrss.flags(article) == (False, True)


def test_crash_between_queueing_and_pushing_loses_nothing(
    ttrss: TtrssServer, seeded: dict[str, int],
    synced: tuple[Config, Path],
) -> None:
    config, db = synced
    article = ttrss.article_ids(seeded["harbour"])[2]
    script = (
        "import os, signal, sys\n"
        "from reader.store import Store\n"
        "store = Store(sys.argv[1])\n"
        "store.set_read(store.keys_of(sys.argv[2]))\n"
        "store.set_starred(store.keys_of(sys.argv[2]))\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(db), key(article)], cwd=REPO, env=os.environ
    )
    assert done.returncode == -signal.SIGKILL
    assert waiting(db) == 2
    sync(config, db)
    assert ttrss.flags(article) == (False, True)
    assert waiting(db) == 0


def test_both_sides_changed_the_same_article_local_wins_then_server(
    ttrss: TtrssServer, seeded: dict[str, int],
    synced: tuple[Config, Path],
) -> None:
    config, db = synced
    article = ttrss.article_ids(seeded["harbour"])[0]
    ttrss.set_flags(article, unread=False, marked=True)  # there: read and starred
    with Store(db) as store:  # here: read, then unread again (the queued change: unread)
        store.set_read(store.keys_of(key(article)))
        store.set_read(store.keys_of(key(article)), False)
    sync(config, db)
    assert ttrss.flags(article) == (True, True)  # our unread won; their star stayed
    assert flags(db, article) == (False, True)


def test_wrong_password_and_api_disabled_are_one_line_and_lose_nothing(
    ttrss: TtrssServer, seeded: dict[str, int],
    synced: tuple[Config, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    config, db = synced
    article = ttrss.article_ids(seeded["wire"])[0]
    with Store(db) as store:
        store.set_read(store.keys_of(key(article)))
    monkeypatch.setenv("READER_TEST_TTRSS_PASSWORD", "not the password")
    with pytest.raises(SyncError) as wrong:
        sync(config, db)
    assert str(wrong.value) == f"login: {ttrss.api_url}: login refused for 'admin' " \
        "(wrong user or password)"
    monkeypatch.setenv("READER_TEST_TTRSS_PASSWORD", PASSWORD)
    ttrss.set_api_access(False)
    with pytest.raises(SyncError, match="API access is off for 'admin'"):
        sync(config, db)
    assert waiting(db) == 1 and ttrss.flags(article) == (True, False)
    ttrss.set_api_access(True)
    sync(config, db)
    assert ttrss.flags(article) == (False, False)


@pytest.mark.usefixtures("seeded")
def test_expired_session_logs_in_again_once(ttrss: TtrssServer) -> None:
    server = TtrssBackend(ttrss.url, USER, PASSWORD)
    logins: list[str] = []
    real_login = server.login

    def counting_login() -> None:
        logins.append("login")
        real_login()

    server.login = counting_login  # type: ignore[method-assign]
    assert len(server.feeds()) == 2
    ttrss.sql("DELETE FROM ttrss_sessions")  # the server forgot us
    assert len(server.feeds()) == 2
    assert logins == ["login", "login"]
    server.close()


def test_api_error_in_the_middle_of_a_push_keeps_the_rest_queued(
    ttrss: TtrssServer, seeded: dict[str, int],
    synced: tuple[Config, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    config, db = synced
    articles = ttrss.article_ids(seeded["harbour"])
    with Store(db) as store:
        store.set_read([k for a in articles for k in store.keys_of(key(a))])
    monkeypatch.setattr(engine, "PUSH_BATCH", 1)

    class FailingAfterOneBatch(TtrssBackend):
        def mark(self, ids: list[str], flag: Flag, value: bool) -> None:  # type: ignore[override]
            super().mark(ids, flag, value)
            ttrss.set_api_access(False)  # the next batch meets an API error

    server = FailingAfterOneBatch(ttrss.url, USER, PASSWORD)
    with pytest.raises(SyncError, match=r"^push: .*API access is off"):
        sync(config, db, backend=server)
    server.close()
    assert waiting(db) == 2
    assert [ttrss.flags(a)[0] for a in articles] == [False, True, True]
    ttrss.set_api_access(True)
    sync(config, db)
    assert [ttrss.flags(a)[0] for a in articles] == [False, False, False]
    assert waiting(db) == 0


def test_subscribing_to_a_loopback_url_is_refused_with_the_reason(ttrss: TtrssServer) -> None:
    server = TtrssBackend(ttrss.url, USER, PASSWORD)
    url = f"http://127.0.0.1:{free_port()}/feed.xml"
    with pytest.raises(SyncError) as refused:
        server.subscribe(url)
    assert str(refused.value).startswith(f"{url}: the server did not subscribe: ")
    assert "extended validation" in str(refused.value)
    with pytest.raises(SyncError, match="no category 'Nowhere' on the server"):
        server.subscribe("https://example.org/feed.xml", "Nowhere")
    assert server.feeds() == []
    server.close()


@pytest.mark.usefixtures("password", "seeded")
def test_cli_sync_and_doctor(
    tmp_path: Path, ttrss: TtrssServer, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = str(write_config(tmp_path, ttrss.url).path)
    db = str(tmp_path / "db.sqlite")
    assert main(["--config", config, "--db", db, "sync"]) == 0
    out, err = capsys.readouterr()
    assert "2 feeds, 5 new articles" in out
    assert "sync: login" in err and "sync: read and starred" in err
    assert main(["--config", config, "--db", db, "doctor"]) == 0
    out, _ = capsys.readouterr()
    assert "login ok" in out and "the server has 2 feeds, 5 unread" in out
    assert "0 changes waiting" in out
    assert main(["--config", config, "--db", db, "list", "--json"]) == 0
    assert capsys.readouterr().out.count('"feed": "Harbour"') == 3
    monkeypatch.setenv("READER_TEST_TTRSS_PASSWORD", "wrong")
    assert main(["--config", config, "--db", db, "sync"]) == 1
    _, err = capsys.readouterr()
    last = err.strip().splitlines()[-1]
    assert last == f"reader: sync failed: login: {ttrss.api_url}: login refused for 'admin' " \
        "(wrong user or password)"
    main(["--config", config, "--db", db, "doctor"])
    assert "problem:  sync: " in capsys.readouterr().out
    monkeypatch.setenv("READER_TEST_TTRSS_PASSWORD", PASSWORD)
    code = main(
        ["--config", config, "--db", db, "sync", "--subscribe", "http://127.0.0.1:9/x.xml"]
    )
    assert code == 1
    assert "the server did not subscribe" in capsys.readouterr().err
    assert main(["--config", config, "--db", db, "sync", "--unsubscribe", "Wire"]) == 0
    with Store(db) as store:
        assert store.counts()[0] == 1
