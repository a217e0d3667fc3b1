"""The one way to read a web page: a saved ``.html`` article and the ``v`` full text.

:func:`page_text` puts a safety front before the extractors:

1. decoding (:func:`decode_page`: a BOM, the HTTP charset, a ``<meta>`` one, a guess);
2. scripts, styles, comments and other raw elements cut out in one linear pass
   (:func:`reader.html_tokens.strip_raw`), terminal escapes and control characters
   too (lxml would drop a lone ESC and leave its sequence as text), then at most :data:`PARSE_LIMIT`
   characters and :data:`MAX_TAGS` tags kept;
3. our own extractor (:mod:`reader.readability`, linear, depth-capped) reads the
   page first; it also measures the page's nesting and tag count.

Then trafilatura (when installed) reads the page too, as HTML with its links, but
only a page that lxml can take (at most :data:`LIBRARY_MAX_DEPTH` deep and
:data:`LIBRARY_MAX_TAGS` tags: libxml2 returns nothing for 100,000 nested
``<div>``), and for at most :data:`LIBRARY_SECONDS`, twice: precisely (its
``favor_precision``) and with its default settings.  The precise answer wins unless it
holds less than half of what our extractor found, or nothing, or is mostly links, or
the page marked its story (schema.org ``articleBody``), which our extractor takes at
its word.
A winning answer gets back what the other two readings agree it dropped
(:mod:`reader.page_merge`: the default reading's paragraphs that ours has too, and a
lead paragraph).  Paragraphs the page hides are taken out of the library's answers.
Every answer goes through :func:`reader.html_text.html_to_text`, so paragraphs come
out separated by blank lines, links as footnotes, and the text is clean.
"""

from __future__ import annotations

import codecs
import logging
import re
import threading
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from reader.html_text import NOTE_MARK, NOTES_START, html_to_text
from reader.html_tokens import strip_raw
from reader.page_merge import merge
from reader.readability import find_story
from reader.sanitize import strip_controls

PARSE_LIMIT = 2 * 1024 * 1024
"""Characters of markup read, after scripts and styles are cut out: a news page's
story is far shorter, and the cap bounds the time a hostile page can take."""

MAX_TAGS = 100_000
"""Tags read, at most: a long story has a few thousand."""

MAX_TEXT = 200_000
"""Characters of extracted text kept (about 30,000 words)."""

MIN_TEXT = 100
"""Fewer visible characters than this is not a story ("no readable text found")."""

LIBRARY_MAX_DEPTH = 100
"""Deeper pages are read by our extractor alone (libxml2 gives up at 256 levels; the
1,214 benchmark pages nest 52 deep at most)."""

LIBRARY_MAX_TAGS = 12_000
"""Pages with more tags are read by our extractor alone: the library's time grows with
them (2.5 s for 28,000 ``<p><a x``), and the 1,214 benchmark pages have 10,076 at most."""

LIBRARY_SECONDS = 5.0
"""How long the library may take on one page (both readings) before our extractor's
answer is used."""

_LINKS = NOTES_START


# Decoding ----------------------------------------------------------------------

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([-\w.:]{1,40})", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"<meta\b[^>]{0,300}?charset\s*=\s*[\"']?\s*([-\w.:]{1,40})", re.IGNORECASE
)


def _codec(label: str | bytes | None, *, from_meta: bool = False) -> str | None:
    """The Python codec for a charset label, as browsers read it (latin-1 means cp1252)."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", errors="replace")
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    if name in ("iso8859-1", "ascii"):
        return "cp1252"
    if from_meta and name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a page that can declare itself in ASCII is not UTF-16
    return name


def decode_page(body: bytes, content_type: str | None) -> str:
    """Decode a web page: a BOM, else the header's charset, else a ``<meta>`` one, else a guess."""
    from reader.ingest.decode import decode_text, has_bom

    if has_bom(body):
        return decode_text(body)
    header = _HEADER_CHARSET.search(content_type or "")
    meta = _META_CHARSET.search(body, 0, 4096)
    codec = _codec(header.group(1) if header else None) or _codec(
        meta.group(1) if meta else None, from_meta=True
    )
    if codec:
        try:
            return body.decode(codec, errors="replace")
        except (LookupError, UnicodeError):  # a label naming a non-text codec ("rot13")
            pass
    return decode_text(body)


# The library -------------------------------------------------------------------


class Readings(NamedTuple):
    """The library's two readings of a page, as HTML with links (None: it found nothing)."""

    precise: str | None
    default: str | None


@cache
def _library() -> Callable[[str], Readings] | None:
    """trafilatura's extractor, reading a page twice; None when it is not installed.

    ``favor_precision`` is the story (less furniture for the reader); its default
    settings are a second opinion that may hold paragraphs the precise reading dropped
    (:mod:`reader.page_merge`)."""
    try:
        from trafilatura import extract
    except ImportError:
        return None
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        # Its warnings ("discarding data") would print over the app's screen.
        logger = logging.getLogger(name)
        logger.addHandler(logging.NullHandler())
        logger.propagate = False

    def run(html: str) -> Readings:
        def read(precise: bool) -> str | None:
            result: str | None = extract(
                html, output_format="html", include_links=True, include_comments=False,
                include_tables=True, favor_precision=precise,
            )
            return result

        return Readings(read(True), read(False))

    return run


