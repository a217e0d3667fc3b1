"""What the screen's helpers (full text, marks, refresh) need of any host: a way to
run a thread worker and to post a message back to the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from textual.message import Message
from textual.worker import Worker

R = TypeVar("R")


class WorkerHost(Protocol):
    """A Textual message pump that runs workers (a screen)."""

    def post_message(self, message: Message) -> bool: ...

    def run_worker(
        self,
        work: Callable[[], R],
        name: str | None = ...,
        group: str = ...,
        description: str = ...,
        exit_on_error: bool = ...,
        start: bool = ...,
        exclusive: bool = ...,
        thread: bool = ...,
    ) -> Worker[R]: ...
