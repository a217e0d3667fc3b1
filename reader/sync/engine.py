"""One sync with the feed server: push what changed here, then take what changed there.

Blocking by design, like :func:`reader.refresh.refresh`: the CLI calls it directly
and the app from a thread worker.  The steps, each reported and each stopping the
sync with a one-line :class:`SyncError` naming the step:

1. log in;
2. push the queued read/starred changes, a batch at a time; a batch leaves the
   queue only once the server accepted it, so a failure loses nothing;
3. the server's subscriptions become feeds (categories as tags); feeds the server
   dropped are forgotten like a removed feed (starred articles stay);
4. articles new since the last one fetched, stored as any feed's articles are, then
   indexed (search, people, sources) when asked;
5. the server's read and starred flags, except on articles with a change waiting.

When both sides changed the same article, the change made here wins when it is
pushed; from then on the server's state is taken.
"""

from __future__ import annotations

import os
import subprocess
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reader.config import Config, SyncConfig
from reader.models import Article, FeedConfig, FeedResult
from reader.store import Store
from reader.sync.backend import Backend, Flag, RemoteArticle, SyncError
from reader.sync.state import SyncState

PUSH_BATCH = 200


@dataclass(slots=True)
class ServerFeed(FeedConfig):
    """A subscription on the server, stored as a feed under its own key (never fetched
    by a refresh: it is not in feeds.toml)."""

    key: str = ""

    @property
    def id(self) -> str:
        return self.key


@dataclass(slots=True)
class SyncSummary:
    """What one sync did."""

    pushed: int = 0
    feeds: int = 0
    new: int = 0
    flags: int = 0
    waiting: int = 0


Report = Callable[[str], None]


