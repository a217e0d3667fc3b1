"""The headless CLI: what scripts, tests and benchmarks drive."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.store import Store

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "reader" / "samples"


def write_config(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(body, encoding="utf-8")
    return path


def local_config(tmp_path: Path) -> Path:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "one.txt").write_text(
        "Speed Reads\n\nharbour strike\n\nDockers walk out in Portsmouth\n\n"
        "Dock workers in Portsmouth walked out on Monday, union leader Maria Okafor said, "
        "according to Reuters.\n\nOkafor told the BBC the strike would last a week.\n",
        encoding="utf-8",
    )
    (articles / "two.txt").write_text(
        "Council approves bridge\n\nThe city council approved the new bridge on Tuesday.\n",
        encoding="utf-8",
    )
    return write_config(tmp_path, '[[feed]]\ntitle = "Local"\npath = "articles"\n')


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_refresh_list_mark_cycle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = str(local_config(tmp_path))
    db = str(tmp_path / "db.sqlite")
    code, _, err = run(capsys, "--config", config, "--db", db, "refresh")
    assert code == 0, err
    assert "2 sources" not in err and "1 sources, 2 new" in err
    code, out, _ = run(capsys, "--config", config, "--db", db, "list", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert {r["title"] for r in rows} == {
        "Dockers walk out in Portsmouth",
        "Council approves bridge",
    }
    assert all(r["read"] is False and r["feed"] == "Local" for r in rows)
    first = rows[0]["id"]
    assert run(capsys, "--config", config, "--db", db, "mark", "read", first)[0] == 0
    code, out, _ = run(capsys, "--config", config, "--db", db, "list", "--unread", "--json")
    assert [json.loads(line)["id"] for line in out.splitlines()] == [rows[1]["id"]]
    code, _, err = run(capsys, "--config", config, "--db", db, "mark", "unread", "nope")
    assert code == 1 and "no article with id 'nope'" in err


def test_refresh_reports_failures_and_exit_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, '[[feed]]\ntitle = "Gone"\npath = "missing.xml"\n')
    code, _, err = run(capsys, "--config", str(config), "--db", str(tmp_path / "d"), "refresh")
    assert code == 1  # every source failed
    assert "Gone:" in err and "missing.xml" in err and "Traceback" not in err


def test_follow_and_search_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(local_config(tmp_path))
    db = str(tmp_path / "db.sqlite")
    run(capsys, "--config", config, "--db", db, "refresh")
    # A refresh only stores (as fast as newsboat's reload); following indexes first.
    with Store(db) as store:
        assert store.unindexed() == 2
    code, out, err = run(capsys, "--config", config, "--db", db, "list", "--follow", "Maria Okafor")
    assert code == 0 and "Dockers walk out" in out and "bridge" not in out
    assert "indexing 2 new articles first" in err
    with Store(db) as store:
        assert store.unindexed() == 0
    code, out, _ = run(capsys, "--config", config, "--db", db, "list", "--search", "bridg")
    assert "Council approves bridge" in out and "Dockers" not in out


def test_refresh_index_indexes_before_it_exits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(local_config(tmp_path))
    db = str(tmp_path / "db.sqlite")
    assert run(capsys, "--config", config, "--db", db, "refresh", "--index")[0] == 0
    with Store(db) as store:
        assert store.unindexed() == 0
    code, _, err = run(capsys, "--config", config, "--db", db, "list", "--search", "bridge")
    assert code == 0 and "indexing" not in err


def test_list_since_filters_by_date_and_rejects_nonsense(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(local_config(tmp_path))
    db = str(tmp_path / "db.sqlite")
    run(capsys, "--config", config, "--db", db, "refresh")
    # Local files have no date: they count from when they were stored (now).
    code, out, _ = run(capsys, "--config", config, "--db", db, "list", "--since", "24h")
    assert code == 0 and len(out.splitlines()) == 2
    code, out, _ = run(capsys, "--config", config, "--db", db, "list", "--since", "2999-01-01")
    assert code == 0 and out == ""
    code, out, err = run(capsys, "--config", config, "--db", db, "list", "--since", "lately")
    assert code == 2 and out == "" and err.count("\n") == 1 and "--since 'lately'" in err


def test_inspect_seed_json(shared: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = shared / "samples" / "speed-reads-venezuela.txt"
    code, out, _ = run(capsys, "inspect", "--json", str(seed))
    assert code == 0
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["section"] == "Speed Reads"
    assert record["topic"] == "venezuela crisis"
    assert record["title"].startswith("Venezuela's No. 2 official is reportedly in secret talks")
    assert record["path"] == str(seed.resolve())
    for key in ("id", "url", "published", "text"):
        assert key in record
    people = {p["name"] for p in record["people"]}
    assert people == {
        "Diosdado Cabello",
        "Nicolás Maduro",
        "Mauricio Claver-Carone",
        "James Mattis",
        "Trump",
    }
    text = record["text"]
    for entity in record["people"] + record["sources"]:
        for start, end in entity["mentions"]:
            assert 0 <= start < end <= len(text)
    outlets = {s["name"]: s for s in record["sources"] if s["kind"] == "outlet"}
    assert set(outlets) == {"The Associated Press", "Axios"}
    assert "AP" in outlets["The Associated Press"]["aliases"]
    assert any(s["kind"] == "anonymous" for s in record["sources"])


def test_inspect_without_json_is_readable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    local_config(tmp_path)
    code, out, _ = run(capsys, "inspect", str(tmp_path / "articles" / "one.txt"))
    assert code == 0
    assert "Dockers walk out in Portsmouth" in out and "Maria Okafor" in out


def test_inspect_missing_path_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "inspect", str(tmp_path / "nope.txt"))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "nope.txt" in err


def test_bad_config_is_one_line_no_traceback(tmp_path: Path) -> None:
    config = write_config(tmp_path, '[[feed]]\ntitle = "x"\nurl = 5\n')
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--config", str(config), "list"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"reader: {config}:3: feed key 'url' must be a str"


def test_export_import_opml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(
        tmp_path, '# keep me\n[[feed]]\ntitle = "A"\nurl = "https://a.test/rss"\ntags = ["x"]\n'
    )
    code, opml, _ = run(capsys, "--config", str(config), "export-opml")
    assert code == 0 and 'xmlUrl="https://a.test/rss"' in opml
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other = write_config(other_dir, "")
    (tmp_path / "subs.opml").write_text(opml)
    code, out, _ = run(capsys, "--config", str(other), "import", str(tmp_path / "subs.opml"))
    assert code == 0 and "1 of 1 feeds added" in out
    assert 'url = "https://a.test/rss"' in other.read_text()


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("reader ")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "examples:" in capsys.readouterr().out


def test_doctor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path, '[[feed]]\ntitle = "Gone"\npath = "missing"\n')
    code, out, _ = run(capsys, "--config", str(config), "--db", str(tmp_path / "d"), "doctor")
    assert code == 0
    assert f"config:   {config}" in out and "missing does not exist" in out


def test_inspect_json_gives_links_apart_from_the_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "saved.html"
    story = "The harbour strike ended on Friday, said Maria Lopez, the union's spokeswoman. " * 3
    page.write_text(
        f"<html><body><article><h1>Strike ends</h1><p>{story}</p><p>Read "
        "<a href='https://port.example/report'>the report</a> [2] of the talks, and more "
        "about the settlement that the two sides reached after nine days.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "inspect", "--json", str(page))
    assert code == 0
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["links"] == ["https://port.example/report"]
    assert "Read the report [2] of the talks" in record["text"]  # a mark of the page's own
    assert "Links:" not in record["text"] and "[1]" not in record["text"]
    for entity in record["people"] + record["sources"]:
        for start, end in entity["mentions"]:
            assert record["text"][start:end] in (entity["name"], *entity.get("aliases", []))
