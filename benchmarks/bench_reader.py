"""Driving ``reader``: feeds.toml, timed ``reader refresh``, stores filled directly, first paint.

``reader`` is run from this checkout as ``python -m reader`` (``PYTHONPATH`` set
to the repository), so the benchmark needs no install step beyond the
project's dependencies.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bench_common import REPO, Painted, Timed, Tmux, child_env, log, run_timed, time_to_screen
from gen_data import PEOPLE, feed_title, html_to_plain, item_title, make_item

# Feeds of the stores filled directly point here: nothing listens on port 9 (discard),
# and the TUI is started with refresh_on_start = false, so they are never fetched.
OFFLINE_BASE = "http://127.0.0.1:9"


def offline_url(feed_no: int) -> str:
    return f"{OFFLINE_BASE}/feed/{feed_no}.xml"


def write_feeds_toml(path: Path, urls: Sequence[str]) -> Path:
    lines = [
        "# written by benchmarks/bench_reader.py",
        "[settings]",
        "timeout = 20",
        "refresh_on_start = false",
        "",
    ]
    for number, url in enumerate(urls):
        lines += ["[[feed]]", f'title = "{feed_title(number)}"', f'url = "{url}"', ""]
    path.write_text("\n".join(lines))
    return path


class Reader:
    """One reader setup (feeds.toml, db) in ``workdir``."""

    def __init__(self, workdir: Path, urls: Sequence[str]) -> None:
        self.dir = workdir
        self.dir.mkdir(parents=True, exist_ok=True)
        self.config = write_feeds_toml(self.dir / "feeds.toml", urls)
        self.db = self.dir / "reader.db"
        self.env = child_env(self.dir / "home")

    def command(self, *extra: str) -> list[str]:
        return [sys.executable, "-m", "reader", "--config", str(self.config), "--db",
                str(self.db), *extra]

    def refresh(self, *extra: str, timeout: float = 900.0) -> Timed:
        """``reader refresh``: wall time from spawn to exit (interpreter start included)."""
        timed = run_timed(
            self.command("refresh", *extra), env=self.env, cwd=REPO, timeout=timeout
        )
        timed.extra["items"] = self.count_articles()
        timed.extra["pending"] = self.count_articles("entities IS NULL")
        return timed

    def index(self, timeout: float = 900.0) -> Timed:
        """``reader index``: text, people, sources and search for everything just stored."""
        return run_timed(self.command("index"), env=self.env, cwd=REPO, timeout=timeout)

    def count_articles(self, where: str = "1") -> int:
        if not self.db.exists():
            return 0
        try:
            with sqlite3.connect(self.db) as db:
                sql = f"SELECT COUNT(*) FROM articles WHERE {where}"
                return int(db.execute(sql).fetchone()[0])
        except sqlite3.Error:
            return 0

    def copy_to(self, workdir: Path) -> Reader:
        urls = [line.split('"')[1] for line in self.config.read_text().splitlines()
                if line.startswith("url = ")]
        other = Reader(workdir, urls)
        with sqlite3.connect(self.db) as db:  # fold the WAL in before copying
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(self.db, other.db)
        return other

    def first_paint(self, tmux: Tmux, marker: str, timeout: float = 300.0) -> Painted:
        """Spawn the TUI; time until ``marker`` (the newest article's title) is on screen."""

        def ready(screen: str) -> bool:
            return marker in screen

        return time_to_screen(tmux, self.command(), self.env, REPO, ready, timeout=timeout,
                              quit_keys=("q",))


def newest_marker() -> str:
    """The front of the newest article's title (feed 0, item 0): it heads the list."""
    return item_title(0, 0).split()[0]


def fill_store(db_path: Path, n_feeds: int, n_items: int, *, entities: bool = True) -> float:
    """Fill a reader store with ``n_feeds`` x ``n_items`` generated articles, directly.

    Uses reader's own Store API (``save_result``, ``save_entities``): the same
    articles the feed server serves (plain text made from the HTML bodies), with the
    people named in each body attached as entities, so ``rows(follow=...)`` works.
    Returns seconds taken.
    """
    sys.path.insert(0, str(REPO))
    from reader.models import Article, Entities, Entity, FeedConfig, FeedResult
    from reader.store import Store

    start = time.perf_counter()
    with Store(db_path) as store:
        for feed_no in range(n_feeds):
            feed = FeedConfig(title=feed_title(feed_no), url=offline_url(feed_no))
            articles = []
            people: list[list[str]] = []
            for item_no in range(n_items):
                item = make_item(feed_no, item_no, n_feeds)
                articles.append(Article(
                    id=item.guid, feed_id=feed.id, title=item.title,
                    text=html_to_plain(item.html), url=item.link, published=item.published,
                    author=item.author, feed_title=feed.title,
                ))
                people.append(item.people)
            rowids = store.save_result(FeedResult(feed, articles))
            if entities and rowids:
                found = []
                for rowid, article, names in zip(rowids, articles, people, strict=True):
                    ents = []
                    for name in names:
                        at = article.text.find(name)
                        mentions = [(at, at + len(name))] if at >= 0 else []
                        ents.append(Entity(name=name, mentions=mentions))
                    found.append((rowid, Entities(people=ents)))
                store.save_entities(found)
            if feed_no and feed_no % 100 == 0:
                log(f"  filled {feed_no * n_items} articles")
        index = getattr(store, "index_search", None)
        if index is not None:  # search indexing deferred to a bulk pass, as after a refresh
            index()
    return time.perf_counter() - start


def long_story_store(db_path: Path, words: int = 25_000) -> tuple[str, str, str]:
    """Add one feed holding a single ``words``-word story; (feed url, article id, needle)."""
    sys.path.insert(0, str(REPO))
    from datetime import timedelta

    from gen_data import BASE_DATE, long_story

    from reader.models import Article, FeedConfig, FeedResult
    from reader.store import Store

    text, needle = long_story(words)
    feed = FeedConfig(title="Long Reads", url=f"{OFFLINE_BASE}/long.xml")
    article = Article(
        id="urn:bench:long", feed_id=feed.id, title="LONGREAD the long story", text=text,
        published=BASE_DATE + timedelta(minutes=1), author=PEOPLE[0], feed_title=feed.title,
    )
    with Store(db_path) as store:
        store.save_result(FeedResult(feed, [article]))
    return feed.url or "", article.id, needle
