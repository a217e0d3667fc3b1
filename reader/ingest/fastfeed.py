"""A fast path for well-formed RSS 2.0/0.9x, RSS 1.0 (RDF) and Atom 1.0 feeds.

feedparser is thorough but slow (a SAX parser driving Python callbacks for
every element).  Most feeds are plain, well-formed XML, which the C
expat parser behind :mod:`xml.etree.ElementTree` reads an order of magnitude
faster.  This module reads those, and returns ``None`` — meaning "use
feedparser" — as soon as it sees anything it is not sure about: a DOCTYPE
(entity declarations, and so entity bombs, can only live there), an encoding
other than UTF-8/Latin-1/windows-125x, an HTTP charset that disagrees with the
document, a malformed document, markup where text belongs, base64 content,
Atom 0.3, items in odd places, and so on.

No private feedparser name is used (its next release renames them): the tables and
the URL and date rules below are our own copies of its behaviour, and a date in a
form other than RFC 822 or W3C hands the document to feedparser.  If feedparser's
public ``make_safe_absolute_uri`` is missing, every feed goes to feedparser.

Where feedparser has a rule that decides *which* element wins (the first
title, the last link, a guid that doubles as the link, the URL resolution
against ``xml:base``, the cp1252 and double-UTF-8 repairs it applies to all
text), this module applies the same rule, so both paths give the same
articles; ``tests/test_ingest_corpus.py`` checks that on real feeds.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_tz
from html import escape
from html.entities import entitydefs
from urllib.parse import urljoin

from reader.ingest.items import ParsedFeed, RawItem

try:  # feedparser's public URL rule; a feedparser without it leaves every feed to feedparser
    from feedparser.urls import make_safe_absolute_uri
except ImportError:  # pragma: no cover - only with an untested feedparser release
    make_safe_absolute_uri = None


class Unsure(Exception):
    """Raised inside the fast path to hand the document to feedparser."""


ATOM = "http://www.w3.org/2005/Atom"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
XHTML = "http://www.w3.org/1999/xhtml"
# Namespaces feedparser treats as "no prefix" (RSS and Atom core elements).
_BARE = frozenset(
    {
        "",
        "http://backend.userland.com/rss",
        "http://blogs.law.harvard.edu/tech/rss",
        "http://purl.org/rss/1.0/",
        "http://my.netscape.com/rdf/simple/0.9/",
        ATOM,
    }
)
_PREFIXES = {
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://purl.org/dc/terms/": "dcterms",
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://search.yahoo.com/mrss/": "media",
    "http://search.yahoo.com/mrss": "media",
    "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes",
    "http://example.com/dtds/podcast-1.0.dtd": "itunes",
    XHTML: "xhtml",
}
_RDF_ITEM_NS = ("http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/")

TITLES = frozenset({"title", "dc:title"})
SUMMARIES = frozenset(
    {"description", "dc:description", "media:description", "summary", "itunes:summary", "abstract"}
)
CONTENTS = frozenset({"content", "content:encoded"})
AUTHORS = frozenset({"author", "dc:creator", "dc:author", "itunes:author"})
PUBLISHED = frozenset({"pubdate", "published", "issued", "dcterms:issued"})
UPDATED = frozenset({"updated", "modified", "dc:date", "dcterms:modified"})
IDS = frozenset({"guid", "id"})
TEXT_CONSTRUCTS = TITLES | SUMMARIES | CONTENTS | {"media:title"}
_OWN_CONTEXT = frozenset({"source", "image"})
"""Elements whose titles feedparser keeps apart from the item's (but which reset its title lock)."""
# Elements that feedparser maps onto the fields we read, in ways we do not copy.
_UNSURE = frozenset(
    {"xhtml:body", "body", "fullitem", "dcterms:created", "created", "item", "entry"}
)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_ACCEPTABLE_TAGS = frozenset(
    """a abbr acronym address area article aside audio b big blockquote br button canvas
    caption center cite code col colgroup command datagrid datalist dd del details dfn dialog
    dir div dl dt em event-source fieldset figcaption figure font footer form h1 h2 h3 h4 h5
    h6 header hr i img input ins kbd keygen label legend li m map menu meter multicol nav
    nextid noscript ol optgroup option output p pre progress q s samp section select small
    sound source spacer span strike strong sub sup table tbody td textarea tfoot th thead time
    tr tt u ul var video""".split()
)
"""The elements feedparser's sanitizer accepts (feedparser 6.0's table): plain RSS text
that holds only these (and known entities) is taken for HTML, as feedparser does."""
_CP1252 = {
    i: bytes([i]).decode("cp1252")
    for i in range(0x80, 0xA0)
    if i not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_C1 = re.compile("[\x80-\x9f]")
_CLOSE_TAG = re.compile(r"</(\w+)>")
_ENTITY = re.compile(r"&#?\w+;")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ELEMENT_START = re.compile(rb"<[A-Za-z_]")
_DECLARED = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


_BARE_LOWER = frozenset(uri.lower() for uri in _BARE)
_PREFIXES_LOWER = {uri.lower(): prefix for uri, prefix in _PREFIXES.items()}
_NAMES: dict[str, str] = {}


def _name(tag: str) -> str:
    """feedparser's name for an element: lower-cased, bare for RSS/Atom core elements,
    ``prefix:local`` for known namespaces (matched case-insensitively, as it does)."""
    name = _NAMES.get(tag)
    if name is None:
        if tag[0] != "{":
            name = tag.lower()
        else:
            uri, local = tag[1:].split("}", 1)
            uri = uri.lower()
            prefix = "" if uri in _BARE_LOWER else _PREFIXES_LOWER.get(uri, f"{{{uri}}}")
            name = (
                f"{prefix}:{local.lower()}"
                if prefix and prefix[0] != "{"
                else prefix + local.lower()
            )
        _NAMES[tag] = name
    return name


def _fix(text: str) -> str:
    """feedparser's repairs of every string it outputs (double-encoded UTF-8, cp1252 C1s)."""
    with suppress(UnicodeEncodeError, UnicodeDecodeError):
        text = text.encode("iso-8859-1").decode("utf-8")
    # str.translate with a dict is slow on long text; C1 characters are rare.
    return text.translate(_CP1252) if _C1.search(text) else text


def _content_type(value: str) -> str:
    value = value.lower()
    return {"text": "text/plain", "plain": "text/plain", "html": "text/html"}.get(
        value, "application/xhtml+xml" if value == "xhtml" else value
    )


def plain_text_is_html(text: str) -> bool:
    """feedparser's guess whether nominally plain RSS text is really HTML."""
    if not (_CLOSE_TAG.search(text) or _ENTITY.search(text)):
        return False
    if any(t.lower() not in _ACCEPTABLE_TAGS for t in re.findall(r"</?(\w+)", text)):
        return False
    return not any(e not in entitydefs for e in re.findall(r"&(\w+);", text))


def _base(element: ET.Element, base: str) -> str:
    declared = element.get(XML_BASE) or element.get("base")
    if not declared:
        return base
    assert make_safe_absolute_uri is not None  # parse() checked
    resolved: str = make_safe_absolute_uri(base, declared) or base
    return resolved


def _check_inline(element: ET.Element) -> None:
    """Refuse base64-encoded and out-of-line constructs (feedparser decodes them)."""
    kind = _content_type(element.get("type") or "text")
    if element.get("mode") == "base64" or element.get("src"):
        raise Unsure("base64 or out-of-line content")
    if not (kind.startswith("text/") or kind.endswith("/xml") or kind.endswith("+xml")):
        raise Unsure("base64 content")


def _text(element: ET.Element) -> str:
    if len(element):
        raise Unsure("markup inside a text element")
    return (element.text or "").strip()


def _serialize(element: ET.Element) -> str:
    """The inner XHTML of an Atom ``type="xhtml"`` construct as an HTML string."""
    children = list(element)
    if (
        len(children) == 1
        and _name(children[0].tag) == "xhtml:div"
        and not (element.text or "").strip()
    ):
        element = children[0]
    out: list[str] = [escape(element.text or "", quote=False)]
    for child in element:
        out.append(_serialize_element(child))
    return "".join(out).strip()


def _serialize_element(element: ET.Element) -> str:
    tag = element.tag.rsplit("}", 1)[-1]
    attrs = "".join(
        f' {name.rsplit("}", 1)[-1]}="{escape(value)}"' for name, value in element.attrib.items()
    )
    inner = escape(element.text or "", quote=False) + "".join(
        _serialize_element(child) for child in element
    )
    tail = escape(element.tail or "", quote=False)
    return f"<{tag}{attrs}>{inner}</{tag}>{tail}"


def _walk(element: ET.Element, depth: int = 0) -> Iterator[tuple[ET.Element, str, int]]:
    """Descendants in document order with feedparser names and depths, not entering
    text constructs (their children are markup, not feed elements)."""
    for child in element:
        name = _name(child.tag)
        yield child, name, depth
        if name not in TEXT_CONSTRUCTS and name not in _OWN_CONTEXT:
            yield from _walk(child, depth + 1)


_URI_SLASHES = re.compile(r"^([A-Za-z][A-Za-z0-9+-.]*://)(/*)(.*?)")
_W3CDTF = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
    r"(Z|[+-]\d{2}:\d{2}))?"
)


