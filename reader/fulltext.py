"""The full text of an article's web page, for feeds that carry only a summary.

:func:`fetch_full_text` downloads the page with the feed fetcher's machinery
(timeouts, redirect cap, size cap, our User-Agent), decodes it and hands it to
:func:`extract_text`, a small readability-style extractor on the stdlib:

1. Scripts, styles, comments and the like are cut out in one linear pass, and
   only the first :data:`PARSE_LIMIT` characters (and :data:`MAX_TAGS` tags) of
   what is left are parsed.
2. The page becomes a tree, built with the tokenizer of :mod:`reader.html_text`
   (linear on hostile input, unlike :class:`html.parser.HTMLParser`).  Page
   furniture is left out of it: ``nav``, ``header``, ``footer``, ``aside``,
   forms, figures, hidden elements, and anything whose class or id says it is
   comments, sharing, a cookie banner, an advert, related links, a sidebar.
3. The story is ``[itemprop=articleBody]`` (or RDFa's ``property``); else the ``<article>`` (or else
   ``<main>``) with the most paragraph text, unless the best-scoring block holds
   twice as much (``<article>`` also marks teasers); else that block, with any
   sibling that scores nearly as well.  Scoring is readability's: every
   paragraph scores its parent and grandparent (longer and with more commas
   scores more), and scores are discounted by link density.
4. Link-heavy lists and blocks inside the story (share bars, "related" boxes)
   are dropped, and what is left goes through :func:`reader.html_text.html_to_text`,
   so paragraphs and headings come out as paragraphs separated by blank lines,
   links as footnotes, and every control character and terminal escape is gone.

:func:`full_text_for` adds the cache (the store) and the people and sources.
Nothing here imports Textual; the UI runs :func:`full_text_for` in a worker.
"""

from __future__ import annotations

import codecs
import re
import time
from collections.abc import Callable
from html import escape, unescape
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from reader.errors import ReaderError
from reader.html_text import _ATTR, BLOCK_TAGS, _TextExtractor, html_to_text
from reader.ingest.limits import MAX_FEED_BYTES
from reader.models import Article, Entities, FeedConfig, FeedResult, FullText
from reader.sanitize import sanitize_line

if TYPE_CHECKING:
    import httpx

    from reader.entities import KnownNames
    from reader.store import Store

# The network and decoding modules (httpx, charset-normalizer) are imported on first
# use: the UI imports this module to label its story view.

PARSE_LIMIT = 2 * 1024 * 1024
"""Characters of markup parsed, after scripts and styles are cut out: a news page's
story is far shorter, and the cap bounds the time a hostile page can take."""

MAX_TAGS = 100_000
"""Tags parsed, at most: a long story has a few thousand."""

MAX_TEXT = 200_000
"""Characters of extracted text kept (about 30,000 words)."""

MIN_TEXT = 100
"""Fewer visible characters than this is not a story ("no readable text found")."""

MAX_DEPTH = 200
"""Elements nested deeper than this are flattened into their ancestor."""

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_PAGE_TYPES = ("text/html", "application/xhtml+xml")


class FullTextError(ReaderError):
    """The page could not be fetched or holds no readable text; one line naming the URL."""


# Fetching ----------------------------------------------------------------------


def is_web_url(url: str | None) -> bool:
    """Whether ``url`` is an http(s) address (the only kind fetched)."""
    return bool(url) and str(url).lower().startswith(("http://", "https://"))


