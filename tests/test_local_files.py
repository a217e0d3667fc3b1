"""Local files as a newcomer meets them: a Markdown note without a heading, the front
matter's source and a date without a time, and what the story says its text is."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reader.cli import main as cli
from reader.config import parse_config
from reader.ingest import load_path
from reader.models import Article
from reader.ui.app import ReaderApp
from tests.ui_support import open_article, settle, story

FRONT = (
    "---\nauthor: Lena Fischer\nsource: City Desk\nsection: Transport\n"
    "url: https://tram.example/opening\ndate: 2024-04-02\n---\n"
)


def one(path: Path) -> Article:
    results = load_path(path)
    assert results[0].error is None and len(results[0].articles) == 1
    return results[0].articles[0]


def test_a_markdown_note_without_heading_is_not_told_twice(tmp_path: Path) -> None:
    short = tmp_path / "short.md"
    short.write_text("Tram line opens\n\nThe new line opened on Monday.\n\nRiders cheered.\n")
    article = one(short)
    assert article.title == "Tram line opens"
    assert article.text == "The new line opened on Monday.\n\nRiders cheered."
    prose = tmp_path / "tram-notes.md"
    prose.write_text("The new **tram line** opened on Monday, the city said.\n\nRiders cheered.\n")
    article = one(prose)
    assert article.title == "tram-notes"  # no headline: the file's name, the text whole
    assert article.text == "The new tram line opened on Monday, the city said.\n\nRiders cheered."


def test_front_matter_source_is_kept_beside_the_section(tmp_path: Path) -> None:
    path = tmp_path / "tram.md"
    path.write_text(FRONT + "# Tram line opens\n\nThe new line opened.\n")
    assert one(path).section == "City Desk · Transport"
    path.write_text(FRONT.replace("section: Transport\n", "") + "Body.\n")
    assert one(path).section == "City Desk"


def test_inspect_shows_the_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tram.md"
    path.write_text(FRONT + "# Tram line opens\n\nThe new line opened.\n")
    assert cli(["inspect", str(path)]) == 0
    assert "City Desk · Transport" in capsys.readouterr().out


@pytest.mark.usefixtures("utc_clock")
async def test_the_story_of_a_local_markdown_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "America/New_York")  # west of Greenwich: no "the day before"
    time.tzset()  # (utc_clock puts TZ back afterwards)
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "tram.md").write_text(FRONT + "# Tram line opens\n\nThe new line opened.\n")
    config = tmp_path / "feeds.toml"
    config.write_text('[[feed]]\ntitle = "Notes"\npath = "notes"\n')
    db = tmp_path / "db.sqlite"
    assert cli(["--config", str(config), "--db", str(db), "refresh"]) == 0
    app = ReaderApp(parse_config(config), db, refresh_at_start=False)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        await open_article(pilot, str((folder / "tram.md").resolve()))
        view = story(app)
        meta = view.line_text(1)
        assert meta == "Notes · City Desk · Transport · Lena Fischer · 2024-04-02"
        assert view.view == "Local file"