def _urljoin(base: str, uri: str) -> str:
    """feedparser's URL join: extra slashes after the scheme dropped, "" for a bad URL."""
    uri = _URI_SLASHES.sub(r"\1\3", uri)
    try:
        return urljoin(base, uri)
    except ValueError:
        return ""


def _date(text: str) -> datetime | None:
    """An RFC 822 or W3C date (nearly every feed's), read as feedparser reads it; any other
    form hands the document to feedparser (whose many date parsers are its own)."""
    text = text.strip()
    if not text:
        return None
    w3c = _W3CDTF.fullmatch(text)
    try:
        if w3c:
            year, month, day, hour, minute, second, zone = w3c.groups()
            when = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                            int(second or 0), tzinfo=UTC)
            if zone and zone != "Z":
                sign = 1 if zone[0] == "+" else -1
                when -= sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
            return when
        parts = parsedate_tz(text) if "," in text[:5] and len(text) < 40 else None
        if parts is not None and parts[9] is not None and 1900 < parts[0] < 3000:
            naive = datetime(*parts[:6], tzinfo=UTC)
            return naive - timedelta(seconds=parts[9])
    except (ValueError, OverflowError):
        pass
    raise Unsure(f"a date in another form: {text[:40]!r}")


class _Body:
    """feedparser's summary/content bookkeeping for one item, kept in document order."""

    def __init__(self, atom: bool) -> None:
        self.atom = atom
        self.contents: list[tuple[str, str, str]] = []
        self.summary: tuple[str, str, str] | None = None
        self.summary_depth = 0
        self.has_content = False
        self.summary_set = False

    def _value(self, element: ET.Element, default_type: str, base: str) -> tuple[str, str, str]:
        kind = _content_type(element.get("type") or default_type)
        _check_inline(element)
        if kind == "application/xhtml+xml" and self.atom:
            value = _serialize(element)
        else:
            value = _text(element)
        if not self.atom and kind == "text/plain" and plain_text_is_html(value):
            kind = "text/html"
        return _fix(value), kind, _base(element, base)

    def summary_like(self, element: ET.Element, name: str, depth: int, base: str) -> None:
        if self.summary_set and not self.has_content:
            # feedparser's rule: a second summary (say itunes:summary after description)
            # becomes the item's content, as plain text unless it looks like HTML.
            self.has_content = True
            self.contents.append(self._value(element, "text/plain", base))
            return
        html_default = name in ("description", "dc:description", "media:description")
        value = self._value(element, "text/html" if html_default else "text/plain", base)
        if self.summary is None or depth <= self.summary_depth:
            self.summary, self.summary_depth = value, depth
        self.summary_set = True

    def content(self, element: ET.Element, name: str, base: str) -> None:
        self.has_content = True
        value = self._value(
            element, "text/html" if name == "content:encoded" else "text/plain", base
        )
        self.contents.append(value)
        if value[1] == "text/plain" or value[1] in HTML_TYPES:
            self.summary_set = True

    def best(self) -> tuple[str, str, str] | None:
        for value in [*self.contents, self.summary]:
            if value and value[0]:
                return value
        return None


