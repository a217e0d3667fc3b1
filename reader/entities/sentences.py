"""Sentences (abbreviation- and initial-aware) and the Title-Case headline of a story."""

from __future__ import annotations

import re

from reader.entities import _lexicon as L
from reader.entities.rules_text import word_before
from reader.models import Span

_ABBREV = L.words("abbreviations")
# [.!?][closers]*\s+ | \n\s*, each branch starting with a literal so that the regex
# engine can skip to the next candidate character in C
_SENT_END_RE = re.compile(
    "|".join(rf"\{c}[\"”’')\]]*\s+" for c in ".!?") + r"|\n\s*"
)
_LEAD_CHARS = " \"“‘'([-–—\n\t"
_FIRST_WORD_RE = re.compile(r"\W*(\w+)")


def sentences(text: str) -> list[Span]:
    """The spans of ``text``'s sentences (each without its trailing spaces)."""
    starts = [0]
    n = len(text)
    for m in _SENT_END_RE.finditer(text):
        a, b = m.span()
        if text[a] == ".":
            if b < n and text[b].islower():
                continue  # "e.g. foo", "U.S. officials": never a sentence end
            w = word_before(text, a)
            if len(w) == 1 and w.isupper() and text[a - 2 : a - 1] == ".":
                nxt = _FIRST_WORD_RE.match(text[b : b + 20])
                if nxt and nxt.group(1) in L.FUNCTION_WORDS:
                    starts.append(b)
                continue
            if w in _ABBREV or (len(w) == 1 and w.isupper()):
                continue
        starts.append(b)
    # already in order and distinct (match ends increase); only the last can be n
    if starts[-1] >= n:
        starts.pop()
    spans: list[Span] = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(text)
        seg = text[s:e].rstrip()
        if seg:
            spans.append((s, s + len(seg)))
    return spans or [(0, len(text))]


def lead_ends(text: str, sents: list[Span]) -> list[int]:
    """Where each sentence's first word starts (after quotes, brackets and dashes)."""
    return [e - len(text[s:e].lstrip(_LEAD_CHARS)) for s, e in sents]


def headline_end(text: str) -> int:
    """End of a Title-Case first line (feed titles), else -1."""
    nl = text.find("\n")
    if nl <= 0:
        return -1
    words = [w for w in text[:nl].split() if len(w) >= 4 and w[0].isalpha()]
    if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words):
        return nl
    return -1
