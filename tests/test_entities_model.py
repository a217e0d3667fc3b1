"""Tests for the learned people model (spans, features, model, pipeline) and attribution."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import pytest

from reader.entities import extract
from reader.entities import span_model as model
from reader.entities.attribution import add_sources
from reader.entities.span_features import rule_verdict
from reader.entities.spans import MAX_LEN, candidates, runs, tokenize
from reader.models import Entity

ROOT = Path(__file__).resolve().parents[1]
CONLL = ROOT.parent / "shared" / "corpus" / "conll2003"


def texts_of(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def spans_of(text: str) -> set[str]:
    toks = tokenize(text)
    return {text[toks[i].start:toks[j - 1].end] for i, j, _ in candidates(toks, runs(toks))}


# ---------------------------------------------------------------- tokens and candidates


def test_tokens_split_possessives_and_keep_initials_and_titles() -> None:
    assert texts_of("Mr. J.K. Rowling's book") == ["Mr.", "J.K.", "Rowling", "'s", "book"]
    assert texts_of("O'Neill's goal.") == ["O'Neill", "'s", "goal", "."]
    assert texts_of("said Platt.") == ["said", "Platt", "."]
    assert texts_of("Claver-Carone, 6-3") == ["Claver-Carone", ",", "6", "-", "3"]
    assert texts_of("Kilroy-Silk's party") == ["Kilroy-Silk", "'s", "party"]


def test_sentence_and_line_starts() -> None:
    toks = tokenize("He met Blair. The talks\nBrown spoke")
    starts = {t.text: (t.sent_start, t.line_start) for t in toks}
    assert starts["He"] == (True, True)
    assert starts["Blair"] == (False, False)
    assert starts["The"] == (True, False)
    assert starts["Brown"] == (True, True)


def test_candidates_are_sub_spans_of_runs_without_edge_particles() -> None:
    got = spans_of("They met Ludwig van Beethoven in Bonn.")
    assert {"Ludwig van Beethoven", "Ludwig", "Beethoven", "Bonn"} <= got
    assert "van Beethoven" not in got and "Ludwig van" not in got
    # runs never cross a line break
    assert "Smith Brown" not in spans_of("Smith\nBrown")


def test_candidates_grow_linearly_with_text() -> None:
    text = " ".join(["Alpha Beta Gamma Delta Epsilon Zeta"] * 500)
    toks = tokenize(text)
    assert len(candidates(toks, runs(toks))) <= MAX_LEN * len(toks)


def test_rule_verdict() -> None:
    rules = [(10, 20), (30, 35)]
    assert rule_verdict(10, 20, rules) == "exact"
    assert rule_verdict(12, 20, rules) == "inside"
    assert rule_verdict(5, 40, rules) == "contains"
    assert rule_verdict(18, 25, rules) == "cross"
    assert rule_verdict(21, 29, rules) == "none"


@pytest.mark.skipif(not CONLL.is_dir(), reason="../shared/corpus/conll2003 not present")
def test_candidates_cover_nearly_every_conll_person_span() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from entities.conll import read

    total = covered = 0
    for doc in read("dev"):
        toks = tokenize(doc.text)
        found = {(toks[i].start, toks[j - 1].end) for i, j, _ in candidates(toks, runs(toks))}
        total += len(doc.spans)
        covered += sum(span in found for span in doc.spans)
    assert covered / total >= 0.99


# ---------------------------------------------------------------- the model and pipeline


def test_model_file_is_versioned_and_complete() -> None:
    w = model.weights()
    assert len(w.stage1) > 1000 and len(w.stage2) > 1000
    assert 0.0 < w.threshold < 1.0
    assert "rule=exact" in w.stage1 and w.stage1["rule=exact"] > 0
    assert len(model.word_stats()) > 1000


def _model_files_read(monkeypatch: pytest.MonkeyPatch, content: bytes) -> None:
    """Every model file read through weight_file holds ``content`` (gzipped)."""
    from reader.entities import weight_file

    class _File:
        def is_file(self) -> bool:
            return True

        def read_bytes(self) -> bytes:
            return gzip.compress(content)

    class _Data:
        def joinpath(self, *_: str) -> _File:
            return _File()

    monkeypatch.setattr(weight_file.resources, "files", lambda _: _Data())


def test_a_model_file_of_another_version_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both learned models read their weights through weight_file, which names the file."""
    from reader.entities import source_model

    _model_files_read(monkeypatch, b"#version=0\n1\tbias\t1.0\n")
    loads = ((model.weights, "people_model"), (source_model.source_weights, "source_model"))
    try:
        for load, name in loads:
            load.cache_clear()
            with pytest.raises(RuntimeError, match=rf"{name}\.tsv\.gz: version 0, expected"):
                load()
    finally:
        for load, _ in loads:
            load.cache_clear()