def _library_html(html: str) -> Readings | None:
    """The library's readings of ``html``, or None (not installed, failed, or too slow)."""
    run = _library()
    if run is None:
        return None
    found: list[Readings | None] = []

    def work() -> None:
        try:
            found.append(run(html))
        except Exception:  # a library bug on one page must not lose the page
            found.append(None)

    worker = threading.Thread(target=work, name="page-text", daemon=True)
    worker.start()
    worker.join(LIBRARY_SECONDS)
    return found[0] if found and isinstance(found[0], Readings) else None


# Extraction --------------------------------------------------------------------


def _capped(html: str) -> str:
    """The first :data:`PARSE_LIMIT` characters and :data:`MAX_TAGS` tags of ``html``."""
    if len(html) > PARSE_LIMIT:
        html = html[:PARSE_LIMIT]
    if html.count("<") > MAX_TAGS:
        at = -1
        for _ in range(MAX_TAGS + 1):
            at = html.find("<", at + 1)
        html = html[:at]
    return html


def _body(text: str) -> str:
    return text.rpartition(_LINKS)[0] if _LINKS in text else text


def _same_words(a: str, b: str) -> bool:
    def words(text: str) -> list[str]:
        return re.findall(r"\w+", text.casefold())

    return bool(words(a)) and words(a) == words(b)


def page_text(
    html: str, base_url: str | None = None, *, title: str | None = None, min_text: int = MIN_TEXT
) -> str:
    """The readable main text of a web page; "" when it has fewer than ``min_text``
    visible characters (:data:`MIN_TEXT`: not a story).

    Paragraphs and headings are separated by blank lines, links become
    footnotes resolved against ``base_url``; a first paragraph that repeats
    ``title`` is dropped.  The result is clean text (see :mod:`reader.sanitize`).
    """
    html = strip_controls(_capped(strip_raw(html)))
    own = find_story(html)
    text = html_to_text(own.html, base_url)
    if not own.marked and own.depth <= LIBRARY_MAX_DEPTH and own.tags <= LIBRARY_MAX_TAGS:
        readings = _library_html(html)
        if readings and readings.precise and not _link_list(readings.precise):
            precise = _spaced_links(readings.precise, html)
            second = _without(html_to_text(precise, base_url), own.hidden)
            if len(_body(second)) >= len(_body(text)) / 2:
                default = readings.default
                other = _without(html_to_text(default, base_url), own.hidden) if default else None
                text = merge(second, other, text)
    return _finish(text, title, min_text)


_LINK_TEXT = re.compile(r"<a\b[^>]*>([^<]*)</a>")
_TAG = re.compile(r"<[^>]*>")
MAX_LINK_SHARE = 0.5
"""A library answer with more link text than this and under :data:`MIN_TEXT` characters
of other text is a list of links (a menu), not a story; a link blog's post ("Headline,
via Outlet" a dozen times) has some prose besides."""
_SPACED_LINK = re.compile(r"(?<!\w)(\w+)(?:</\w+>)*</a>(?:\s|&nbsp;)+(\w+)")
_GLUED_LINK = re.compile(r"(?<!\w)(\w+)</a>(\w+)")


def _spaced_links(reading: str, page: str) -> str:
    """``reading`` with the space back after each link that it glued to the next word
    where the page has a space there: trafilatura's precise reading (2.3.1) drops the
    space after a link ("CNBC reported</a>that")."""
    spaced = {match.groups() for match in _SPACED_LINK.finditer(page)}
    if not spaced:
        return reading
    return _GLUED_LINK.sub(
        lambda match: f"{match[1]}</a> {match[2]}" if match.groups() in spaced else match[0],
        reading,
    )


def _link_list(html: str) -> bool:
    """Whether the (library's well-formed) HTML is mostly link text with little else."""
    text = len("".join(_TAG.sub("", html).split()))
    links = sum(len("".join(m.group(1).split())) for m in _LINK_TEXT.finditer(html))
    return links > MAX_LINK_SHARE * text and text - links < MIN_TEXT


def _without(text: str, hidden: frozenset[str]) -> str:
    """``text`` without the paragraphs that are the text of a hidden element."""
    if not hidden:
        return text
    body, mark, links = text.rpartition(_LINKS)
    if not mark:
        body = text
    kept = [p for p in body.split("\n\n") if " ".join(NOTE_MARK.sub("", p).split()) not in hidden]
    return "\n\n".join(kept) + (mark + links if mark else "")


def _finish(text: str, title: str | None, min_text: int) -> str:
    """Drop a first paragraph that repeats ``title``; cap the length; "" for too little."""
    body, links_mark, links = text.rpartition(_LINKS)
    if not links_mark:
        body, links = text, ""
    paragraphs = body.split("\n\n")
    if title and paragraphs and _same_words(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    body = "\n\n".join(paragraphs)
    if sum(not ch.isspace() for ch in body) < min_text:
        return ""
    if len(body) > MAX_TEXT:
        cut = body.rfind("\n\n", 0, MAX_TEXT)
        body = body[: cut if cut > 0 else MAX_TEXT].rstrip() + "\n\n[…]"
    return f"{body}{_LINKS}{links}" if links else body
