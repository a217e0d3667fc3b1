"""Text helpers shared by the rule stages: capitalised-token patterns, a trie-built
alternation, a scan with a lookbehind tested in Python, the word before an offset."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from reader.entities import _lexicon as L


def trie(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` factored as a trie.

    At any position it matches the longest word that fits (then, on backtracking, the
    shorter ones), as ``longest|...|shortest`` does, but tries one branch per character
    instead of every word in turn.
    """
    root: dict[str, dict[str, Any]] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict[str, Any]]) -> str:
        alts = []
        for ch in sorted(k for k in node if k):
            lit, child = re.escape(ch), node[ch]
            while len(child) == 1 and "" not in child:
                (nxt, child), = child.items()
                lit += re.escape(nxt)
            alts.append(lit + emit(child))
        if not alts:
            return ""
        if "" in node:
            return "(?:" + "|".join(alts) + ")?"
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root)


UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
_LET = r"[^\W\d_]"
# A capitalised token: initials (J.K. / C. / U.S.) or a word (O'Brien, McDonald,
# Claver-Carone).  The capital comes first so that a search skips to the next capital in C.
_TOK_REST = rf"(?:\.(?:[ ]?[{UPPER}]\.)*|{_LET}*(?:[-'’]{_LET}+)*(?:['’](?!{_LET}))?)"
_TOK = rf"[{UPPER}]{_TOK_REST}"
_PART = "|".join(L.PARTICLES)
# A run starts at a capital not glued to a word, apostrophe or hyphen before it (the
# two-character lookbehind after the capital keeps the capital the pattern's first item).
RUN_RE = re.compile(
    rf"[{UPPER}](?<![\w'’\-].){_TOK_REST}(?:[ ]+(?:(?:{_PART})[ ]+)*{_TOK})*"
)
TOKEN_RE = re.compile(rf"{_TOK}|(?:{_PART})\b")
PARTICLE_SET = frozenset(L.PARTICLES)
SPEECH = trie(L.SPEECH_VERBS)  # any speech verb (each is followed by \b)
AGE_RE = re.compile(r"(?:['’]s?)?,\s+\d{1,2},")
_NOT_WORDISH_RE = re.compile(r"[^\w'’\-]")


def word_before(text: str, end: int) -> str:
    """The word (letters, digits, ' ’ -) ending just before ``end``, skipping spaces and , :"""
    i = end
    while i > 0 and text[i - 1] in " \t\n":
        i -= 1
    if i > 0 and text[i - 1] in ",:":
        i -= 1
        while i > 0 and text[i - 1] in " \t\n":
            i -= 1
    lo = max(0, i - 40)
    # the last character that is not a word character, found in the reversed window
    m = _NOT_WORDISH_RE.search(text[lo:i][::-1])
    return text[i - m.start() if m else lo : i]


def is_initial(word: str) -> bool:
    """ "J." (of "William J. Brennan")."""
    return len(word) == 2 and word[1] == "."


def without_middle_initials(words: Sequence[str]) -> tuple[str, ...]:
    """ "Donald J. Trump" -> ("Donald", "Trump"): middle initials do not tell people apart."""
    if len(words) < 3:
        return tuple(words)
    return (words[0], *(w for w in words[1:-1] if not is_initial(w)), words[-1])


def scan(rx: re.Pattern[str], text: str, not_after: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` keeping only matches whose previous character is not
    ``not_after`` (a lookbehind tested in Python, so that ``rx`` starts with a literal
    and the regex engine can skip to candidate positions)."""
    pos = 0
    search = rx.search
    while (m := search(text, pos)) is not None:
        s = m.start()
        if s and not_after.match(text, s - 1):
            pos = s + 1
            continue
        yield m
        pos = m.end()


def word_scan(rx: re.Pattern[str], words: Iterable[str], text: str) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` for a pattern whose every match starts with one of ``words``:
    ``rx`` is tried only where one of them is written (each found by ``str.find``, in C);
    an alternation of words has no literal prefix for the regex engine to skip ahead to."""
    starts: set[int] = set()
    find = text.find
    for w in words:
        p = find(w)
        while p >= 0:
            starts.add(p)
            p = find(w, p + 1)
    return _scan_at(rx, sorted(starts), text)


def words_before(text: str, marker: str, words: frozenset[str]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each of ``words`` written right before ``marker`` ("decision" of
    "a High Court decision that ..."), found from each ``marker`` by ``str.find``."""
    find = text.find
    p = find(marker)
    while p >= 0:
        k = p
        while k > 0 and text[k - 1].isalpha():
            k -= 1
        if text[k:p] in words:
            yield k, p
        p = find(marker, p + len(marker))


def line_scan(rx: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` for a pattern whose every match starts a line (``^`` with
    ``re.M``): ``rx`` is tried at the line starts only, not failed at every character."""
    starts = [0]
    find = text.find
    p = find("\n")
    while p >= 0:
        starts.append(p + 1)
        p = find("\n", p + 1)
    return _scan_at(rx, starts, text)


def _scan_at(rx: re.Pattern[str], starts: list[int], text: str) -> Iterator[re.Match[str]]:
    """The matches of ``rx`` at ``starts`` (in order), each not inside the one before."""
    end = 0
    match = rx.match
    for p in starts:
        if p >= end and (m := match(text, p)) is not None:
            yield m
            end = m.end()
