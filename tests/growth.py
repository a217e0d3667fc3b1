"""Growth checks rather than time limits: the quickest of a few runs, to compare two sizes."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_seconds(run: Callable[[], object], runs: int = 3) -> float:
    """The quickest of ``runs`` runs (the least disturbed by other work on the machine)."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best
