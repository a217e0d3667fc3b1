"""Growth checks rather than time limits: the quickest of a few runs, to compare two sizes.

Timed in CPU seconds of this process: other work on a shared machine (a full suite ran
beside four busy agents and failed a wall-clock ratio) does not count."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_seconds(run: Callable[[], object], runs: int = 3) -> float:
    """The quickest of ``runs`` runs, in CPU seconds of this process (all its threads)."""
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return best