def test_a_model_file_with_rows_of_different_widths_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The columns are cut from one split of the whole file: a short row would shift
    every value after it, so it is an error that names the file instead."""
    from reader.entities import weight_file

    _model_files_read(monkeypatch, b"#version=1\n1\tbias\t1.0\n1\tlen=1\n2\tbias\t0.5\n")
    with pytest.raises(RuntimeError, match=r"people_model\.tsv\.gz: rows of different"):
        weight_file.read_weight_file("people_model.tsv.gz", "1")


def test_the_shipped_model_files_have_rows_of_one_width() -> None:
    """(What read_weight_file checks only in total, row by row.)"""
    data = Path(model.__file__).parent / "data"
    files = sorted(data.glob("*.tsv.gz"))
    assert len(files) == 4  # people, word stats, sources, cue words
    for path in files:
        rows = [r for r in gzip.decompress(path.read_bytes()).decode().splitlines()
                if r and not r.startswith("#")]
        assert len({r.count("\t") for r in rows}) == 1, path.name


PIPELINE_CASES: list[tuple[str, list[str]]] = [
    ("Prime Minister Tony Blair met Gordon Brown on Monday. Blair said Brown had agreed.",
     ["Gordon Brown", "Tony Blair"]),
    ("Donald J. Trump said so. Later Donald Trump left.", ["Donald J. Trump"]),
    ("The European Commission said on Thursday it disagreed with German advice.", []),
    ("Shares in Morgan Stanley rose 3 percent in New York trading.", []),
    ('"We will win," said coach Jose Mourinho. Mourinho has won before.', ["Jose Mourinho"]),
    # a demonym before a full name is not part of it
    ("Dane Kenneth Carlsen beat the seed. Carlsen was happy.", ["Kenneth Carlsen"]),
    # a name that starts a place's or an organisation's name is no person
    ("The president made a trip to Walter Reed hospital on Saturday.", []),
    ("Scientists from Ludwig Maximilian University of Munich helped.", []),
    # a given name before another's full name shares the surname
    ("The study was by husband and wife economist team Jim and Margaret Cuthbert.",
     ["Jim Cuthbert", "Margaret Cuthbert"]),
    # a surname that is also a demonym, named with "Mr" too
    ("There may not be enough iPods, predicts Oliver Irish, editor of a gadget magazine. "
     '"Demand is huge," said Mr Irish.', ["Oliver Irish"]),
    ("The Irish economy grew. Irish voters were pleased.", []),
    # a byline glued to the next sentence: two people, the second named alone later
    ("Titan\n\nby Henry Bortman Jonathan Lunine, professor of planetary science, has long "
     "studied Titan. Lunine explains what a probe can learn.",
     ["Henry Bortman", "Jonathan Lunine"]),
]


def test_a_titled_name_before_and_shares_no_surname() -> None:
    names = [p.name for p in extract("He met Prince William and Prince Harry.").people]
    assert "Prince Harry" in names and not [n for n in names if n.startswith("William ")]


@pytest.mark.parametrize(("text", "expected"), PIPELINE_CASES)
def test_pipeline_people(text: str, expected: list[str]) -> None:
    ents = extract(text)
    assert sorted(p.name for p in ents.people) == expected
    for p in ents.people:
        for s, e in p.mentions:
            assert text[s:e] in {p.name, *p.aliases}


def test_a_surname_that_starts_a_longer_name_is_no_mention() -> None:
    text = ("Lucia Ferrante said prices rose. The steelmaker Ferrante Metals cut output, "
            "Ferrante said.")
    [lucia] = extract(text).people
    assert [text[s:e] for s, e in lucia.mentions] == ["Lucia Ferrante", "Ferrante"]


def test_every_form_of_a_person_is_a_mention() -> None:
    text = "Tony Blair spoke. Blair's aides said Blair would stay. BLAIR was not there."
    (blair,) = extract(text).people
    assert blair.name == "Tony Blair" and blair.aliases == ["Blair"]
    assert [text[s:e] for s, e in blair.mentions] == ["Tony Blair", "Blair", "Blair"]


def test_person_sources_are_people_the_model_found() -> None:
    text = '"It is over," said Tomas Varga, the finance minister. Varga left.'
    ents = extract(text)
    people = {p.name for p in ents.people}
    assert "Tomas Varga" in people
    person_sources = [s for s in ents.sources if s.kind == "person"]
    assert [s.name for s in person_sources] == ["Tomas Varga"]
    assert all(s.name in people for s in person_sources)


@pytest.mark.skipif(not CONLL.is_dir(), reason="../shared/corpus/conll2003 not present")
def test_conll_dev_people_f1_stays_high() -> None:
    """A regression guard: the shipped model on CoNLL-2003 dev (which it was trained on,
    so the figure is no evidence of quality on new text, only of nothing broken)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from entities.conll import read
    from entities.conll_eval import score

    result = score(read("dev"), extract)
    assert result["all"].prf()[2] >= 0.94
    assert result["non-sport"].prf()[2] >= 0.88


