"""Update the store from every configured source.

Blocking by design: the CLI calls it directly and the app calls it from a
thread worker.  Sources are read concurrently (network-bound fetches in
threads); each result is stored in its own transaction as it arrives, so a
crash or a kill loses nothing already committed and one failing feed never
stops the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from reader.config import Config
from reader.models import FeedConfig, FeedResult
from reader.store import FeedState, Store


@dataclass(slots=True)
class RefreshProgress:
    """Reported after each source is stored."""

    done: int
    total: int
    feed: FeedConfig
    error: str | None
    new: int


@dataclass(slots=True)
class RefreshSummary:
    """What a whole refresh did."""

    total: int = 0
    new: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def all_failed(self) -> bool:
        return self.total > 0 and len(self.failed) == self.total


def _read(feed: FeedConfig, state: FeedState | None, client: object) -> list[FeedResult]:
    from reader.ingest import read_source

    return read_source(
        feed,
        etag=state.etag if state else None,
        last_modified=state.last_modified if state else None,
        client=client,  # type: ignore[arg-type]
    )


def refresh(
    config: Config,
    db_path: Path,
    *,
    feeds: Sequence[FeedConfig] | None = None,
    on_progress: Callable[[RefreshProgress], None] | None = None,
    extract: bool = True,
) -> RefreshSummary:
    """Read ``feeds`` (default: every configured feed) into the store at ``db_path``."""
    from reader.ingest import make_client

    chosen = list(config.feeds if feeds is None else feeds)
    summary = RefreshSummary(total=len(chosen))
    with Store(db_path) as store:
        store.sync_feeds(config.feeds)
        states = store.feed_states()
        with make_client(timeout=config.settings.timeout) as client, ThreadPoolExecutor(
            max_workers=min(16, max(1, len(chosen)))
        ) as pool:
            futures = {
                pool.submit(_read, feed, states.get(feed.id), client): feed for feed in chosen
            }
            for done, future in enumerate(as_completed(futures), start=1):
                feed = futures[future]
                try:
                    results = future.result()
                except Exception as exc:  # a bug in one loader must not stop the others
                    results = [FeedResult(feed, error=f"{feed.id}: {type(exc).__name__}: {exc}")]
                merged = _merge(feed, results)
                new = 0 if merged.not_modified else len(store.save_result(merged))
                if merged.error and not merged.articles and not merged.not_modified:
                    summary.failed.append((feed.title, merged.error))
                summary.new += new
                if on_progress:
                    on_progress(RefreshProgress(done, len(chosen), feed, merged.error, new))
        if extract:
            extract_pending(store)
    return summary


def _merge(feed: FeedConfig, results: list[FeedResult]) -> FeedResult:
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


def extract_pending(store: Store, batch: int = 500) -> int:
    """Extract and store entities for every article that has none yet; return how many."""
    from reader.entities import KnownNames, extract

    known = KnownNames(store.known_people())
    count = 0
    while pending := store.pending_entities(batch):
        store.save_entities((rowid, extract(text, known)) for rowid, text in pending)
        count += len(pending)
    return count
