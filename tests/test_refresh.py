"""Refresh as a whole: Retry-After honoured, size cap from feeds.toml, moved feeds, pools."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from reader.cli import main
from reader.config import parse_config
from reader.refresh import refresh
from reader.store import Store
from tests.loopback import QuietHandler, base_url, serving
from tests.store_support import key


def rss(title: str, items: int = 2) -> bytes:
    entries = "".join(
        f"<item><title>{title} {n}</title><guid>{title}-{n}</guid>"
        f"<description>&lt;p&gt;Body {n} of {title}.&lt;/p&gt;</description></item>"
        for n in range(items)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{entries}'.encode()
        + b"</channel></rss>"
    )


class Server(ThreadingHTTPServer):
    hits: Counter[str]


class Handler(QuietHandler):
    server: Server

    def do_GET(self) -> None:
        self.server.hits[self.path] += 1
        if self.path == "/busy":
            self.send_response(429)
            self.send_header("Retry-After", "3600")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/old":
            self.send_response(301)
            self.send_header("Location", "/new")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = rss(self.path.strip("/"), items=40 if self.path == "/big" else 2)
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[tuple[str, Counter[str]]]:
    with serving(Handler, Server) as httpd:
        assert isinstance(httpd, Server)
        httpd.hits = Counter()
        yield base_url(httpd), httpd.hits


def config_file(tmp_path: Path, base: str, paths: list[str], settings: str = "") -> Path:
    feeds = "".join(f'[[feed]]\ntitle = "{p}"\nurl = "{base}{p}"\n\n' for p in paths)
    path = tmp_path / "feeds.toml"
    path.write_text(f"# my feeds\n[settings]\ntimeout = 5\n{settings}\n{feeds}")
    return path


def test_retry_after_is_honoured(tmp_path: Path, server: tuple[str, Counter[str]]) -> None:
    base, hits = server
    config = parse_config(config_file(tmp_path, base, ["/busy", "/fine"]))
    db = tmp_path / "db.sqlite"
    first = refresh(config, db)
    assert [title for title, _ in first.failed] == ["/busy"]
    assert "HTTP 429" in first.failed[0][1] and "retry after 3600 s" in first.failed[0][1]
    second = refresh(config, db)
    assert hits["/busy"] == 1  # not asked again within the hour
    assert hits["/fine"] == 2
    assert second.failed == []
    with Store(db) as store:
        state = store.feed_states()[f"{base}/busy"]
    assert state.last_error is not None and "as the server requested" in state.last_error
    assert state.retry_until is not None


def test_size_cap_comes_from_feeds_toml(tmp_path: Path, server: tuple[str, Counter[str]]) -> None:
    base, _ = server
    path = config_file(tmp_path, base, ["/big", "/small"], "max_feed_bytes = 2000")
    summary = refresh(parse_config(path), tmp_path / "db.sqlite")
    assert [title for title, _ in summary.failed] == ["/big"]
    assert "larger than" in summary.failed[0][1]


def test_permanent_redirect_moves_the_feed_in_feeds_toml(
    tmp_path: Path, server: tuple[str, Counter[str]]
) -> None:
    base, _ = server
    path = config_file(tmp_path, base, ["/old"])
    summary = refresh(parse_config(path), tmp_path / "db.sqlite")
    assert summary.moved and summary.moved[0][1] == f"{base}/new"
    text = path.read_text()
    assert text.startswith("# my feeds\n") and f'url = "{base}/new"' in text
    assert [f.url for f in parse_config(path).feeds] == [f"{base}/new"]


def test_a_redirect_onto_another_configured_feed_leaves_feeds_toml_usable(
    tmp_path: Path, server: tuple[str, Counter[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    base, _ = server
    path = config_file(tmp_path, base, ["/old", "/new"])
    before = path.read_bytes()
    summary = refresh(parse_config(path), tmp_path / "db.sqlite")
    assert path.read_bytes() == before  # no second /new feed written
    assert [f.url for f in parse_config(path).feeds] == [f"{base}/old", f"{base}/new"]
    ((title, note),) = summary.notes
    assert title == "/old" and f"redirected permanently to {base}/new" in note
    assert "already the feed '/new'" in note and "\n" not in note
    # The CLI says so in one line, and starts again next time.
    code = main(["--config", str(path), "--db", str(tmp_path / "db.sqlite"), "refresh"])
    err = capsys.readouterr().err
    assert code == 0 and [line for line in err.splitlines() if "redirected" in line] == [
        f"  /old: {note}"
    ]


def test_many_sources_use_worker_processes_and_store_everything(
    tmp_path: Path, server: tuple[str, Counter[str]]
) -> None:
    base, _ = server
    paths = [f"/feed{n}" for n in range(6)]
    db = tmp_path / "db.sqlite"
    summary = refresh(parse_config(config_file(tmp_path, base, paths)), db)
    assert summary.failed == [] and summary.new == 12
    with Store(db) as store:
        assert store.unindexed() == 0  # converted, extracted and searchable
        assert len(store.rows(search="Body")) == 12
        article = store.article(key(store, f"{base}/feed3-1"))
        assert article is not None and article.text == "Body 1 of feed3."
    again = refresh(parse_config(config_file(tmp_path, base, paths)), db)
    assert again.new == 0  # unchanged items are recognised, not rewritten


def test_names_learned_in_one_indexing_run_link_each_other_whatever_the_order(
    tmp_path: Path,
) -> None:
    from reader.models import Article, FeedConfig, FeedResult
    from reader.refresh import index_pending
    from reader.store import Store

    feed = FeedConfig(title="Wire", url="https://example.test/feed")
    stories = [
        # stored first, so indexed first: it only says "Varga"
        Article(id="a", feed_id=feed.id, title="Convoys", text="Varga said the convoys "
                "would leave on time. Varga told reporters so."),
        Article(id="b", feed_id=feed.id, title="Minister", text="Finance Minister Tomas Varga "
                "insisted on Friday that the plan stood."),
    ]
    with Store(tmp_path / "db.sqlite") as store:
        store.save_result(FeedResult(feed, stories))
        assert index_pending(store) == 2
        first = store.entities(key(store, "a"))
        assert first is not None
        varga = next(p for p in first.people if p.name == "Varga")
        assert varga.hint == "Tomas Varga"  # the name shown stays what the story says
        assert {r.id for r in store.rows(follow="tomas varga")} == {"a", "b"}


def test_work_for_a_dead_worker_pool_is_done_here_instead() -> None:
    """Issue 12: submitting to a pool whose worker died raised out of the refresh."""
    from concurrent.futures import ThreadPoolExecutor

    from reader.models import FeedConfig, FeedResult
    from reader.refresh import _run_in

    feed = FeedConfig(title="t", url="https://example.com/feed")
    pool = ThreadPoolExecutor(max_workers=1)
    pool.shutdown()  # a broken or closed pool refuses new work
    done = _run_in(pool, lambda: FeedResult(feed, error="parsed here"))
    assert done.result().error == "parsed here"
