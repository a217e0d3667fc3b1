"""The faster ways the extractor reads a text find what the plain patterns find.

The tokenizer reads each token with the white space before it, and ``word_scan`` tries a
pattern only where one of its first words is written: on random texts built from the
pieces that matter to them, both must give exactly ``finditer``'s matches.
"""

from __future__ import annotations

import random
import re

import pytest

from reader.entities import attribution, outlets, speakers, speakers_after
from reader.entities.rules_text import line_scan, word_scan
from reader.entities.spans import _TOKEN, tokenize

_PIECES = ["said", "says", "added", "noted", "wrote", "report", "study", "officials",
           "Officials", "sources", "the", "a", "She", "she", "told", "also", "site", "websites",
           "magazine", "Times", "(AP)", "(BBC News)", "LONDON", "Paris,", "BBC", "—", "–", "(@ann)",
           "Ann Lee", "by the OECD", "found", "he", "x", "n't", "'s",
           "’", "-", ".", ",", '"', "”", "(", " ", "  ", "\n", "\t", "\u00a0", "J.", "U.S.",
           "Mr.", "al-", "van", "É", "中", "²", "_", "1", "3.5", "according to", "per", "Per",
           "super", ""]


_SEPARATORS = [" ", " ", " ", "", "\n", ", "]


def _texts(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(_PIECES) + rnd.choice(_SEPARATORS)
                    for _ in range(rnd.randint(0, 14)))
            for _ in range(count)]


def test_the_tokens_are_the_token_pattern_s_matches() -> None:
    plain = re.compile(_TOKEN)
    for text in _texts(1, 3000):
        got = [(t.text, t.start, t.end) for t in tokenize(text)]
        assert got == [(m.group(), *m.span()) for m in plain.finditer(text)], repr(text)


def test_the_ascii_word_branch_finds_what_the_letter_branch_finds() -> None:
    # (the token pattern tries an ASCII word first, for speed: without that branch, the
    # same tokens)
    first, _, rest = _TOKEN.partition("|")
    assert first.startswith("[A-Za-z]")
    plain, general = re.compile(_TOKEN), re.compile(rest)
    words = ["café", "Zoë's", "naïve-ish", "Ansel", "abcé.", "x中", "ÉA", "Aé", "O'Brien"]
    for text in _texts(3, 3000) + words + [" ".join(words)]:
        want = [m.span() for m in general.finditer(text)]
        assert [m.span() for m in plain.finditer(text)] == want, repr(text)


@pytest.mark.parametrize(("rx", "words"), [
    (attribution._INVERTED_RE, attribution._INVERTED_VERBS),
    (attribution._DOC_NOUN_RE, attribution._DOC_NOUN_WORDS),
    (speakers_after._AFTER_CUE_RES[0], speakers_after._CUE_VERBS),
    (speakers_after._AFTER_CUE_RES[1], speakers_after._ACCORDING_WORDS),
    (attribution._PRONOUN_SAYS_RE, attribution._PRONOUN_SAYS_FIRST),
    (outlets._KIND_WORD_RE, outlets._KIND_WORDS),
])
def test_word_scan_finds_what_finditer_finds(rx: re.Pattern[str], words: list[str]) -> None:
    found = 0
    for text in _texts(2, 3000):
        want = [m.span() for m in rx.finditer(text)]
        assert [m.span() for m in word_scan(rx, words, text)] == want, repr(text)
        found += len(want)
    assert found > 20  # (the texts do hold matches)


@pytest.mark.parametrize("rx", [attribution._DATELINE_RE, attribution._DATELINE_NO_DASH_RE,
                                attribution._LEAD_CREDIT_RE, speakers_after._AFTER_CUE_RES[2]])
def test_line_scan_finds_what_finditer_finds(rx: re.Pattern[str]) -> None:
    rnd = random.Random(3)
    heads = ["LONDON (Reuters) - ", "(AP) — ", "BBC - ", "Paris, France (AFP) ", " (CNN) ",
             "— Ann Lee (@ann) ", "— Ann L. Lee (@ann) ", "– Ann, (@a)", "Ann Lee", "", " ", "\t"]
    found = 0
    for text in ("\n".join(rnd.choice(heads) + line for line in _texts(seed, 4))
                 for seed in range(600)):
        want = [m.span() for m in rx.finditer(text)]
        assert [m.span() for m in line_scan(rx, text)] == want, repr(text)
        found += len(want)
    assert found > 20  # (the texts do hold matches)


def test_one_trie_of_all_cue_verbs_finds_what_the_lists_in_turn_find() -> None:
    """_ANY_VERB_RE tries the listed verbs and the learned ones as one trie: no learned
    verb may go on past the end of a listed one's word ("say" and "say-so"), or the one
    trie would match further than the listed verb, which came first."""
    from reader.entities.cue_words import cue_participles, cue_verbs
    from reader.entities.rules_text import trie

    listed = speakers._verb_forms(speakers._VERBS + "|" + speakers._MORE_VERBS)
    assert not [(a, b) for b in cue_verbs() for a in listed if len(b) > len(a)
                and b.startswith(a) and re.match(r"\W", b[len(a)])]
    progressive = trie(sorted({*cue_participles(), *speakers._PROGRESSIVE}))
    in_turn = re.compile(rf"(?<![\w'’-])(?:{trie(listed)}|{trie(cue_verbs())}|"
                         rf"(?:is|are|was|were)\s+{progressive}|{speakers._MIND_RE})\b")
    rnd = random.Random(4)
    pieces = [*listed, *cue_verbs(), "is", "were", "saying", "warning", "in", "on", "a",
              "statement", "out", "-so", "ed", "s"]
    found = 0
    for _ in range(2000):
        text = "".join(rnd.choice(pieces) + rnd.choice(_SEPARATORS)
                       for _ in range(rnd.randint(0, 10)))
        want = [m.span() for m in in_turn.finditer(text)]
        assert [m.span() for m in speakers._ANY_VERB_RE.finditer(text)] == want, repr(text)
        found += len(want)
    assert found > 1000
