"""A throwaway Tiny Tiny RSS server on loopback, for the sync tests and the sync benchmark.

It needs the Debian packages ``tt-rss``, ``php-cli``, ``php-pgsql`` and ``postgresql``
(``.ci/run`` installs them) and root, since PostgreSQL's ``initdb`` and ``pg_ctl`` run
as the ``postgres`` user.  Everything lives in one temporary folder: a PostgreSQL
cluster on a free loopback port (its socket in that folder), tt-rss's schema, the
admin user (``admin`` / ``password``) with API access enabled, and a copy of the web
app with its own ``config.php``, served by ``php -S 127.0.0.1:PORT``.

tt-rss refuses to subscribe to loopback URLs, so tests seed feeds and articles
straight into its database with :meth:`TtrssServer.sql`.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import httpx

WWW = Path("/usr/share/tt-rss/www")
SCHEMA = Path("/usr/share/tt-rss/schema/ttrss_schema_pgsql.sql")
PACKAGES = "tt-rss php-cli php-pgsql postgresql"
USER, PASSWORD = "admin", "password"


def pg_bin() -> Path | None:
    """The directory of PostgreSQL's server programs, if installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def missing() -> str | None:
    """Why a server cannot be started here, or None when it can."""
    if os.geteuid() != 0:
        return "needs root (PostgreSQL runs as the postgres user)"
    if not (WWW.is_dir() and SCHEMA.is_file() and pg_bin() and shutil.which("php")):
        return f"needs the packages {PACKAGES}"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


CONFIG_PHP = """<?php
define('DB_TYPE', 'pgsql');
define('DB_HOST', '127.0.0.1');
define('DB_PORT', '{pg_port}');
define('DB_USER', 'postgres');
define('DB_NAME', 'ttrss');
define('DB_PASS', '');
define('MYSQL_CHARSET', 'UTF8');
define('SELF_URL_PATH', '{url}');
define('SINGLE_USER_MODE', false);
define('SIMPLE_UPDATE_MODE', false);
define('PHP_EXECUTABLE', '/usr/bin/php');
define('LOCK_DIRECTORY', '{root}/lock');
define('CACHE_DIR', '{root}/cache');
define('ICONS_DIR', 'feed-icons');
define('ICONS_URL', 'feed-icons');
define('AUTH_AUTO_CREATE', true);
define('AUTH_AUTO_LOGIN', true);
define('FORCE_ARTICLE_PURGE', 0);
define('ENABLE_REGISTRATION', false);
define('REG_NOTIFY_ADDRESS', 'user@example.invalid');
define('REG_MAX_USERS', 10);
define('SESSION_COOKIE_LIFETIME', 86400);
define('SMTP_FROM_NAME', 'Tiny Tiny RSS');
define('SMTP_FROM_ADDRESS', 'noreply@example.invalid');
define('DIGEST_SUBJECT', '[tt-rss] New headlines');
define('CHECK_FOR_UPDATES', false);
define('ENABLE_GZIP_OUTPUT', false);
define('PLUGINS', 'auth_internal');
define('LOG_DESTINATION', '');
define('CONFIG_VERSION', 26);
"""


