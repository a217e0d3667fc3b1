"""Moving in from other readers: OPML 1.0/2.0, newsboat urls, plain URL lists, round trips."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from reader.config import parse_config
from reader.feeds_file import add_feeds
from reader.imports import parse_urls_file, read_feed_list
from reader.models import FeedConfig
from reader.opml import OpmlError, export_opml, parse_opml

# As newsboat 2.x writes it with `newsboat -e`.
NEWSBOAT_OPML = b"""<?xml version="1.0"?>
<opml version="1.0">
  <head>
    <title>newsboat - Exported Feeds</title>
  </head>
  <body>
    <outline type="rss" xmlUrl="https://example.org/a.xml" htmlUrl="https://example.org/"
             title="Example A"/>
    <outline type="rss" xmlUrl="https://example.org/b.xml" htmlUrl="" title="B &amp; Co"/>
  </body>
</opml>
"""

# Nested folders, as Feedly, Inoreader or FreshRSS export them.
NESTED_OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Subscriptions</title></head>
  <body>
    <outline text="News" title="News">
      <outline text="World" title="World">
        <outline type="rss" text="Wire" title="Wire" xmlUrl="https://wire.test/rss"/>
      </outline>
      <outline type="rss" text="Daily" xmlUrl="https://daily.test/feed"/>
    </outline>
    <outline type="rss" text="Loose" xmlUrl="http://loose.test/atom"/>
    <outline type="rss" text="Bad scheme" xmlUrl="file:///etc/passwd"/>
  </body>
</opml>
"""


def test_newsboat_opml_export_imports() -> None:
    feeds = parse_opml(NEWSBOAT_OPML)
    assert [(f.title, f.url) for f in feeds] == [
        ("Example A", "https://example.org/a.xml"),
        ("B & Co", "https://example.org/b.xml"),
    ]


def test_nested_outlines_become_tags_and_unsafe_urls_are_dropped() -> None:
    feeds = parse_opml(NESTED_OPML)
    assert [(f.title, f.tags) for f in feeds] == [
        ("Wire", ["News", "World"]),
        ("Daily", ["News"]),
        ("Loose", []),
    ]


def test_opml_refuses_entity_declarations() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><opml><body/></opml>'
    with pytest.raises(OpmlError, match="not allowed"):
        parse_opml(bomb, "bomb.opml")


@pytest.mark.parametrize("data", [b"<html><body/></html>", b"<opml><body>", b"not xml"])
def test_bad_opml_is_one_line_error(data: bytes) -> None:
    with pytest.raises(OpmlError) as info:
        parse_opml(data, "x.opml")
    assert str(info.value).startswith("x.opml: ") and "\n" not in str(info.value)


def test_export_round_trips_through_our_parser() -> None:
    feeds = [
        FeedConfig("Wire <&> \"quotes\"", url="https://wire.test/rss", tags=["news"]),
        FeedConfig("Daily", url="https://daily.test/feed"),
        FeedConfig("Local", path="/tmp/articles"),
    ]
    back = parse_opml(export_opml(feeds).encode())
    assert [(f.title, f.url, f.tags) for f in back] == [
        ("Wire <&> \"quotes\"", "https://wire.test/rss", ["news"]),
        ("Daily", "https://daily.test/feed", []),
    ]


IMPORTS = Path(__file__).parent / "data" / "imports"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("feedly.opml", [
            ("Kessel Port Authority", "https://kessel-port.example/news.rss", ["Harbours"]),
            ("Tide Tables & Notices", "https://tides.example/feed/", ["Harbours"]),
            ("Lab Notes", "https://labnotes.example/atom.xml", ["Science"]),
        ]),
        ("inoreader.xml", [
            ("Marrovia Daily", "https://marrovia-daily.example/rss", ["World"]),
            ("Podcast Feed", "https://podcast.example/episodes.xml", []),
        ]),
        ("netnewswire.opml", [
            ("Orchard Weekly", "https://orchard.example/feed.json", ["Apple"]),
            ("Quay Street Blog", "https://quaystreet.example/index.xml", []),
        ]),
        ("thunderbird.opml", [
            ("Ferry Timetable Changes", "https://ferries.example/changes.rss",
             ["Blogs & News Feeds"]),
        ]),
        ("freshrss.opml.xml", [
            ("Dock Workers Union", "https://dockers.example/feed/", ["Uncategorized"]),
            ("Harbour Gazette", "https://gazette.example/rss.xml", ["Local"]),
        ]),
        ("miniflux.opml", [
            ("Weather Service", "https://weather.example/alerts.atom", ["All"]),
        ]),
        ("newsraft-feeds", [
            ("Top Stories", "https://top.example/feed.xml", []),
            ("Kessel Port Authority", "https://kessel-port.example/news.rss", ["Harbours"]),
            ("https://tides.example/feed/", "https://tides.example/feed/", ["Harbours"]),
            ("Lab Notes", "https://labnotes.example/atom.xml", ["Science"]),
        ]),
    ],
)
def test_files_written_by_other_readers(name: str, expected: list[tuple[str, str, list[str]]]
                                        ) -> None:
    """Each file is written the way that reader exports (Feedly, Inoreader, NetNewsWire,
    Thunderbird, FreshRSS, Miniflux OPML; newsraft's own feeds file)."""
    found = read_feed_list(IMPORTS / name)
    assert [(f.title, f.url, f.tags) for f in found.feeds] == expected
    if name == "newsraft-feeds":
        assert found.skipped == [
            f"{IMPORTS / name}:10: command feeds are not supported: "
            "$(curl -s https://generated.example/make-feed)"
        ]
    else:
        assert found.skipped == []


