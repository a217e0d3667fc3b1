"""feedparser's own 2,248 data-driven test files through ``reader``.

Every file goes through what ``reader inspect --json`` runs (in-process, with a
per-file time budget so that a hang is caught and named) and into a store;
where a file's ``Expect:`` header makes a claim about something ``reader``
shows (feed title, item title, link, id, author, body) the claim is checked
against reader's :class:`~reader.models.Article`.

Comparison rules (documented differences, not bugs):

* reader shows plain text: an expected HTML value is compared after the same
  conversion reader applies (``html_to_line`` for titles, ``html_to_text`` or
  ``sanitize_text`` for bodies); those converters have their own tests.
* reader never shows a ``javascript:``/``data:``/``file:`` link: an expected
  unsafe link is compared as "no link".
* reader's body is the first non-empty content, else the summary: a claim about
  a summary of an item that also has content is not applicable.
* feedparser-only data (tags, enclosures, geo, itunes, bozo, encoding, ...) is
  not shown by reader: not applicable.
* ``http/`` files need feedparser's own HTTP test server: their claims are
  skipped (the network behaviour is covered by tests/test_faults_network.py);
  the files still go through the loaders.

Skipped cleanly when ``../shared/corpus`` is absent.
"""

from __future__ import annotations

import ast
import codecs
import contextlib
import importlib.util
import io
import json
import queue
import re
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

from reader import cli
from reader.html_text import html_to_line, html_to_text, safe_link
from reader.ingest import load_path, parse_feed_bytes
from reader.ingest.decode import GZIP_MAGIC, gunzip
from reader.ingest.feeds import MAX_FEED_BYTES
from reader.ingest.items import clean_author
from reader.models import Article, FeedConfig, FeedResult
from reader.sanitize import sanitize_line, sanitize_text
from reader.store import Store

ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "feedparser-tests"
PER_FILE_BUDGET = 10.0
"""Seconds one file may take (the whole corpus takes about 2 s); more is a hang."""

pytestmark = pytest.mark.skipif(not ROOT.is_dir(), reason="shared feedparser-tests corpus absent")


def corpus_files() -> list[Path]:
    if not ROOT.is_dir():
        return []
    return sorted(p for p in ROOT.rglob("*") if p.is_file() and p.name != "LICENSE")


# -- running every file with a time budget ---------------------------------------


def run_with_budget(
    items: list[Path], work: Callable[[Path], Any], budget: float = PER_FILE_BUDGET
) -> dict[Path, Any]:
    """``work(item)`` for each item in a daemon thread; a hang fails naming the item.

    Exceptions are returned as values (the caller asserts on them) so that one
    crash does not hide the others.
    """
    todo: queue.Queue[Path | None] = queue.Queue()
    done: queue.Queue[tuple[Path, Any]] = queue.Queue()

    def worker() -> None:
        while (item := todo.get()) is not None:
            try:
                value = work(item)
            except BaseException as exc:
                value = exc
            done.put((item, value))

    thread = threading.Thread(target=worker, daemon=True)
    thread.start()
    results: dict[Path, Any] = {}
    try:
        for item in items:
            todo.put(item)
            try:
                got, value = done.get(timeout=budget)
            except queue.Empty:
                pytest.fail(f"{item}: no result within {budget} s (hang)")
            results[got] = value
    finally:
        todo.put(None)
    return results


def test_every_file_loads_and_stores_without_crash_or_hang(tmp_path: Path) -> None:
    files = corpus_files()
    assert len(files) == 2248
    results = run_with_budget(files, load_path)
    crashes = {p: r for p, r in results.items() if isinstance(r, BaseException)}
    assert not crashes, crashes
    errors = 0
    ids: set[tuple[str, str]] = set()
    with Store(tmp_path / "db.sqlite") as store:
        for path, feed_results in results.items():
            assert feed_results, path
            for result in feed_results:
                if result.error:
                    errors += 1
                    assert "\n" not in result.error and str(path) in result.error
                for article in result.articles:
                    assert article.id and sanitize_line(article.title) == article.title
                    assert sanitize_text(article.text) == article.text
                    ids.add((result.feed.id, article.id))
                store.save_result(result)
        feeds, total, _ = store.counts()
        integrity = store._db.execute("PRAGMA integrity_check").fetchone()[0]
    assert integrity == "ok"
    # An article belongs to its feed: identical test items in different files are one
    # article each.
    assert feeds == len(files) and total == len(ids) > 100
    # Most of the corpus is readable; the rest are deliberately broken files.
    assert errors < 350, errors


def test_inspect_json_on_the_whole_corpus_in_process() -> None:
    """``reader inspect --json`` over every file at once: JSON lines, one-line errors."""
    files = [str(p) for p in corpus_files()]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(["inspect", "--json", *files])
    assert status == 0
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(records) > 1000
    for record in records:
        text = record["text"]
        for span in (m for group in ("people", "sources") for e in record[group]
                     for m in e["mentions"]):
            assert 0 <= span[0] < span[1] <= len(text)
    messages = err.getvalue().splitlines()
    assert all(line.startswith("reader: ") for line in messages)
    assert "Traceback" not in err.getvalue()


