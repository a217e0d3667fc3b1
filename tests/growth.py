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


def best_seconds_in_turn(
    small: Callable[[], object], large: Callable[[], object], runs: int = 5
) -> tuple[float, float]:
    """The quickest of ``runs`` runs of each, run in turn (small, large, small, ...): a busy
    spell of a shared machine slows even CPU seconds (caches, the other hyperthread), and
    in turn it falls on both sizes alike rather than on the three large runs after the
    three small ones (a ratio of 4 measured alone read 8.75 under a loaded CI run)."""
    best_small = best_large = float("inf")
    for _ in range(runs):
        best_small = min(best_small, best_seconds(small, runs=1))
        best_large = min(best_large, best_seconds(large, runs=1))
    return best_small, best_large
