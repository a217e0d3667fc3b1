"""The bundled samples must load offline, cleanly, in every layout they demo."""

from __future__ import annotations

from pathlib import Path

import reader
from reader.ingest import load_path

SAMPLES = Path(reader.__file__).parent / "samples"


def test_sample_articles_load() -> None:
    results = load_path(SAMPLES / "articles")
    assert not [r.error for r in results if r.error]
    articles = [a for r in results for a in r.articles]
    assert len(articles) == 7
    seeds = [a for a in articles if a.section and a.topic and a.path and a.path.endswith(".txt")]
    assert len(seeds) == 4
    for article in seeds:
        assert 250 <= len(article.text.split()) <= 400
    suffixes = {Path(a.path or "").suffix for a in articles}
    assert suffixes == {".txt", ".md", ".html"}
    # One person recurs across stories: the "follow this person" demo depends on it.
    assert sum("Tomas Varga" in a.text for a in articles) >= 5


def test_sample_feeds_load() -> None:
    counts = {}
    for name in ("wire-desk.rss", "harbour-notes.atom", "field-dispatch.json"):
        (result,) = load_path(SAMPLES / "feeds" / name)
        assert result.error is None
        assert all(a.title and a.text and a.published and a.url for a in result.articles)
        counts[name] = len(result.articles)
    assert counts == {"wire-desk.rss": 7, "harbour-notes.atom": 4, "field-dispatch.json": 4}
