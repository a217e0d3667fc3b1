"""Name candidates: runs of capitalised words (with name particles and initials) cut at
possessives, acronyms, outlets, function words and hyphenated pairs of names; titles and
roles in front of a name stripped and kept as evidence; places, addresses and well-known
non-people dropped.  Result-table lines are left to tables.py."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from reader.entities import _lexicon as L
from reader.entities.rules_doc import Cand, Doc, NerSpans, Tok
from reader.entities.rules_text import PARTICLE_SET, RUN_RE, TOKEN_RE
from reader.entities.tables import table_cands, table_lines

_COMPASS_INITIALS = L.words("compass initials")  # "123 N. El Camino Real"
_TITLE_OR_DEMONYM = L.TITLE_HEADS | L.DEMONYMS
_DOTTED_BREAKERS = L.words("dotted breakers")
_SKIP_RUNS = L.FUNCTION_WORDS | L.MONTHS_DAYS  # one-word runs that are never names
_NOT_ONE_WORD_NAME = L.FUNCTION_WORDS | PARTICLE_SET | L.TITLE_HEADS
# Words that start a place's name ("St. Paul", "Fort Worth") ...
_SAINT_FORT_PORT = L.word_list("place prefixes")
# ... and never end a person's: "Melvin Carter St. Paul", "Sheila Oliver New Jersey"
_PLACE_PREFIXES = frozenset(_SAINT_FORT_PORT) | L.words("place prefixes at a name's end")
_PLACE_PREFIXES_BEFORE = tuple(  # ("St. Paul" alone is a city, not Paul)
    f"{sep}{w}{dot} "
    for w in _SAINT_FORT_PORT
    for dot in ("", ".")
    for sep in (" ", "\n", "(")
)
_IMPERATIVES = L.words("imperatives")
_PLACE_QUALIFIER_RE = re.compile(r",\s+[A-Z][a-z]+")  # "Charlotte, North Carolina"
# A dotted US-style title just before a run: "Sen. Bob Corker", "Mr. Brat" (the run
# regex stops at the dot, so the title is looked for in the text before the run).
_DOTTED_TITLE_BEFORE_RE = re.compile(r"(?<![\w.])([A-Z][a-z]{1,5})\. $")
# after "A-B": the two are people meeting, talking, competing ("Trump-Xi ceasefire")
_PAIR_EVENT_RE = re.compile(
    r"(?:['’]s)?\s+(?:" + "|".join(L.word_list("pair events")) + r")\b",
    re.IGNORECASE,
)
_NOT_PAIR_WORDS = (
    L.FUNCTION_WORDS | L.MONTHS_DAYS | L.DEMONYMS | L.ORG_WORDS | L.KNOWN_ORGS | L.TITLE_HEADS
)


def candidates(doc: Doc) -> list[Cand]:
    """The name candidates of the story, in text order (then the table lines').

    Also fills ``doc.cap_mid`` and ``doc.paired``."""
    text = doc.text
    out: list[Cand] = []
    tables = table_lines(doc)
    skip = _SKIP_RUNS
    outlets = doc.outlet_spans
    cap_mid = doc.cap_mid
    for m in RUN_RE.finditer(text):
        run = m.group(0)
        if run in skip:
            continue
        m0, m1 = m.span()
        if tables and any(a <= m0 < b for a, b in tables):
            continue
        if " " not in run and "-" not in run:
            c = _single_cand(doc, run, m0, m1)
            if c is not None:
                _dotted_title(doc, c)
                out.append(c)
                if not c.initial and not c.headline:
                    cap_mid.add(c.toks[0].text)
            continue
        if ". " in run:  # spaced initials ("J. K.") are one token
            toks = [Tok(t.group(0), m0 + t.start(), m0 + t.end())
                    for t in TOKEN_RE.finditer(run)]
        else:  # otherwise the run's tokens and particles are its space-separated parts
            toks = []
            pos = m0
            for part in run.split(" "):
                if part:
                    toks.append(Tok(part, pos, pos + len(part)))
                pos += len(part) + 1
        for seg in _segments(doc, toks, bool(outlets) and doc.in_outlet(m0, m1)):
            c = _make_cand(doc, seg)
            if c is not None:
                _dotted_title(doc, c)
                out.append(c)
                # words used capitalised mid-sentence (proper nouns, not just capitals)
                for t in c.toks if not c.initial and not c.headline else c.toks[1:]:
                    cap_mid.add(t.text)
    out.extend(table_cands(doc, tables))
    if doc.ner is not None:
        for c in out:
            _apply_ner(c, doc.ner)
    return out


def _dotted_title(doc: Doc, c: Cand) -> None:
    """Give ``c`` the dotted title in front of it ("Rep. Dave Brat", "Mr. Brat")."""
    start = c.run_start
    if c.title is not None or doc.text[start - 2 : start] != ". ":
        return
    m = _DOTTED_TITLE_BEFORE_RE.search(doc.text, max(0, start - 9), start)
    if m is not None and m.group(1) in L.PERSON_TITLES:
        c.title = m.group(1)
        c.titled_person = True


def _single_cand(doc: Doc, w: str, start: int, end: int) -> Cand | None:
    """_make_cand(_segments([one token])), for the commonest case, a one-word run."""
    last = w[-1]
    if last in "s'’":
        if w.endswith(("'s", "’s")) and len(w) > 2:
            w, end = w[:-2], end - 2
        elif last != "s":
            w, end = w[:-1], end - 1
    if doc.outlet_spans and doc.in_outlet(start, end):
        return None
    if w in _NOT_ONE_WORD_NAME or (w[-1:] == "." and w.rstrip(".") in L.TITLE_HEADS):
        return None
    headline = 0 <= start < doc.headline_end
    if "-" in w and _breaks_run(doc, w, (), headline):
        return None
    if doc.text.endswith(_PLACE_PREFIXES_BEFORE, max(0, start - 7), start):
        return None  # "St. Paul", "Fort Worth"
    # is_sentence_initial, inlined
    i = bisect.bisect_right(doc.sent_starts, start) - 1
    initial = start <= doc.sent_lead_ends[i if i > 0 else 0]
    return Cand([Tok(w, start, end)], start, initial=initial, headline=headline)


def _breaks_run(doc: Doc, w: str, cur: Sequence[Tok], headline: bool) -> bool:
    """Whether token ``w`` ends the name being built (``cur``): a function word, an
    acronym, a lowercase-hyphenated word, a common word in a Title-Case headline."""
    lex = doc.lex
    return (
        (w in L.FUNCTION_WORDS and (headline or not (
            # "Tony Most": a surname that is also a function word, not in a
            # Title-Case headline ("Trump Sent Kim Jong Un An 'Excellent' Letter")
            cur and cur[-1].text in lex.first_names and w in lex.surnames
        )))
        or (len(w) >= 2 and w.isupper() and w not in L.ROMAN_SUFFIXES and "." not in w
            and w not in L.TITLE_HEADS)
        or w in _DOTTED_BREAKERS
        # "Feed Reader Starter Kit See my repository": a heading ran into a sentence
        or w in _IMPERATIVES  # (also "See Mathverbs" at a sentence's start)
        or ("-" in w and not all(p[:1].isupper() for p in w.split("-")))
        or (headline and w.lower() in lex.common and w not in lex.first_names
            and w not in lex.surnames
            # not right after titles: "Chinese President Xi Jinping Arrives"
            and not (cur and all(x.text in _TITLE_OR_DEMONYM for x in cur)))
    )


def _segments(doc: Doc, toks: list[Tok], near_outlet: bool) -> list[list[Tok]]:
    """Cut a run into name candidates (``near_outlet``: the run overlaps an outlet)."""
    segs: list[list[Tok]] = []
    cur: list[Tok] = []
    headline = 0 <= toks[0].start < doc.headline_end if toks else False
    for t in toks:
        txt = t.text
        poss = False
        if txt.endswith(("'s", "’s")) and len(txt) > 2:
            t = Tok(txt[:-2], t.start, t.end - 2)
            poss = True
        elif txt.endswith(("'", "’")):
            t = Tok(txt[:-1], t.start, t.end - 1)
            poss = True
        w = t.text
        if near_outlet and doc.in_outlet(t.start, t.end):
            if cur:
                segs.append(cur)
            cur = []
            continue
        if _breaks_run(doc, w, cur, headline):
            if cur:
                segs.append(cur)
            cur = []
            if w in L.FUNCTION_WORDS or "-" in w:
                continue
            segs.append([t])  # acronym alone: possible org
            continue
        if "-" in w and _name_pair(doc, w, t.end):
            # "PM Modi-Xi Jinping summit": two names, "Modi" and "Xi Jinping"
            a = w.split("-")[0]
            ta = Tok(a, t.start, t.start + len(a))
            t = Tok(w[len(a) + 1 :], ta.end + 1, t.end)
            doc.paired.update((ta.start, t.start))
            cur.append(ta)
            segs.append(cur)
            cur = []
        cur.append(t)
        if poss:
            segs.append(cur)
            cur = []
    if cur:
        segs.append(cur)
    for i, seg in enumerate(segs):
        half = len(seg) // 2
        if half >= 2 and len(seg) == 2 * half and seg[0].text == seg[half].text:
            # "Wilmot Collins Wilmot Collins became ...": a heading, then the sentence
            # (or a misspelt repeat: "by Porter Robinson Porter Robinon's new album")
            segs[i : i + 1] = [seg[:half], seg[half:]]
    return segs


def _name_pair(doc: Doc, w: str, end: int) -> bool:
    """Whether hyphenated ``w`` is two people ("Trump-Xi ceasefire", "Modi-Xi" where
    both also stand alone), not one double-barrelled name ("Claver-Carone")."""
    parts = w.split("-")
    if len(parts) != 2:
        return False
    lex = doc.lex
    for p in parts:
        if len(p) < 2 or p.isupper() or p in _NOT_PAIR_WORDS or p in lex.places or (
            p in lex.countries or p in lex.outlet_by_form
        ):
            return False
    a, b = parts
    if a in lex.first_names and b in lex.first_names:  # Jean-Marie, Hans-Werner
        return False
    if _PAIR_EVENT_RE.match(doc.text, end):
        return True
    # both also stand alone, each ending a run ("Modi hosted Xi"; not "High Speed")
    return all(
        re.search(rf"(?<![\w\-]){re.escape(p)}(?![\w\-]| [A-Z])", doc.text) for p in parts
    )


def _make_cand(doc: Doc, seg: list[Tok]) -> Cand | None:
    """The candidate a segment of a run makes, its title stripped, or None."""
    # drop trailing particles
    while seg and (seg[-1].text in PARTICLE_SET or (
        len(seg) > 1 and seg[-1].text.isupper() and seg[-1].text in L.TITLE_HEADS
    )):
        seg = seg[:-1]
    while seg and seg[0].text in PARTICLE_SET:
        seg = seg[1:]
    while len(seg) > 2 and seg[-1].text in _PLACE_PREFIXES:
        seg = seg[:-1]
    # "Vi Lyles Charlotte, North Carolina", "Jenny Durkan Seattle": people and their towns
    lex = doc.lex
    if len(seg) > 2 and seg[-1].text in lex.places and (
        _PLACE_QUALIFIER_RE.match(doc.text, seg[-1].end)
        or (seg[0].text in lex.first_names and seg[-1].text not in lex.surnames)
    ):
        seg = seg[:-1]
    if not seg or (
        # "123 N. El Camino Real": a street address
        doc.text[seg[0].start - 2 : seg[0].start - 1].isdigit()
        and seg[0].text in _COMPASS_INITIALS
    ):
        return None
    last = seg[-1]
    if last.text in ("Jr", "Sr") and doc.text[last.end : last.end + 1] == ".":
        seg = [*seg[:-1], Tok(last.text + ".", last.start, last.end + 1)]
    run_start = seg[0].start
    if len(seg) > 1:
        whole = doc.text[run_start : seg[-1].end]
        if whole in lex.places or whole in L.NOT_PEOPLE:
            return None
    c = Cand(list(seg), run_start, initial=doc.is_sentence_initial(run_start),
             headline=0 <= run_start < doc.headline_end,
             paired=bool(doc.paired) and any(t.start in doc.paired for t in seg))
    # strip titles: cut after the last title word followed by a name
    toks = c.toks
    cut = -1
    lead = toks[0].text.lower()
    role_lead = len(toks) > 1 and (
        # "Engineers Nitin Ganatra, Scott Herz and ..."
        lead in L.ROLE_NOUNS or (lead[-1:] == "s" and lead[:-1] in L.ROLE_NOUNS)
    ) and toks[0].text not in doc.lex.first_names
    if role_lead:
        cut = 0
    for i, t in enumerate(toks[:-1]):
        w = t.text.rstrip(".")
        if w in L.TITLE_HEADS or w in L.DEMONYMS or (
            # "Afghans", "Associate Justices Sandra Day O'Connor and ..."
            w.endswith("s") and (w[:-1] in L.DEMONYMS or w[:-1] in L.PERSON_TITLES)
        ):
            if w in L.TITLE_INITIAL_ONLY and i != cut + 1:
                continue
            cut = i
        elif cut == i - 1 and (w in L.ORG_WORDS or w in L.MONTHS_DAYS):
            continue
    if cut < 0 and len(toks) >= 3:
        # words in front of a given name are not part of the name: "(Chancellor of
        # the) Exchequer Gordon Brown", "Backbencher Stephen Pound", "(Vice President
        # of) Real Estate Dave Radcliffe", "(Speaker of the) House Paul Ryan"
        after_of = doc.text.endswith((" of ", " of the "), 0, run_start)
        for i in range(1, len(toks) - 1):
            w = toks[i - 1].text
            if not (
                # a product's camel-case name: "OmniFocus Brett Terpstra"
                (any(ch.isupper() for ch in w[2:]) and not w.isupper() and "'" not in w
                 and "’" not in w and not w.startswith(("Mc", "Mac")))
                # (one word before the name must not be a surname: "Black" of "Jack
                # Black Stephen"; two or more are a phrase: "Real Estate")
                or (w.lower() in lex.common and w not in lex.first_names
                 and (i > 1 or w not in lex.surnames or (
                     len(toks) >= 4 and toks[1].text.lower() in lex.common)))
                or (w in L.ORG_WORDS and after_of)
            ):
                break
            if toks[i].text.split("-")[0] in lex.first_names:
                c.toks = toks = toks[i:]
                break
    if cut >= 0:
        title_words = [t.text.rstrip(".") for t in toks[: cut + 1]]
        c.title = " ".join(title_words)
        c.titled_person = role_lead or any(
            w in L.PERSON_TITLES or (w[-1:] == "s" and w[:-1] in L.PERSON_TITLES)
            for w in title_words
        ) or any(
            w in L.DEMONYMS or w.rstrip("s") in L.DEMONYMS for w in title_words
        )
        c.demonym_only = not role_lead and all(
            w in L.DEMONYMS or w.rstrip("s") in L.DEMONYMS for w in title_words
        )
        c.toks = toks[cut + 1 :]
    if len(c.toks) >= 3:
        # a well-known name at the end of a run: "(... of) Western Australia Malala
        # Yousafzai collecting the prize"
        for k in (3, 2):
            if len(c.toks) > k and " ".join(t.text for t in c.toks[-k:]) in lex.notable:
                c.toks = c.toks[-k:]
                break
    if c.toks and c.toks[-1].text.rstrip(".") in L.TITLE_HEADS and len(c.toks) == 1 and cut < 0:
        return None
    return c if c.toks else None


def _apply_ner(c: Cand, ner: NerSpans) -> None:
    """Mark a candidate that lies inside a span the tagger calls a person."""
    s, e = c.start, c.end
    c.ner = any(ps <= s and e <= pe for ps, pe in ner.people)