# ---------------------------------------------------------------- attribution


def found(text: str) -> list[tuple[str, str]]:
    return [(s.kind, s.name) for s in add_sources(text, [])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oil rises\n\nLONDON (Reuters) - Oil rose.", ("outlet", "Reuters")),
        ("Stocks fall\n\nAP - Stocks fell on Monday.", ("outlet", "The Associated Press")),
        ("Stocks fall (AFP)\n\nStocks fell.", ("outlet", "Agence France-Presse")),
        ("Google IPO\n\nwashingtonpost.com - The sale begins.", ("outlet", "washingtonpost.com")),
    ],
)
def test_wire_credits_cite_the_outlet(text: str, expected: tuple[str, str]) -> None:
    assert expected in found(text)


def test_a_dash_after_an_unknown_word_is_no_credit() -> None:
    assert found("Analysis - what the vote means.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prices rose, said a senior official.", ("anonymous", "a senior official")),
        ("Officials in Baghdad said the pipeline was hit.", ("anonymous", "Officials in Baghdad")),
        ("A spokeswoman for the ministry said no.",
         ("anonymous", "A spokeswoman for the ministry")),
        ("One banker, who asked not to be named, said it was big.", ("anonymous", "One banker")),
        ("A study published Monday found more.", ("document", "A study")),
        ("A report by the OECD said so.", ("document", "A report by the OECD")),
        ("Media reports said it would happen.", ("document", "Media reports")),
        ("It will fall, according to a new survey.", ("document", "a new survey")),
    ],
)
def test_unnamed_sources_and_documents(text: str, expected: tuple[str, str]) -> None:
    assert expected in found(text)


