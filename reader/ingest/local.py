"""Local files and directories: one article per text/Markdown/HTML file, feed files as feeds.

Text layouts
------------
*Seed layout* (see ``samples/``): section line, blank, topic line, blank,
headline, blank, paragraphs.  *Headline-first*: headline, blank, paragraphs.
In both, :attr:`Article.text` holds the body paragraphs only, without the
headline, section or topic (those are in ``title``, ``section``, ``topic``).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from reader.html_text import safe_link
from reader.ingest.decode import GZIP_MAGIC, IngestError, decode_text
from reader.ingest.feeds import parse_feed_bytes
from reader.ingest.items import clean_author
from reader.ingest.limits import MAX_FEED_BYTES, MAX_LINE_CHARS, cap_line, cap_text
from reader.ingest.markdown import markdown_to_text, split_front_matter
from reader.ingest.page import (
    author_of,
    link_of,
    parse_date,
    parse_html_article,
    published_of,
)
from reader.models import Article, FeedConfig, FeedResult
from reader.sanitize import sanitize_line, sanitize_text, strip_controls
from reader.webpage import decode_page

MAX_ARTICLE_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".rdf", ".json", ".gz"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
_FEED_SNIFF = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)[\s>]", re.S
)
_TERMINAL_PUNCTUATION = ".!?:;,\"'”’)…"


def synthesize_feed(path: Path) -> FeedConfig:
    """The FeedConfig used for a path loaded without one."""
    resolved = path.expanduser().resolve()
    return FeedConfig(title=resolved.stem or resolved.name or str(resolved), path=str(resolved))


# -- plain text -------------------------------------------------------------


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs; hard-wrapped prose lines are re-joined."""
    out: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        wrapped = len(lines) > 1 and all(
            len(line) >= 40 and not re.match(r"[-*•]|\d+[.)]\s", line) for line in lines[:-1]
        )
        out.append(" ".join(lines) if wrapped else "\n".join(lines))
    return out


def _is_label(paragraph: str) -> bool:
    """A short one-line label such as "Speed Reads" or "venezuela crisis"."""
    return (
        "\n" not in paragraph
        and len(paragraph) <= 60
        and len(paragraph.split()) <= 6
        and paragraph[-1] not in _TERMINAL_PUNCTUATION
    )


def parse_text_article(text: str) -> tuple[str, str, str | None, str | None]:
    """``(title, body, section, topic)`` of a seed-layout or headline-first text."""
    paras = _paragraphs(text)
    if not paras:
        return "", "", None, None
    # Seed: two short labels, then a one-line headline, then at least one paragraph
    # that is longer than the headline.  A headline-first story whose lead paragraph
    # happens to be short would need a second label AND a headline-like third line.
    if (
        len(paras) >= 4
        and _is_label(paras[0])
        and _is_label(paras[1])
        and "\n" not in paras[2]
        and len(paras[2]) <= 300
        and len(paras[3]) > len(paras[1])
    ):
        return paras[2], "\n\n".join(paras[3:]), paras[0], paras[1]
    title = paras[0].split("\n", 1)[0]
    rest = paras[0].split("\n", 1)[1:] + paras[1:]
    return title, "\n\n".join(rest), None, None


def _headline_of(body: str) -> tuple[str, str]:
    """``(title, body)`` of a text without a heading: a short first line that does not end
    a sentence is its headline (and leaves the body); else the file's name is the title
    (``""`` here) and the body stays whole."""
    first, _, rest = body.partition("\n\n")
    if "\n" not in first and len(first) <= 120 and not first.rstrip().endswith((".", ",", ";")):
        return first, rest
    return "", body


# -- files ------------------------------------------------------------------


def _error(feed: FeedConfig, path: Path, reason: str) -> FeedResult:
    return FeedResult(feed=feed, error=sanitize_line(f"{path}: {reason}"))


def is_feed_file(path: Path, head: bytes) -> bool:
    if path.suffix.lower() in FEED_SUFFIXES or head[:2] == GZIP_MAGIC:
        return True
    return bool(_FEED_SNIFF.match(head.lstrip(b"\xef\xbb\xbf")))