class _Title:
    """feedparser's title rule: the first non-empty title wins; a media:title only
    fills in when no title at the same or a shallower depth was seen."""

    def __init__(self) -> None:
        self.value: str | None = None
        self._stored_depth: int | None = None
        self._locked_depth: int | None = None

    def offer(self, value: str, depth: int, *, media: bool) -> None:
        if self._locked_depth is not None and self._locked_depth <= depth:
            return
        if self._stored_depth is None or depth <= self._stored_depth:
            self.value, self._stored_depth = value, depth
        if value and not media:
            self._locked_depth = depth

    def reset(self, element: ET.Element, depth: int, *, source: bool) -> None:
        """An <image> or <source> inside the item: feedparser resets its title lock, and
        the image's own title may still fill an empty item title."""
        self._locked_depth = None
        for child in element:
            if _name(child.tag) in TITLES:
                value = _fix(_text(child))
                if not source:
                    self.offer(value, depth + 1, media=False)
                elif value:
                    self._locked_depth = depth + 1


def _item(entry: ET.Element, base: str, atom: bool) -> RawItem:
    base = _base(entry, base)
    about = entry.get(f"{{{RDF}}}about")
    guid: str | None = about
    guid_is_link = False
    link: str | None = None
    title = _Title()
    author: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    body = _Body(atom)
    for element, name, depth in _walk(entry):
        if name in _UNSURE:
            raise Unsure(f"<{name}> in an item")
        if name == "media:title":
            title.offer(_fix(_text(element)), depth, media=True)
            continue
        if name in _OWN_CONTEXT:
            title.reset(element, depth, source=name == "source")
            continue
        if depth:
            if name in SUMMARIES:
                body.summary_like(element, name, depth, base)
            elif name in TITLES or name in CONTENTS or name in IDS or name == "link":
                raise Unsure(f"nested <{name}>")
            continue
        if name in TITLES:
            _check_inline(element)
            value = _serialize(element) if atom and element.get("type") == "xhtml" else None
            title.offer(_fix(value if value is not None else _text(element)), depth, media=False)
        elif name == "link":
            href = element.get("href") or element.get("url") or element.get("uri")
            if href is None:
                if atom:
                    raise Unsure("Atom link without href")
                text = _urljoin(_base(element, base), _text(element))
                text = re.sub("&([A-Za-z0-9_]+);", r"&\g<1>", text.replace("&amp;", "&"))
                link = _fix(text)
            else:
                rel = (element.get("rel") or "alternate").lower()
                kind = (element.get("type") or "text/html").lower()
                if rel == "alternate" and _content_type(kind) in HTML_TYPES:
                    link = _urljoin(_base(element, base), href)
        elif name in IDS:
            attrs = {k.lower(): v for k, v in element.attrib.items()}
            permalink = attrs.get("ispermalink", "true") == "true"
            value = _text(element)
            if permalink:
                value = _urljoin(_base(element, base), value)
            guid = _fix(value)
            guid_is_link = permalink and link is None
            if guid_is_link:
                link = guid
        elif name in SUMMARIES:
            body.summary_like(element, name, depth, base)
        elif name in CONTENTS:
            body.content(element, name, base)
        elif name in AUTHORS:
            nested = _atom_author(element) if len(element) else _fix(_text(element))
            author = nested or author
        elif name in PUBLISHED:
            published = _date(_text(element))
        elif name in UPDATED:
            updated = _date(_text(element))
    chosen = body.best()
    return RawItem(
        guid=guid or None,
        link=link or None,
        title=title.value,
        body=chosen[0] if chosen else None,
        body_is_html=chosen[1] in HTML_TYPES if chosen else True,
        published=published or updated,
        author=author,
        base=chosen[2] or None if chosen else None,
    )


