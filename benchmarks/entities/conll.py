"""CoNLL-2003 English documents as plain text with gold person spans (read at run time).

Only the training (``eng.train``) and development (``eng.testa``) splits are read; the
test split is held out by convention and is never read here.  Each document becomes the
plain text its ``README.md`` describes (tokens joined by spaces, no space before
closing punctuation and clitics, none after opening brackets and ``$``), with the
character offsets of every token and of every gold PER span, so that a span model can
be trained on exactly the text the extractor sees.

Two layouts of the sentences are offered, because people who score the extractor
build the text in either way: ``lines`` puts every sentence on a line of its own
(tables stay tables), ``para`` puts the headline and the dateline on their own lines
and joins the story's sentences with spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CONLL = SHARED / "corpus" / "conll2003"
SPLITS = {"train": "eng.train", "dev": "eng.testa"}

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "'s", "n't", "'re", "'ve",
                    "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "$"}
_SPORT_HEADLINE = re.compile(r"^[A-Z][A-Z .&/-]+ - ")


@dataclass
class Doc:
    """One CoNLL document as text, with the gold people in it."""

    key: str
    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    """Gold PER spans, ``[start, end)`` character offsets into ``text``."""
    sport: bool = False
    entities: list[tuple[int, int, str]] = field(default_factory=list)
    """Every gold entity span with its type (PER, ORG, LOC, MISC)."""

    def people(self) -> list[list[str]]:
        """Document-level gold: one entry per person, its fullest form first.

        A shorter form (a surname, a first name used alone) is merged into the
        fullest form of the same person whose words contain it; where it fits
        more than one, it stays a person of its own only if no longer form fits.
        """
        forms = sorted({self.text[s:e] for s, e in self.spans}, key=lambda f: -len(f.split()))
        full: list[str] = []
        for form in forms:
            words = form.split()
            if any(_contains(f.split(), words) for f in full):
                continue
            full.append(form)
        return [[f] for f in full]


def _contains(longer: list[str], shorter: list[str]) -> bool:
    if len(shorter) >= len(longer):
        return False
    n = len(shorter)
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def _sentences(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents as lists of sentences of (token, tag)."""
    docs: list[list[list[tuple[str, str]]]] = []
    sent: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            docs.append([])
            continue
        if not line.strip():
            if sent and docs:
                docs[-1].append(sent)
            sent = []
            continue
        parts = line.split()
        sent.append((parts[0], parts[-1]))
    if sent and docs:
        docs[-1].append(sent)
    return [d for d in docs if d]


def _join(sent: list[tuple[str, str]], out: list[str], pos: int,
          spans: list[tuple[int, int, str]]) -> int:
    """Append one detokenised sentence to ``out`` from ``pos``; record its entity spans."""
    start_of: int | None = None
    kind = ""
    prev_tok = ""
    last_end = pos
    for i, (tok, tag) in enumerate(sent):
        if i and tok not in _NO_SPACE_BEFORE and prev_tok not in _NO_SPACE_AFTER:
            out.append(" ")
            pos += 1
        tag_kind = tag[2:] if tag != "O" else ""
        begins = bool(tag_kind) and (tag.startswith("B-") or tag_kind != kind)
        if start_of is not None and (tag_kind != kind or begins):
            spans.append((start_of, last_end, kind))
            start_of = None
        if begins:
            start_of = pos
        kind = tag_kind
        out.append(tok)
        pos += len(tok)
        last_end = pos
        prev_tok = tok
    if start_of is not None:
        spans.append((start_of, last_end, kind))
    return pos


def read(split: str, layout: str = "lines") -> list[Doc]:
    """The documents of ``split`` ("train" or "dev") in the given layout."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: only {sorted(SPLITS)} are read")
    docs: list[Doc] = []
    for n, sents in enumerate(_sentences(CONLL / SPLITS[split])):
        out: list[str] = []
        spans: list[tuple[int, int, str]] = []
        pos = 0
        for i, sent in enumerate(sents):
            if i:
                sep = "\n" if layout == "lines" or i <= 2 else " "
                if layout == "para" and i == 1:
                    sep = "\n\n"
                out.append(sep)
                pos += len(sep)
            pos = _join(sent, out, pos, spans)
        text = "".join(out)
        headline = text.split("\n", 1)[0]
        people = [(s, e) for s, e, kind in spans if kind == "PER"]
        sport = bool(_SPORT_HEADLINE.match(headline))
        docs.append(Doc(f"{split}-{n}", text, people, sport, spans))
    return docs


def available() -> bool:
    return all((CONLL / name).is_file() for name in SPLITS.values())
