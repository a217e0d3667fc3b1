"""Whole-request deadlines for httpx: connect, TLS, headers and body together.

httpx's timeouts apply to each socket operation, so a server that sends its
status line or headers one byte every few seconds is never abandoned.  Every
socket operation of a client made by :func:`reader.ingest.fetch.make_client`
goes through :class:`DeadlineBackend`, which shortens the operation's timeout to
what is left of the deadline that :func:`deadline` set for the current thread
(and fails at once when nothing is left).  The timeout error that follows is
httpx's own, so the callers' error handling is unchanged.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpcore

from reader.ingest.netguard import LinkRefused, check_peer

_DEADLINE: ContextVar[float | None] = ContextVar("reader_request_deadline", default=None)


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Every socket operation in this block (this thread) ends ``seconds`` from now."""
    token = _DEADLINE.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _left(timeout: float | None, error: type[Exception]) -> float | None:
    """``timeout`` shortened to what is left of the deadline; ``error`` when none is."""
    end = _DEADLINE.get()
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise error("the whole request took longer than its deadline")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        secured = self._stream.start_tls(
            ssl_context, server_hostname, _left(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(secured)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """A network backend whose streams keep to the current thread's :func:`deadline`.

    With ``check_peers`` (a direct connection, not one to a proxy) every new connection
    is also held to the current link limit (:func:`reader.ingest.netguard.check_peer`).
    """

    def __init__(self, backend: httpcore.NetworkBackend, *, check_peers: bool) -> None:
        self._backend = backend
        self._check_peers = check_peers

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._backend.connect_tcp(
            host, port, _left(timeout, httpcore.ConnectTimeout), local_address, socket_options
        )
        if self._check_peers:
            peer = stream.get_extra_info("server_addr")
            try:
                check_peer(str(peer[0]) if peer else "", host)
            except LinkRefused:
                stream.close()
                raise
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._backend.connect_unix_socket(
            path, _left(timeout, httpcore.ConnectTimeout), socket_options
        )
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def install(client: Any) -> None:
    """Make every connection pool of an ``httpx.Client`` (direct and proxied) keep deadlines.

    httpx offers no public way to choose the network backend of its own transport, so
    the pools' backend is wrapped in place; tests/test_faults_network.py fails if a new
    httpx version stops honouring it.
    """
    proxies = list(client._mounts.values())
    for transport in [client._transport, *proxies]:
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if backend is not None and not isinstance(backend, DeadlineBackend):
            wrapped = DeadlineBackend(backend, check_peers=transport not in proxies)
            setattr(pool, "_network_backend", wrapped)  # noqa: B010
