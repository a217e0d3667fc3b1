"""Our own main-content finder: a small readability-style extractor on the stdlib.

It is the second opinion of :func:`reader.webpage.page_text` (and the whole
answer where the library cannot be used or returns little):

1. The page becomes a tree, built with :class:`reader.html_tokens.Tokenizer`
   (linear on hostile input).  Page furniture is left out of it: ``nav``,
   ``header``, ``footer``, ``aside``, forms, figures, hidden elements, and
   anything whose class or id says it is comments, sharing, a cookie banner,
   an advert, related links, a sidebar.  Nesting is capped at :data:`MAX_DEPTH`.
2. The story is ``[itemprop=articleBody]`` (or RDFa's ``property``); else the
   ``<article>`` (or else ``<main>``) with the most paragraph text, unless the
   best-scoring block holds twice as much (``<article>`` also marks teasers);
   else that block, with any sibling that scores nearly as well.  Scoring is
   readability's: every paragraph scores its parent and grandparent (longer and
   with more commas scores more), and scores are discounted by link density.
3. Link-heavy lists and blocks inside the story (share bars, "related" boxes)
   are dropped; what is left is written out as clean HTML (blocks, links,
   breaks, text) for :func:`reader.html_text.html_to_text`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape, unescape

from reader.html_text import BLOCK_TAGS
from reader.html_tokens import ATTR, VOID_TAGS, Tokenizer

MAX_DEPTH = 200
"""Elements nested deeper than this are flattened into their ancestor."""

MAX_HIDDEN = 1000
"""Hidden elements remembered, at most (see :attr:`Story.hidden`)."""

MIN_STORY = 100
"""Characters of paragraph text an element that says it holds the story must have."""

_DROP_TAGS = frozenset(
    """nav header footer aside form figure figcaption picture audio video canvas object embed button
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
    r"|captions?|figcaption"
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
        "attached", "children", "commas", "href", "itemprop", "links", "main_role", "own",
        "para", "parent", "score", "scored", "suspect", "tag", "text", "weight",
    )

    def __init__(self, tag: str, parent: _Node | None) -> None:
        self.tag = tag
        self.parent = parent
        self.children: list[_Node | str] = []
        self.attached = parent is None
        """In the tree: it and its ancestors were kept (not furniture, not hidden)."""
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


class _TreeBuilder(Tokenizer):
    """Builds a tree of :class:`_Node` from the tokens of :mod:`reader.html_text`'s tokenizer.

    Page furniture is left detached (its content goes nowhere); end tags close
    the nearest open element of their name (in amortised constant time: a
    count of open elements per name rules out strays), and nesting is capped
    at :data:`MAX_DEPTH` so every later walk is bounded.
    """

    def __init__(self) -> None:
        self.root = _Node("#root", None)
        self.stack = [self.root]
        self.open: dict[str, int] = {}
        self.too_deep: dict[str, int] = {}
        self.candidates: list[_Node] = []
        """``<article>``, ``<main>`` and ``[itemprop=articleBody]`` elements in the tree,
        in order."""
        self.tags = 0
        self.depth = 0
        self.hidden: list[_Node] = []
        """Elements hidden from readers (detached, but their content is still collected)."""

    def data(self, text: str) -> None:
        self.stack[-1].children.append(unescape(text) if "&" in text else text)

    def _pop(self) -> None:
        node = self.stack.pop()
        self.open[node.tag] -= 1

    def start(self, tag: str, attrs: str) -> None:
        self.tags += 1
        top = self.stack[-1]
        if tag in VOID_TAGS:
            if tag in ("br", "hr"):
                top.children.append(_BREAK)
            return
        # Implied end tags: a block closes an open paragraph, an item its sibling item.
        closes_p = top.tag == "p" and (tag in BLOCK_TAGS or tag == "table")
        if closes_p or (tag == top.tag and tag in _SIBLINGS):
            self._pop()
        elif tag == "a" and self.open.get("a"):
            self.end("a")
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
            node.attached = parent.attached
            if node.attached and (node.itemprop or tag in ("article", "main") or node.main_role):
                self.candidates.append(node)
        self.stack.append(node)
        self.open[tag] = self.open.get(tag, 0) + 1
        self.depth = max(self.depth, len(self.stack))

    def _classify(self, node: _Node, attrs: str) -> bool:
        """Read the attributes that matter; False for an element that is furniture."""
        tag = node.tag
        values: dict[str, str] = {}
        for match in ATTR.finditer(attrs):
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
            if len(self.hidden) < MAX_HIDDEN:
                self.hidden.append(node)
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

    def end(self, tag: str) -> None:
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


def _story(root: _Node, explicit: list[_Node]) -> tuple[list[_Node], bool]:
    """The element (or run of sibling elements) that holds the story, and whether
    the page marked it as the article's body."""
    paragraphs: list[_Node] = []
    _measure(root, False, paragraphs)
    candidates = _score(paragraphs)
    top = max(candidates, key=lambda node: node.score) if candidates else None
    for wanted, trusted in _EXPLICIT:
        found = [node for node in explicit if wanted(node)]
        if not found:
            continue
        if trusted:
            parts = _outermost(found)
            if len(parts) > 1 and sum(node.para for node in parts) >= MIN_STORY:
                return parts, True
        best = max(found, key=lambda node: node.para)
        if best.para >= MIN_STORY and (
            trusted or top is None or best.para >= top.para / 2 or _contains(best, top)
        ):
            return [best], trusted
    if top is None:
        return [root], False
    parent = top.parent
    if parent is None:
        return [top], False
    threshold = max(10.0, top.score * 0.2)
    story: list[_Node] = []
    for sibling in parent.children:
        if isinstance(sibling, str):
            continue
        if sibling is top or (sibling.scored and sibling.score >= threshold) or _prose(sibling):
            story.append(sibling)
    return story, False


def _outermost(found: list[_Node]) -> list[_Node]:
    """The elements of ``found`` (in document order) that are not inside another one.

    Only the last one kept can hold the next: those kept before it have ended."""
    kept: list[_Node] = []
    for node in found:
        if not kept or not _contains(kept[-1], node):
            kept.append(node)
    return kept


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



@dataclass(frozen=True)
class Story:
    """What :func:`find_story` found: the story as clean HTML, and the shape of the page."""

    html: str
    tags: int
    """Start tags in the page."""
    depth: int
    """The deepest nesting seen (at most :data:`MAX_DEPTH` + 1)."""
    marked: bool
    """The page marked the story as the article's body (schema.org ``articleBody``)."""
    hidden: frozenset[str]
    """The text of every element the page hides (``hidden``, ``aria-hidden``, ``display:
    none``), whitespace-folded, so that another extractor's paragraphs can be checked."""


def find_story(html: str) -> Story:
    """The element (or run of siblings) of ``html`` that holds the story, as clean HTML."""
    builder = _TreeBuilder()
    builder.feed(html)
    story, marked = _story(builder.root, builder.candidates)
    para = sum(node.para for node in story)
    out: list[str] = []
    for node in story:
        _serialize(node, para, out, True)
    hidden = frozenset(text for node in builder.hidden if (text := _text_of(node)))
    return Story("".join(out), builder.tags, builder.depth, marked, hidden)
