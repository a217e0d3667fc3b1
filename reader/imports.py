"""Feed lists from other readers: OPML, newsboat's ``urls`` file, newsraft's ``feeds`` file,
a plain list of URLs."""

from __future__ import annotations

import re
import shlex
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from reader.models import FeedConfig
from reader.opml import OpmlError, parse_opml
from reader.sanitize import clean_url, sanitize_line, url_problem


@dataclass(slots=True)
class ImportedList:
    """Feeds found in a file, and one-line notes on the lines that could not be used."""

    feeds: list[FeedConfig] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _first_sighting(found: ImportedList, seen: set[str], url: str, where: str) -> bool:
    """True for a usable http(s) URL not listed before; an unusable one is noted as
    skipped.  ``url`` is expected cleaned of invisible characters (:func:`clean_url`)."""
    problem = url_problem(url)
    if problem:
        found.skipped.append(f"{where}: not an http(s) URL ({problem}): {sanitize_line(url)}")
        return False
    if url in seen:
        found.skipped.append(f"{where}: listed before: {sanitize_line(url)}")
        return False
    seen.add(url)
    return True


def parse_urls_file(text: str, origin: str = "urls") -> ImportedList:
    """newsboat's ``urls`` format, which also covers a plain list of URLs.

    Each line: a URL, then tags; a tag ``"~Title"`` renames the feed; a tag starting
    with ``!`` hides it in newsboat (kept here as a plain tag); ``query:`` lines are
    newsboat filters, reported as unsupported.
    """
    found = ImportedList()
    seen: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            words = shlex.split(line, comments=True)
        except ValueError as exc:
            found.skipped.append(f"{origin}:{number}: cannot parse line: {exc}")
            continue
        if not words:
            continue
        url, tags = clean_url(words[0]), words[1:]
        if url.startswith("query:"):
            found.skipped.append(f"{origin}:{number}: query feeds are not supported: {url}")
            continue
        if not _first_sighting(found, seen, url, f"{origin}:{number}"):
            continue
        title = url
        kept: list[str] = []
        for tag in tags:
            if tag.startswith("~"):
                title = sanitize_line(tag[1:]) or url
            else:
                kept.append(sanitize_line(tag.lstrip("!")))
        found.feeds.append(FeedConfig(title=title, url=url, tags=[t for t in kept if t]))
    return found


def parse_newsraft_feeds(text: str, origin: str = "feeds") -> ImportedList:
    """newsraft's ``feeds`` file: ``@ Section`` lines start a section (a tag here), and
    each feed line is a link, then optionally its name in double quotes.  Command feeds
    (``$(...)``) are reported as unsupported; settings after the name are ignored."""
    found = ImportedList()
    seen: set[str] = set()
    section: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            name = sanitize_line(re.split(r"[<{]", line[1:], maxsplit=1)[0])
            section = [name] if name else []
            continue
        if line.startswith("$("):
            found.skipped.append(f"{origin}:{number}: command feeds are not supported: "
                                 f"{sanitize_line(line)}")
            continue
        url, _, rest = line.partition(" ")
        url = clean_url(url)
        if not _first_sighting(found, seen, url, f"{origin}:{number}"):
            continue
        quoted = re.match(r'\s*"([^"]*)"', rest)
        title = sanitize_line(quoted[1]) if quoted else ""
        found.feeds.append(FeedConfig(title=title or url, url=url, tags=list(section)))
    return found


_NEWSRAFT_SECTION = re.compile(r"^\s*@", re.M)


def read_feed_list(path: Path) -> ImportedList:
    """Any supported feed list, recognised by its content: OPML starts with ``<``, a
    newsraft file has ``@ Section`` lines, anything else is read as newsboat's format
    (which a plain list of URLs also is)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OpmlError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if data.lstrip()[:1] == b"<":
        feeds = parse_opml(data, str(path))
        return ImportedList(feeds=feeds, skipped=_opml_leftovers(data, str(path)))
    text = data.decode("utf-8", errors="replace")
    if _NEWSRAFT_SECTION.search(text):
        return parse_newsraft_feeds(text, str(path))
    return parse_urls_file(text, str(path))


def _opml_leftovers(data: bytes, origin: str) -> list[str]:
    """A note on each outline :func:`parse_opml` (which has checked ``data``) does not
    import: a feed URL that is not http(s), one listed before, an outline with no feed
    URL and nothing inside it."""
    notes: list[str] = []
    seen: set[str] = set()
    for outline in ET.fromstring(data).iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        title = sanitize_line(outline.get("title") or outline.get("text") or "")
        where = f"{origin}: {title!r}" if title else f"{origin}: an untitled outline"
        if not url:
            if outline.find("outline") is None:
                notes.append(f"{where}: no feed URL (xmlUrl)")
        elif not url.startswith(("http://", "https://")):
            notes.append(f"{where}: not an http(s) URL: {sanitize_line(url)}")
        elif url in seen:
            notes.append(f"{where}: listed before: {sanitize_line(url)}")
        seen.add(url)
    return notes
