from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.ingest import load_path
from reader.ingest.local import parse_text_article
from reader.models import Article, FeedConfig

DATA = Path(__file__).parent / "data" / "ingest"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def one(path: Path) -> Article:
    results = load_path(path)
    assert len(results) == 1 and results[0].error is None, results[0].error
    assert len(results[0].articles) == 1
    return results[0].articles[0]


def test_seed_layout() -> None:
    article = one(DATA / "seed_layout.txt")
    assert article.section == "World Brief"
    assert article.topic == "river dispute"
    assert article.title == "Upstream nations agree to share water data after months of talks"
    assert article.text.startswith("The five countries")
    assert "\n\n" in article.text and "World Brief" not in article.text
    assert article.id == str((DATA / "seed_layout.txt").resolve()) == article.path
    assert article.feed_id == str((DATA / "seed_layout.txt").resolve())


def test_headline_first_with_short_lead_is_not_seed() -> None:
    article = one(DATA / "headline_first.txt")
    assert article.title == "Short lead story"
    assert article.section is None and article.topic is None
    assert article.text.startswith("Rain.\n\nThe city")


def test_real_seed_sample() -> None:
    seed = SHARED / "samples" / "speed-reads-venezuela.txt"
    if not seed.exists():
        pytest.skip("shared samples absent")
    article = one(seed)
    assert (article.section, article.topic) == ("Speed Reads", "venezuela crisis")
    assert article.title.startswith("Venezuela's No. 2 official")
    assert article.text.startswith("The U.S. has opened up")


def test_bbc_corpus_is_headline_first_and_latin1_decodes() -> None:
    bbc = SHARED / "corpus" / "news-articles" / "bbc"
    if not bbc.exists():
        pytest.skip("shared corpus absent")
    results = load_path(bbc)
    stories = [a for r in results for a in r.articles if a.path and a.path.endswith(".txt")]
    articles = [a for a in stories if "README" not in (a.path or "")]
    assert len(articles) == 200 and not [r.error for r in results if r.error]
    assert all(a.section is None for a in articles), "a BBC story was taken for seed layout"
    mutu = next(a for a in articles if a.path and a.path.endswith("sport/199.txt"))
    assert mutu.title == "Chelsea sack Mutu"
    assert "£15.8m" in mutu.text


def test_text_paragraph_rewrapping() -> None:
    text = (
        "Headline\n\nThis is a hard wrapped paragraph that goes on for a while\n"
        "and continues here.\n\n- item one is a list\n- item two\n"
    )
    title, body, section, topic = parse_text_article(text)
    assert title == "Headline" and section is None and topic is None
    assert body == (
        "This is a hard wrapped paragraph that goes on for a while and continues here.\n\n"
        "- item one is a list\n- item two"
    )


def test_latin1_text() -> None:
    article = one(DATA / "latin1.txt")
    assert article.title == "Café owners protest rent rise"
    assert "£200" in article.text


def test_markdown_front_matter() -> None:
    article = one(DATA / "article.md")
    assert article.title == "Tram line opens: riders cheer"
    assert article.author == "Lena Fischer"
    assert article.url == "https://tram.example/opening"
    assert article.published == datetime(2024, 4, 2, 6, 0, tzinfo=UTC)
    assert "**" not in article.text and "tram line opened on Monday" in article.text
    assert "transport authority [1]" in article.text
    assert article.text.endswith("Links:\n[1] https://tram.example/authority")
    assert "• 12 stops\n• 9 km of track" in article.text