def test_newsboat_urls_file() -> None:
    text = (
        "# my feeds\n"
        'https://a.test/rss news "~Renamed A" tech\n'
        "https://b.test/atom !hidden\n"
        '"query:Unread Articles:unread = \\"yes\\""\n'
        "ftp://c.test/feed\n"
        "https://a.test/rss duplicate\n"
        "\n"
    )
    found = parse_urls_file(text, "urls")
    assert [(f.title, f.url, f.tags) for f in found.feeds] == [
        ("Renamed A", "https://a.test/rss", ["news", "tech"]),
        ("https://b.test/atom", "https://b.test/atom", ["hidden"]),
    ]
    assert found.skipped[0].startswith("urls:4: query feeds are not supported")
    assert found.skipped[1].startswith("urls:5: not an http(s) URL")


def test_plain_url_list_and_detection(tmp_path: Path) -> None:
    plain = tmp_path / "list.txt"
    plain.write_text("https://one.test/feed\nhttps://two.test/rss\n")
    assert [f.url for f in read_feed_list(plain).feeds] == [
        "https://one.test/feed",
        "https://two.test/rss",
    ]
    opml = tmp_path / "subs.opml"
    opml.write_bytes(NESTED_OPML)
    assert len(read_feed_list(opml).feeds) == 3


def test_add_feeds_keeps_comments_and_skips_known(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    original = (
        "# my precious comment\n[settings]\ntimeout = 5  # seconds\n\n"
        '[[feed]]\ntitle = "Old"\nurl = "https://old.test/rss"\n'
    )
    path.write_text(original)
    added = add_feeds(
        path,
        [
            FeedConfig("Old again", url="https://old.test/rss"),
            FeedConfig("New", url="https://new.test/rss", tags=["x"]),
        ],
    )
    assert [f.title for f in added] == ["New"]
    text = path.read_text()
    assert text.startswith(original)
    assert "# seconds" in text
    config = parse_config(path)
    assert [(f.title, f.tags) for f in config.feeds] == [("Old", []), ("New", ["x"])]


def test_edit_feed_renames_retags_and_removes_keeping_comments(tmp_path: Path) -> None:
    from reader.config import ConfigError
    from reader.feeds_file import edit_feed

    path = tmp_path / "feeds.toml"
    path.write_text(
        "# top comment\n"
        '[[feed]]\ntitle = "A"  # first\nurl = "https://a.test/rss"\n\n'
        '[[feed]]\ntitle = "B"\nurl = "https://b.test/rss"\n\n'
        '[[feed]]\ntitle = "C"\nurl = "https://c.test/rss"\n'
    )
    edit_feed(path, "https://a.test/rss", title="Alpha")
    edit_feed(path, "B", tags=["x", "y"])
    edit_feed(path, "C", remove=True)
    text = path.read_text()
    assert text.startswith("# top comment\n") and "# first" in text
    config = parse_config(path)
    assert [(f.title, f.url, f.tags) for f in config.feeds] == [
        ("Alpha", "https://a.test/rss", []),
        ("B", "https://b.test/rss", ["x", "y"]),
    ]
    with pytest.raises(ConfigError, match="no feed with url, path or title 'Z'"):
        edit_feed(path, "Z", remove=True)


def test_first_edit_of_the_packaged_default_keeps_its_feeds() -> None:
    from reader.config import PACKAGED_DEFAULT
    from reader.feeds_file import writable_config
    from reader.paths import user_config_file

    target = writable_config(PACKAGED_DEFAULT)
    assert target == user_config_file() != PACKAGED_DEFAULT  # (conftest isolates XDG)
    add_feeds(target, [FeedConfig("Mine", url="https://mine.test/rss")])
    default = parse_config(PACKAGED_DEFAULT)
    mine = parse_config(target)
    # Same feeds, same ids (their stored articles stay theirs), same settings, plus the new one.
    assert [f.id for f in mine.feeds] == [f.id for f in default.feeds] + ["https://mine.test/rss"]
    assert all(f.path is None or Path(f.path).exists() for f in mine.feeds)
    assert mine.settings == default.settings
    assert writable_config(PACKAGED_DEFAULT) == target  # later edits go to the same file
    assert len(parse_config(target).feeds) == len(mine.feeds)


@pytest.mark.skipif(shutil.which("newsboat") is None, reason="newsboat is not installed")
def test_round_trip_through_newsboat(tmp_path: Path) -> None:
    """Our OPML imports into newsboat, and newsboat's urls and OPML import back."""
    feeds = [
        FeedConfig("A & B", url="https://a.test/rss", tags=["news"]),
        FeedConfig("C", url="https://c.test/rss"),
    ]
    (tmp_path / "ours.opml").write_text(export_opml(feeds))
    urls = tmp_path / "urls"
    urls.touch()
    base = ["newsboat", "-u", str(urls), "-c", str(tmp_path / "cache.db"), "-C", os.devnull]
    env = {**os.environ, "HOME": str(tmp_path)}
    run = functools.partial(subprocess.run, capture_output=True, env=env, timeout=60, check=True)
    run([*base, "-i", str(tmp_path / "ours.opml")])
    back = parse_urls_file(urls.read_text(), "urls").feeds
    assert [(f.url, f.tags) for f in back] == [
        ("https://a.test/rss", ["news"]),
        ("https://c.test/rss", []),
    ]
    exported = run([*base, "-e"]).stdout
    assert [f.url for f in parse_opml(exported)] == ["https://a.test/rss", "https://c.test/rss"]
