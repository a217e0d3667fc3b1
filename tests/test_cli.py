"""The headless CLI: what scripts, tests and benchmarks drive."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.config import parse_config
from reader.paths import default_db_path, user_config_file
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
    assert "2 sources" not in err and "1 source, 2 new" in err
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
    # Local files without a date are not "recent": storing them says nothing of their age.
    code, out, _ = run(capsys, "--config", config, "--db", db, "list", "--since", "7d")
    assert code == 0 and out == ""
    code, out, _ = run(capsys, "--config", config, "--db", db, "list")
    assert len(out.splitlines()) == 2
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
        [sys.executable, "-m", "reader", "--config", str(config), "refresh"],
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


def test_a_broken_config_still_lists_what_the_database_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = local_config(tmp_path)
    db = str(tmp_path / "db.sqlite")
    run(capsys, "--config", str(config), "--db", db, "refresh")
    config.write_text(config.read_text() + "[[feed]\n")  # a typo on line 4
    code, out, err = run(capsys, "--config", str(config), "--db", db, "list")
    assert code == 0 and len(out.splitlines()) == 2
    assert err.count("\n") == 1 and f"{config}:4: invalid TOML" in err
    code, out, _ = run(capsys, "--config", str(config), "--db", db, "doctor")
    assert f"problem:  {config}:4: invalid TOML" in out and "1 problem\n" in out
    assert run(capsys, "--config", str(config), "--db", db, "refresh")[0] == 2


def test_counts_are_singular_for_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    articles = tmp_path / "one"
    articles.mkdir()
    (articles / "a.txt").write_text("Council approves bridge\n\nThe council voted.\n")
    config = str(write_config(tmp_path, '[[feed]]\npath = "one"\n'))
    db = str(tmp_path / "db.sqlite")
    _, _, err = run(capsys, "--config", config, "--db", db, "refresh")
    assert "1 source, 1 new or changed article, 0 failed" in err
    _, out, _ = run(capsys, "--config", config, "--db", db, "index")
    assert out == "1 article indexed\n"
    _, out, _ = run(capsys, "--config", config, "--db", db, "doctor")
    assert "1 feed in the config" in out and "store:    1 feed, 1 article, 1 unread" in out


def test_list_shows_and_filters_starred(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = str(local_config(tmp_path))
    db = str(tmp_path / "db.sqlite")
    run(capsys, "--config", config, "--db", db, "refresh")
    _, out, _ = run(capsys, "--config", config, "--db", db, "list", "--json")
    row = json.loads(out.splitlines()[0])
    first = row["id"]
    with Store(db) as store:
        store.set_starred([row["key"]])
    _, out, _ = run(capsys, "--config", config, "--db", db, "list")
    flags = {line.rsplit("[", 1)[1].rstrip("]"): line[:2] for line in out.splitlines()}
    assert flags[first] == "N*" and sorted(flags.values()) == ["N ", "N*"]
    _, out, _ = run(capsys, "--config", config, "--db", db, "list", "--starred")
    assert len(out.splitlines()) == 1 and f"[{first}]" in out


def test_doctor_names_unknown_key_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path, '[keys]\nlist_down = "j"\nlist_dwon = "n"\n')
    _, out, _ = run(capsys, "--config", str(config), "--db", str(tmp_path / "d"), "doctor")
    assert "unknown key binding ids in [keys]: list_dwon" in out and "list_down," not in out


def test_the_same_config_and_database_wherever_reader_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    clone = tmp_path / "clone"
    clone.mkdir()
    sample = write_config(clone, '[[feed]]\ntitle = "Sample"\nurl = "https://a.test/rss"\n')
    before = sample.read_text()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    seen = []
    for folder in (clone, elsewhere):
        monkeypatch.chdir(folder)
        _, out, _ = run(capsys, "doctor")
        seen.append([line for line in out.splitlines() if line.startswith(("config", "data"))])
    assert seen[0] == seen[1]
    assert seen[0][0] == f"config:   {user_config_file()}"
    assert seen[0][1] == f"database: {default_db_path()}"
    monkeypatch.chdir(clone)
    notes = tmp_path / "notes"
    notes.mkdir()
    assert run(capsys, "add", str(notes))[0] == 0
    assert sample.read_text() == before  # the clone's feeds.toml is never edited
    assert str(notes) in user_config_file().read_text()
    _, out, _ = run(capsys, "doctor")
    assert f"{sample} is not read (only with --config feeds.toml)" in out


def test_first_run_lists_the_bundled_samples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "refresh")  # offline: the web feeds fail, the samples load
    assert code == 0 and "4 failed" not in err
    _, out, _ = run(capsys, "list", "--json")
    feeds = {json.loads(line)["feed"] for line in out.splitlines()}
    assert "Bundled articles" in feeds and "The Wire Desk (RSS sample)" in feeds


def test_import_names_every_feed_it_skips_and_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, '[[feed]]\ntitle = "Have"\nurl = "https://have.test/rss"\n')
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<opml version="2.0"><body>'
        '<outline text="Have" xmlUrl="https://have.test/rss"/>'
        '<outline text="New" xmlUrl="https://new.test/rss"/>'
        '<outline text="Files" xmlUrl="ftp://files.test/feed.xml"/>'
        '<outline text="Just a blog" htmlUrl="https://blog.test/"/>'
        '<outline text="Again" xmlUrl="https://new.test/rss"/>'
        "</body></opml>"
    )
    code, out, err = run(capsys, "--config", str(config), "import", str(opml))
    assert code == 0
    assert out == f"1 of 2 feeds added to {config}; 4 skipped (named above)\n"
    assert f"skipped Have (https://have.test/rss): already in {config}" in err
    assert "'Files': not an http(s) URL: ftp://files.test/feed.xml" in err
    assert "'Just a blog': no feed URL (xmlUrl)" in err
    assert "'Again': listed before: https://new.test/rss" in err
    assert len(err.splitlines()) == 4


def test_export_round_trips_every_tag_and_names_the_local_feeds_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(
        tmp_path,
        '[[feed]]\ntitle = "Two tags"\nurl = "https://a.test/rss"\ntags = ["news", "world"]\n'
        '[[feed]]\ntitle = "One tag"\nurl = "https://b.test/rss"\ntags = ["news"]\n'
        '[[feed]]\ntitle = "Notes"\npath = "notes"\n',
    )
    code, opml, err = run(capsys, "--config", str(config), "export-opml")
    assert code == 0 and "Notes" not in opml
    assert err == (
        f"reader: left out 1 local feed (OPML lists web feeds): Notes ({tmp_path / 'notes'})\n"
    )
    (tmp_path / "other").mkdir()
    other = write_config(tmp_path / "other", "")
    (tmp_path / "subs.opml").write_text(opml)
    assert run(capsys, "--config", str(other), "import", str(tmp_path / "subs.opml"))[0] == 0
    back = {feed.title: feed.tags for feed in parse_config(other).feeds}
    assert back == {"Two tags": ["news", "world"], "One tag": ["news"]}


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


def test_add_keeps_a_blank_line_between_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`reader add` on the bundled feeds.toml (it ends in a [[feed]] with no blank line
    after it): each added [[feed]] has one blank line before it, and nothing else moves."""
    config = write_config(tmp_path, (REPO / "reader" / "default_feeds.toml").read_text())
    before = config.read_text()
    notes = tmp_path / "notes.txt"
    notes.write_text("A note\n\nSome text.\n", encoding="utf-8")
    replaced = []
    monkeypatch.setattr("reader.feeds_file.replace_text",
                        lambda path, text: replaced.append(path) or path.write_text(text))
    assert run(capsys, "--config", str(config), "add", str(notes))[0] == 0
    assert replaced == [config]  # still written through the atomic replace
    text = config.read_text()
    assert text.startswith(before.rstrip("\n") + "\n\n[[feed]]\n")
    assert "\n\n\n" not in text
    added = text[len(before):]
    assert added.startswith("\n[[feed]]\ntitle = ") and str(notes) in added
    assert [f.title for f in parse_config(config).feeds][-1] == "notes"
