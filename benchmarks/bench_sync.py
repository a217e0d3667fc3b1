"""Time a first sync and a sync with nothing new against a real Tiny Tiny RSS server.

    python benchmarks/bench_sync.py [--feeds 100] [--articles 100] [--runs 3]

Needs root and the Debian packages tt-rss, php-cli, php-pgsql and postgresql (as the
test suite's sync tests do): it starts the same throwaway loopback server as they do
(tests/ttrss_server.py), seeds ``feeds`` x ``articles`` articles in its database, and
times, on a fresh store each run:

* first sync: login, feeds, every article fetched with its content and stored
  (indexing left out, as ``reader sync --no-index`` does; timed on its own after);
* no-change sync: the same again with nothing new (the server's unread and starred
  ids are still fetched, since a change made there must arrive).

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

from reader.config import parse_config  # noqa: E402
from reader.refresh import index_pending, worker_pool  # noqa: E402
from reader.store import Store  # noqa: E402
from reader.sync import sync  # noqa: E402


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
                config_path = Path(work) / "feeds.toml"
                config_path.write_text(
                    f'[sync]\nbackend = "ttrss"\nurl = "{server.url}"\nuser = "{USER}"\n'
                    'password_env = "READER_BENCH_TTRSS_PASSWORD"\n'
                )
                config = parse_config(config_path)
                db = Path(work) / "db.sqlite"
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
        print(f"median first sync ({total:,} articles): {statistics.median(first):.2f} s")
        print(f"median indexing after it: {statistics.median(indexing):.2f} s")
        print(f"median sync with nothing new: {statistics.median(again):.2f} s")
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
