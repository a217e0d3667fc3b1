"""Update the store from every configured source.

Blocking by design: the CLI calls it directly and the app calls it from a
thread worker.  Downloads run in threads (they wait on the network); parsing
is CPU-bound, so with more than a couple of sources it runs in worker
processes.  Each source is stored in its own transaction as it arrives, so a
crash or a kill loses nothing already committed and one failing feed never
stops the others.  Indexing (full-text search, people and sources) runs
after everything is stored, the extraction in the workers too; the app runs
it in the background, the CLI before it exits unless told not to.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    BrokenExecutor,
    Executor,
    Future,
    ThreadPoolExecutor,
)
from concurrent.futures import wait as wait_for
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from queue import Empty, Queue
from typing import TYPE_CHECKING

from reader.config import Config, reload_config
from reader.models import FeedConfig, FeedResult
from reader.sanitize import sanitize_line
from reader.store import Extracted, FeedState, PendingArticle, Store, extracted

if TYPE_CHECKING:
    # (multiprocessing is imported when worker processes start, not before the app's
    # first paint, which imports this module.)
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import BaseContext

    import httpx

    from reader.ingest.fetch import Download

MIN_SOURCES_FOR_PROCESSES = 4
"""Below this, starting worker processes costs more than it saves."""

DOWNLOAD_THREADS = 16


@dataclass(slots=True)
class RefreshProgress:
    """Reported after each source is stored."""

    done: int
    total: int
    feed: FeedConfig
    error: str | None
    new: int
    failed: bool = False
    """Nothing was read (an error with articles is a feed parsed in part: not a failure)."""


@dataclass(slots=True)
class RefreshSummary:
    """What a whole refresh did."""

    total: int = 0
    new: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    moved: list[tuple[FeedConfig, str]] = field(default_factory=list)
    """Feeds that answered a permanent redirect, with their new URL."""
    config: Config | None = None
    """The config read again from its file (``reload=True``), to be used from now on."""
    config_problem: str | None = None
    """Why the file could not be read again (one line naming file and line)."""
    notes: list[tuple[str, str]] = field(default_factory=list)
    """Feeds that worked but want the user's attention: (title, one line)."""

    @property
    def all_failed(self) -> bool:
        return self.total > 0 and len(self.failed) == self.total


def _load_local(feed: FeedConfig) -> FeedResult:
    """A local source (file or directory) as one result; runs in a worker process."""
    from reader.ingest.local import load_path

    return merge_results(feed, load_path(Path(feed.path or ""), feed))


def merge_results(feed: FeedConfig, results: list[FeedResult]) -> FeedResult:
    """One result per configured feed: a directory yields one per file, stored together."""
    if len(results) == 1 and results[0].feed.id == feed.id:
        return results[0]
    merged = FeedResult(feed, not_modified=bool(results) and all(r.not_modified for r in results))
    errors = []
    for result in results:
        if result.error:
            errors.append(result.error)
        for article in result.articles:
            article.feed_id = feed.id
            merged.articles.append(article)
    merged.error = "; ".join(errors) if errors else None
    return merged


def _run_in(
    executor: Executor | None, work: Callable[..., FeedResult], *args: object, **kwargs: object
) -> Future[FeedResult]:
    """``work`` in the worker processes, or done here and now when there are none."""
    if executor is not None:
        try:
            return executor.submit(work, *args, **kwargs)
        except (BrokenExecutor, RuntimeError):
            pass  # a worker died (a crash, memory): the rest are parsed here instead
    done: Future[FeedResult] = Future()
    try:
        done.set_result(work(*args, **kwargs))
    except Exception as exc:  # reported by the consumer, like a worker's exception
        done.set_exception(exc)
    return done


