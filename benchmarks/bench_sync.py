"""Time a first sync and a sync with nothing new against a real Tiny Tiny RSS server.

    python benchmarks/bench_sync.py [--feeds 100] [--articles 100] [--runs 3]

Needs root and the Debian packages tt-rss, php-cli, php-pgsql and postgresql (as the
test suite's sync tests do): it starts the same throwaway loopback server as they do
(tests/ttrss_server.py), seeds ``feeds`` x ``articles`` articles in its database, and
times, on a fresh store each run:

* first sync: login, feeds, every article fetched with its content and stored
  (indexing left out, as ``reader sync --no-index`` does; timed on its own after);
* no-change sync: the same again with nothing new.  A change made on the server must
  still arrive, so every feed's unread count is asked, and the unread ids of every
  feed that is partly read are listed (200 a call): the last line times that worst case,
  with one article read in every feed.

Not a test: timings never run in the test suite.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

from ttrss_server import PASSWORD, USER, TtrssServer, missing  # noqa: E402

from reader.config import Config, parse_config  # noqa: E402
from reader.refresh import index_pending, worker_pool  # noqa: E402
from reader.store import Store  # noqa: E402
from reader.sync import sync  # noqa: E402


def setup(work: Path, url: str) -> tuple[Config, Path]:
    """A feeds.toml syncing with ``url``, and where its database goes."""
    path = work / "feeds.toml"
    path.write_text(
        f'[sync]\nbackend = "ttrss"\nurl = "{url}"\nuser = "{USER}"\n'
        'password_env = "READER_BENCH_TTRSS_PASSWORD"\n'
    )
    return parse_config(path), work / "db.sqlite"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--articles", type=int, default=100, help="per feed")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    problem = missing()
    if problem:
        print(f"bench_sync: {problem}", file=sys.stderr)
        return 2
    server = TtrssServer()
    try:
        category = server.add_category("World")
        for number in range(args.feeds):
            feed = server.add_feed(f"Feed {number}", f"https://example.org/{number}.xml", category)
            server.add_articles(feed, args.articles)
        total = args.feeds * args.articles
        print(f"server: {args.feeds} feeds, {total:,} articles ({server.url})")
        os.environ["READER_BENCH_TTRSS_PASSWORD"] = PASSWORD
        first, again, indexing = [], [], []
        for run in range(args.runs):
            with tempfile.TemporaryDirectory() as work:
                config, db = setup(Path(work), server.url)
                started = time.perf_counter()
                summary = sync(config, db, index=False)
                first.append(time.perf_counter() - started)
                assert summary.new == total, summary
                started = time.perf_counter()
                with Store(db) as store, worker_pool(store.unindexed()) as pool:
                    index_pending(store, pool)
                indexing.append(time.perf_counter() - started)
                started = time.perf_counter()
                summary = sync(config, db, index=False)
                again.append(time.perf_counter() - started)
                assert summary.new == 0, summary
            print(f"run {run + 1}: first {first[-1]:.2f} s, indexing {indexing[-1]:.2f} s, "
                  f"no change {again[-1]:.2f} s")
        server.sql(
            "UPDATE ttrss_user_entries SET unread = false WHERE ref_id IN "
            "(SELECT MIN(ref_id) FROM ttrss_user_entries GROUP BY feed_id)"
        )
        partly = []
        with tempfile.TemporaryDirectory() as work:
            config, db = setup(Path(work), server.url)
            sync(config, db, index=False)
            for _ in range(args.runs):
                started = time.perf_counter()
                sync(config, db, index=False)
                partly.append(time.perf_counter() - started)
        print(f"median first sync ({total:,} articles): {statistics.median(first):.2f} s")
        print(f"median indexing after it: {statistics.median(indexing):.2f} s")
        print(f"median sync with nothing new: {statistics.median(again):.2f} s")
        print(
            f"median sync with nothing new, every feed partly read: "
            f"{statistics.median(partly):.2f} s"
        )
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
