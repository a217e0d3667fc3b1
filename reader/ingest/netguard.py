"""A link may not lead the reader to a more private network than the feed it came from.

Networks rank from public to loopback: a public address, then a private one
(RFC 1918, unique-local, carrier NAT and every other non-global range), then
link-local (where cloud metadata services live), then loopback (this machine).
A feed fetched from a public address may not make the reader fetch its links
(full text, discovered feeds) from any of the others; a feed the user set up on
a private or loopback address may, up to its own rank; a local file's links
may go anywhere (the user put the file there).

:func:`confined` sets the limit for the fetches in a block of code (in this
thread).  Clients made by :func:`reader.ingest.fetch.make_client` check it
twice, which is why a fetch path that follows a feed's link needs nothing else:
every request, redirects included, by resolving its host before it is sent
(:func:`check_request`), and every new connection by the address it actually
reached (:func:`check_peer`: a name that resolves differently the second time
gains nothing).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlsplit

from reader.errors import ReaderError

PUBLIC, PRIVATE, LINK_LOCAL, LOOPBACK = range(4)
_NAMES = {PRIVATE: "private", LINK_LOCAL: "link-local", LOOPBACK: "loopback"}

_LIMIT: ContextVar[int | None] = ContextVar("reader_link_limit", default=None)


class LinkRefused(ReaderError):
    """A feed's link leads to a more private network than the feed; one line."""


def address_rank(address: str) -> int:
    """How private an IP address is (:data:`PUBLIC` ... :data:`LOOPBACK`)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return PUBLIC
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback or ip.is_unspecified:
        return LOOPBACK
    if ip.is_link_local:
        return LINK_LOCAL
    return PUBLIC if ip.is_global else PRIVATE


def resolve(host: str) -> list[str]:
    """The addresses ``host`` (a name or an IP literal) resolves to; [] if it does not."""
    host = host.strip("[]")
    try:
        return [str(ipaddress.ip_address(host.split("%", 1)[0]))]
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    return [str(info[4][0]) for info in found]


def _host(url: str) -> str | None:
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def limit_for(origin: str) -> int:
    """The most private rank the links of a feed at URL ``origin`` may reach.

    A feed whose host does not resolve (or "": no feed known) counts as public.
    """
    host = _host(origin)
    addresses = resolve(host) if host else []
    return min((address_rank(a) for a in addresses), default=PUBLIC)


@contextmanager
def confined(limit: int | None) -> Iterator[None]:
    """Fetches in this block (this thread) reach no network more private than ``limit``
    (None: any network, for a URL the user gave or a local file's links)."""
    token = _LIMIT.set(limit)
    try:
        yield
    finally:
        _LIMIT.reset(token)


def _refuse(where: str, address: str, rank: int) -> LinkRefused:
    return LinkRefused(
        f"not followed: {where} is at a {_NAMES[rank]} address ({address}), "
        "more private than the feed the link came from"
    )


def check_peer(address: str, host: str) -> None:
    """Raise :class:`LinkRefused` if a new connection reached too private an address."""
    limit = _LIMIT.get()
    if limit is not None and (rank := address_rank(address)) > limit:
        raise _refuse(host, address, rank)


def check_request(request: Any) -> None:
    """An httpx request hook: refuse a request (or redirect) to too private a host."""
    limit = _LIMIT.get()
    if limit is None:
        return
    url = str(request.url)
    for address in resolve(request.url.host):
        if (rank := address_rank(address)) > limit:
            raise _refuse(url, address, rank)
