"""One memory budget for the response bodies a refresh holds at once.

Each download may grow to ``max_bytes`` (50 MB), and a refresh runs 16 at once:
16 hostile feeds (gzip bombs) would hold 800 MB before any of them is refused.
With a :class:`MemoryBudget`, a download takes its bytes from one budget as they
arrive and keeps them until its body has been parsed (the refresh gives them
back); a download that would overdraw it waits for others to give some back.
The download holding the most never waits, so one always moves on and nothing
can deadlock: at most ``limit`` plus one body's cap is ever held.
"""

from __future__ import annotations

import threading
import time

REFRESH_BUDGET = 100 * 1024 * 1024
"""Bytes of bodies a refresh's downloads and pending parses hold at once, about."""


class MemoryBudget:
    """Bytes held per owner (a feed's id), against one limit shared by threads."""

    def __init__(self, limit: int = REFRESH_BUDGET) -> None:
        self.limit = limit
        self._held: dict[str, int] = {}
        self._used = 0
        self._changed = threading.Condition()
        self.peak = 0
        """The most held at once (for tests and benchmarks)."""

    def take(self, owner: str, size: int, until: float) -> bool:
        """Add ``size`` bytes to ``owner``'s share, waiting while that would overdraw the
        budget and another owner holds more; False if still waiting at ``until``
        (a :func:`time.monotonic` time)."""
        with self._changed:
            while self._used + size > self.limit and not self._holds_most(owner):
                left = until - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(min(left, 1.0))
            self._held[owner] = self._held.get(owner, 0) + size
            self._used += size
            self.peak = max(self.peak, self._used)
            return True

    def _holds_most(self, owner: str) -> bool:
        mine = self._held.get(owner, 0)
        return all(
            held < mine or (held == mine and other >= owner)
            for other, held in self._held.items()
        )

    def give_back(self, owner: str) -> None:
        """Everything ``owner`` holds is free again (its body was parsed or dropped)."""
        with self._changed:
            self._used -= self._held.pop(owner, 0)
            self._changed.notify_all()