class TtrssServer:
    """A running server: ``url`` is the web app's address, ``sql()`` talks to its database."""

    def __init__(self) -> None:
        problem = missing()
        if problem:
            raise RuntimeError(f"cannot start tt-rss: {problem}")
        self.root = Path(tempfile.mkdtemp(prefix="reader-ttrss-"))
        self.root.chmod(0o755)
        self.pg_port = free_port()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self._php: subprocess.Popen[bytes] | None = None
        self._pg_started = False
        try:
            self._start_postgres()
            self._load_schema()
            self._start_php()
        except BaseException:
            self.stop()
            raise

    # PostgreSQL --------------------------------------------------------------

    def _as_postgres(self, *args: str) -> None:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", *args],
            check=True, capture_output=True, cwd=self.root,
        )

    def _start_postgres(self) -> None:
        bin_dir = pg_bin()
        assert bin_dir is not None
        data, sock = self.root / "pg", self.root / "sock"
        for folder in (data, sock):
            folder.mkdir()
            shutil.chown(folder, "postgres", "postgres")
        self._as_postgres(
            str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
            "--no-sync", "-E", "UTF8", "--locale=C",
        )
        options = (
            f"-p {self.pg_port} -k {sock} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._as_postgres(
            str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-w",
            "-l", str(sock / "log"), "start",
        )
        self._pg_started = True

    def sql(self, query: str, database: str = "ttrss") -> str:
        """Run SQL on the server's database; the output, unaligned, one row a line."""
        done = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres",
             "-d", database, "-v", "ON_ERROR_STOP=1", "-q", "-A", "-t", "-c", query],
            check=True, capture_output=True, text=True,
        )
        return done.stdout.strip()

    def _load_schema(self) -> None:
        self.sql("CREATE DATABASE ttrss", database="postgres")
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres",
             "-d", "ttrss", "-v", "ON_ERROR_STOP=1", "-q", "-f", str(SCHEMA)],
            check=True, capture_output=True,
        )
        self.set_api_access(True)

    def set_api_access(self, enabled: bool) -> None:
        self.sql(
            "DELETE FROM ttrss_user_prefs WHERE pref_name='ENABLE_API_ACCESS';"
            "INSERT INTO ttrss_user_prefs (owner_uid, pref_name, value) "
            f"VALUES (1, 'ENABLE_API_ACCESS', '{'true' if enabled else 'false'}')"
        )

    # The web app -------------------------------------------------------------

    def _start_php(self) -> None:
        www = self.root / "www"
        shutil.copytree(WWW, www, symlinks=True)
        for link in [*www.rglob("*")]:  # the package's relative links point outside www
            if link.is_symlink():
                target = (WWW / link.relative_to(www)).resolve()
                link.unlink()
                link.symlink_to(target)
        (www / "config.php").unlink()
        (www / "config.php").write_text(
            CONFIG_PHP.format(pg_port=self.pg_port, url=self.url.rstrip("/"), root=self.root)
        )
        for folder in ("lock", "cache", "cache/images", "cache/upload", "cache/export"):
            (self.root / folder).mkdir()
        self._php = subprocess.Popen(
            ["php", "-S", f"127.0.0.1:{self.port}", "-t", str(www)],
            cwd=www, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                answer = httpx.post(self.api_url, json={"op": "getApiLevel"}, timeout=5)
                if answer.status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if self._php.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("tt-rss did not start (php -S)")
            time.sleep(0.1)

    @property
    def api_url(self) -> str:
        return self.url + "api/"

    # Seeding -----------------------------------------------------------------

    def add_category(self, title: str) -> int:
        return int(self.sql(
            "INSERT INTO ttrss_feed_categories (owner_uid, title) "
            f"VALUES (1, {quote(title)}) RETURNING id"
        ).splitlines()[0])

    def add_feed(self, title: str, url: str, category: int | None = None) -> int:
        cat = "NULL" if category is None else str(category)
        return int(self.sql(
            "INSERT INTO ttrss_feeds (owner_uid, title, feed_url, cat_id, site_url) "
            f"VALUES (1, {quote(title)}, {quote(url)}, {cat}, {quote(url)}) RETURNING id"
        ).splitlines()[0])

    def add_articles(self, feed: int, count: int, *, start: int = 0, prefix: str = "") -> None:
        """``count`` articles in ``feed``, unread and unstarred, numbered from ``start``."""
        tag = prefix or f"f{feed}"
        self.sql(
            "WITH new AS (INSERT INTO ttrss_entries (title, guid, link, updated, content, "
            "content_hash, date_entered, date_updated, author) "
            f"SELECT 'Story ' || n || ' of {tag}', '{tag}-' || n, "
            f"'https://example.org/{tag}/' || n, "
            "TIMESTAMP '2026-11-01' + n * INTERVAL '1 minute', "
            "'<p>Story ' || n || '. Maria Lopez said the harbour reopened.</p>', "
            "'h' || n, NOW(), NOW(), 'Desk' "
            f"FROM generate_series({start + 1}, {start + count}) AS n RETURNING id) "
            "INSERT INTO ttrss_user_entries (ref_id, uuid, feed_id, owner_uid, tag_cache, "
            f"label_cache, unread) SELECT id, '', {feed}, 1, '', '', true FROM new"
        )

    def article_ids(self, feed: int | None = None) -> list[int]:
        where = f"WHERE feed_id = {feed}" if feed is not None else ""
        out = self.sql(f"SELECT ref_id FROM ttrss_user_entries {where} ORDER BY ref_id")
        return [int(line) for line in out.splitlines()]

    def flags(self, article: int) -> tuple[bool, bool]:
        """(unread, marked) of an article on the server."""
        unread, marked = self.sql(
            f"SELECT unread, marked FROM ttrss_user_entries WHERE ref_id = {article}"
        ).split("|")
        return unread == "t", marked == "t"

    def set_flags(self, article: int, *, unread: bool, marked: bool) -> None:
        self.sql(
            f"UPDATE ttrss_user_entries SET unread = {unread}, marked = {marked} "
            f"WHERE ref_id = {article}"
        )

    def reset(self) -> None:
        """Forget every feed, category, article and session (between tests)."""
        self.sql(
            "DELETE FROM ttrss_user_entries; DELETE FROM ttrss_entries; "
            "DELETE FROM ttrss_feeds; DELETE FROM ttrss_feed_categories; "
            "DELETE FROM ttrss_sessions"
        )
        self.set_api_access(True)

    # Stopping ----------------------------------------------------------------

    def stop(self) -> None:
        if self._php is not None:
            self._php.terminate()
            try:
                self._php.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._php.kill()
                self._php.wait()
        if self._pg_started:
            bin_dir = pg_bin()
            assert bin_dir is not None
            self._as_postgres(
                str(bin_dir / "pg_ctl"), "-D", str(self.root / "pg"), "-m", "immediate", "stop"
            )
        shutil.rmtree(self.root, ignore_errors=True)


def quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