def _crashed(feed: FeedConfig, exc: Exception) -> FeedResult:
    """A bug in one loader must not stop the others: it becomes that feed's error."""
    return FeedResult(feed, error=sanitize_line(f"{feed.id}: {type(exc).__name__}: {exc}"))


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real stderr to hand on.

    Inside the app, Textual has replaced ``sys.stderr`` with an object whose
    ``fileno()`` is not a file descriptor, and the tracker (started by the first
    worker process) would fail with "bad value(s) in fds_to_keep".
    """
    from multiprocessing import resource_tracker

    saved = sys.stderr
    try:
        if saved is not None and saved.fileno() >= 0:
            resource_tracker.ensure_running()
            return
    except (AttributeError, OSError, ValueError):
        pass
    sys.stderr = sys.__stderr__
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = saved


@contextmanager
def worker_pool(jobs: int) -> Iterator[ProcessPoolExecutor | None]:
    """Worker processes for ``jobs`` pieces of work (None when too few), shut down after."""
    pool = _worker_pool(jobs)
    try:
        yield pool
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)


def _worker_pool(sources: int) -> ProcessPoolExecutor | None:
    """Worker processes for parsing, or None when inline parsing is cheaper.

    ``fork`` starts workers in milliseconds but is only safe while this is the
    only thread; inside the app (or any threaded caller) ``forkserver`` is used.
    """
    cores = os.cpu_count() or 1
    if cores < 2 or sources < MIN_SOURCES_FOR_PROCESSES:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context: BaseContext
    if "fork" in methods and threading.active_count() == 1:
        context = multiprocessing.get_context("fork")
    elif "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["reader.refresh"])
    else:
        context = multiprocessing.get_context("spawn")
    try:
        _start_resource_tracker()
        return ProcessPoolExecutor(max_workers=cores, mp_context=context)
    except (OSError, ValueError):
        return None  # no worker processes to be had: parse in this process instead


def _results(
    chosen: list[FeedConfig],
    states: dict[str, FeedState],
    client: httpx.Client,
    pool: ProcessPoolExecutor | None,
    max_bytes: int,
) -> Iterator[tuple[FeedConfig, FeedResult]]:
    """Every source's result, in the order they finish.

    The bodies downloaded and not yet parsed are held to one memory budget: a
    download takes its bytes as they come, and they are given back once its result
    is out (see :mod:`reader.ingest.budget`).
    """
    from reader.ingest.budget import MemoryBudget
    from reader.ingest.fetch import download, parse_download

    budget = MemoryBudget()
    finished: Queue[tuple[FeedConfig, Future[FeedResult]]] = Queue()

    def fetch(feed: FeedConfig) -> None:
        state = states.get(feed.id)
        try:
            outcome: Download | FeedResult
            if state and state.retry_until and state.retry_until > time.time():
                outcome = _waiting(feed, state)
            else:
                outcome = download(
                    feed,
                    etag=state.etag if state else None,
                    last_modified=state.last_modified if state else None,
                    client=client,
                    max_bytes=max_bytes,
                    budget=budget,
                )
        except Exception as exc:  # never leave the consumer waiting for this feed
            outcome = _crashed(feed, exc)
        if isinstance(outcome, FeedResult):
            finished.put((feed, _run_in(None, lambda: outcome)))
        else:
            finished.put((feed, _run_in(pool, parse_download, outcome, lazy_html=True)))

    remote = [feed for feed in chosen if feed.url]
    local = [feed for feed in chosen if not feed.url]
    for feed in local:
        finished.put((feed, _run_in(pool, _load_local, feed)))
    with ThreadPoolExecutor(max_workers=min(DOWNLOAD_THREADS, max(1, len(remote)))) as threads:
        downloads = [threads.submit(fetch, feed) for feed in remote]
        waiting = len(chosen)  # sources not yet handed over by their download
        parsing: dict[Future[FeedResult], FeedConfig] = {}
        while waiting or parsing:
            # Take every source whose download is done, then whichever parse finishes first:
            # one slow feed must not hold up the results queued behind it.
            while waiting:
                try:
                    feed, future = finished.get(block=not parsing)
                except Empty:
                    break
                parsing[future] = feed
                waiting -= 1
            done, _ = wait_for(parsing, timeout=0.05, return_when=FIRST_COMPLETED)
            for future in done:
                feed = parsing.pop(future)
                try:
                    result = future.result()
                except Exception as exc:
                    result = _crashed(feed, exc)
                budget.give_back(feed.id)
                yield feed, result
        for job in downloads:
            job.result()


def _waiting(feed: FeedConfig, state: FeedState) -> FeedResult:
    """A feed whose server asked (Retry-After) not to be asked again yet: not fetched."""
    until = state.retry_until or 0.0
    when = datetime.fromtimestamp(until).strftime("%Y-%m-%d %H:%M")
    return FeedResult(
        feed,
        not_modified=True,
        error=f"{feed.url}: not asked again before {when}, as the server requested",
        retry_after=until - time.time(),
        etag=state.etag,
        last_modified=state.last_modified,
    )


def refresh(
    config: Config,
    db_path: Path,
    *,
    feeds: Sequence[FeedConfig] | None = None,
    on_progress: Callable[[RefreshProgress], None] | None = None,
    index: bool = True,
    reload: bool = False,
) -> RefreshSummary:
    """Read ``feeds`` (default: every configured feed) into the store at ``db_path``.

    With ``reload``, feeds.toml is read again first, so feeds added to it meanwhile are
    refreshed too (the summary carries the new config); a file broken meanwhile leaves
    ``config`` in use and its problem in the summary.
    """
    problem = None
    if reload:
        config, problem = reload_config(config)
    chosen = list(config.feeds if feeds is None else feeds)
    summary = RefreshSummary(
        total=len(chosen), config=config if reload else None, config_problem=problem
    )
    with worker_pool(len(chosen)) as pool, Store(db_path) as store:
        store.sync_feeds(config.feeds)
        states = store.feed_states(with_counts=False)
        from reader.ingest.fetch import make_client

        with make_client(timeout=config.settings.timeout) as client:
            for done, (feed, result) in enumerate(
                _results(chosen, states, client, pool, config.settings.max_feed_bytes), start=1
            ):
                new = len(store.save_result(result))
                failed = bool(result.error and not result.articles and not result.not_modified)
                if failed:
                    summary.failed.append((feed.title, str(result.error)))
                if result.new_url and result.new_url != feed.url:
                    summary.moved.append((feed, result.new_url))
                summary.new += new
                if on_progress:
                    on_progress(RefreshProgress(done, len(chosen), feed, result.error, new,
                                                failed))
        if index:
            with worker_pool(0 if pool else store.unindexed()) as index_pool:
                # (A refresh of a few local files has no pool; a backlog wants one.)
                index_pending(store, pool or index_pool, config.settings.extractor)
    if summary.moved:
        summary.notes.extend(_record_moves(config, summary.moved))
    return summary


def _record_moves(config: Config, moved: list[tuple[FeedConfig, str]]) -> list[tuple[str, str]]:
    """Permanent redirects update feeds.toml, so the next refresh asks the new URL;
    a redirect onto another configured feed is only reported (title, one line)."""
    from reader.config import PACKAGED_DEFAULT, ConfigError
    from reader.feeds_file import update_urls

    if config.path.resolve() == PACKAGED_DEFAULT.resolve():
        return []
    targets = {feed.url or "": new for feed, new in moved}
    try:
        _, refused = update_urls(config.path, targets)
    except ConfigError:
        return []  # the feed still works through the redirect; nothing is lost
    return [
        (feed.title, f"redirected permanently to {targets[url]}, which is already the feed "
         f"{refused[url]!r}; {config.path.name} left as it was (remove one of the two)")
        for feed in config.feeds if (url := feed.url or "") in refused
    ]


def _extract_batch(
    batch: list[PendingArticle], known: list[str], extractor: str = "rules"
) -> list[Extracted]:
    """Convert raw HTML where needed and extract entities; runs in a worker process."""
    from reader.entities import KnownNames, extractor_for
    from reader.ingest.limits import cap_text

    extract = extractor_for(extractor)
    names = KnownNames(known)
    done = []
    for pending in batch:
        text = cap_text(pending.body())  # (an older store may hold longer texts)
        converted = text if pending.html is not None else None
        done.append(extracted(pending.rowid, converted, extract(text, names)))
    return done


def index_pending(store: Store, pool: Executor | None = None, extractor: str = "rules") -> int:
    """Bring text, entities and search up to date for every stored article; return how many."""
    count = extract_pending(store, pool, extractor=extractor)
    store.index_search()
    return count


def extract_pending(
    store: Store, pool: Executor | None = None, batch: int = 250, extractor: str = "rules"
) -> int:
    """Extract and store entities for every article that has none yet; return how many.

    The names the store knew before are hints for the stories extracted now; afterwards
    the full names these stories brought are hints for each other, whatever their order
    (see _with_learned_hints): a first refresh links "Varga" to "Tomas Varga" as well as a
    later one does."""
    known = store.known_people()
    learned: list[str] = []
    one_word: list[Extracted] = []
    count = 0
    while pending := store.pending_entities(batch * (4 if pool else 1)):
        chunks = [pending[i : i + batch] for i in range(0, len(pending), batch)]
        work = partial(_extract_batch, known=known, extractor=extractor)
        for found in pool.map(work, chunks) if pool else map(work, chunks):
            store.save_extracted(found)
            for item in found:
                people = [(key, shown) for key, role, shown in item.names if role == "person"]
                learned.extend(shown for key, shown in people if " " in key)
                if any(" " not in key for key, _ in people):
                    one_word.append(item)
        count += len(pending)
    if learned and one_word:
        store.save_extracted(_with_learned_hints(one_word, known + learned))
    return count


def _with_learned_hints(items: list[Extracted], names: list[str]) -> list[Extracted]:
    """Those of ``items`` in which a one-word person without a hint now gets one."""
    from reader.entities import KnownNames
    from reader.models import Entities

    known = KnownNames(names)
    out: list[Extracted] = []
    for item in items:
        entities = Entities.from_json(json.loads(item.entities_json))
        changed = False
        for entity in (*entities.people, *entities.sources):
            if entity.kind == "person" and entity.hint is None and (
                hint := known.hint_for(entity.name)
            ):
                entity.hint = hint
                changed = True
        if changed:
            out.append(extracted(item.rowid, None, entities))
    return out
