"""A loopback HTTP server for the benchmark feeds (127.0.0.1 only).

Run as a subprocess by ``run.py``::

    python benchmarks/bench_server.py --feeds 1000 --items 100

It generates every feed up front (so no client pays for generation), binds
127.0.0.1 on a free port, prints ``PORT <n>`` on stdout and serves:

* ``/feed/<n>.xml``: feed ``n``, with a strong ``ETag`` and ``Last-Modified``;
  ``If-None-Match`` / ``If-Modified-Since`` answered with ``304 Not Modified``;
* ``/stats``: JSON counters (requests, 200s, 304s, body bytes) and
  ``/stats/reset`` to zero them between runs.

It is bounded: it stops by itself after ``--max-seconds`` or
``--max-requests``, or when its standard input closes (its parent died).
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from gen_data import BASE_DATE, feed_xml

LAST_MODIFIED = format_datetime(BASE_DATE, usegmt=True)


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self.requests = 0
        self.ok = 0
        self.not_modified = 0
        self.not_found = 0
        self.bytes = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "requests": self.requests, "ok": self.ok, "not_modified": self.not_modified,
            "not_found": self.not_found, "bytes": self.bytes,
        }


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def __init__(self, feeds: list[bytes], max_requests: int) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.feeds = feeds
        self.etags = [f'"bench-{i}-{len(body)}"' for i, body in enumerate(feeds)]
        self.stats = Stats()
        self.max_requests = max_requests
        self.total_requests = 0


class Handler(BaseHTTPRequestHandler):
    server: FeedServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(self, code: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(code)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        server = self.server
        stats = server.stats
        server.total_requests += 1
        if server.total_requests > server.max_requests:
            self._send(503, b"request budget spent\n", {"Connection": "close"})
            threading.Thread(target=server.shutdown, daemon=True).start()
            return
        path = self.path.split("?", 1)[0]
        if path == "/stats":
            with stats.lock:
                body = json.dumps(stats.as_dict()).encode()
            self._send(200, body, {"Content-Type": "application/json"})
            return
        if path == "/stats/reset":
            with stats.lock:
                stats.reset()
            self._send(200, b"{}", {"Content-Type": "application/json"})
            return
        number = None
        if path.startswith("/feed/") and path.endswith(".xml"):
            try:
                number = int(path[len("/feed/") : -len(".xml")])
            except ValueError:
                number = None
        if number is None or not 0 <= number < len(server.feeds):
            with stats.lock:
                stats.requests += 1
                stats.not_found += 1
            self._send(404, b"not found\n", {"Content-Type": "text/plain"})
            return
        etag = server.etags[number]
        validators = {"ETag": etag, "Last-Modified": LAST_MODIFIED, "Cache-Control": "no-cache"}
        if self._not_modified(etag):
            with stats.lock:
                stats.requests += 1
                stats.not_modified += 1
            self._send(304, b"", validators)
            return
        body = server.feeds[number]
        with stats.lock:
            stats.requests += 1
            stats.ok += 1
            stats.bytes += len(body)
        self._send(200, body, {"Content-Type": "application/rss+xml; charset=utf-8", **validators})

    def _not_modified(self, etag: str) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:  # RFC 9110: If-None-Match wins over If-Modified-Since
            tags = [t.strip().removeprefix("W/") for t in inm.split(",")]
            return "*" in tags or etag in tags
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                return parsedate_to_datetime(ims) >= BASE_DATE
            except (TypeError, ValueError):
                return False
        return False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--feeds", type=int, default=100)
    ap.add_argument("--items", type=int, default=100)
    ap.add_argument("--max-seconds", type=float, default=3600.0)
    ap.add_argument("--max-requests", type=int, default=500_000)
    args = ap.parse_args()
    feeds = [feed_xml(i, args.items, args.feeds) for i in range(args.feeds)]
    server = FeedServer(feeds, args.max_requests)
    port = server.server_address[1]
    deadline = time.monotonic() + args.max_seconds

    def watchdog() -> None:
        while time.monotonic() < deadline:
            time.sleep(1.0)
        server.shutdown()

    def stdin_watch() -> None:
        sys.stdin.read()  # returns at EOF: the parent closed the pipe or died
        server.shutdown()

    threading.Thread(target=watchdog, daemon=True).start()
    threading.Thread(target=stdin_watch, daemon=True).start()
    print(f"PORT {port} BYTES {sum(len(f) for f in feeds)}", flush=True)
    server.serve_forever(poll_interval=0.2)
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
