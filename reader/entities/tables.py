"""Sports result tables and team sheets, read line by line: "Nash, Reiziger (Graham
82), ...", "Riggott 74, Graham 86.", "M Riley (W Yorkshire).", "De Marigny; Mi
Bergamasco, Canale, Masi; ...".  Every item of such a line is a player."""

from __future__ import annotations

import re

from reader.entities.rules_doc import Cand, Doc, Tok
from reader.entities.rules_text import UPPER
from reader.models import Span

_TABLE_ITEM_RE = re.compile(
    rf"^(?:[{UPPER}]\.?\s)?[{UPPER}][\w'’\-]+(?:\s[{UPPER}][\w'’\-]+){{0,2}}"
    rf"(?:\s\d{{1,3}}(?:\s?\(\w+\))?)?(?:\s\(([{UPPER}][\w'’\-]+(?:\s[{UPPER}][\w'’\-]+)?)"
    rf"\s\d{{1,3}}\))?$"
)
_TABLE_NAME_RE = re.compile(
    rf"(?:[{UPPER}]\.?\s)?[{UPPER}][\w'’\-]+(?:\s[{UPPER}][\w'’\-]+){{0,2}}"
)
_TABLE_SEP_RE = re.compile(r"[,;]")
_DIGIT_RE = re.compile(r"\d")
_SCORER_RE = re.compile(rf"^[{UPPER}][\w'’\-]+\s\d{{1,3}}$")  # "Riggott 74"
_SPACE_DIGIT_RE = re.compile(r"\s\d")
_NONSPACE_RE = re.compile(r"\S+")
_REF_RE = re.compile(rf"^([{UPPER}]\.?\s[{UPPER}][\w'’\-]+)\s\([^)]*\)\.?$")


def table_lines(doc: Doc) -> list[Span]:
    """The spans of the lines that are result tables or team sheets."""
    spans: list[Span] = []
    pos = 0
    for line in doc.text.split("\n"):
        start = pos
        pos += len(line) + 1
        s = line.strip()
        if not s or len(s) > 400:
            continue
        body = s
        if ":" in body[:30]:
            body = body.split(":", 1)[1].strip()
        body = body.rstrip(".")
        items = [i.strip() for i in _TABLE_SEP_RE.split(body)]  # "Masi, Nitoglia; Orquera"
        if _REF_RE.match(s):
            spans.append((start, start + len(line)))
            continue
        if len(items) >= 2 and all(_TABLE_ITEM_RE.match(i) for i in items if i):
            if any(" " in i and not _DIGIT_RE.search(i) and len(i.split()) > 1
                   and i.split()[0] in doc.lex.common for i in items):
                continue
            spans.append((start, start + len(line)))
        elif len(items) == 1 and _SCORER_RE.match(items[0]):
            spans.append((start, start + len(line)))
    return spans


def table_cands(doc: Doc, spans: list[Span]) -> list[Cand]:
    """A candidate for every player named on the lines ``spans``."""
    out: list[Cand] = []
    text = doc.text
    for a, b in spans:
        line = text[a:b]
        offset = a
        colon = line.find(":")
        if 0 <= colon < 30:
            offset = a + colon + 1
        for m in _TABLE_NAME_RE.finditer(text, offset, b):
            name = m.group(0)
            # "(Graham 82)" is a substitute; "(W Yorkshire)" is the referee's county
            if text[m.start() - 1 : m.start()] == "(" and not _SPACE_DIGIT_RE.match(
                text[m.end() : m.end() + 2]
            ):
                continue
            toks: list[Tok] = []
            for t in _NONSPACE_RE.finditer(name):
                toks.append(Tok(t.group(0), m.start() + t.start(), m.start() + t.end()))
            c = Cand(toks, m.start(), table=True)
            out.append(c)
    return out
