"""Content-Encoding decoded in bounded steps, so a gzip bomb never inflates past a cap.

httpx inflates each network read whole: 64 KB of compressed spaces comes out as
60 MB in one piece, before any size check can run.  The fetcher reads the raw
body instead and hands it to :class:`Inflater`, which never produces more than
``step`` bytes per piece (zlib's ``max_length``).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

STEP = 1024 * 1024
"""Most bytes one decoded piece holds."""

ACCEPT_ENCODING = "gzip, deflate"
"""The encodings we ask for, and the only ones decoded (with ``identity``)."""


class EncodingError(Exception):
    """A body in an encoding we did not ask for, or corrupt; one line."""


class Inflater:
    """Decodes a body in the ``Content-Encoding`` it came in, piece by bounded piece."""

    def __init__(self, encoding: str | None, step: int = STEP) -> None:
        names = [name.strip().lower() for name in (encoding or "").split(",")]
        names = [name for name in names if name and name != "identity"]
        if len(names) > 1 or any(n not in ("gzip", "x-gzip", "deflate") for n in names):
            raise EncodingError(f"unsupported content encoding {encoding!r}")
        self._kind = names[0] if names else None
        self._step = step
        self._zlib = self._new()
        self._started = False
        self._done = False

    def _new(self) -> zlib._Decompress | None:
        if self._kind is None:
            return None
        return zlib.decompressobj(16 + zlib.MAX_WBITS if "gzip" in self._kind else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        """The decoded pieces of the next raw ``data``, each at most ``step`` bytes."""
        if self._done:
            return
        if self._zlib is None:
            for at in range(0, len(data), self._step):
                yield data[at : at + self._step]
            return
        while data and (inflater := self._zlib) is not None:
            try:
                piece = inflater.decompress(data, self._step)
            except zlib.error as exc:
                if self._kind == "deflate" and not self._started:
                    self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, no header
                    self._started = True
                    continue
                raise EncodingError(f"corrupt {self._kind} body ({exc})") from None
            self._started = True
            if piece:
                yield piece
            data = inflater.unconsumed_tail
            if inflater.eof:
                rest = inflater.unused_data
                if self._kind == "deflate" or not rest.startswith(b"\x1f\x8b"):
                    self._done = True  # anything after the stream is ignored
                    return
                self._zlib = self._new()  # another gzip member
                data = rest