def test_inspect_subprocess_smoke() -> None:
    """The real command line on a handful of files: exit 0, JSON out, no traceback."""
    picks = [
        ROOT / "wellformed" / "rss" / "item_title.xml",
        ROOT / "wellformed" / "sanitize" / "entry_content_script.xml",
        ROOT / "illformed" / "rss_item_link_corrupted_ampersand.xml",
        ROOT / "encoding" / "big5.xml",
        ROOT / "compression" / "gzip.gz",
        ROOT / "compression" / "gzip-struct-error.gz",
    ]
    picks = [p for p in picks if p.exists()]
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "inspect", "--json", *map(str, picks)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert all(json.loads(line)["id"] for line in proc.stdout.splitlines())


# -- Expect: claims ---------------------------------------------------------------


@dataclass(slots=True)
class Header:
    expect: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    skip_unless: list[str] = field(default_factory=list)


def skip_reason(header: Header) -> str | None:
    """Why feedparser's own harness would skip the file here (SkipUnless), never eval'd."""
    for condition in header.skip_unless:
        codec = re.search(r"lookup\('([^']+)'\)", condition)
        if codec:
            try:
                codecs.lookup(codec.group(1))
            except LookupError:
                return f"n/a: SkipUnless codec {codec.group(1)} (Python has none)"
        elif "chardet" in condition and importlib.util.find_spec("chardet") is None:
            return "n/a: SkipUnless chardet (not installed)"
    return None


def read_header(data: bytes) -> Header:
    """The ``Description:``/``Expect:``/``Header:`` comment, whatever the file's encoding."""
    text = ""
    for encoding in ("utf-8", "utf-16", "utf-32", "latin-1"):
        try:
            text = data[:8192].decode(encoding)
        except UnicodeDecodeError:
            continue
        if "Expect:" in text:
            break
    header = Header()
    for line in text.split("-->", 1)[0].splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "Expect":
            header.expect = value.strip()
        elif key.strip() == "SkipUnless":
            header.skip_unless.append(value.strip())
        elif key.strip() == "Header":
            name, _, val = value.strip().partition(":")
            header.headers[name.strip().lower()] = val.strip()
    return header


def _path_of(node: ast.expr) -> list[str | int] | None:
    """``entries[0]['title']`` / ``feed.link`` as ``['entries', 0, 'title']``."""
    parts: list[str | int] = []
    while True:
        if isinstance(node, ast.Subscript):
            key = node.slice
            if not isinstance(key, ast.Constant) or not isinstance(key.value, str | int):
                return None
            parts.append(key.value)
            node = node.value
        elif isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            parts.append(node.id)
            return parts[::-1]
        else:
            return None


def claims(expect: str) -> list[tuple[list[str | int], Any]]:
    """The ``path == literal`` terms of an Expect expression (other terms are ignored)."""
    try:
        tree = ast.parse(expect, mode="eval").body
    except SyntaxError:
        return []
    terms = tree.values if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.And) else [tree]
    out = []
    for term in terms:
        if not (
            isinstance(term, ast.Compare)
            and len(term.ops) == 1
            and isinstance(term.ops[0], ast.Eq)
        ):
            continue
        path = _path_of(term.left)
        try:
            value = ast.literal_eval(term.comparators[0])
        except ValueError:
            continue
        if path:
            out.append((path, value))
    return out


LINE_FIELDS = {("title",), ("title_detail", "value")}
BODY_FIELDS = {
    ("description",): "summary",
    ("summary",): "summary",
    ("summary_detail", "value"): "summary",
    ("content", 0, "value"): "content",
}


@dataclass(slots=True)
class Tally:
    checked: int = 0
    matched: int = 0
    not_applicable: Counter[str] = field(default_factory=Counter)
    mismatches: list[str] = field(default_factory=list)


def _has_content(data: bytes, headers: dict[str, str], index: int) -> bool:
    import feedparser

    parsed = feedparser.parse(data, response_headers=headers)
    entries = parsed.entries
    return index < len(entries) and any(c.get("value") for c in entries[index].get("content", []))


def _body_matches(expected: str, actual: str, base: str | None) -> bool:
    if actual in (sanitize_text(expected), html_to_text(expected, base)):
        return True
    # Footnote numbers and URLs depend on link resolution; compare the prose.
    def prose(text: str) -> str:
        return " ".join(text.split("\n\nLinks:\n", 1)[0].split())

    return prose(actual) == prose(html_to_text(expected, base))


