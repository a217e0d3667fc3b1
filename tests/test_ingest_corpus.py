"""Ingest against the shared corpora: real feeds and feedparser's own test files.

Skipped cleanly when ``../shared`` is absent.
"""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

from reader.ingest import fastfeed, load_path, parse_feed_bytes
from reader.models import FeedConfig

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REAL = SHARED / "corpus" / "real-feeds"
FEEDPARSER_TESTS = SHARED / "corpus" / "feedparser-tests"
FIELDS = ("id", "title", "url", "text", "published", "author")

needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="shared real-feeds corpus absent")
needs_feedparser_tests = pytest.mark.skipif(
    not FEEDPARSER_TESTS.is_dir(), reason="shared feedparser-tests corpus absent"
)


def manifest() -> list[dict[str, str]]:
    if not REAL.is_dir():
        return []
    with (REAL / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@needs_real
@pytest.mark.parametrize("row", manifest(), ids=lambda row: row["file"])
def test_every_real_feed_yields_items_or_an_error(row: dict[str, str]) -> None:
    path = REAL / row["file"]
    (result,) = load_path(path)
    assert result.articles or result.error
    if result.error:
        assert "\n" not in result.error and str(path) in result.error
    assert len(result.articles) == int(row["items"]), "item count differs from the manifest"
    for article in result.articles:
        assert article.id and article.feed_id == result.feed.id
        assert "\ufffd" not in article.title, "undecoded title"
        assert "\x1b" not in article.text


@needs_real
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("yandex_news_windows-1251.xml", "В Бузулуке главные стройплощадки"),
        ("ibash_windows-1251.xml", "Цитата #17703"),
        ("compressed_gzip.xml.gz", "В Бузулуке главные стройплощадки"),
        ("qq_tech_gb2312.xml", "拟298亿元重组盛大游戏后"),
        ("kc0011_gb2312.rss", "建国35周年纪念，华表，和平鸽"),
        ("jn_pt_iso8859-1.rss", "Mãe de utente é a nova presidente da Raríssimas"),
        (
            "uol_noticias_nodecl.rss",
            "Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações",
        ),
        ("dicas_l_rss091_iso8859-1.xml", "bash - Expansão de Parâmetros"),
        ("golem_de_iso8859-1.xml", "Red Dead Redemption 2: Hinweise auf PC-Umsetzung"),
        ("bbc_urdu.xml", "امریکی عسکری امداد"),
    ],
)
def test_non_utf8_titles_decode(name: str, expected: str) -> None:
    (result,) = load_path(REAL / name)
    assert result.articles[0].title.startswith(expected)


@needs_real
@pytest.mark.parametrize(
    "name",
    [
        "daringfireball.json",
        "inessential.json",
        "fboes_blog.json",
        "rosemary_orchard_large.json",
        "elastic_blog_jsonfeed11.json",
    ],
)
def test_json_feeds_yield_items(name: str) -> None:
    (result,) = load_path(REAL / name)
    assert result.error is None and result.articles
    assert all(a.title and a.id for a in result.articles)


@needs_real
def test_broken_feeds_report_errors() -> None:
    (truncated,) = load_path(REAL / "reuters_mostread_invalid.xml")
    assert truncated.error and not truncated.articles
    (partial,) = load_path(REAL / "physorg_nodecl.rss")
    assert partial.error and "not well-formed" in partial.error and len(partial.articles) == 30


def _feed_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def _assert_paths_agree(path: Path) -> bool:
    """Both paths give identical articles; returns whether the fast path took the file."""
    data = _feed_bytes(path)
    if fastfeed.parse(data.lstrip(), None) is None:
        return False
    feed = FeedConfig(title=path.name, path=str(path))
    fast = parse_feed_bytes(data, feed)
    slow = parse_feed_bytes(data, feed, use_fast_path=False)
    assert len(fast.articles) == len(slow.articles), path.name
    for a, b in zip(fast.articles, slow.articles, strict=True):
        for field in FIELDS:
            assert getattr(a, field) == getattr(b, field), (path.name, field)
    assert fast.feed_title == slow.feed_title
    return True


@needs_real
def test_fast_path_matches_feedparser_on_real_feeds() -> None:
    files = [
        p for p in sorted(REAL.iterdir()) if p.suffix in (".xml", ".rss", ".atom", ".rdf", ".gz")
    ]
    taken = [p.name for p in files if _assert_paths_agree(p)]
    # Well-formed UTF-8, Latin-1 and windows-125x feeds go the fast way; GB2312 and broken
    # ones (and JSON Feeds, not tried here) fall back.
    assert len(taken) >= 38, taken


@needs_feedparser_tests
def test_fast_path_matches_feedparser_on_its_own_tests() -> None:
    files = sorted(p for p in (FEEDPARSER_TESTS / "wellformed").rglob("*.xml") if p.is_file())
    taken = sum(_assert_paths_agree(p) for p in files)
    assert taken >= 900