def site_of(url: str) -> str:
    """The host a page is on, for a label: ``example.com`` (without ``www.``)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    host = sanitize_line(host)
    return host[4:] if host.startswith("www.") else host


def fetch_full_text(
    url: str,
    *,
    title: str | None = None,
    client: httpx.Client | None = None,
    timeout: float = 20.0,
    max_bytes: int = MAX_FEED_BYTES,
    max_seconds: float | None = None,
    link_from: str | None = None,
) -> FullText:
    """Download ``url`` and extract its readable text; raise :class:`FullTextError`.

    ``title`` (the article's) is dropped from the start of the text, where pages
    repeat it.  Without a ``client`` one is made with ``timeout`` (asking for HTML
    rather than feeds) and closed after.  ``link_from``: the URL of the article's feed,
    whose network the page may not be more private than (see ``download``).
    """
    if not is_web_url(url):
        raise FullTextError(sanitize_line(f"{url}: not an http(s) URL"))
    from reader.ingest.fetch import download, make_client

    own_client = client is None
    if client is None:
        client = make_client(timeout)
        client.headers["Accept"] = PAGE_ACCEPT
    try:
        fetched = download(
            FeedConfig(title=url, url=url), etag=None, last_modified=None, client=client,
            max_bytes=max_bytes, max_seconds=max_seconds, link_from=link_from,
        )
    finally:
        if own_client:
            client.close()
    if isinstance(fetched, FeedResult):
        error = fetched.error or f"{url}: no response"
        # The fetcher's advice is about feeds; a page that is gone is just gone.
        raise FullTextError(error.replace(" (gone, consider removing this feed)", " (gone)"))
    kind = (fetched.content_type or "").split(";")[0].strip().lower()
    if kind not in _PAGE_TYPES and (kind or not _looks_like_html(fetched.body)):
        raise FullTextError(sanitize_line(f"{url}: not a web page ({kind or 'unknown type'})"))
    html = decode_page(fetched.body, fetched.content_type)
    text = extract_text(html, fetched.final_url, title=title)
    if not text:
        raise FullTextError(sanitize_line(f"no readable text found at {url}"))
    return FullText(url=sanitize_line(fetched.final_url), text=text, fetched=time.time())


def full_text_for(
    store: Store,
    article: Article,
    *,
    known: KnownNames | None = None,
    client: httpx.Client | None = None,
    timeout: float = 20.0,
    max_bytes: int = MAX_FEED_BYTES,
    link_from: str | None = None,
) -> tuple[FullText, bool]:
    """The article's full text from the cache, else fetched, its entities found, and cached.

    Returns the full text and whether it came from the cache.  ``known`` names
    help the entity extractor as they do for feed text; ``link_from`` is the URL of
    the article's feed (see :func:`fetch_full_text`).  Raises
    :class:`FullTextError` (and :class:`reader.store.StoreError` when the cache
    cannot be written; the full text is then lost).
    """
    cached = store.full_text(article.id)
    if cached is not None:
        return cached, True
    full = fetch_full_text(
        article.url or "", title=article.title, client=client, timeout=timeout,
        max_bytes=max_bytes, link_from=link_from,
    )
    from reader.entities import extract

    try:
        full.entities = extract(full.text, known)
    except Exception:  # the text is still worth showing without its people and sources
        full.entities = Entities()
    store.save_full_text(article.id, full)
    return full, False


def _looks_like_html(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<p>" in head


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


# Extraction --------------------------------------------------------------------

_RAW_START = re.compile(
    r"<!--|<(script|style|noscript|template|svg|math|iframe|textarea|title|select)\b",
    re.IGNORECASE,
)
_RAW_END = {
    name: re.compile(rf"</{name}\s*>", re.IGNORECASE)
    for name in ("script", "style", "noscript", "template", "svg", "math", "iframe", "textarea",
                 "title", "select")
}


def strip_raw(html: str) -> str:
    """``html`` without comments and the elements whose content is never story text.

    One forward pass: every search starts where the last one ended, and an
    element left open swallows the rest of the page, so the pass is linear.
    """
    out: list[str] = []
    pos = 0
    end = len(html)
    while pos < end:
        match = _RAW_START.search(html, pos)
        if match is None:
            out.append(html[pos:])
            break
        out.append(html[pos : match.start()])
        name = match.group(1)
        if name is None:
            close = html.find("-->", match.end())
            pos = close + 3 if close >= 0 else end
        else:
            found = _RAW_END[name.lower()].search(html, match.end())
            pos = found.end() if found else end
    return "".join(out)


_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_DROP_TAGS = frozenset(
    """nav header footer aside form figure picture audio video canvas object embed button
    select textarea label dialog menu head title noscript template svg math iframe""".split()
)
"""Elements left out together with their content (furniture, not story)."""
_DROP_ROLES = frozenset(
    """navigation banner contentinfo complementary dialog alertdialog menu menubar search
    toolbar""".split()
)
_EXEMPT = frozenset(("html", "body", "main", "article"))
"""Never dropped for their class or id (``<body class="has-sidebar">``)."""
_SIBLINGS = frozenset("li dt dd tr td th option a".split())
"""Elements that a start tag of the same name closes."""
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_PARAGRAPHS = frozenset("p pre blockquote td dd li div section article main".split())
"""Elements whose own (inline) text counts as a paragraph of the story."""
_CLEANED = frozenset("div section ul ol dl table p li span".split())
"""Elements dropped from the story when they are mostly links (share bars, "related")."""
_TAG_WEIGHT = {
    "div": 5, "pre": 3, "td": 3, "blockquote": 3, "article": 5, "main": 5,
    "address": -3, "ol": -3, "ul": -3, "dl": -3, "dd": -3, "dt": -3, "li": -3,
    "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5, "th": -5,
}

_JUNK_WORD = re.compile(
    r"comments?|commentlist|disqus\w*|share(?!d$)\w*|sharing|social\w*|cookies?\w*|consent"
    r"|gdpr|newsletters?|subscri\w*|promo\w*|advert\w*|ads?|adslot|adunit|sponsor\w*"
    r"|outbrain|taboola|popup|modal|related\w*|recommend\w*|breadcrumbs?|paywall|signup"
)
"""Class or id words that mark page furniture."""
_WEAK_JUNK_WORD = re.compile(
    r"sidebar|menu|nav|navbar|navigation|footer|header|masthead|banner|widget|toolbar"
    r"|pagination|pager|tags|skip|topbar|byline|meta|print|hidden"
)
"""Class or id words that mark furniture unless a content word comes with them."""
_CONTENT_WORD = re.compile(r"article|body|content|entry|main|post|story|text|prose|hentry")
_POSITIVE = re.compile(
    r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose",
    re.IGNORECASE,
)
_NEGATIVE = re.compile(
    r"hidden|banner|combx|comment|com-|contact|foot|masthead|media|meta|outbrain|promo"
    r"|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget",
    re.IGNORECASE,
)
_CAMEL = re.compile(r"([a-z])([A-Z])")
_WORDS = re.compile(r"[a-z0-9]+")
_WANTED_ATTRS = frozenset(
    ("href", "role", "aria-hidden", "style", "itemprop", "property", "class", "id")
)
_HIDDEN_ATTR = re.compile(r"(?:^|\s)hidden(?=[\s/=]|$)", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CLUTTER = re.compile(
    r"(?:advertisements?|advert|ad|sponsored(?: content)?|continue reading\W*|read more\W*"
    r"|story continues below(?: advertisement)?|share(?: this)?(?: article| story)?\W*"
    r"|skip to (?:main )?content|(?:sign up|subscribe) (?:to|for) (?:our|the) newsletter\W*)",
    re.IGNORECASE,
)
"""The whole text of a short block that is furniture, not story."""


class _Node:
    """An element of the page; ``children`` are nodes, strings, or :data:`_BREAK`."""

    __slots__ = (
        "children", "commas", "href", "itemprop", "links", "main_role", "own", "para",
        "parent", "score", "scored", "suspect", "tag", "text", "weight",
    )

    def __init__(self, tag: str, parent: _Node | None) -> None:
        self.tag = tag
        self.parent = parent
        self.children: list[_Node | str] = []
        self.href: str | None = None
        self.weight = 0
        """Class and id weight: +25 for a content word, -25 for a furniture word."""
        self.suspect = False
        """Has a furniture word beside a content word ("comment-body"): kept for scoring,
        dropped from the story unless it holds most of it."""
        self.itemprop = False
        self.main_role = False
        self.text = 0
        """Visible characters in the subtree."""
        self.links = 0
        """Of which inside links."""
        self.own = 0
        """Characters of the element's own paragraph: its text outside block children."""
        self.commas = 0
        self.para = 0
        """Characters of paragraph text in the subtree."""
        self.score = 0.0
        self.scored = False

    @property
    def link_density(self) -> float:
        return self.links / self.text if self.text else 0.0


_BREAK = "\x00br"
"""A ``<br>`` or ``<hr>`` among a node's children (NULs never reach the tree)."""


def _words(value: str | None) -> list[str]:
    if not value:
        return []
    return _WORDS.findall(_CAMEL.sub(r"\1 \2", value).lower())


class _TreeBuilder(_TextExtractor):
    """Builds a tree of :class:`_Node` from the tokens of :mod:`reader.html_text`'s tokenizer.

    Page furniture is left detached (its content goes nowhere); end tags close
    the nearest open element of their name (in amortised constant time: a
    count of open elements per name rules out strays), and nesting is capped
    at :data:`MAX_DEPTH` so every later walk is bounded.
    """

    def __init__(self) -> None:
        super().__init__(None, footnotes=False)
        self.root = _Node("#root", None)
        self.stack = [self.root]
        self.open: dict[str, int] = {}
        self.too_deep: dict[str, int] = {}
        self.candidates: list[_Node] = []
        """``<article>``, ``<main>`` and ``[itemprop=articleBody]`` elements, in order."""

    def _flush(self) -> None:
        pass

    def _data(self, text: str) -> None:
        self.stack[-1].children.append(unescape(text) if "&" in text else text)

    def _pop(self) -> None:
        node = self.stack.pop()
        self.open[node.tag] -= 1

    def _start(self, tag: str, attrs: str) -> None:
        top = self.stack[-1]
        if tag in _VOID:
            if tag in ("br", "hr"):
                top.children.append(_BREAK)
            return
        # Implied end tags: a block closes an open paragraph, an item its sibling item.
        closes_p = top.tag == "p" and (tag in BLOCK_TAGS or tag == "table")
        if closes_p or (tag == top.tag and tag in _SIBLINGS):
            self._pop()
        elif tag == "a" and self.open.get("a"):
            self._end("a")
        if len(self.stack) > MAX_DEPTH:
            self.too_deep[tag] = self.too_deep.get(tag, 0) + 1
            return
        parent = self.stack[-1]
        node = _Node(tag, parent)
        keep = tag not in _DROP_TAGS
        if attrs.strip():
            keep = keep and self._classify(node, attrs)
        if keep:
            parent.children.append(node)
            if node.itemprop or tag in ("article", "main") or node.main_role:
                self.candidates.append(node)
        self.stack.append(node)
        self.open[tag] = self.open.get(tag, 0) + 1

    def _classify(self, node: _Node, attrs: str) -> bool:
        """Read the attributes that matter; False for an element that is furniture."""
        tag = node.tag
        values: dict[str, str] = {}
        for match in _ATTR.finditer(attrs):
            name = match.group(1).lower()
            if name in _WANTED_ATTRS and name not in values:
                value = match.group(2) or match.group(3) or match.group(4) or ""
                values[name] = unescape(value) if "&" in value else value
        if tag == "a":
            node.href = values.get("href")
        role = values.get("role", "").strip().lower()
        if role in _DROP_ROLES:
            return False
        node.main_role = role == "main"
        if tag not in ("html", "body") and (
            values.get("aria-hidden", "").strip().lower() == "true"
            or _HIDDEN_STYLE.search(values.get("style", ""))
            or ("hidden" in attrs.lower() and _HIDDEN_ATTR.search(attrs))
        ):
            return False
        node.itemprop = "articlebody" in (  # schema.org, as microdata or RDFa
            values.get("itemprop", "").strip().lower(),
            values.get("property", "").strip().lower(),
        )
        names = f"{values.get('class', '')} {values.get('id', '')}".strip()
        if not names:
            return True
        if _POSITIVE.search(names):
            node.weight += 25
        if _NEGATIVE.search(names):
            node.weight -= 25
        if tag in _EXEMPT or node.itemprop:
            return True
        words = _words(names)
        content = any(_CONTENT_WORD.fullmatch(word) for word in words)
        if any(_JUNK_WORD.fullmatch(word) for word in words):
            if not content:
                return False
            node.suspect = True
        elif not content and any(_WEAK_JUNK_WORD.fullmatch(word) for word in words):
            return False
        return True

    def _end(self, tag: str) -> None:
        if self.too_deep.get(tag):
            self.too_deep[tag] -= 1
            return
        if not self.open.get(tag):
            return  # a stray end tag
        while True:
            node = self.stack[-1]
            self._pop()
            if node.tag == tag:
                return


def _measure(node: _Node, in_link: bool, paragraphs: list[_Node]) -> None:
    """Fill in the text counts of ``node``'s subtree; collect its paragraphs, in order."""
    own = commas = 0
    for child in node.children:
        if isinstance(child, str):
            if child == _BREAK:
                continue
            size = len(child.strip())
            node.text += size
            own += size
            commas += child.count(",")
            if in_link:
                node.links += size
            continue
        _measure(child, in_link or child.tag == "a", paragraphs)
        node.text += child.text
        node.links += child.links
        node.para += child.para
        if child.tag not in BLOCK_TAGS and child.tag != "table":
            own += child.own  # inline: its text is part of this paragraph
            commas += child.commas
    node.own = own
    node.commas = commas
    if node.tag in _PARAGRAPHS and own >= 25:
        node.para += own
        paragraphs.append(node)


def _score(paragraphs: list[_Node]) -> list[_Node]:
    """Readability's scoring: each paragraph adds to its parent, half to its grandparent,
    less further up; the candidates that received anything, scored and link-discounted."""
    candidates: list[_Node] = []
    for paragraph in paragraphs:
        points = 1 + paragraph.commas + min(paragraph.own // 100, 3)
        ancestor = paragraph.parent
        level = 0
        while ancestor is not None and ancestor.tag != "#root" and level < 4:
            if not ancestor.scored:
                ancestor.scored = True
                ancestor.score = _TAG_WEIGHT.get(ancestor.tag, 0) + ancestor.weight
                candidates.append(ancestor)
            ancestor.score += points if level == 0 else points / (2 if level == 1 else level * 3)
            ancestor = ancestor.parent
            level += 1
    for candidate in candidates:
        candidate.score *= 1 - candidate.link_density
    return candidates


def _contains(outer: _Node, inner: _Node) -> bool:
    node: _Node | None = inner
    while node is not None:
        if node is outer:
            return True
        node = node.parent
    return False


_EXPLICIT: tuple[tuple[Callable[[_Node], bool], bool], ...] = (
    (lambda node: node.itemprop, True),
    (lambda node: node.tag == "article", False),
    (lambda node: node.tag == "main" or node.main_role, False),
)
"""Elements that say they hold the story, most specific first, and whether to take their
word for it (``<article>`` is also used for teasers, ``<main>`` for a whole page)."""


def _story(root: _Node, explicit: list[_Node]) -> list[_Node]:
    """The element (or run of sibling elements) that holds the story."""
    paragraphs: list[_Node] = []
    _measure(root, False, paragraphs)
    candidates = _score(paragraphs)
    top = max(candidates, key=lambda node: node.score) if candidates else None
    for wanted, trusted in _EXPLICIT:
        found = [node for node in explicit if wanted(node)]
        if not found:
            continue
        best = max(found, key=lambda node: node.para)
        if best.para >= MIN_TEXT and (
            trusted or top is None or best.para >= top.para / 2 or _contains(best, top)
        ):
            return [best]
    if top is None:
        return [root]
    parent = top.parent
    if parent is None:
        return [top]
    threshold = max(10.0, top.score * 0.2)
    story: list[_Node] = []
    for sibling in parent.children:
        if isinstance(sibling, str):
            continue
        if sibling is top or (sibling.scored and sibling.score >= threshold) or _prose(sibling):
            story.append(sibling)
    return story


def _prose(node: _Node) -> bool:
    """A paragraph beside the story's block that reads like part of it."""
    if node.tag != "p" or node.link_density >= 0.25:
        return False
    return node.own >= 80 or (node.own > 0 and node.links == 0 and _ends_sentence(node))


def _ends_sentence(node: _Node) -> bool:
    for child in reversed(node.children):
        if isinstance(child, str) and child.strip():
            return child.rstrip().endswith((".", "!", "?", '"', "”"))
    return False


def _text_of(node: _Node) -> str:
    out: list[str] = []
    stack: list[_Node | str] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
        else:
            stack.extend(reversed(item.children))
    return " ".join("".join(out).split())


def _serialize(node: _Node, story_para: int, out: list[str], top: bool) -> None:
    """Clean HTML of ``node`` for :func:`html_to_text`: blocks, links, breaks, text."""
    if not top:
        if not node.text:
            return  # nothing visible: empty wrappers, image links, spacers
        if node.suspect and node.para < story_para / 2:
            return
        if node.tag in _CLEANED and node.text and node.link_density > 0.5:
            return
        if node.tag not in _HEADINGS and node.text < 60 and _CLUTTER.fullmatch(
            _text_of(node)
        ):
            return
    tag = node.tag
    emit = tag in BLOCK_TAGS or tag in ("table", "tr", "td", "th", "pre")
    if tag == "a":
        href = node.href
        out.append(f'<a href="{escape(href)}">' if href else "<a>")
    elif emit:
        out.append(f"<{tag}>")
    for child in node.children:
        if isinstance(child, str):
            out.append("<br>" if child == _BREAK else escape(child, quote=False))
        else:
            _serialize(child, story_para, out, False)
    if tag == "a" or emit:
        out.append(f"</{tag}>")


def _same_words(a: str, b: str) -> bool:
    def words(text: str) -> list[str]:
        return re.findall(r"\w+", text.casefold())

    return bool(words(a)) and words(a) == words(b)


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


def extract_text(html: str, base_url: str | None = None, *, title: str | None = None) -> str:
    """The readable main text of a web page; "" when there is (almost) none.

    Paragraphs and headings are separated by blank lines, links become
    footnotes resolved against ``base_url``; a first paragraph that repeats
    ``title`` is dropped.  The result is clean text (see :mod:`reader.sanitize`).
    """
    html = strip_raw(html)
    html = _capped(html)
    builder = _TreeBuilder()
    builder.feed(html)
    story = _story(builder.root, builder.candidates)
    para = sum(node.para for node in story)
    out: list[str] = []
    for node in story:
        _serialize(node, para, out, True)
    text = html_to_text("".join(out), base_url)
    body, links_mark, links = text.rpartition("\n\nLinks:\n")
    if not links_mark:
        body, links = text, ""
    paragraphs = body.split("\n\n")
    if title and paragraphs and _same_words(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    body = "\n\n".join(paragraphs)
    if sum(not ch.isspace() for ch in body) < MIN_TEXT:
        return ""
    if len(body) > MAX_TEXT:
        cut = body.rfind("\n\n", 0, MAX_TEXT)
        body = body[: cut if cut > 0 else MAX_TEXT].rstrip() + "\n\n[…]"
    return f"{body}\n\nLinks:\n{links}" if links else body
