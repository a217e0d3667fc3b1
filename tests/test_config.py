"""feeds.toml: lookup order, parsing, and one-line errors naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import PACKAGED_DEFAULT, ConfigError, find_config, load_config, parse_config

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
        (
            '[[feed]]\nurl = "https://a"\n\n[[feed]]\nurl = "https://a"\n',
            ":4: duplicate feed 'https://a' (first at line 1)",
        ),
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
    assert find_config() == PACKAGED_DEFAULT
    xdg = tmp_path / "xdg" / "reader" / "feeds.toml"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    xdg.parent.mkdir(parents=True)
    xdg.write_text("")
    assert find_config() == xdg
    local = write(tmp_path, "")
    assert find_config() == local
    env = tmp_path / "env.toml"
    env.write_text("")
    monkeypatch.setenv("READER_CONFIG", str(env))
    assert find_config() == env
    explicit = tmp_path / "explicit.toml"
    explicit.write_text("")
    assert find_config(explicit) == explicit


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


def test_the_retired_workers_setting_is_accepted_and_ignored(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text("[settings]\nworkers = 2\ntimeout = 5\n", encoding="utf-8")
    config = load_config(path)
    assert config.settings.timeout == 5
    assert not hasattr(config.settings, "workers")