def read_password(sync: SyncConfig) -> str:
    """The password, from the environment variable or the command named in [sync]."""
    if sync.password_env:
        value = os.environ.get(sync.password_env)
        if value is None:
            raise SyncError(
                f"{sync.where}: password_env names ${sync.password_env}, which is not set"
            )
        return value
    command = sync.password_command or ""
    try:
        done = subprocess.run(
            command, shell=True, capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SyncError(f"{sync.where}: password_command failed: {exc}") from None
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        first = command.split()[0] if command.strip() else "?"
        raise SyncError(f"{sync.where}: password_command ({first}) failed: {reason}")
    return done.stdout.rstrip("\r\n")


def make_backend(config: Config) -> Backend:
    """The backend [sync] names, not yet logged in."""
    sync = config.sync
    if sync is None:
        raise SyncError(f"{config.path}: no [sync] table; see the README's sync section")
    from reader.sync.ttrss import TtrssBackend

    return TtrssBackend(
        sync.url, sync.user, read_password(sync), timeout=config.settings.timeout
    )


@contextmanager
def _step(name: str, report: Report) -> Iterator[None]:
    """Report the step; a failure in it names it: "push: <server>: <reason>"."""
    report(name)
    try:
        yield
    except SyncError as exc:
        raise SyncError(f"{name}: {exc}") from None
    except (KeyError, TypeError, ValueError) as exc:  # a field missing or of another type
        raise SyncError(
            f"{name}: the server's answer is not what the API promises "
            f"({type(exc).__name__}: {exc})"
        ) from None


def sync(
    config: Config,
    db_path: Path,
    *,
    backend: Backend | None = None,
    report: Report | None = None,
    index: bool = True,
) -> SyncSummary:
    """Sync the store at ``db_path`` with the server of ``config``'s [sync] table.

    Raises :class:`SyncError` (one line: the step and the reason) when a step fails;
    what earlier steps did is kept, and nothing queued is lost."""
    say: Report = report or (lambda _text: None)
    summary = SyncSummary()
    server = backend or make_backend(config)
    try:
        with Store(db_path) as store:
            state = SyncState(store, server.name + ":")
            try:
                _run(server, store, state, summary, say, config, index=index)
            finally:
                summary.waiting = state.waiting()
    finally:
        if backend is None:
            server.close()
    return summary


def _origin(config: Config, server: Backend) -> str:
    """Which account a database syncs with: "admin at https://rss.example.org/tt-rss"."""
    if config.sync is None:
        return server.name
    return f"{config.sync.user} at {config.sync.url.rstrip('/')}"


def _check_origin(state: SyncState, origin: str, db_path: Path) -> None:
    """One database syncs with one account: ids of another server's articles would clash."""
    known = state.get("origin")
    if known is None:
        state.put("origin", origin)
    elif known != origin:
        raise SyncError(
            f"{db_path} syncs with {known}, not {origin}; give this account its own "
            "database (db in [settings], or --db)"
        )


def _run(
    server: Backend, store: Store, state: SyncState, summary: SyncSummary, say: Report,
    config: Config, *, index: bool,
) -> None:
    with _step("login", say):
        server.login()
        _check_origin(state, _origin(config, server), store.path)
    with _step("push", say):
        summary.pushed = push(server, state, say)
    with _step("feeds", say):
        feeds = _store_feeds(server, store, state)
        summary.feeds = len(feeds)
    with _step("articles", say):
        summary.new = _fetch_articles(server, store, state, feeds, say)
    with _step("read and starred", say):
        summary.flags = _take_flags(server, store, state)
    state.finished()
    if index and summary.new:
        say("indexing")
        from reader.refresh import index_pending, worker_pool

        with worker_pool(store.unindexed()) as pool:
            index_pending(store, pool, config.settings.extractor)


def _take_flags(server: Backend, store: Store, state: SyncState) -> int:
    """Take the server's read and starred flags; return how many changed here.

    Unread ids are listed (200 a call on tt-rss) only for feeds partly read: a feed
    whose articles the server counts as all read, or all unread (as many as are
    stored here, which is every article of it since the first sync), needs no list."""
    stored = store.feed_states()
    modes: dict[str, str] = {}
    for remote in server.feeds():  # counted now, after the new articles were stored
        here = stored.get(state.feed_key(remote.id))
        total = here.total if here else 0
        if remote.unread == 0:
            modes[remote.id] = "read"
        elif remote.unread == total:
            modes[remote.id] = "unread"
        else:
            modes[remote.id] = "list"
    listed = [feed_id for feed_id, mode in modes.items() if mode == "list"]
    return state.apply(server.state(listed), modes)


def push(server: Backend, state: SyncState, say: Report) -> int:
    """Send every queued change; return how many were accepted."""
    state.drop_unpushable()
    batches: dict[tuple[Flag, bool], list[tuple[int, str]]] = defaultdict(list)
    for seq, remote_id, flag, value in state.queued():
        batches[(flag, value)].append((seq, remote_id))
    pushed = 0
    total = sum(len(batch) for batch in batches.values())
    for (flag, value), changes in batches.items():
        for start in range(0, len(changes), PUSH_BATCH):
            chunk = changes[start : start + PUSH_BATCH]
            server.mark([remote for _, remote in chunk], flag, value)
            state.forget(seq for seq, _ in chunk)
            pushed += len(chunk)
            say(f"push {pushed}/{total}")
    return pushed


def _store_feeds(server: Backend, store: Store, state: SyncState) -> dict[str, ServerFeed]:
    """Record the server's subscriptions as feeds; forget the ones it dropped."""
    feeds = {
        remote.id: ServerFeed(
            title=remote.title, url=remote.url,
            tags=[remote.category] if remote.category else [], key=state.feed_key(remote.id),
        )
        for remote in server.feeds()
    }
    store.sync_feeds(list(feeds.values()))
    before = state.remote_feeds()
    state.set_remote_feeds({feed.key: remote_id for remote_id, feed in feeds.items()})
    gone = set(before) - {feed.key for feed in feeds.values()}
    if gone:
        store.forget_feeds(gone)
    return feeds


def _fetch_articles(
    server: Backend, store: Store, state: SyncState, feeds: dict[str, ServerFeed], say: Report
) -> int:
    new = 0
    fetched = 0
    for page in server.headlines(state.get("cursor")):
        by_feed: dict[str, list[Article]] = defaultdict(list)
        for remote in page.articles:
            if remote.feed_id in feeds:
                by_feed[remote.feed_id].append(_local(remote, state, feeds[remote.feed_id]))
        for remote_feed, articles in by_feed.items():
            new += len(store.save_result(FeedResult(feeds[remote_feed], articles)))
        state.put("cursor", page.cursor)
        fetched += len(page.articles)
        say(f"articles {fetched:,}")
    return new


def _local(remote: RemoteArticle, state: SyncState, feed: ServerFeed) -> Article:
    published = (
        datetime.fromtimestamp(remote.published, UTC) if remote.published is not None else None
    )
    return Article(
        id=state.article_key(remote.id), feed_id=feed.key, title=remote.title, url=remote.url,
        published=published, author=remote.author, html=remote.html, html_base=remote.url,
        feed_title=feed.title,
    )
