"""Placeholder for the fast stdlib parser (filled in below)."""

from __future__ import annotations

from reader.ingest.items import ParsedFeed


def parse(data: bytes, base_url: str | None) -> ParsedFeed | None:
    return None
