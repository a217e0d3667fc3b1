"""XML attacks: entity expansion, external entities, deep nesting.

Bounded time and memory, no local file read, and the feed either yields inert
items or a one-line error.  (The fast path's refusal of any DOCTYPE is in
tests/test_ingest_feeds.py.)
"""

from __future__ import annotations

import resource
from pathlib import Path

import pytest

from reader.ingest import load_path, parse_feed_bytes
from reader.models import FeedConfig, FeedResult
from tests.hang_guard import finishes

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


def run(data: bytes) -> tuple[FeedResult, int]:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = finishes(lambda: parse_feed_bytes(data, FEED))  # a hang fails; time is not asserted
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    if result.error:
        assert "\n" not in result.error
    return result, grown_kb


def shown(result: FeedResult) -> str:
    parts = [result.feed_title or "", result.error or ""]
    for article in result.articles:
        parts += [article.title, article.text, article.author or ""]
    return "\n".join(parts)


@pytest.mark.parametrize("data", [laughs(), quadratic()], ids=["billion-laughs", "quadratic"])
def test_entity_expansion_is_bounded(data: bytes) -> None:
    result, grown_kb = run(data)
    assert grown_kb < 200_000
    assert len(shown(result)) < 1_000_000
    assert "lollollol" not in shown(result)


def test_external_entities_never_read_local_files(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    for data in xxe(secret):
        result, _ = run(data)
        assert SECRET not in shown(result)
        # And through a local feed file too (the loader reading a file from disk).
        attack = tmp_path / "attack.xml"
        attack.write_bytes(data)
        for loaded in load_path(attack):
            assert SECRET not in shown(loaded)


@pytest.mark.parametrize("inside_item", [True, False], ids=["in-item", "in-description"])
def test_deep_nesting_is_bounded(inside_item: bool) -> None:
    result, grown_kb = run(nested(30_000, inside_item))
    assert grown_kb < 200_000
    assert result.articles and result.articles[0].title == "t"


RSS_HEAD = '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>t</title>'
FEEDPARSER_CRASHERS = {
    "stray </width>": RSS_HEAD + "<item><title>kept</title></width></item></channel></rss>",
    "stray </media:player>": (
        RSS_HEAD + "<item><title>kept</title></media:player></item></channel></rss>"
    ),
    "surrogate reference": RSS_HEAD + "<item><title>kept &#xD800;</title></item></channel></rss>",
    "reference past U+10FFFF": (
        RSS_HEAD + "<item><title>kept &#99999999;</title></item></channel></rss>"
    ),
    "undecodable encoding": (
        '<?xml version="1.0" encoding="punycode"?>'
        + RSS_HEAD + "<item><title>kept</title></item></channel></rss>"
    ),
}


@pytest.mark.parametrize("name", sorted(FEEDPARSER_CRASHERS))
def test_feedparser_crashes_fall_back_to_a_tamed_copy(name: str) -> None:
    """Issue 12: feedparser's own exceptions escaped (tracebacks in inspect and add, the
    whole feed failed in a refresh); the items are read from a tamed copy instead."""
    result = parse_feed_bytes(FEEDPARSER_CRASHERS[name].encode(), FEED)
    assert [a.title.split()[0] for a in result.articles] == ["kept"], result.error
    assert result.feed_title == "t"


def test_an_unexpected_parser_exception_is_the_feeds_one_line_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import feedparser

    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("media_player\nsecond line")

    monkeypatch.setattr(feedparser, "parse", broken)
    result = parse_feed_bytes(FEEDPARSER_CRASHERS["stray </width>"].encode(), FEED)
    assert not result.articles
    assert result.error is not None and "\n" not in result.error
    assert "KeyError" in result.error


def test_inspect_reports_a_file_that_crashes_a_loader_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader import cli
    from reader.ingest import local

    def broken(*_args: object) -> None:
        raise RuntimeError("a bug")

    (tmp_path / "a.txt").write_text("Headline\n\nBody.\n")
    (tmp_path / "b.xml").write_bytes(FEEDPARSER_CRASHERS["stray </width>"].encode())
    monkeypatch.setattr(local, "article_from_file", broken)
    assert cli.main(["inspect", str(tmp_path)]) == 0  # the feed file still loads
    captured = capsys.readouterr()
    assert captured.err.strip() == f"reader: {tmp_path / 'a.txt'}: RuntimeError: a bug"
    assert "kept" in captured.out