def _atom_author(element: ET.Element) -> str | None:
    name = email = None
    for child in element:
        local = _name(child.tag)
        if local == "name":
            name = _fix(_text(child))
        elif local == "email":
            email = _fix(_text(child))
    if name and email:
        return f"{name} ({email})"
    return name or email


def _feed_title(container: ET.Element, atom: bool) -> str:
    for element in container:
        if _name(element.tag) in TITLES:
            _check_inline(element)
            if atom and element.get("type") == "xhtml":
                return _fix(_serialize(element))
            return _fix((element.text or "").strip())
    return ""


def _feed_link(container: ET.Element, atom: bool, base: str) -> str | None:
    for element in container:
        if _name(element.tag) != "link":
            continue
        href = element.get("href")
        if not atom and href is None:
            return _urljoin(_base(element, base), (element.text or "").strip()) or None
        rel = (element.get("rel") or "alternate").lower()
        if href and rel == "alternate":
            return _urljoin(_base(element, base), href) or None
    return None


_SIMPLE_ENCODINGS = frozenset(
    {"utf-8", "utf8", "us-ascii", "iso-8859-1", "latin-1", "windows-1252", "windows-1251"}
)
"""Declared encodings expat decodes exactly as feedparser does (checked on the corpus)."""


def _simple_encoding(data: bytes, content_type: str | None) -> bool:
    """Is the document UTF-8, or declares a simple single-byte encoding, with no HTTP
    charset that could override the declaration (feedparser's RFC 3023 rules)?"""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    match = _DECLARED.match(data.removeprefix(b"\xef\xbb\xbf"))
    declared = match.group(1).decode("ascii").lower().replace("_", "-") if match else "utf-8"
    if declared not in _SIMPLE_ENCODINGS:
        return False
    charset = re.search(r"charset\s*=\s*[\"']?([\w.-]+)", content_type or "", re.IGNORECASE)
    return charset is None or charset.group(1).lower().replace("_", "-") == declared


