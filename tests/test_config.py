"""feeds.toml: lookup order, parsing, and one-line errors naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import PACKAGED_DEFAULT, ConfigError, find_config, load_config, parse_config
from reader.paths import user_config_file

REPO = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_repo_feeds_toml_points_at_existing_samples() -> None:
    config = parse_config(REPO / "feeds.toml")
    local = [f for f in config.feeds if f.path]
    remote = [f for f in config.feeds if f.url]
    assert len(local) >= 3 and remote
    for feed in local:
        assert Path(feed.path or "").exists(), feed.path


def test_packaged_default_points_at_packaged_samples() -> None:
    config = parse_config(PACKAGED_DEFAULT)
    local = [f for f in config.feeds if f.path]
    assert local
    for feed in local:
        assert Path(feed.path or "").exists(), feed.path


def test_relative_paths_resolve_against_the_toml(tmp_path: Path) -> None:
    path = write(tmp_path, '[[feed]]\ntitle = "x"\npath = "sub/a.txt"\ntags = ["t"]\n')
    feed = parse_config(path).feeds[0]
    assert feed.path == str(tmp_path / "sub" / "a.txt")
    assert feed.tags == ["t"]


def test_settings_and_keys(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[settings]\nmark_read_on_open = false\ntimeout = 5\n[keys]\nquit = "ctrl+q"\n',
    )
    config = parse_config(path)
    assert config.settings.mark_read_on_open is False
    assert config.settings.timeout == 5
    assert config.keys == {"quit": "ctrl+q"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[[feed]]\ntitle = "x"\nurl = "https://a"\nbogus = 1\n', ":4: unknown feed key 'bogus'"),
        ('[[feed]]\ntitle = "x"\nurl = 3\n', ":3: feed key 'url' must be a str"),
        ('[[feed]]\ntitle = "x"\n', ":1: each [[feed]] needs exactly one of url or path"),
        ('[[feed]]\nurl = "ftp://x"\n', ":2: url must start with http"),
        ('[settings]\ntimeout = "slow"\n', ":2: setting 'timeout' has the wrong type"),
        ('[settings]\nmark_read_on_open = 1\n', ":2: setting 'mark_read_on_open' has the wrong"),
        ('[settings]\nfrobnicate = true\n', ":2: unknown setting 'frobnicate'"),
        ('[[feed]]\nurl = "https://a"\ntags = [1]\n', ":3: tags must be a list of strings"),
        ("[[feed]\nurl = 1", ": invalid TOML: "),
        ('[colors]\nx = 1\n', ":1: unknown key 'colors'"),
    ],
)
def test_errors_name_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        parse_config(path)
    message = str(info.value)
    assert message.startswith(str(path))
    assert expected in message
    assert "\n" not in message


def test_invalid_toml_mentions_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[settings]\ntimeout = 5\n[[feed]\nurl = "x"\n')
    with pytest.raises(ConfigError, match=r"line 3"):
        parse_config(path)


def test_lookup_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "")  # ./feeds.toml is read only when named with --config
    xdg = tmp_path / "xdg" / "reader" / "feeds.toml"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert find_config() == xdg  # created by the first run
    xdg.write_text("# mine\n")
    assert find_config() == xdg and xdg.read_text() == "# mine\n"  # and never overwritten
    env = tmp_path / "env.toml"
    env.write_text("")
    monkeypatch.setenv("READER_CONFIG", str(env))
    assert find_config() == env
    explicit = tmp_path / "explicit.toml"
    explicit.write_text("")
    assert find_config(explicit) == explicit


def test_first_run_copies_the_packaged_default_with_working_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    mine = load_config()
    assert mine.path == user_config_file() != PACKAGED_DEFAULT
    default = parse_config(PACKAGED_DEFAULT)
    assert [f.id for f in mine.feeds] == [f.id for f in default.feeds]
    assert all(Path(f.path).is_absolute() and Path(f.path).exists() for f in mine.feeds if f.path)
    assert not list(mine.path.parent.glob(".*tmp"))  # the atomic write left nothing behind


def test_an_unwritable_config_dir_falls_back_to_the_packaged_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))  # a file where a folder must go
    assert find_config() == PACKAGED_DEFAULT


def test_missing_explicit_config_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "nope.toml")


def test_full_text_is_a_per_feed_switch(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[feed]]\nurl = "https://a.example/feed"\nfull_text = true\n'
        '[[feed]]\nurl = "https://b.example/feed"\n',
    )
    assert [feed.full_text for feed in parse_config(path).feeds] == [True, False]


@pytest.mark.parametrize("value", ['"yes"', "1", "[true]"])
def test_full_text_must_be_a_boolean_with_its_line(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, f'[[feed]]\nurl = "https://a.example/feed"\n\nfull_text = {value}\n')
    with pytest.raises(ConfigError) as caught:
        parse_config(path)
    assert str(caught.value) == f"{path}:4: feed key 'full_text' must be true or false"


def test_a_duplicate_feed_is_ignored_with_a_one_line_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.cli import main

    path = write(
        tmp_path, '[[feed]]\nurl = "https://a.test/"\n\n[[feed]]\nurl = "https://a.test/"\n'
    )
    config = parse_config(path)
    assert [f.url for f in config.feeds] == ["https://a.test/"]
    assert config.warnings == [
        f"{path}:4: duplicate feed 'https://a.test/' (first at line 1); ignored"
    ]
    assert main(["--config", str(path), "--db", str(tmp_path / "db"), "list"]) == 0
    assert capsys.readouterr().err == f"reader: {config.warnings[0]}\n"


@pytest.mark.parametrize(
    ("setting", "shown"),
    [
        ("timeout = nan", "nan"), ("timeout = inf", "inf"), ("timeout = -1", "-1"),
        ("timeout = 0", "0"), ("timeout = 1e9", "1000000000.0"),
        ("max_feed_bytes = 0", "0"), ("max_feed_bytes = -5", "-5"),
    ],
)
def test_settings_out_of_range_are_one_line_errors_naming_file_and_line(
    tmp_path: Path, setting: str, shown: str
) -> None:
    path = write(tmp_path, f"# mine\n[settings]\n{setting}\n")
    with pytest.raises(ConfigError) as raised:
        parse_config(path)
    message = str(raised.value)
    name = setting.split()[0]
    assert message.startswith(f"{path}:3: setting '{name}' must be ") and "\n" not in message
    assert message.endswith(f"(got {shown})")


def test_the_retired_workers_setting_is_accepted_and_ignored(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text("[settings]\nworkers = 2\ntimeout = 5\n", encoding="utf-8")
    config = load_config(path)
    assert config.settings.timeout == 5
    assert not hasattr(config.settings, "workers")


def test_files_in_use_names_a_relative_config_by_its_whole_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A user test read "config feeds.toml" in the help, beside an absolute database path.
    from reader.config import files_in_use

    monkeypatch.chdir(tmp_path)
    (what, where), _ = files_in_use(Path("feeds.toml"), tmp_path / "db.sqlite")
    assert (what, where) == ("config", str(tmp_path / "feeds.toml"))