def article_from_file(path: Path, data: bytes, feed: FeedConfig) -> Article:
    """One article from a text, Markdown or HTML file's bytes."""
    suffix = path.suffix.lower()
    # A web page declares its charset in <meta>; browsers and the "v" key honour it.
    text = decode_page(data, None) if suffix in HTML_SUFFIXES else decode_text(data)
    section = topic = url = author = None
    published = None
    if suffix in MARKDOWN_SUFFIXES:
        meta, markdown = split_front_matter(text)
        body, heading = markdown_to_text(markdown)
        title = meta.get("title") or heading or ""
        # the first heading is the title, or repeats it ("Analysis: Why ..." over "# Why ..."):
        # shown once, as the title
        repeats = heading is not None and title.casefold().endswith(heading.casefold())
        if heading and body.startswith(heading) and (not meta.get("title") or repeats):
            body = body[len(heading) :]
        if not title:
            title, body = _headline_of(body)
        url = meta.get("url") or meta.get("link") or meta.get("source_url")
        author = meta.get("author")
        published = parse_date(meta.get("date") or meta.get("published"))
        # The publication it came from shows beside the feed's name, with any section.
        section = " · ".join(v for v in (meta.get("source"), meta.get("section")) if v)
        topic = meta.get("topic")
    elif suffix in HTML_SUFFIXES:
        title, body, meta = parse_html_article(text)
        url, author, published = link_of(meta), author_of(meta), published_of(meta)
        section = meta.get("article:section")
    else:
        title, body, section, topic = parse_text_article(text)
    resolved = str(path.resolve())
    title = cap_line(sanitize_line(title[: 4 * MAX_LINE_CHARS])) or path.stem
    return Article(
        id=resolved,
        feed_id=feed.id,
        title=title,
        text=cap_text(sanitize_text(body)),
        url=safe_link(url),
        published=published,
        author=clean_author(author),
        section=cap_line(sanitize_line(section)) or None,
        topic=cap_line(sanitize_line(topic)) or None,
        path=resolved,
        feed_title=feed.title,
    )


def _not_regular(mode: int) -> str | None:
    """What a file that is not a regular file is (``"FIFO"``), or None for a regular one."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "directory" if stat.S_ISDIR(mode) else "special file"


def load_file(path: Path, feed: FeedConfig) -> FeedResult:
    """Read one file; every failure becomes a FeedResult with ``error`` naming the path."""
    name = str(path)
    if strip_controls(name) != name or "\n" in name or "\t" in name:
        # The path becomes the article's id and path, which must be safe to show as is.
        return _error(feed, path, "file name holds control characters; rename it")
    try:
        kind = _not_regular(os.stat(path).st_mode)
        if kind:  # opening a FIFO blocks until a writer comes; a device may never end
            return _error(feed, path, f"{kind}, not a regular file: skipped")
        # O_NONBLOCK: if the file was swapped for a FIFO since, opening it does not hang.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with open(fd, "rb") as handle:
            status = os.fstat(fd)
            kind = _not_regular(status.st_mode)
            if kind:
                return _error(feed, path, f"{kind}, not a regular file: skipped")
            size = status.st_size
            head = handle.read(4096)
            feed_file = is_feed_file(path, head)
            cap = MAX_FEED_BYTES if feed_file else MAX_ARTICLE_BYTES
            if size > cap:
                return _error(feed, path, f"file larger than {cap // (1024 * 1024)} MB")
            data = head + handle.read(cap + 1 - len(head))
    except FileNotFoundError:
        return _error(feed, path, "no such file")
    except OSError as exc:
        return _error(feed, path, exc.strerror or type(exc).__name__)
    if len(data) > cap:
        return _error(feed, path, f"file larger than {cap // (1024 * 1024)} MB")
    if feed_file:
        result = parse_feed_bytes(data, feed, base_url=None, path=str(path.resolve()))
        if result.error:
            result.error = sanitize_line(f"{path}: {result.error}")
        return result
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _error(feed, path, "not a text file")
    try:
        article = article_from_file(path, data, feed)
    except (IngestError, ValueError, RecursionError) as exc:
        return _error(feed, path, str(exc) or type(exc).__name__)
    return FeedResult(feed=feed, articles=[article], feed_title=feed.title)


def iter_files(root: Path) -> list[Path]:
    """Supported files below ``root``, sorted; hidden entries skipped, symlink loops cut."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()

    def on_error(exc: OSError) -> None:
        found.append(Path(exc.filename) if exc.filename else root)

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=on_error):
        try:
            st = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            dirnames[:] = []
            continue
        seen.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith(".") or name.endswith("~"):
                continue
            path = Path(dirpath, name)
            if path.suffix.lower() in SUPPORTED_SUFFIXES or name.lower().endswith(".xml.gz"):
                found.append(path)
    return sorted(set(found))


def load_path(path: Path, feed: FeedConfig | None = None) -> list[FeedResult]:
    """Articles from a file, or from every supported file below a directory.

    A directory gives one FeedResult per file, all carrying the same ``feed``:
    together they are the feed's content.  A file that cannot be read, decoded
    or parsed gives a result with ``error`` set; the others still load.
    """
    path = path.expanduser()
    feed = feed or synthesize_feed(path)
    try:
        is_dir = path.is_dir()
    except OSError as exc:
        return [_error(feed, path, exc.strerror or type(exc).__name__)]
    if not is_dir:
        return [_load_one(path, feed)]
    files = iter_files(path)
    if not files:
        return [FeedResult(feed=feed, feed_title=feed.title)]
    return [_load_one(file, feed) for file in files]


def _load_one(path: Path, feed: FeedConfig) -> FeedResult:
    """:func:`load_file`, with a bug that a hostile file reaches as that file's error."""
    try:
        return load_file(path, feed)
    except Exception as exc:
        return _error(feed, path, f"{type(exc).__name__}: {exc}")