def parse(data: bytes, base_url: str | None, content_type: str | None = None) -> ParsedFeed | None:
    """Parse a plain RSS/RDF/Atom document, or return None to have feedparser do it."""
    if make_safe_absolute_uri is None or not _simple_encoding(data, content_type):
        return None
    # A DOCTYPE (the only place entities can be declared) must precede the root element.
    root_start = _ELEMENT_START.search(data)
    if _DOCTYPE.search(data, 0, root_start.start() if root_start else len(data)):
        return None
    try:
        parser = ET.XMLParser()
        parser.feed(data)
        root = parser.close()
        return _parse_root(root, base_url)
    except (ET.ParseError, Unsure, ValueError, LookupError, RecursionError):
        # LookupError: an encoding expat cannot map; ValueError: a malformed URL.
        return None


def _parse_root(root: ET.Element, base_url: str | None) -> ParsedFeed:
    parsed = _parse_known_root(root, base_url)
    # feedparser takes <item> and <entry> anywhere as entries; so must we, or give up.
    if sum(1 for el in root.iter() if _name(el.tag) in ("item", "entry")) != len(parsed.items):
        raise Unsure("items outside the usual places")
    return parsed


def _parse_known_root(root: ET.Element, base_url: str | None) -> ParsedFeed:
    base = _base(root, base_url or "")
    name = root.tag
    if name == f"{{{ATOM}}}feed":
        entries = root.findall(f"{{{ATOM}}}entry")
        return ParsedFeed(
            title=_feed_title(root, atom=True),
            link=_feed_link(root, True, base),
            items=[_item(entry, base, atom=True) for entry in entries],
        )
    if name == "rss":
        channel = root.find("channel")
        if channel is None or root.find("item") is not None:
            raise Unsure("RSS without a channel, or items outside it")
        channel_base = _base(channel, base)
        return ParsedFeed(
            title=_feed_title(channel, atom=False),
            link=_feed_link(channel, False, channel_base),
            items=[_item(item, channel_base, atom=False) for item in channel.findall("item")],
        )
    if name == f"{{{RDF}}}RDF":
        for ns in _RDF_ITEM_NS:
            channel = root.find(f"{{{ns}}}channel")
            if channel is None:
                continue
            if channel.find(f"{{{ns}}}item") is not None:
                raise Unsure("RDF items inside the channel")
            return ParsedFeed(
                title=_feed_title(channel, atom=False),
                link=_feed_link(channel, False, base),
                items=[_item(item, base, atom=False) for item in root.findall(f"{{{ns}}}item")],
            )
    raise Unsure(f"unknown root element {name}")