def test_markdown_title_from_heading(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# The heading\n\nBody _text_ here.\n")
    article = one(path)
    assert article.title == "The heading"
    assert article.text == "Body text here."


@pytest.mark.parametrize(("heading", "kept"), [
    ("# Why the corridor matters", False),  # the title's end: shown once, as the title
    ("# Other words entirely", True),  # a heading of its own stays in the body
])
def test_a_heading_that_repeats_the_front_matter_title_is_shown_once(
        tmp_path: Path, heading: str, kept: bool) -> None:
    path = tmp_path / "note.md"
    path.write_text(f'---\ntitle: "Analysis: Why the corridor matters"\n---\n{heading}\n\n'
                    "Body text here.\n")
    article = one(path)
    assert article.title == "Analysis: Why the corridor matters"
    assert article.text.startswith(heading.lstrip("# ")) == kept
    assert article.text.endswith("Body text here.")


def test_html_article() -> None:
    article = one(DATA / "article.html")
    assert article.title == "Bridge repairs finish early"
    assert article.author == "Olav Berg"
    assert article.url == "https://courier.example/bridge"
    assert article.published == datetime(2024, 5, 6, 10, 0, tzinfo=UTC)
    assert article.text.startswith("Repairs on the harbour bridge")
    for chrome in ("Home", "Copyright", "Related", "track()", "color"):
        assert chrome not in article.text
    assert "[1] https://courier.example/traffic" in article.text


@pytest.mark.parametrize(
    ("page", "title", "meta"),
    [
        (
            "<html><head><META Property='og:title' content='Tides &amp; times'>"
            '<link rel="Canonical stylesheet" href=https://x.example/a></head>'
            "<body><h1>Other</h1><p>Body.</p></body></html>",
            "Tides & times",
            {"og:title": "Tides & times", "canonical": "https://x.example/a"},
        ),
        (
            "<title>Page &#8211; Site</title><h1 class=t>Head<b>line</b> &amp; more</h1>"
            "<p>Body.</p>",
            "Headline & more",
            {},
        ),
        ("<TITLE>Only a title</TITLE><p>Body.</p>", "Only a title", {}),
        ('<meta name="author" content="A. Writer"><meta name=author content=Second><p>x</p>',
         "", {"author": "A. Writer"}),
    ],
)
def test_html_head_is_read_without_a_full_parser(
    page: str, title: str, meta: dict[str, str]
) -> None:
    from reader.ingest.local import parse_html_article

    got_title, text, got_meta = parse_html_article(page)
    assert got_title == title and got_meta == meta
    assert "Body." in text or text == "x"


def test_hostile_text_file_is_sanitized() -> None:
    article = one(DATA / "hostile.txt")
    assert "\x1b" not in article.title + article.text
    # Markup-like text is kept literally; the UI never parses feed text as markup.
    assert article.title == "Hostile [bold]markup[/] headline"


def test_feed_file_loads_many_articles() -> None:
    results = load_path(DATA / "rss20.xml")
    assert len(results) == 1 and len(results[0].articles) == 3
    assert results[0].feed_title == "Harbour Gazette"


def test_gzip_feed_file() -> None:
    plain = load_path(DATA / "rss20.xml")[0].articles
    gz = load_path(DATA / "rss20.xml.gz")[0].articles
    assert [a.id for a in gz] == [a.id for a in plain]


def test_feed_sniffed_without_feed_extension(tmp_path: Path) -> None:
    path = tmp_path / "feed.txt"
    path.write_bytes((DATA / "atom.xml").read_bytes())
    assert len(load_path(path)[0].articles) == 3


def test_directory_sorted_with_errors_and_loops(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "story.txt").write_text("Headline B\n\nBody b.\n")
    (tmp_path / "a.txt").write_text("Headline A\n\nBody a.\n")
    (tmp_path / "broken.json").write_text("{not json")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nx\n")
    (tmp_path / "b" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    feed = FeedConfig(title="Local", path=str(tmp_path))
    results = load_path(tmp_path, feed)
    assert all(r.feed is feed for r in results)
    titles = [a.title for r in results for a in r.articles]
    assert titles == ["Headline A", "Headline B"]
    errors = [r.error for r in results if r.error]
    assert len(errors) == 2
    assert any("broken.json" in e and "JSON" in e for e in errors)
    assert any("dangling.txt" in e for e in errors)
    assert all("\n" not in e for e in errors)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x\n\ny\n")
    path.chmod(0)
    (result,) = load_path(path)
    assert result.error and "secret.txt" in result.error


def test_missing_path() -> None:
    (result,) = load_path(Path("/nonexistent/for/sure.txt"))
    assert result.error == "/nonexistent/for/sure.txt: no such file"


def test_binary_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "blob"
    path.write_bytes(b"\x00\x01\x02binary")
    (result,) = load_path(path)
    assert result.error and "not a text file" in result.error


def test_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.ingest.local as local

    monkeypatch.setattr(local, "MAX_ARTICLE_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text("Headline\n\n" + "word " * 100)
    (result,) = load_path(path)
    assert result.error and "larger than" in result.error and "big.txt" in result.error


def test_synthesized_feed_config(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("Title\n\nBody.\n")
    (result,) = load_path(path)
    assert result.feed.path == str(path.resolve())
    assert result.feed.title == "one"
    assert result.articles[0].feed_title == "one"


def test_file_name_with_escape_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil\x1b[31m.txt"
    path.write_text("Title\n\nBody.\n")
    (result,) = load_path(path)
    assert result.error and "control characters" in result.error
    assert "\x1b" not in result.error and not result.articles


def test_a_saved_page_is_decoded_by_its_meta_charset(tmp_path: Path) -> None:
    from reader.ingest import load_path

    story = "Der Bürgermeister von Köln sprach über die Straßen der Stadt und ihre Brücken. " * 3
    page = tmp_path / "seite.html"
    page.write_bytes(
        f"<html><head><meta charset='iso-8859-1'><title>Köln</title></head><body><article>"
        f"<p>{story}</p></article></body></html>".encode("iso-8859-1")
    )
    (result,) = load_path(page)
    (article,) = result.articles
    assert "Bürgermeister von Köln" in article.text and "Straßen" in article.text
