"""Hostile feed lists, URLs and paths: one clear line, never a traceback, nothing spoofed."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from reader.cli import main
from reader.config import ConfigError, parse_config
from reader.models import FeedConfig
from reader.opml import MAX_TAGS, OpmlError, export_opml, parse_opml

FEED = '<outline type="rss" text="Deep" xmlUrl="https://deep.test/rss"/>'
INVISIBLE = ("\u009b", "\u202e", "\u200b", "\x1b")


def opml(body: str, head: str = '<?xml version="1.0"?>') -> str:
    return f"{head}<opml version=\"2.0\"><head/><body>{body}</body></opml>"


def test_opml_nested_ten_thousand_folders_deep_is_read(tmp_path: Path) -> None:
    depth = 10_000
    document = opml('<outline text="f">' * depth + FEED + "</outline>" * depth)
    (feed,) = parse_opml(document.encode())
    assert feed.url == "https://deep.test/rss" and feed.tags == ["f"] * MAX_TAGS


@pytest.mark.parametrize(
    "document",
    [
        # UTF-16 without a byte-order mark: expat still reads it, a byte search does not.
        opml(FEED, '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE opml [<!ENTITY a "b">]>')
        .encode("utf-16-le"),
        opml(FEED, '<!DOCTYPE opml [<!ENTITY a "b">]>').encode("utf-16-be"),
        opml(FEED, '<!DOCTYPE opml [<!ENTITY a "b">]>').encode("utf-16"),
        # A DOCTYPE after 4 KB of comment.
        opml(FEED, "<!--" + " " * 5000 + '--><!DOCTYPE opml SYSTEM "file:///etc/passwd">').encode(),
    ],
)
def test_opml_dtd_guard_reads_the_document_not_its_first_bytes(document: bytes) -> None:
    with pytest.raises(OpmlError, match="DOCTYPE/ENTITY declarations are not allowed"):
        parse_opml(document, "evil.opml")


def test_control_and_bidi_characters_leave_opml_urls_and_titles(tmp_path: Path) -> None:
    hidden = "\u202e\u200b\u009b"  # (ESC itself cannot appear in XML 1.0)
    document = opml(
        f'<outline text="News{hidden}"><outline type="rss" text="Wire{hidden}" '
        f'xmlUrl="https://wire.test/rss{hidden}"/></outline>'
    )
    (feed,) = parse_opml(document.encode())
    assert (feed.title, feed.url, feed.tags) == ("Wire", "https://wire.test/rss", ["News"])
    exported = export_opml([FeedConfig(
        title=f"A{hidden}\x1b", url=f"https://a.test/x{hidden}\x1b", tags=[f"t{hidden}"]
    )])
    assert not any(char in exported for char in INVISIBLE)
    assert 'xmlUrl="https://a.test/x"' in exported and 'title="A"' in exported


@pytest.mark.parametrize("url", ["http://[::1/x", "http://a.test/\nfeed", "http://a.test:99999/"])
def test_add_with_an_unusable_url_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], url: str
) -> None:
    config = tmp_path / "feeds.toml"
    config.write_text("")
    assert main(["--config", str(config), "add", url]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"reader: {url!r} is not a usable feed address: ")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert config.read_text() == ""


def test_a_url_with_a_bidi_override_in_feeds_toml_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text('[[feed]]\ntitle = "x"\nurl = "https://a.test/\u202eexe.txt"\n')
    with pytest.raises(ConfigError, match=r"feeds\.toml:3: url .* is not usable: .*invisible"):
        parse_config(path)


def test_db_in_a_folder_that_cannot_be_made_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "feeds.toml"
    config.write_text("")
    db = tmp_path / "missing" / "db.sqlite"

    def read_only(*_: object, **__: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(Path, "mkdir", read_only)
    assert main(["--config", str(config), "--db", str(db), "list"]) == 2
    err = capsys.readouterr().err
    assert err == f"reader: {db}: cannot create its folder: Read-only file system\n"
    monkeypatch.undo()
    # The same where a file stands in the folder's way.
    (tmp_path / "a-file").write_text("")
    db = tmp_path / "a-file" / "sub" / "db.sqlite"
    assert main(["--config", str(config), "--db", str(db), "list"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"reader: {db}: cannot create its folder: ") and err.count("\n") == 1
