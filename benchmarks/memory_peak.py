"""Peak memory (max RSS) of the two hostile cases of issue 12, each in a fresh process.

Run:  python benchmarks/memory_peak.py [bombs|item|all]

* ``bombs``: ``reader refresh`` of 16 feeds on a loopback server, each a gzip bomb
  (``Content-Encoding: gzip``, 1 GB of spaces in about 1 MB).  Peak RSS of the
  refresh process.
* ``item``: one stored item whose text is 49 MB; the app (headless) opens it, then
  finds a word in it.  Peak RSS of that process, and the time (wall and CPU: the
  machine may be shared) to open and to find.

Figures vary with the machine; they are reported, never asserted (tests check
bounds by counting, see tests/test_faults_network.py and tests/test_ui_memory.py).
"""

from __future__ import annotations

import contextlib
import resource
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FEEDS = 16


def _bomb(megabytes: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b" " * (1024 * 1024)
    parts = [packer.compress(b"<rss version='2.0'><channel><title>bomb</title>")]
    parts += [packer.compress(block) for _ in range(megabytes)]
    parts.append(packer.flush())
    return b"".join(parts)


def bombs() -> None:
    body = _bomb(1024)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    port = httpd.server_address[1]
    with tempfile.TemporaryDirectory() as tmp:
        toml = Path(tmp, "feeds.toml")
        toml.write_text("".join(
            f'[[feed]]\ntitle = "bomb {i}"\nurl = "http://127.0.0.1:{port}/{i}"\n'
            for i in range(FEEDS)
        ))
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "reader", "--config", str(toml), "--db",
             str(Path(tmp, "db.sqlite")), "refresh"],
            capture_output=True, text=True, cwd=REPO, check=False,
        )
        took = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"bombs: {FEEDS} gzip-bomb feeds, peak RSS {peak:,.0f} MB, {took:.1f} s, "
          f"exit {done.returncode}")
    summary = [line for line in done.stderr.splitlines() if " sources, " in line]
    print("  " + (summary or ["(no summary)"])[0])
    httpd.shutdown()


ITEM_SCRIPT = """
import asyncio, resource, sys, time
from pathlib import Path
from reader.config import Config
from reader.models import Article, FeedConfig, FeedResult
from reader.store import Store
from reader.ui.app import ReaderApp

tmp = Path(sys.argv[1])
feed = FeedConfig(title="big", path=str(tmp / "big"))
words = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod " * 9 + "\\n\\n")
text = (words * (49 * 1024 * 1024 // len(words) + 1))[: 49 * 1024 * 1024] + " needle"
db = tmp / "db.sqlite"
with Store(db) as store:
    store.sync_feeds([feed])
    store.save_result(FeedResult(feed, [Article(id="big", feed_id=feed.id, title="Big",
                                                text=text, url="https://example.com/big")]))
del text
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

async def main() -> None:
    app = ReaderApp(Config(path=tmp / "feeds.toml", feeds=[feed]), db, refresh_at_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        start, cpu = time.perf_counter(), time.process_time()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        opened = time.perf_counter() - start
        opened_cpu = time.process_time() - cpu
        start, cpu = time.perf_counter(), time.process_time()
        await pilot.press("slash", *"needle")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        found = time.perf_counter() - start
        found_cpu = time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"item: 49 MB story, peak RSS {peak:,.0f} MB (after storing it {base:,.0f} MB), "
              f"open {opened:.1f} s ({opened_cpu:.1f} s CPU), find {found:.1f} s "
              f"({found_cpu:.1f} s CPU)")

asyncio.run(main())
"""


def item() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            [sys.executable, "-c", ITEM_SCRIPT, tmp], capture_output=True, text=True,
            cwd=REPO, check=False,
        )
    print(done.stdout.strip() or done.stderr.strip()[-2000:])


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "all"
    if which in ("bombs", "all"):
        bombs()
    if which in ("item", "all"):
        item()
