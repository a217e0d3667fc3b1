"""JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1), mapped by hand.

feedparser 6.0.14 does not read JSON Feed at all, so this small mapper does.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from reader.ingest.decode import IngestError
from reader.ingest.items import ParsedFeed, RawItem


def _str(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _date(value: Any) -> datetime | None:
    text = _str(value)
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.strip().replace("z", "Z"))
    except ValueError:
        return None


def _author(item: dict[str, Any], feed: dict[str, Any]) -> str | None:
    for source in (item, feed):
        authors = source.get("authors")
        if not isinstance(authors, list):
            authors = [source.get("author")]  # JSON Feed 1.0
        names = [
            a["name"]
            for a in authors
            if isinstance(a, dict) and isinstance(a.get("name"), str) and a["name"].strip()
        ]
        if names:
            return ", ".join(names)
    return None


def parse_json_feed(data: bytes) -> ParsedFeed:
    """Parse JSON Feed bytes; raises :class:`IngestError` if they are not a JSON Feed."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IngestError(f"invalid JSON ({exc})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
        raise IngestError("JSON document is not a JSON Feed (no items list)")
    version = _str(doc.get("version")) or ""
    if version and "jsonfeed.org" not in version:
        raise IngestError("JSON document is not a JSON Feed (unknown version)")
    base = _str(doc.get("home_page_url")) or _str(doc.get("feed_url"))
    items: list[RawItem] = []
    skipped = 0
    for entry in doc["items"]:
        if not isinstance(entry, dict):
            skipped += 1
            continue
        html = _str(entry.get("content_html"))
        plain = _str(entry.get("content_text"))
        summary = _str(entry.get("summary"))
        link = _str(entry.get("url")) or _str(entry.get("external_url"))
        if link and base:
            link = urljoin(base, link)
        items.append(
            RawItem(
                guid=_str(entry.get("id")),
                link=link,
                title=_str(entry.get("title")),
                body=html or plain or summary,
                body_is_html=bool(html),
                published=_date(entry.get("date_published")) or _date(entry.get("date_modified")),
                author=_author(entry, doc),
            )
        )
    return ParsedFeed(
        title=_str(doc.get("title")) or "",
        link=base,
        items=items,
        problem=f"skipped {skipped} malformed items" if skipped else None,
    )
