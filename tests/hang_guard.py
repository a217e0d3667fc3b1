"""A hang guard for tests of things that used to hang: a hang fails the test, never stalls it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def finishes(work: Callable[[], T], seconds: float = 60) -> T:
    """``work()``'s result, run in a daemon thread that must be done within ``seconds``."""
    out: list[T] = []
    thread = threading.Thread(target=lambda: out.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "hung"
    return out[0]
