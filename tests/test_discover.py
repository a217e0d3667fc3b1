"""Adding a feed by URL: the feed itself, or the one its HTML page advertises (loopback only)."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import main
from reader.config import parse_config
from reader.discover import DiscoveryError, discover_feed
from reader.ingest.fetch import make_client
from tests.loopback import SiteHandler, base_url, serving


@pytest.fixture
def server() -> Iterator[str]:
    with serving(SiteHandler) as httpd:
        yield base_url(httpd)


def test_a_feed_url_is_taken_as_it_is(server: str) -> None:
    with make_client(timeout=5) as client:
        feed = discover_feed(f"{server}/feed.xml", client)
    assert (feed.title, feed.url) == ("Loopback News", f"{server}/feed.xml")


def test_a_page_leads_to_the_feed_it_advertises(server: str) -> None:
    with make_client(timeout=5) as client:
        feed = discover_feed(f"{server}/", client)
    assert feed.url == f"{server}/feed.xml"


@pytest.mark.parametrize("path", ["/bare", "/missing"])
def test_no_feed_is_a_one_line_error(server: str, path: str) -> None:
    with make_client(timeout=5) as client, pytest.raises(DiscoveryError) as info:
        discover_feed(f"{server}{path}", client)
    assert f"{server}{path}" in str(info.value) and "\n" not in str(info.value)


def test_reader_add_then_rename_retag_remove(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "feeds.toml"
    config.write_text("# mine\n")
    assert main(["--config", str(config), "add", f"{server}/", "--tag", "local"]) == 0
    assert "added Loopback News" in capsys.readouterr().out
    assert main(["--config", str(config), "add", f"{server}/feed.xml"]) == 0
    assert "already in" in capsys.readouterr().out
    assert main(["--config", str(config), "rename", "Loopback News", "LB"]) == 0
    assert main(["--config", str(config), "retag", "LB", "a", "b"]) == 0
    text = config.read_text()
    assert text.startswith("# mine\n") and 'title = "LB"' in text and '"a", "b"' in text
    db = str(tmp_path / "db.sqlite")
    assert main(["--config", str(config), "--db", db, "refresh"]) == 0
    capsys.readouterr()
    code = main(["--config", str(config), "--db", db, "list", "--json"])
    stored = capsys.readouterr().out.splitlines()
    assert code == 0 and stored
    assert main(["--config", str(config), "--db", db, "remove", "LB"]) == 0
    assert f"; {len(stored)} stored article" in capsys.readouterr().out
    assert "LB" not in config.read_text()
    assert main(["--config", str(config), "--db", db, "list"]) == 0
    assert capsys.readouterr().out == ""


def test_reader_add_takes_local_files_and_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "feeds.toml"
    config.write_text("# mine\n")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "one.txt").write_text("Council approves bridge\n\nThe council voted.\n")
    sample = Path(__file__).resolve().parents[1] / "reader/samples/feeds/wire-desk.rss"
    assert main(["--config", str(config), "add", str(notes), "--tag", "mine"]) == 0
    assert main(["--config", str(config), "add", str(sample)]) == 0
    out = capsys.readouterr().out
    assert f"added notes ({notes})" in out and "added The Wire Desk" in out
    assert main(["--config", str(config), "add", str(notes)]) == 0
    assert "already in" in capsys.readouterr().out
    db = str(tmp_path / "db.sqlite")
    assert main(["--config", str(config), "--db", db, "refresh"]) == 0
    capsys.readouterr()
    assert main(["--config", str(config), "--db", db, "list", "--json"]) == 0
    titles = {json.loads(line)["title"] for line in capsys.readouterr().out.splitlines()}
    assert "Council approves bridge" in titles and len(titles) > 1
    assert main(["--config", str(config), "add", str(tmp_path / "nope")]) == 2
    assert "nope: no such file or folder" in capsys.readouterr().err


def test_reader_add_while_offline_adds_the_url_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:  # a port nobody listens on: connection refused
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/feed.xml"
    config = tmp_path / "feeds.toml"
    config.write_text("")
    assert main(["--config", str(config), "add", url, "--tag", "news"]) == 0
    out, err = capsys.readouterr()
    assert "added without checking it" in err and "could not connect" in err
    assert f"added {url}" in out
    feed = parse_config(config).feeds[0]
    assert (feed.url, feed.tags) == (url, ["news"])


def test_each_url_is_downloaded_once() -> None:
    asked: list[str] = []

    class Counting(SiteHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            super().do_GET()

    with serving(Counting) as httpd, make_client(timeout=5) as client:
        discover_feed(f"{base_url(httpd)}/", client)
    assert asked == ["/", "/feed.xml"]
