"""Loopback HTTP servers for tests: 127.0.0.1 only, a free port, stopped on exit."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback News</title>
<link>http://127.0.0.1/</link><item><title>One</title><guid>1</guid></item></channel></rss>"""
PAGE = b"""<!DOCTYPE html><html><head><title>Home</title>
<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>hi</body></html>"""
BARE = b"<!DOCTYPE html><html><head><title>Nothing</title></head><body>no feeds</body></html>"


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that logs nothing and sends whole responses in one call."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes = b"", **headers: str) -> None:
        """``status`` with ``body``; header names are written with ``_`` for ``-``."""
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class SiteHandler(QuietHandler):
    """A web site with a home page that advertises its feed (for feed discovery)."""

    def do_GET(self) -> None:
        body, kind = {
            "/feed.xml": (RSS, "application/rss+xml"),
            "/": (PAGE, "text/html"),
            "/bare": (BARE, "text/html"),
        }.get(self.path, (b"", "text/plain"))
        self.send(200 if body else 404, body, Content_Type=kind)


@contextmanager
def serving(
    handler: type[BaseHTTPRequestHandler], server: type[ThreadingHTTPServer] = ThreadingHTTPServer
) -> Iterator[ThreadingHTTPServer]:
    """Run ``handler`` on 127.0.0.1 (a free port) in a thread until the block ends."""
    httpd = server(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


def base_url(httpd: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{httpd.server_address[1]}"
