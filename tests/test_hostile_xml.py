"""XML attacks: entity expansion, external entities, deep nesting.

Bounded time and memory, no local file read, and the feed either yields inert
items or a one-line error.  (The fast path's refusal of any DOCTYPE is in
tests/test_ingest_feeds.py.)
"""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from reader.ingest import load_path, parse_feed_bytes
from reader.models import FeedConfig, FeedResult

FEED = FeedConfig(title="attack", url="https://attacker.example/feed")
SECRET = "TOP-SECRET-8d1f"


def laughs(levels: int = 10) -> bytes:
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, levels)
    )
    top = f"&l{levels - 1};"
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
        f"<title>{top}</title><item><title>{top}</title><description>{top}</description>"
        "</item></channel></rss>"
    ).encode()


def quadratic() -> bytes:
    return (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + "x" * 50_000 + '">]>'
        '<rss version="2.0"><channel><title>t</title><item><title>q</title><description>'
        + "&a;" * 50_000 + "</description></item></channel></rss>"
    ).encode()


def xxe(secret: Path) -> list[bytes]:
    uri = secret.as_uri()
    body = "<channel><title>&x;</title><item><title>&x;</title><description>&x;</description>"
    return [
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "{uri}">]>'
        f'<rss version="2.0">{body}</item></channel></rss>'.encode(),
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "{uri}"> %p;]>'
        '<rss version="2.0"><channel><title>t</title><item><title>t</title></item>'
        "</channel></rss>".encode(),
        f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{uri}"><rss version="2.0"><channel>'
        "<title>t</title><item><title>&x;</title></item></channel></rss>".encode(),
        f'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "{uri}">]>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>&x;</title><entry><title>&x;'
        "</title><content>&x;</content></entry></feed>".encode(),
    ]


def nested(depth: int, inside_item: bool) -> bytes:
    deep = "<x>" * depth + "</x>" * depth
    where = f"<item><title>t</title>{deep}</item>" if inside_item else (
        f"<item><title>t</title><description>{deep}</description></item>"
    )
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>d</title>'
    return f"{head}{where}</channel></rss>".encode()


def run(data: bytes) -> tuple[FeedResult, float, int]:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    result = parse_feed_bytes(data, FEED)
    elapsed = time.perf_counter() - start
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    if result.error:
        assert "\n" not in result.error
    return result, elapsed, grown_kb


def shown(result: FeedResult) -> str:
    parts = [result.feed_title or "", result.error or ""]
    for article in result.articles:
        parts += [article.title, article.text, article.author or ""]
    return "\n".join(parts)


@pytest.mark.parametrize("data", [laughs(), quadratic()], ids=["billion-laughs", "quadratic"])
def test_entity_expansion_is_bounded(data: bytes) -> None:
    result, elapsed, grown_kb = run(data)
    assert elapsed < 5 and grown_kb < 200_000
    assert len(shown(result)) < 1_000_000
    assert "lollollol" not in shown(result)


def test_external_entities_never_read_local_files(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    for data in xxe(secret):
        result, elapsed, _ = run(data)
        assert SECRET not in shown(result) and elapsed < 2
        # And through a local feed file too (the loader reading a file from disk).
        attack = tmp_path / "attack.xml"
        attack.write_bytes(data)
        for loaded in load_path(attack):
            assert SECRET not in shown(loaded)


@pytest.mark.parametrize("inside_item", [True, False], ids=["in-item", "in-description"])
def test_deep_nesting_is_bounded(inside_item: bool) -> None:
    result, elapsed, grown_kb = run(nested(30_000, inside_item))
    assert elapsed < 5 and grown_kb < 200_000
    assert result.articles and result.articles[0].title == "t"
