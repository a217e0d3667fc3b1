"""Property-based tests: Hypothesis strategies for article text and feed XML drive
the loaders, the HTML cleaner and the entity extractor.

Properties: no exception; output free of control, escape, bidi and zero-width
characters; entity offsets always inside the text.  The strategies are shared
with ``fuzz/fuzz_hypothesis.py``, which runs them with many more examples.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.entities import extract
from reader.html_text import html_to_line, html_to_text, safe_link
from reader.ingest import parse_feed_bytes
from reader.ingest.local import parse_html_article, parse_text_article
from reader.ingest.markdown import markdown_to_text
from reader.models import Article, FeedConfig
from reader.sanitize import sanitize_line, sanitize_text

FEED = FeedConfig(title="prop", url="https://example.com/feed")
NASTY = (
    "\x1b[31m", "\x1b]52;c;aGk=\x07", "\x1b]8;;file:///etc/passwd\x1b\\", "\x9b1m", "\x9d",
    "\u202e", "\u200b", "\ufeff", "\x00", "\x07", "\r", "\u2028", "[bold]", "[/]",
    "[@click=app.quit]", "[link=file:///etc/passwd]", "&amp;", "&#x1b;", "&#0;", "&lt;",
    "&nbsp;", "<b>", "</b>", "<p>", "<br>", "<a href='javascript:alert(1)'>", "</a>",
    "<a href=\"https://x.example/\">", "<script>", "<!--", "-->", "<![CDATA[", "]]>",
    "<li>", "<pre>", "</pre>", "\n\n", " ", "\t", "Mr", "Smith", "said", '"', "“", "”",
    "Jane Doe", "Reuters", "according to", "told", ",", ".", "A" * 250,
)
"""Fragments that exercise every special case of the cleaners and the extractor."""

fragments = st.one_of(st.sampled_from(NASTY), st.text(max_size=12))
article_text = st.lists(fragments, max_size=40).map("".join)
"""Article-like text: words, names, quotes, markup, entities and escapes mixed."""


@st.composite
def feed_xml(draw: st.DrawFn) -> bytes:
    """An RSS 2.0 or Atom document with hostile titles, authors, links and bodies."""
    def text() -> str:
        return draw(article_text)

    def field(value: str) -> str:
        kind = draw(st.sampled_from(["escape", "cdata", "raw"]))
        if kind == "escape":
            return escape(value)
        if kind == "cdata":
            return "<![CDATA[" + value.replace("]]>", "") + "]]>"
        return value  # may be malformed XML: the loose parser must cope

    link = draw(st.sampled_from([
        "https://example.com/a", "javascript:alert(1)", "file:///etc/passwd", "/relative",
        "data:text/html,x", "mailto:a@b.example", "", "http://[bad", "https://ex ample/\x1b",
    ]))
    items = draw(st.integers(0, 3))
    if draw(st.booleans()):
        entries = "".join(
            f"<item><title>{field(text())}</title><link>{escape(link)}</link>"
            f"<author>{field(text())}</author><guid>{field(text())}</guid>"
            f"<description>{field(text())}</description></item>"
            for _ in range(items)
        )
        doc = f'<rss version="2.0"><channel><title>{field(text())}</title>{entries}</channel></rss>'
    else:
        entries = "".join(
            f"<entry><title type='html'>{field(text())}</title>"
            f"<link href='{escape(link, {chr(39): '&apos;'})}'/>"
            f"<author><name>{field(text())}</name></author>"
            f"<content type='html'>{field(text())}</content></entry>"
            for _ in range(items)
        )
        doc = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{field(text())}</title>{entries}</feed>'
    prefix = draw(st.sampled_from(["", '<?xml version="1.0" encoding="utf-8"?>', "\ufeff", "  "]))
    data = (prefix + doc).encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(data)))
        data = data[:cut]  # truncated download
    return data


INVISIBLE = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200e\u200f\ufeff\u2028\u2029"
)


def is_clean(text: str, *, one_line: bool = False) -> bool:
    for c in text:
        code = ord(c)
        if code < 32 and c != "\n":
            return False
        if 0x7F <= code <= 0x9F or c in INVISIBLE:
            return False
    return not (one_line and "\n" in text)


def check_article(article: Article) -> None:
    assert is_clean(article.title, one_line=True), article.title
    assert is_clean(article.text), article.text
    assert is_clean(article.author or "", one_line=True)
    assert is_clean(article.id, one_line=True)
    if article.url:
        assert article.url.startswith(("http://", "https://", "mailto:"))
        assert is_clean(article.url, one_line=True) and " " not in article.url


def check_entities(text: str) -> None:
    found = extract(text)
    for entity in [*found.people, *found.sources]:
        for start, end in [*entity.mentions, *entity.citations]:
            assert 0 <= start < end <= len(text), (start, end, len(text))
        assert is_clean(entity.name, one_line=True)
    json.dumps(found.to_json())


PROFILE = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROFILE
@given(feed_xml())
def test_feed_loader_never_raises_and_output_is_clean(data: bytes) -> None:
    result = parse_feed_bytes(data, FEED)
    if result.error:
        assert is_clean(result.error, one_line=True)
    assert is_clean(result.feed_title or "", one_line=True)
    for article in result.articles:
        check_article(article)
        check_entities(article.text)


@PROFILE
@given(st.binary(max_size=2000))
def test_feed_loader_on_arbitrary_bytes(data: bytes) -> None:
    result = parse_feed_bytes(data, FEED)
    for article in result.articles:
        check_article(article)


@PROFILE
@given(article_text, st.sampled_from([None, "https://example.com/dir/page", "javascript:x"]))
def test_html_cleaner_output_is_clean(html: str, base: str | None) -> None:
    text = html_to_text(html, base)
    assert is_clean(text) and text == sanitize_text(text)
    assert is_clean(html_to_line(html), one_line=True)
    for line in text.splitlines():
        if line.startswith("[") and "] " in line:
            url = line.split("] ", 1)[1]
            if url.startswith(("http", "mailto")):
                assert safe_link(url) == url


@PROFILE
@given(article_text)
def test_text_and_markdown_and_html_files_parse_clean(text: str) -> None:
    title, body, section, topic = parse_text_article(text)
    markdown, _ = markdown_to_text(text)
    html_title, html_body, _ = parse_html_article(text)
    for value in (sanitize_line(title), sanitize_line(section), sanitize_line(topic), html_title):
        assert is_clean(value, one_line=True)
    for value in (sanitize_text(body), markdown, html_body):
        assert is_clean(value)


@PROFILE
@given(article_text)
def test_entity_offsets_are_inside_the_text(text: str) -> None:
    check_entities(sanitize_text(text))
    check_entities(text)  # even on raw, unsanitized text