def test_attribution_inside_a_quotation_is_not_the_storys() -> None:
    text = '"We think a senior official said so," he said.'
    assert found(text) == []
    quoted = Entity(name="officials", kind="anonymous", mentions=[(10, 19)])
    assert add_sources('He said "the officials said so" today.', [quoted]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("US phone company Qwest has said it will bid.", ("organization", "Qwest")),
        ("Google and Yahoo announced today that they settled.", ("organization", "Google")),
        ("Google and Yahoo announced today that they settled.", ("organization", "Yahoo")),
        ("Instead the RFU said in a statement they would go.", ("organization", "RFU")),
        ("Damage was vast. Officials on Sunday estimated it at $11bn.",
         ("anonymous", "Officials")),
        ("But opponents of the bill said that it could stifle innovation.",
         ("anonymous", "opponents of the bill")),
        ("Most Spam is Domestic, Study Says", ("document", "Study")),
        ("BBC Wales understands the Ospreys are interested.", ("outlet", "BBC")),
        ("It is bad, he told France's LCI Television.", ("outlet", "LCI Television")),
        ("Chicago Report\n\n(Sports Network) - Jose Contreras pitches.",
         ("outlet", "Sports Network")),
    ],
)
def test_speakers_and_cited_outlets(text: str, expected: tuple[str, str]) -> None:
    assert expected in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "The results will be announced on March 2.",  # passive: nobody speaks
        "He said no. It says so. They said yes.",  # pronouns are nobody
        "With the election widely predicted for May, the vote was set.",
    ],
)
def test_no_speaker_where_nobody_is_cited(text: str) -> None:
    assert extract(text).sources == []


def test_a_speaker_is_what_the_story_makes_of_the_name() -> None:
    sun = extract("Sun said its servers were fast.").sources
    assert [(s.kind, s.name) for s in sun] == [("organization", "Sun")]  # not the paper
    text = "Lord Falconer told BBC Radio 4's Today programme it was impossible."
    kinds = {(s.kind, s.name) for s in extract(text).sources}
    assert ("outlet", "BBC") in kinds
    assert not {k for k in kinds if k[0] == "organization"}


def test_a_capitals_byline_is_a_person_in_title_case() -> None:
    text = "Google IPO\n\nBy MICHAEL J. SMITHSON SAN FRANCISCO (AP) -- Shares rose."
    people = extract(text).people
    assert [(p.name, p.aliases) for p in people] == [
        ("Michael J. Smithson", ["MICHAEL J. SMITHSON"])]
    assert extract("STAND BY ME LIVE\n\nThe band played.").people == []
    # a given name the lexicon does not know, before a wire dateline; not common words
    text = "FDA warns\n\nBy DIEDTRA HENDERSON WASHINGTON (AP) -- Drugs may be tampered with."
    assert [p.name for p in extract(text).people] == ["Diedtra Henderson"]
    assert extract("FDA\n\nBy LOCAL NEWS WASHINGTON (AP) -- Drugs are safe.").people == []


def test_a_source_keeps_what_it_is_cited_as_saying() -> None:
    text = ('Talks stall\n\n"We will not give in," said Tomas Varga, the finance minister. '
            "Officials in Baghdad said the pipeline was hit.")
    by_name = {s.name: s for s in extract(text).sources}
    assert [text[a:b] for a, b in by_name["Tomas Varga"].claims] == ["We will not give in,"]
    officials = by_name["Officials in Baghdad"]
    assert [text[a:b] for a, b in officials.claims] == [
        "Officials in Baghdad said the pipeline was hit."]
    data = officials.to_json()
    assert data["claims"] == [list(c) for c in officials.claims]
    assert Entity.from_json(data).claims == officials.claims


def test_he_said_credits_the_person_named_last() -> None:
    text = ("Tomas Varga met the unions on Monday. \"It is over,\" he said. "
            "Pavel Duric arrived later.")
    (varga,) = [s for s in extract(text).sources if s.kind == "person"]
    assert varga.name == "Tomas Varga"
    assert [text[a:b] for a, b in varga.claims] == ["It is over,"]


def test_a_person_is_one_source_however_the_rules_split_them() -> None:
    from reader.entities.pipeline import _sources

    person = Entity(name="Donald J. Trump", aliases=["Donald Trump"],
                    mentions=[(0, 15), (40, 52)])
    rule_sources = [
        Entity(name="Donald J. Trump", kind="person", mentions=[(0, 15)], citations=[(0, 30)]),
        Entity(name="Donald Trump", kind="person", mentions=[(40, 52)], citations=[(31, 60)]),
        Entity(name="Somebody", kind="person", mentions=[(70, 78)], citations=[(61, 90)]),
    ]
    (source,) = _sources("x" * 90, rule_sources, [person])
    assert (source.name, source.citations) == ("Donald J. Trump", [(0, 30), (31, 60)])