def check_file(path: Path, tally: Tally) -> None:
    data = path.read_bytes()
    header = read_header(data)
    found = claims(header.expect)
    if not found:
        return
    if path.parent.name == "http" and path.parent.parent == ROOT:
        tally.not_applicable["needs feedparser's HTTP test server"] += len(found)
        return
    reason = skip_reason(header)
    if reason:
        tally.not_applicable[reason] += len(found)
        return
    if data[:2] == GZIP_MAGIC:
        data = gunzip(data, MAX_FEED_BYTES)
    base = header.headers.get("content-location")
    if "http" in path.name:
        # feedparser fetched these from its test server: that URL is the document's base.
        server = f"http://127.0.0.1:8097/tests/{path.relative_to(ROOT).as_posix()}"
        base = urljoin(server, base) if base else server
    feed = FeedConfig(title=path.name, path=str(path))
    result = parse_feed_bytes(
        data, feed, content_type=header.headers.get("content-type"), base_url=base
    )
    for claim_path, expected in found:
        verdict = _judge(claim_path, expected, result, data, header, base)
        if verdict is None:
            tally.checked += 1
            tally.matched += 1
        elif verdict.startswith("n/a"):
            tally.not_applicable[verdict] += 1
        else:
            tally.checked += 1
            tally.mismatches.append(f"{path.relative_to(ROOT)}: {verdict}")


def _judge(
    claim: list[str | int],
    expected: Any,
    result: FeedResult,
    data: bytes,
    header: Header,
    base: str | None,
) -> str | None:
    """None when reader shows what the claim says; "n/a: why" or a mismatch description."""
    if not isinstance(expected, str):
        return "n/a: not a string claim"
    root, rest = claim[0], tuple(claim[1:])
    actual: str | None
    if root == "feed" and rest in LINE_FIELDS:
        actual, want = result.feed_title or "", html_to_line(expected)
        # reader falls back to the configured title when the feed has none.
        if not want:
            return None
        return None if actual == want else f"feed title {actual!r} != {want!r}"
    if root != "entries" or not rest or not isinstance(rest[0], int):
        return "n/a: field reader does not show"
    index, rest = rest[0], rest[1:]
    shown = rest in LINE_FIELDS or rest in BODY_FIELDS or rest in {("link",), ("id",), ("author",)}
    if not shown:
        return "n/a: field reader does not show"
    if index >= len(result.articles):
        return f"entry {index} missing ({len(result.articles)} articles, error={result.error!r})"
    article: Article = result.articles[index]
    if rest in LINE_FIELDS:
        want = html_to_line(expected)
        if not want:
            return "n/a: empty title (reader titles the item from its text)"
        return None if article.title == want else f"title {article.title!r} != {want!r}"
    if rest == ("link",):
        want_link = safe_link(expected)
        ok = article.url == want_link
        return None if ok else f"link {article.url!r} != {want_link!r}"
    if rest == ("id",):
        if not expected:
            return "n/a: empty id (reader uses the link or a content hash)"
        ok = article.id == sanitize_line(expected)
        return None if ok else f"id {article.id!r} != {expected!r}"
    if rest == ("author",):
        want_author = clean_author(expected)
        ok = article.author == want_author
        return None if ok else f"author {article.author!r} != {want_author!r}"
    kind = BODY_FIELDS[rest]
    if _body_matches(expected, article.text, base):
        return None
    if kind == "summary" and _has_content(data, header.headers, index):
        return "n/a: summary of an item that has content (reader shows the content)"
    return f"{'.'.join(map(str, rest))} {article.text[:120]!r} != {html_to_text(expected)[:120]!r}"


# Differences investigated and justified: reader follows the HTML standard's
# tokenizer (what a browser shows), feedparser its own SGML-era sanitizer.
_BROWSER = "reader tokenizes HTML as a browser does; feedparser's sanitizer differs"
KNOWN_MISMATCHES: dict[str, str] = {
    "wellformed/rss/item_description_not_a_doctype.xml": _BROWSER + " ('<!' opens a comment)",
    "wellformed/sanitize/item_content_encoded_script_nested_cdata.xml": _BROWSER
    + " (CDATA in HTML is a bogus comment)",
    "wellformed/sanitize/xml_malicious_comment.xml": _BROWSER
    + " (an unterminated comment runs to the end)",
    "encoding/bozo_linenoise.xml": _BROWSER + " ('<>' is text, not a tag)",
    "wellformed/sanitize/entry_content_iframe.xml": "reader drops iframes with their content",
    "wellformed/sanitize/entry_summary_iframe.xml": "reader drops iframes with their content",
}


def test_expect_claims_about_what_reader_shows() -> None:
    tally = Tally()
    for path in corpus_files():
        check_file(path, tally)
    unexplained = [m for m in tally.mismatches if m.split(":", 1)[0] not in KNOWN_MISMATCHES]
    print(
        f"claims checked {tally.checked}, matched {tally.matched}, "
        f"not applicable {sum(tally.not_applicable.values())} {dict(tally.not_applicable)}"
    )
    assert tally.checked > 1000
    assert not unexplained, "\n".join(unexplained)
