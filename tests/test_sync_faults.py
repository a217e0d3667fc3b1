"""Sync without a real server: the [sync] table, the queue, and servers that misbehave."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest
from loopback import QuietHandler, base_url, serving

from reader.config import ConfigError, parse_config
from reader.models import Article, FeedResult
from reader.store import Store
from reader.sync import SyncError, sync, sync_status
from reader.sync.engine import ServerFeed, read_password
from reader.sync.state import SyncState
from reader.sync.ttrss import TtrssBackend

SYNC = '[sync]\nbackend = "ttrss"\nurl = "https://rss.example.org/tt-rss/"\nuser = "ana"\n'


def config_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(body, encoding="utf-8")
    return path


# [sync] in feeds.toml ------------------------------------------------------------


def test_sync_table_is_read(tmp_path: Path) -> None:
    path = config_file(tmp_path, SYNC + 'password_command = "echo s3cret"\n')
    sync_config = parse_config(path).sync
    assert sync_config is not None
    assert (sync_config.backend, sync_config.user) == ("ttrss", "ana")
    assert sync_config.where == f"{path}:1"
    assert read_password(sync_config) == "s3cret"
    assert parse_config(config_file(tmp_path, "")).sync is None


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (SYNC, 1, "[sync] needs exactly one of password_command or password_env"),
        (SYNC + 'password = "x"\n', 5, "unknown sync key 'password'"),
        (SYNC.replace('"ttrss"', '"miniflux"') + 'password_env = "P"\n', 2,
         'sync backend must be "ttrss"'),
        (SYNC.replace("https://", "ftp://") + 'password_env = "P"\n', 3,
         "sync url must start with http:// or https://"),
        ('[[feed]]\nurl = "https://a.example/f"\n\n' + SYNC.replace('user = "ana"\n', "")
         + 'password_env = "P"\n', 4, "[sync] needs 'user'"),
        ("[settings]\ntimeout = 5\n" + SYNC + "password_env = 3\n", 7,
         "sync key 'password_env' must be a non-empty string"),
        ('sync = "yes"\n', 1, "sync must be a table: [sync]"),
    ],
)
def test_bad_sync_table_is_one_line_naming_file_and_line(
    tmp_path: Path, body: str, line: int, message: str
) -> None:
    path = config_file(tmp_path, body)
    with pytest.raises(ConfigError) as error:
        parse_config(path)
    assert str(error.value).startswith(f"{path}:{line}: {message}")
    assert "\n" not in str(error.value)


def test_password_sources_fail_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("READER_NO_SUCH_PASSWORD", raising=False)
    unset = parse_config(config_file(tmp_path, SYNC + 'password_env = "READER_NO_SUCH_PASSWORD"'))
    assert unset.sync is not None
    with pytest.raises(SyncError, match=r":1: password_env names \$READER_NO_SUCH_PASSWORD"):
        read_password(unset.sync)
    failing = parse_config(
        config_file(tmp_path, SYNC + "password_command = \"echo 'no key' >&2; exit 3\"")
    )
    assert failing.sync is not None
    with pytest.raises(SyncError, match=r":1: password_command \(echo\) failed: no key$"):
        read_password(failing.sync)


# The queue ------------------------------------------------------------------------


def server_store(path: Path) -> Store:
    """A store holding one server feed with two articles, and one local feed."""
    store = Store(path)
    state = SyncState(store, "ttrss:")
    feed = ServerFeed(title="Harbour", url="https://example.org/h.xml", key="ttrss:feed:1")
    store.sync_feeds([feed])
    state.set_remote_feeds({"ttrss:feed:1": "1"})
    store.save_result(FeedResult(feed, [
        Article(id="ttrss:10", feed_id=feed.key, title="Ten", text="Ten."),
        Article(id="ttrss:11", feed_id=feed.key, title="Eleven", text="Eleven."),
    ]))
    local = ServerFeed(title="Notes", path="/notes", key="/notes")
    store.save_result(FeedResult(local, [Article(id="n1", feed_id="/notes", title="N")]))
    return store


def test_changes_to_server_articles_are_queued_once_each_local_ones_never(
    tmp_path: Path,
) -> None:
    with server_store(tmp_path / "db.sqlite") as store:
        state = SyncState(store, "ttrss:")
        store.set_read(store.keys_of("ttrss:10"))
        store.set_read(store.keys_of("ttrss:10"), False)  # the last value is what gets pushed
        store.set_starred(store.keys_of("ttrss:11"))
        store.set_read(store.keys_of("n1"))  # a local feed's article: nothing to push
        assert [(remote, flag, value) for _, remote, flag, value in state.queued()] == [
            ("10", "read", False), ("11", "starred", True),
        ]
        assert sync_status(store) == (None, 2)


def test_a_store_that_never_synced_has_no_sync_status(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite") as store:
        assert sync_status(store) is None


# Servers that misbehave -------------------------------------------------------------


def failed_sync(
    tmp_path: Path, handler: type[QuietHandler], timeout: float = 20.0
) -> tuple[str, str]:
    """(the one-line error, the server's base URL) of a sync of tmp_path's store with
    a server answering as ``handler`` does."""
    config = parse_config(config_file(tmp_path, SYNC + 'password_env = "P"\n'))
    with serving(handler) as httpd:
        backend = TtrssBackend(base_url(httpd), "ana", "pw", timeout=timeout)
        with pytest.raises(SyncError) as error:
            sync(config, tmp_path / "db.sqlite", backend=backend)
        backend.close()
    return str(error.value), base_url(httpd)


class HtmlHandler(QuietHandler):
    def do_POST(self) -> None:
        self.send(200, b"<!DOCTYPE html><html><body>Log in</body></html>",
                  Content_Type="text/html")


class BrokenHandler(QuietHandler):
    def do_POST(self) -> None:
        self.send(500, b"Internal Server Error")


class SlowHandler(QuietHandler):
    def do_POST(self) -> None:
        time.sleep(2)  # the client gave up after 0.5 s
        with contextlib.suppress(OSError):
            self.send(200, b'{"status": 0, "content": {"session_id": "x"}}')


class LoginThenFailHandler(QuietHandler):
    """Logs in, then answers every other call with a JSON list where an object belongs."""

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if b'"login"' in body:
            self.send(200, b'{"seq": 0, "status": 0, "content": {"session_id": "s"}}')
        else:
            self.send(200, b'{"seq": 0, "status": 1, "content": {"error": "UNKNOWN_METHOD"}}')


@pytest.mark.parametrize(
    ("handler", "step", "reason"),
    [
        (HtmlHandler, "login",
         "the server answered HTML, not tt-rss's JSON (is url the address of Tiny Tiny RSS?)"),
        (BrokenHandler, "login", "the server answered HTTP 500"),
        (SlowHandler, "login", "no answer within 0.5 s"),
        (LoginThenFailHandler, "push", "updateArticle: the server answered error "
         "'UNKNOWN_METHOD'"),
    ],
)
def test_a_misbehaving_server_is_one_line_and_loses_nothing_queued(
    tmp_path: Path, handler: type[QuietHandler], step: str, reason: str
) -> None:
    db = tmp_path / "db.sqlite"
    with server_store(db) as store:
        store.set_read([*store.keys_of("ttrss:10"), *store.keys_of("ttrss:11")])
    error, url = failed_sync(tmp_path, handler, timeout=0.5)
    assert error == f"{step}: {url}/api/: {reason}"
    with Store(db) as store:
        assert sync_status(store) == (None, 2)
        (row,) = store.keys_of("ttrss:10")
        article = store.article(row)
        assert article is not None and article.read


class MalformedHandler(QuietHandler):
    """Logs in and accepts the push, then lists a feed without its URL."""

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        content = b'{"session_id": "s"}' if b'"login"' in body else b'{"status": "OK"}'
        if b'"getFeeds"' in body:
            content = b'[{"id": 1, "title": "No URL"}]'
        elif b'"getCategories"' in body:
            content = b"[]"
        self.send(200, b'{"seq": 0, "status": 0, "content": ' + content + b"}")


def test_an_answer_missing_a_field_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    with server_store(db) as store:
        store.set_read(store.keys_of("ttrss:10"))
    assert failed_sync(tmp_path, MalformedHandler)[0] == (
        "feeds: the server's answer is not what the API promises (KeyError: 'feed_url')"
    )
    with Store(db) as store:  # the push was accepted before: nothing waits
        assert sync_status(store) == (None, 0)


def test_a_database_syncs_with_one_account(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    with server_store(db) as store:
        SyncState(store, "ttrss:").put("origin", "ana at https://other.example.org")
        store.set_read(store.keys_of("ttrss:10"))
    assert failed_sync(tmp_path, MalformedHandler)[0] == (
        f"login: {db} syncs with ana at https://other.example.org, not ana at "
        "https://rss.example.org/tt-rss; give this account its own database (db in "
        "[settings], or --db)"
    )
    with Store(db) as store:
        assert sync_status(store) == (None, 1)  # nothing pushed to the wrong server
