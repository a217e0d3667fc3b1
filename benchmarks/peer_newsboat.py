"""Driving newsboat, the peer: config, urls file, timed reloads, first paint in tmux."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from bench_common import Painted, Timed, Tmux, child_env, run_timed, time_to_screen
from gen_data import feed_title

CONFIG = """\
# written by benchmarks/peer_newsboat.py
reload-threads 4
show-read-feeds yes
confirm-exit no
cleanup-on-quit no
download-timeout 30
"""


def available() -> bool:
    return shutil.which("newsboat") is not None


class Newsboat:
    """One newsboat setup (urls, config, cache) in ``workdir``."""

    def __init__(self, workdir: Path, urls: Sequence[str]) -> None:
        self.dir = workdir
        self.dir.mkdir(parents=True, exist_ok=True)
        self.urls = self.dir / "urls"
        self.urls.write_text("".join(f"{u}\n" for u in urls))
        self.config = self.dir / "config"
        self.config.write_text(CONFIG)
        self.cache = self.dir / "cache.db"
        self.env = child_env(self.dir / "home")

    def command(self, *extra: str) -> list[str]:
        return ["newsboat", "-u", str(self.urls), "-c", str(self.cache), "-C", str(self.config),
                *extra]

    def reload(self, timeout: float = 900.0) -> Timed:
        """``newsboat -x reload`` (headless); the timing includes cache writes and exit."""
        timed = run_timed(self.command("-x", "reload"), env=self.env, cwd=self.dir,
                          timeout=timeout)
        timed.extra["items"] = self.count_items()
        return timed

    def count_items(self) -> int:
        if not self.cache.exists():
            return 0
        with sqlite3.connect(self.cache) as db:
            try:
                return int(db.execute("SELECT COUNT(*) FROM rss_item").fetchone()[0])
            except sqlite3.Error:
                return 0

    def copy_to(self, workdir: Path) -> Newsboat:
        """The same urls and config with a copy of this cache (a fresh one per run)."""
        urls = self.urls.read_text().split()
        other = Newsboat(workdir, urls)
        shutil.copyfile(self.cache, other.cache)
        return other

    def first_paint(self, tmux: Tmux, timeout: float = 300.0) -> Painted:
        """Spawn newsboat on its cache; time until the first feed's title is drawn."""
        marker = feed_title(0)

        def ready(screen: str) -> bool:
            return marker in screen

        return time_to_screen(tmux, self.command(), self.env, self.dir, ready,
                              timeout=timeout, quit_keys=("q",))
