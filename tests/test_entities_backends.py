"""The extractor setting: "rules" (default) or "spacy", and the fallback when spaCy is absent.

The tests of the spaCy backend itself skip when spaCy or an English pipeline is not
installed (CI has neither); the setting and the fallback are tested without spaCy.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader import cli
from reader.config import ConfigError, parse_config
from reader.entities import extract, extractor_for, extractor_problem, spacy_backend
from reader.models import Entities
from reader.refresh import _extract_batch

ROOT = Path(__file__).resolve().parents[1]


def write_config(tmp_path: Path, settings: str) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(f"[settings]\n{settings}\n\n[[feed]]\npath = \"notes\"\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- the setting


def test_extractor_setting_defaults_to_rules(tmp_path: Path) -> None:
    assert parse_config(write_config(tmp_path, "")).settings.extractor == "rules"


@pytest.mark.parametrize("value", ["rules", "spacy"])
def test_extractor_setting_accepts_known_values(tmp_path: Path, value: str) -> None:
    config = parse_config(write_config(tmp_path, f'extractor = "{value}"'))
    assert config.settings.extractor == value


def test_extractor_setting_unknown_value_is_one_line(tmp_path: Path) -> None:
    path = write_config(tmp_path, 'timeout = 5\nextractor = "nltk"')
    with pytest.raises(ConfigError) as err:
        parse_config(path)
    message = str(err.value)
    assert "\n" not in message
    assert f"{path}:3:" in message
    assert '"rules" or "spacy"' in message and "'nltk'" in message


def test_extractor_setting_wrong_type(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="wrong type"):
        parse_config(write_config(tmp_path, "extractor = 1"))


# ---------------------------------------------------------------- fallback without spaCy


@pytest.fixture
def no_spacy(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make spaCy look absent, whether or not this machine has it."""
    monkeypatch.setattr(spacy_backend, "_installed", lambda name: False)
    spacy_backend.load.cache_clear()
    yield
    spacy_backend.load.cache_clear()


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """spaCy present, no English pipeline."""
    monkeypatch.setattr(spacy_backend, "_installed", lambda name: name == "spacy")
    spacy_backend.load.cache_clear()
    yield
    spacy_backend.load.cache_clear()


def test_rules_never_have_a_problem() -> None:
    assert extractor_problem("rules") is None
    assert extractor_for("rules") is extract


@pytest.mark.usefixtures("no_spacy")
def test_spacy_missing_falls_back_to_rules_with_one_line() -> None:
    problem = extractor_problem("spacy")
    assert problem is not None and "\n" not in problem
    assert "spaCy is not installed" in problem and "pip install spacy" in problem
    assert problem.endswith("using the rules instead")
    assert extractor_for("spacy") is extract
    with pytest.raises(spacy_backend.SpacyUnavailable):
        spacy_backend.load()


@pytest.mark.usefixtures("no_model")
def test_spacy_without_model_falls_back_to_rules_with_one_line() -> None:
    problem = extractor_problem("spacy")
    assert problem is not None and "\n" not in problem
    assert "no English spaCy pipeline" in problem
    assert extractor_for("spacy") is extract


@pytest.mark.usefixtures("no_spacy")
def test_cli_says_once_that_it_uses_the_rules(capsys: pytest.CaptureFixture[str]) -> None:
    cli._extractor_notice("spacy")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith('reader: extractor "spacy":')
    cli._extractor_notice("rules")
    assert capsys.readouterr().err == ""


@pytest.mark.usefixtures("no_spacy")
def test_refresh_worker_extracts_with_the_rules_when_spacy_is_missing() -> None:
    class Pending:
        rowid = 7
        html = None

        def body(self) -> str:
            return "Mr Blair said it was over. Tony Blair left."

    [found] = _extract_batch([Pending()], [], "spacy")  # type: ignore[list-item]
    assert found.rowid == 7 and found.text is None
    people = Entities.from_json(json.loads(found.entities_json)).people
    assert [p.name for p in people] == ["Tony Blair"]


def test_importing_and_extracting_never_imports_spacy() -> None:
    code = (
        "import sys; from reader.entities import extract, extractor_problem; "
        "extract('Tony Blair said it was over.'); extractor_problem('spacy'); "
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------- with spaCy (skipped in CI)


@pytest.fixture(scope="module")
def spacy_ready() -> None:
    if spacy_backend.problem() is not None:
        pytest.skip("spaCy or an English pipeline is not installed")
    try:
        spacy_backend.load()
    except spacy_backend.SpacyUnavailable as exc:
        pytest.skip(str(exc))


SPACY_CASES: list[tuple[str, list[str]]] = [
    # spaCy's PERSON span is the extra cue the rules lacked
    ("In Sunday's reverse singles, Carlos Moya takes on Andy Roddick before Rafael Nadal "
     "faces Mardy Fish.", ["Andy Roddick", "Carlos Moya", "Mardy Fish", "Rafael Nadal"]),
    ("Davenport, who closed out with an ace, plays Karolina Sprem in the next round.",
     ["Karolina Sprem"]),
    # the rules' title stripping, vetoes and propagation still apply
    ("Former Defense Secretary James Mattis long stonewalled the plan. Mattis left.",
     ["James Mattis"]),
    ("The Associated Press reported late Sunday that Venezuela was talking.", []),
    ("British car maker Aston Martin has gone head-to-head with Porsche.", []),
]


@pytest.mark.usefixtures("spacy_ready")
@pytest.mark.parametrize(("text", "expected"), SPACY_CASES)
def test_spacy_backend_people(text: str, expected: list[str]) -> None:
    ents = spacy_backend.extract_spacy(text)
    assert sorted(p.name for p in ents.people) == sorted(expected)
    for p in ents.people:
        for s, e in p.mentions:
            assert text[s:e] in {p.name, *p.aliases}


@pytest.mark.usefixtures("spacy_ready")
def test_spacy_backend_same_model_and_sources_as_rules() -> None:
    text = (
        "WASHINGTON (Reuters) - Mr Blair said it was over. Tony Blair told the BBC he was "
        "sorry, a senior official said."
    )
    rules, merged = extract(text), spacy_backend.extract_spacy(text)
    assert type(rules) is type(merged)
    assert [p.name for p in merged.people] == ["Tony Blair"]
    assert merged.people[0].aliases == ["Blair"]
    assert {(s.kind, s.name) for s in merged.sources} == {(s.kind, s.name) for s in rules.sources}
    assert extractor_for("spacy") is spacy_backend.extract_spacy
    assert spacy_backend.extract_spacy("  ") == extract("  ")


@pytest.mark.usefixtures("spacy_ready")
def test_spacy_backend_seed_story() -> None:
    seed = ROOT.parent / "shared" / "samples" / "speed-reads-venezuela.txt"
    if not seed.is_file():
        pytest.skip("../shared/samples not present")
    text = seed.read_text(encoding="utf-8")
    names = sorted(p.name for p in spacy_backend.extract_spacy(text).people)
    assert names == ["Diosdado Cabello", "James Mattis", "Mauricio Claver-Carone",
                     "Nicolás Maduro", "Trump"]
