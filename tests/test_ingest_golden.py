"""Golden output of ingest over the shared corpora: the same articles, field for field.

``tests/data/ingest/golden.json`` holds one short hash per corpus file of what
ingest made of it (articles' id, title, url, text, published, author; the feed
title; the error), recorded before the fast path stopped importing feedparser's
private names.  Only hashes are stored, never the corpus text.  Record anew
(after checking that a difference is intended) with::

    python tests/test_ingest_golden.py --record

Skipped cleanly when ``../shared`` is absent.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.ingest import load_path, parse_feed_bytes  # noqa: E402
from reader.models import FeedConfig, FeedResult  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
GOLDEN = ROOT / "tests" / "data" / "ingest" / "golden.json"
FEED_DIRS = ("real-feeds", "feedparser-tests")
ARTICLE_DIRS = ("news-articles",)
FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf", ".json", ".gz", ".z")

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus absent")


def _digest(result: FeedResult, *, with_ids: bool) -> str:
    rows: list[object] = [result.feed_title, result.error]
    for article in result.articles:
        rows.append(
            [
                article.id if with_ids else None,
                article.title,
                article.url,
                article.text,
                article.published.isoformat() if article.published else None,
                article.author,
            ]
        )
    blob = json.dumps(rows, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:12]


def corpus_files() -> list[tuple[str, Path]]:
    """``(key, path)`` of every corpus file ingest reads, keyed by its path in the corpus."""
    found: list[tuple[str, Path]] = []
    for name in FEED_DIRS + ARTICLE_DIRS:
        folder = CORPUS / name
        if not folder.is_dir():
            continue
        suffixes = FEED_SUFFIXES if name in FEED_DIRS else (".txt",)
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix.lower() in suffixes and "http" not in path.name:
                found.append((path.relative_to(CORPUS).as_posix(), path))
    return found


def digest_of(key: str, path: Path) -> str:
    if key.startswith(ARTICLE_DIRS):
        (result,) = load_path(path, FeedConfig(title="corpus", path=str(path.parent)))
        return _digest(result, with_ids=False)  # a file's id is its absolute path
    feed = FeedConfig(title=path.name, url=f"https://corpus.invalid/{key}")
    return _digest(parse_feed_bytes(path.read_bytes(), feed), with_ids=True)


def record() -> dict[str, str]:
    return {key: digest_of(key, path) for key, path in corpus_files()}


def test_ingest_output_is_unchanged_on_every_corpus_file() -> None:
    golden: dict[str, str] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    files = corpus_files()
    assert len(files) >= 2000, "the corpus is smaller than when the hashes were recorded"
    changed = [key for key, path in files if key in golden and digest_of(key, path) != golden[key]]
    missing = [key for key, _ in files if key not in golden]
    assert not changed, f"{len(changed)} files ingest differently: {changed[:10]}"
    assert not missing, f"files without a recorded hash: {missing[:10]}"


if __name__ == "__main__":
    if sys.argv[1:] != ["--record"]:
        sys.exit("usage: python tests/test_ingest_golden.py --record")
    GOLDEN.write_text(json.dumps(record(), indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"recorded {GOLDEN}")
