"""Tokens and candidate spans for the learned people model.

A *candidate* is any sub-span (up to ``MAX_LEN`` tokens) of a run of name-shaped tokens
(capitalised words, initials, all-capitals words, ``al-``/``bin`` style prefixes) that may
hold lower-case name particles inside it ("Ludwig van Beethoven", "Carlos de la Rua")
but never across a line break.  The model decides which candidates are people; this
module only proposes them, so it errs on the side of proposing too many.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

MAX_LEN = 5

_LET = r"[^\W\d_]"
_TOKEN = (
    # (first, a plain word: what the branches below would match there, found at once;
    # an ASCII one is tried first, as a letter of ASCII is cheaper to check than one of
    # the letter class, and a word that goes on in other letters fails it and is found
    # by the next branch)
    r"[A-Za-z]++(?![.'’\-\w])"
    rf"|{_LET}++(?![.'’\-\w])"
    rf"|(?:{_LET}\.){{2,}}"  # U.S., J.K.
    r"|(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof|Gen|Col|Lt|Sen|Rep|Gov|Capt|Sgt|Rev|Mt|Ft|Co|Inc|Corp"
    r"|Ltd|Bros|vs|No)\.(?!\w)"
    rf"|{_LET}\.(?!\w)"  # an initial
    rf"|{_LET}+(?:['’]{_LET}+(?<!['’]s)(?<!n['’]t))*(?:-{_LET}+(?:['’]{_LET}+(?<!['’]s))?)*"
    r"|['’](?:s|re|ve|ll|d|m)\b"
    r"|n['’]t\b"
    r"|\d+(?:[.,:/]\d+)*"
    r"|\S"
)
# A token and the white space before it, captured apart (their lengths give the token's
# place): a pattern that matches at every position is found faster than one that fails
# at each space ("$" matches the end, so that a text's trailing space is read in one go
# too).
_TOKEN_RE = re.compile(rf"(\s*+)({_TOKEN}|$)")
PARTICLES = frozenset(
    "de del della der den di da das do dos du des la le van von ter ten bin ibn bint al el "
    "y e zu vom abu ben wa ul ud".split()
)
# Abbreviations whose final period does not end a sentence (a capitalised word after them
# is not sentence-initial for that reason alone).
_ABBREV = frozenset(
    "mr mrs ms dr st prof sen rep gov gen col capt lt sgt adm jr sr no vs rev inc co corp "
    "ltd mt ft u.s u.k u.n e.u".split()
)
_SENT_END = frozenset(".!?")
_PREFIXED = ("al-", "el-", "bin-", "ibn-", "abu-")  # "al-Assad" is name-shaped
_QUOTES = frozenset("\"“”'‘’`([{-–—:")


class Token(NamedTuple):
    """One token (a tuple: made at C speed, as a story has hundreds)."""

    text: str
    start: int
    end: int
    lower: str
    nameish: bool
    """Could be part of a name: capitalised, an initial, or a particle."""
    particle: bool
    sent_start: bool
    line_start: bool


@lru_cache(maxsize=65_536)
def shape(tok: str) -> str:
    """The word's shape: "Xx" for "Blair", "X.", "XX", "Xx-Xx", "d" for digits (worked
    out once per word: it is asked for every span a word is in)."""
    out: list[str] = []
    for ch in tok:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:8]


# Per word: its lower case, whether it is name-shaped, whether it is a particle, and what
# it does to the next token's sentence start (True: starts one, False: ends the run of
# openers, None: a quote or bracket, no change).  A word's answers never change, and
# most words recur, so they are worked out once per process.
_WordInfo = tuple[str, bool, bool, bool | None]
_WORD_INFO: dict[str, _WordInfo] = {}
_WORD_INFO_LIMIT = 200_000


def _word_info(word: str) -> _WordInfo:
    lower = word.lower()
    particle = word in PARTICLES  # (the particles are lower case)
    nameish = word[0].isupper() or particle or (
        word[0] in "aebi" and len(word) > 4 and lower.startswith(_PREFIXED)
    )
    after: bool | None = None
    if word in _SENT_END or (word[-1] == "." and len(word) > 2 and lower[:-1] not in _ABBREV):
        after = True
    elif word not in _QUOTES:
        after = False
    if len(_WORD_INFO) > _WORD_INFO_LIMIT:
        _WORD_INFO.clear()
    info = _WORD_INFO[word] = (lower, nameish, particle, after)
    return info


def tokenize(text: str) -> list[Token]:
    """The text's tokens with their shape and position cues."""
    toks: list[Token] = []
    append = toks.append
    make = tuple.__new__
    known = _WORD_INFO.get
    find = text.find
    sent_start = True
    line_start = True
    next_newline = find("\n")
    end = 0
    # (only white space lies between two tokens: any other character is one)
    found = _TOKEN_RE.findall(text)
    while found and not found[-1][1]:
        found.pop()  # (the end)
    for space, word in found:
        start = end + len(space)
        end = start + len(word)
        if 0 <= next_newline < start:
            line_start = sent_start = True
            next_newline = find("\n", start)
        if word.isalpha():
            # (most tokens, told apart at once, not looked up in a table too big to stay
            # in the processor's cache: a word of letters neither starts nor ends a
            # sentence; in lower case, it is its own lower case and name-shaped only as a
            # particle; with a capital first, it is name-shaped and no particle)
            if word.islower():
                particle = word in PARTICLES
                append(make(Token, (word, start, end, word, particle, particle, sent_start,
                                    line_start)))
                line_start = sent_start = False
                continue
            if word[0].isupper():
                append(make(Token, (word, start, end, word.lower(), True, False, sent_start,
                                    line_start)))
                line_start = sent_start = False
                continue
        lower, nameish, particle, after = known(word) or _word_info(word)
        append(make(Token, (word, start, end, lower, nameish, particle, sent_start,
                            line_start)))
        line_start = False
        if after is not None:
            sent_start = after
    return toks


_NAMEISH = attrgetter("nameish")


def runs(toks: list[Token]) -> list[tuple[int, int]]:
    """Maximal runs ``[i, j)`` of name-shaped tokens on one line, not starting or ending
    with a particle."""
    out: list[tuple[int, int]] = []
    n = len(toks)
    nameish = list(map(_NAMEISH, toks))
    i = 0
    while True:
        try:
            i = nameish.index(True, i)  # (the next name-shaped token, found in C)
        except ValueError:
            return out
        t = toks[i]
        if t.particle or not t.text[0].isalpha():
            i += 1
            continue
        j = i + 1
        while j < n and nameish[j] and not toks[j].line_start and toks[j].text[0].isalpha():
            j += 1
        while j > i and toks[j - 1].particle:
            j -= 1
        out.append((i, j))
        i = j


def candidates(toks: list[Token], run_spans: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Every sub-span ``(i, j, run_index)`` of each run, up to ``MAX_LEN`` tokens, that
    neither starts nor ends with a particle."""
    out: list[tuple[int, int, int]] = []
    for r, (a, b) in enumerate(run_spans):
        for i in range(a, b):
            if toks[i].particle:
                continue
            for j in range(i + 1, min(b, i + MAX_LEN) + 1):
                if not toks[j - 1].particle:
                    out.append((i, j, r))
    return out
