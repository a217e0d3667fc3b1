"""Bytes to text: encodings and compression.

Local text files come in whatever encoding their author's editor used.  We try
UTF-8 (with or without a BOM) first, because it is by far the most common and
a strict decode almost never succeeds by accident; then ``charset-normalizer``;
and finally cp1252, which maps every byte (Python's cp1252 codec leaves five
bytes undefined, so it runs with ``errors="replace"``): decoding never fails.
"""

from __future__ import annotations

import codecs
import re
import zlib

from charset_normalizer import from_bytes

GZIP_MAGIC = b"\x1f\x8b"


class IngestError(Exception):
    """A source could not be read; ``str(error)`` is a one-line reason for the user."""


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip ``data``, refusing to inflate past ``max_bytes`` (gzip bombs).

    Concatenated gzip members are handled; trailing garbage after a complete
    member is ignored, a truncated stream keeps what could be inflated.
    """
    out = bytearray()
    while data[:2] == GZIP_MAGIC:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            chunk = inflater.decompress(data, max_bytes - len(out) + 1)
        except zlib.error as exc:
            if out:
                break
            raise IngestError(f"corrupt gzip data ({exc})") from None
        out += chunk
        if len(out) > max_bytes or inflater.unconsumed_tail:
            raise IngestError(f"gzip data inflates past the {max_bytes // (1024 * 1024)} MB cap")
        data = inflater.unused_data
        if not inflater.eof:
            if not out:
                raise IngestError("truncated gzip data")
            break
    return bytes(out)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


_HIGH_PAIR = re.compile(rb"[\x80-\xff]{2}")


def has_bom(data: bytes) -> bool:
    """Whether ``data`` starts with a Unicode byte-order mark (which names its encoding)."""
    return data.startswith(tuple(bom for bom, _ in _BOMS))


def decode_text(data: bytes) -> str:
    """Decode a text file of unknown encoding; never raises."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Only isolated high bytes in otherwise-ASCII text (a "£" or "é" here and there)
    # is Western single-byte text; charset-normalizer guesses poorly on it (cp932
    # for a Latin-1 BBC story, cp1250 for Portuguese), so it is not consulted.
    best = from_bytes(data[: 1024 * 1024]).best() if _HIGH_PAIR.search(data) else None
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("cp1252", errors="replace")
