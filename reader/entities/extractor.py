"""Rule-based people and sources extraction over capitalised-word runs.

Outline: find sentences; find runs of capitalised words (with name particles and
initials); cut each run at possessives, acronyms, outlets and function words; strip
titles and roles in front of a name, keeping them as evidence; score each candidate
with gazetteers (first names, surnames, places, common words, organisation words) and
context cues (titles, role nouns, "said X", "X said", "Mr X", ages, appositions);
propagate at document level (surname -> full name); then find cited outlets,
organisations, people and anonymous attributions.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

from reader.entities import _lexicon as L
from reader.entities.anonymous import anonymous
from reader.entities.known import KnownNames
from reader.entities.organisations import org_sources
from reader.entities.outlets import cited_outlets, find_outlets
from reader.entities.rules_doc import Cand as _Cand
from reader.entities.rules_doc import Doc, NerSpans
from reader.entities.rules_doc import Person as _Person
from reader.entities.rules_doc import Tok as _Tok
from reader.entities.rules_text import AGE_RE as _AGE_RE
from reader.entities.rules_text import PARTICLE_SET as _PARTICLE_SET
from reader.entities.rules_text import RUN_RE as _RUN_RE
from reader.entities.rules_text import SPEECH as _SPEECH
from reader.entities.rules_text import TOKEN_RE as _TOKEN_RE
from reader.entities.rules_text import UPPER as _UPPER
from reader.entities.rules_text import is_initial as _is_initial
from reader.entities.rules_text import word_before as _word_before
from reader.entities.tables import table_cands, table_lines
from reader.models import Entities, Entity

__all__ = ["NerSpans", "extract"]

# A tagger's PERSON span around a multi-word candidate counts as much as a role noun
# before it.  One-word PERSON spans and the tagger's other labels are not used: on the
# stories outside the gold set, spaCy's small model added more false people than real
# ones through them (companies, products, bands).
_NER_PERSON_BONUS = 2
_COMPASS = frozenset(
    "North South East West Central Northeast Northwest Southeast Southwest".split()
)
_TITLE_OR_DEMONYM = L.TITLE_HEADS | L.DEMONYMS
_DOTTED_BREAKERS = frozenset({"U.S.", "U.K.", "U.N.", "E.U.", "A.", "I."})
_SKIP_RUNS = L.FUNCTION_WORDS | L.MONTHS_DAYS  # one-word runs that are never names
_NOT_ONE_WORD_NAME = L.FUNCTION_WORDS | _PARTICLE_SET | L.TITLE_HEADS
_WEEKDAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
# Words that start a place's name ("St. Paul", "Fort Worth") ...
_SAINT_FORT_PORT = ("St", "Ste", "Saint", "San", "Santa", "Fort", "Ft", "Port", "Mt")
# ... and never end a person's: "Melvin Carter St. Paul", "Sheila Oliver New Jersey"
_PLACE_PREFIXES = frozenset((*_SAINT_FORT_PORT, "Mount", "Lake", "New"))
# A known person's name as a modifier: "the Obama administration", "Trump's presidency"
_PERSON_MODIFIES_RE = re.compile(
    r"(?:['’]s)? (?:[Aa]dministration|[Pp]residency|[Cc]ampaign|[Ee]ra|[Dd]octrine)\b"
)
_PLACE_PREFIXES_BEFORE = tuple(  # ("St. Paul" alone is a city, not Paul)
    f"{sep}{w}{dot} "
    for w in _SAINT_FORT_PORT
    for dot in ("", ".")
    for sep in (" ", "\n", "(")
)
_COMPASS_INITIALS = frozenset("N. S. E. W. N S E W NE NW SE SW".split())
_NEVER_SURNAMES = frozenset(
    """President Minister Secretary Senator Sen Rep Gov Governor Chairman Chairwoman
    Spokesman Spokeswoman Director Editor Manager Executive Chief Premier Ambassador
    Commissioner Inspector Detective Sultan Emir PM MP""".split()
)
_IMPERATIVES = frozenset("See Read Watch Click Visit Listen Subscribe Download".split())
_CONTRACTIONS = ("'ve", "’ve", "'ll", "’ll", "'re", "’re", "'d", "’d", "'m", "’m")
_ROMAN = L.ROMAN_SUFFIXES
_AFTER_SPEECH_RE = re.compile(
    r"(?:['’]s?)?(?:,\s+(?:who\s[^,.;\"“”]{0,60}|[a-z0-9][^,.;\"“”]{0,50}),)?\s*[\"“]?"
    rf"(?:(?:has|had|have|also|then|later|just|only|once|previously|[a-z]+ly)\s+){{0,3}}"
    rf"(?:{_SPEECH})\b"
)
# "X agreed to meet", "X asked to leave": an infinitive follows, nothing is quoted.
_INFINITIVE_AFTER_RE = re.compile(r"\s+to\s")
_INFINITIVE_VERBS = ("agreed", "agrees", "asked", "asks")
_BEFORE_SPEECH = (
    "said says added explained warned admitted argued insisted claimed commented revealed "
    "wrote admits explains adds concedes conceded argues recalled according_to told quoted"
).split()
# "said X" / "according to the X": the text before a name ends with
#     \b(?:said|...|according\s+to)\s*,?\s*(?:the\s+|a\s+)?$
# Searching for that means trying every position of the window; the same test is one
# anchored match on the reversed window (\b and \s are the same read backwards).
_BEFORE_SPEECH_REV_RE = re.compile(
    r"(?:\s+eht|\s+a)?\s*,?\s*(?:"
    + "|".join(v[::-1].replace("_", r"\s+") for v in _BEFORE_SPEECH)
    + r")\b"
)
_PLACE_QUALIFIER_RE = re.compile(r",\s+[A-Z][a-z]+")  # "Charlotte, North Carolina"
# A dotted US-style title just before a run: "Sen. Bob Corker", "Mr. Brat" (the run
# regex stops at the dot, so the title is looked for in the text before the run).
_DOTTED_TITLE_BEFORE_RE = re.compile(r"(?<![\w.])([A-Z][a-z]{1,5})\. $")
# What follows a name and marks it as a person's: a party tag "(R-Wis.)", "(D)"; a tweet
# signature "(@handle)"; a by-line "Hadas Gold, writing for Politico", and a link-blog
# credit at a paragraph's start, "Serenity Caldwell, at iMore:".
_PERSON_AFTER_RE = re.compile(
    r" \((?:[RDI](?:-[A-Z][A-Za-z.]{0,12}(?: [A-Z][A-Za-z.]{0,12})?)?|@\w{1,30})\)"
    r"|, (?:writing|reporting) (?:for|in|at) "
)
# What comes before a name and marks it as a person's: "interview with X", "a developer
# named X" (searched in the few characters before the name)
_PERSON_BEFORE_RE = re.compile(
    r"\b(?:interview|interviewed|conversation|chat|chatted|episode|talked|spoke) with $"
    r"|\b(?:developer|man|woman|boy|girl|person|guy|user|reader|artist|player|designer|"
    r"engineer|journalist|writer|author|photographer|student|teenager) named $"
)
_CREDIT_AFTER_RE = re.compile(r", (?:at|for|in) [^,:\n]{1,40}: | ?: ")
_NEXT_WORD_RE = re.compile(r"(?:['’]s?)?\s+([A-Za-z\-]+)(?:\s+([A-Za-z]+))?")
_OF_BEFORE_RE = re.compile(r"[A-Z][\w'’\-]* of (?:the )?$")
_WHO_RE = re.compile(r"(?:['’]s)?,? who\b")
_AGE_OR_WHO_RE = re.compile(rf"{_AGE_RE.pattern}|{_WHO_RE.pattern}")
_APPOS_ROLE_RE = re.compile(
    r",\s+(?:the|a|an|his|her|its|their)?\s*(?:[\w'’\-]+\s+){0,4}?"
    r"(?:[\w\-]+['’]s\s+)?(?:[\w\-]+\s+){0,3}?(\w+)\b"
)
_PRONOUN_RE = re.compile(r"\b(?:he|she|his|her|him)\b")

_REPORTED_VERB_RE = re.compile(
    r"\s+(?:had|has|have|was|were|is|are|would|will|could|should|might|may|must|did|does|"
    r"do|can|had\s+been|has\s+been)\b"
)
_INITIALS_RE = re.compile(rf"(?:[{_UPPER}]\.?){{1,3}}")
_OF_AFTER_RE = re.compile(r" of [A-Z]")
# a list of people: "(people) such as X, Y and Z", "(players) like X", "the likes of X"
_LIST_INTRO_RE = re.compile(r"(?:such\s+as|like|including|likes\s+of)\s+")
# after "A-B": the two are people meeting, talking, competing ("Trump-Xi ceasefire")
_PAIR_EVENT_RE = re.compile(
    r"(?:['’]s)?\s+(?:summit|talks|meeting|meetings|ceasefire|truce|handshake|call|rift|feud|"
    r"rivalry|spat|clash|showdown|duel|match|final|debate|ticket|administration|era|years|"
    r"bromance|encounter|face-off)\b",
    re.IGNORECASE,
)
_NOT_PAIR_WORDS = (
    L.FUNCTION_WORDS | L.MONTHS_DAYS | L.DEMONYMS | L.ORG_WORDS | L.KNOWN_ORGS | L.TITLE_HEADS
)
_FIRM_ROLES = frozenset(
    "analyst analysts researcher researchers watcher watchers".split()
)
_FIRM_ROLE_RE = re.compile(
    r"\b(?:market|industry|research|city|stock)\s+(?:analysts?|researchers?|watchers?)\s*,?\s*$"
)
_NEXT_LOWER_WORD_RE = re.compile(r"(?:['’]s)? ([a-z][a-z\-]*)\b")
_NEXT_LOWER_RE = re.compile(r" ([a-z][a-z\-]*) (?=[A-Z])")
_LIST_SEP_RE = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+")
_PEOPLE_NOUNS = frozenset(
    "people names figures celebrities greats legends luminaries individuals men women".split()
)
# French, Spanish, Italian, German, Dutch articles: "Les Sylphides", "La Scala", "Die Hard"
_ARTICLES = frozenset("Les La Le Los Las El Il Lo Die Der Das Het".split())


class _DocCues:
    """Document-level cues per surname-like token (the last word of a candidate): 3 after
    an honorific ("Mr X"), 2 for "X, 31,", "X, who", "X's wife/administration/..." or a
    team sheet's "X".

    Worked out on first use: most tokens are never asked about."""

    __slots__ = ("_by_last", "_memo", "_text")

    def __init__(self, text: str, cands: list[_Cand]) -> None:
        self._text = text
        self._by_last: dict[str, list[_Cand]] = {}
        for c in cands:
            self._by_last.setdefault(c.toks[-1].text, []).append(c)
        self._memo: dict[str, int] = {}

    def get(self, last: str, default: int = 0) -> int:
        bonus = self._memo.get(last)
        if bonus is None:
            bonus = self._memo[last] = self._bonus(self._by_last.get(last, []), last)
        return bonus or default

    def _bonus(self, cs: list[_Cand], last: str) -> int:
        for c in cs:
            if c.title and c.title.split()[-1] in L.HONORIFICS:
                return 3
        text = self._text
        for c in cs:
            if _AGE_OR_WHO_RE.match(text, c.end) or c.table:
                return 2  # (or a team sheet lists the surname)
            nm = _NEXT_WORD_RE.match(text, c.end)
            if nm is not None and not c.demonym_only and not last.isupper() and (
                nm.group(1).lower() in L.PERSON_AFTER
                or (nm.group(2) or "").lower() in L.PERSON_AFTER
            ):
                return 2
        return 0


class _Doc(Doc):
    # ----------------------------------------------------------------- candidates
    def candidates(self) -> list[_Cand]:
        text = self.text
        out: list[_Cand] = []
        tables = table_lines(self)
        skip = _SKIP_RUNS
        outlets = self.outlet_spans
        cap_mid = self.cap_mid
        for m in _RUN_RE.finditer(text):
            run = m.group(0)
            if run in skip:
                continue
            m0, m1 = m.span()
            if tables and any(a <= m0 < b for a, b in tables):
                continue
            if " " not in run and "-" not in run:
                c = self._single_cand(run, m0, m1)
                if c is not None:
                    self._dotted_title(c)
                    out.append(c)
                    if not c.initial and not c.headline:
                        cap_mid.add(c.toks[0].text)
                continue
            if ". " in run:  # spaced initials ("J. K.") are one token
                toks = [_Tok(t.group(0), m0 + t.start(), m0 + t.end())
                        for t in _TOKEN_RE.finditer(run)]
            else:  # otherwise the run's tokens and particles are its space-separated parts
                toks = []
                pos = m0
                for part in run.split(" "):
                    if part:
                        toks.append(_Tok(part, pos, pos + len(part)))
                    pos += len(part) + 1
            for seg in self._segments(toks, bool(outlets) and self.in_outlet(m0, m1)):
                c = self._make_cand(seg)
                if c is not None:
                    self._dotted_title(c)
                    out.append(c)
                    # words used capitalised mid-sentence (proper nouns, not just capitals)
                    for t in c.toks if not c.initial and not c.headline else c.toks[1:]:
                        cap_mid.add(t.text)
        out.extend(table_cands(self, tables))
        if self.ner is not None:
            for c in out:
                self._apply_ner(c, self.ner)
        return out

    def _dotted_title(self, c: _Cand) -> None:
        """Give ``c`` the dotted title in front of it ("Rep. Dave Brat", "Mr. Brat")."""
        start = c.run_start
        if c.title is not None or self.text[start - 2 : start] != ". ":
            return
        m = _DOTTED_TITLE_BEFORE_RE.search(self.text, max(0, start - 9), start)
        if m is not None and m.group(1) in L.PERSON_TITLES:
            c.title = m.group(1)
            c.titled_person = True

    def _person_after(self, c: _Cand) -> bool:
        """A party tag, tweet signature, by-line, paragraph-opening credit or a line that
        holds only the name (a feed's by-line) around ``c``."""
        text, end = self.text, c.end
        if _PERSON_AFTER_RE.match(text, end):
            return True
        before = text[c.run_start - 2 : c.run_start]
        if len(c.toks) <= 3 and before in ("| ", "\n") and text[end : end + 1] in ("\n", ""):
            return True  # a by-line: "Headline | Cas Mudde", or the name alone on its line
        return before[-1:] == "\n" and not c.headline and bool(_CREDIT_AFTER_RE.match(text, end))

    def _single_cand(self, w: str, start: int, end: int) -> _Cand | None:
        """_make_cand(_segments([one token])), for the commonest case, a one-word run."""
        last = w[-1]
        if last in "s'’":
            if w.endswith(("'s", "’s")) and len(w) > 2:
                w, end = w[:-2], end - 2
            elif last != "s":
                w, end = w[:-1], end - 1
        if self.outlet_spans and self.in_outlet(start, end):
            return None
        if w in _NOT_ONE_WORD_NAME or (w[-1:] == "." and w.rstrip(".") in L.TITLE_HEADS):
            return None
        headline = 0 <= start < self.headline_end
        if "-" in w and self._breaks_run(w, (), headline):
            return None
        if self.text.endswith(_PLACE_PREFIXES_BEFORE, max(0, start - 7), start):
            return None  # "St. Paul", "Fort Worth"
        # is_sentence_initial, inlined
        i = bisect.bisect_right(self.sent_starts, start) - 1
        initial = start <= self.sent_lead_ends[i if i > 0 else 0]
        return _Cand([_Tok(w, start, end)], start, initial=initial, headline=headline)

    def _breaks_run(self, w: str, cur: Sequence[_Tok], headline: bool) -> bool:
        """Whether token ``w`` ends the name being built (``cur``): a function word, an
        acronym, a lowercase-hyphenated word, a common word in a Title-Case headline."""
        lex = self.lex
        return (
            (w in L.FUNCTION_WORDS and (headline or not (
                # "Tony Most": a surname that is also a function word, not in a
                # Title-Case headline ("Trump Sent Kim Jong Un An 'Excellent' Letter")
                cur and cur[-1].text in lex.first_names and w in lex.surnames
            )))
            or (len(w) >= 2 and w.isupper() and w not in _ROMAN and "." not in w
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

    def _segments(self, toks: list[_Tok], near_outlet: bool) -> list[list[_Tok]]:
        """Cut a run into name candidates (``near_outlet``: the run overlaps an outlet)."""
        segs: list[list[_Tok]] = []
        cur: list[_Tok] = []
        headline = 0 <= toks[0].start < self.headline_end if toks else False
        for t in toks:
            txt = t.text
            poss = False
            if txt.endswith(("'s", "’s")) and len(txt) > 2:
                t = _Tok(txt[:-2], t.start, t.end - 2)
                poss = True
            elif txt.endswith(("'", "’")):
                t = _Tok(txt[:-1], t.start, t.end - 1)
                poss = True
            w = t.text
            if near_outlet and self.in_outlet(t.start, t.end):
                if cur:
                    segs.append(cur)
                cur = []
                continue
            if self._breaks_run(w, cur, headline):
                if cur:
                    segs.append(cur)
                cur = []
                if w in L.FUNCTION_WORDS or "-" in w:
                    continue
                segs.append([t])  # acronym alone: possible org
                continue
            if "-" in w and self._name_pair(w, t.end):
                # "PM Modi-Xi Jinping summit": two names, "Modi" and "Xi Jinping"
                a = w.split("-")[0]
                ta = _Tok(a, t.start, t.start + len(a))
                t = _Tok(w[len(a) + 1 :], ta.end + 1, t.end)
                self.paired.update((ta.start, t.start))
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

    def _name_pair(self, w: str, end: int) -> bool:
        """Whether hyphenated ``w`` is two people ("Trump-Xi ceasefire", "Modi-Xi" where
        both also stand alone), not one double-barrelled name ("Claver-Carone")."""
        parts = w.split("-")
        if len(parts) != 2:
            return False
        lex = self.lex
        for p in parts:
            if len(p) < 2 or p.isupper() or p in _NOT_PAIR_WORDS or p in lex.places or (
                p in lex.countries or p in lex.outlet_by_form
            ):
                return False
        a, b = parts
        if a in lex.first_names and b in lex.first_names:  # Jean-Marie, Hans-Werner
            return False
        if _PAIR_EVENT_RE.match(self.text, end):
            return True
        # both also stand alone, each ending a run ("Modi hosted Xi"; not "High Speed")
        return all(
            re.search(rf"(?<![\w\-]){re.escape(p)}(?![\w\-]| [A-Z])", self.text) for p in parts
        )

    def _make_cand(self, seg: list[_Tok]) -> _Cand | None:
        # drop trailing particles
        while seg and (seg[-1].text in _PARTICLE_SET or (
            len(seg) > 1 and seg[-1].text.isupper() and seg[-1].text in L.TITLE_HEADS
        )):
            seg = seg[:-1]
        while seg and seg[0].text in _PARTICLE_SET:
            seg = seg[1:]
        while len(seg) > 2 and seg[-1].text in _PLACE_PREFIXES:
            seg = seg[:-1]
        # "Vi Lyles Charlotte, North Carolina", "Jenny Durkan Seattle": people and their towns
        lex = self.lex
        if len(seg) > 2 and seg[-1].text in lex.places and (
            _PLACE_QUALIFIER_RE.match(self.text, seg[-1].end)
            or (seg[0].text in lex.first_names and seg[-1].text not in lex.surnames)
        ):
            seg = seg[:-1]
        if not seg or (
            # "123 N. El Camino Real": a street address
            self.text[seg[0].start - 2 : seg[0].start - 1].isdigit()
            and seg[0].text in _COMPASS_INITIALS
        ):
            return None
        last = seg[-1]
        if last.text in ("Jr", "Sr") and self.text[last.end : last.end + 1] == ".":
            seg = [*seg[:-1], _Tok(last.text + ".", last.start, last.end + 1)]
        run_start = seg[0].start
        if len(seg) > 1:
            whole = self.text[run_start : seg[-1].end]
            if whole in lex.places or whole in L.NOT_PEOPLE:
                return None
        c = _Cand(list(seg), run_start, initial=self.is_sentence_initial(run_start),
                  headline=0 <= run_start < self.headline_end,
                  paired=bool(self.paired) and any(t.start in self.paired for t in seg))
        # strip titles: cut after the last title word followed by a name
        toks = c.toks
        cut = -1
        lead = toks[0].text.lower()
        role_lead = len(toks) > 1 and (
            # "Engineers Nitin Ganatra, Scott Herz and ..."
            lead in L.ROLE_NOUNS or (lead[-1:] == "s" and lead[:-1] in L.ROLE_NOUNS)
        ) and toks[0].text not in self.lex.first_names
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
            after_of = self.text.endswith((" of ", " of the "), 0, run_start)
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

    def _apply_ner(self, c: _Cand, ner: NerSpans) -> None:
        """Mark a candidate that lies inside a span the tagger calls a person."""
        s, e = c.start, c.end
        c.ner = any(ps <= s and e <= pe for ps, pe in ner.people)

    # ----------------------------------------------------------------- lists
    @property
    def listed_ends(self) -> frozenset[int]:
        """End offsets of the items of lists of people: "people such as Matisse and
        Stravinsky", "choreographers like X, Y and Z", "the likes of X and Y"."""
        if self.listed is None:
            self.listed = self._find_listed()
        return self.listed

    def _find_listed(self) -> frozenset[int]:
        text = self.text
        ends: set[int] = set()
        for m in self._list_intros():
            if not m.group(0).startswith("likes"):  # "the likes of" needs no head noun
                head = _word_before(text, m.start()).lower()
                if head not in _PEOPLE_NOUNS and not (
                    head.endswith("s") and head[:-1] in L.ROLE_NOUNS
                    and head[:-1] not in L.COMPANY_NOUNS  # "broadcasters such as Sky"
                ):
                    continue
            pos = m.end()
            while (item := _RUN_RE.match(text, pos)) is not None:
                role = _NEXT_LOWER_RE.match(text, item.end())
                if role and role.group(1) not in ("and", "or"):
                    pos = role.end()  # "Oscar nominee Alan Alda": the item is Alan Alda
                    continue
                if not item.group(0).isupper():  # "people like GCHQ": an acronym
                    ends.add(item.end())
                    if item.group(0).endswith(("'s", "’s")):
                        ends.add(item.end() - 2)
                sep = _LIST_SEP_RE.match(text, item.end())
                if sep is None:
                    break
                pos = sep.end()
        return frozenset(ends)

    def _list_intros(self) -> Iterator[re.Match[str]]:
        """ "such as", "like", "including", "the likes of" after a space (found with
        str.find, which is faster here than a regex scan)."""
        text = self.text
        for word in ("such", "like", "including"):
            i = text.find(word)
            while i >= 0:
                if i and text[i - 1].isspace() and (m := _LIST_INTRO_RE.match(text, i)) and (
                    not m.group(0).startswith("likes") or text[i - 4 : i - 1] in ("the", "The")
                ):
                    yield m
                i = text.find(word, i + 1)

    # ----------------------------------------------------------------- scoring
    def speech(self, c: _Cand) -> bool:
        if c.speech_ is None:
            self.context(c)
        return bool(c.speech_)

    def context(self, c: _Cand) -> None:
        text = self.text
        s_i = self.sent_index(c.start)
        s_end = self.sents[s_i][1] if s_i < len(self.sents) else len(text)
        after = text[c.end : min(s_end, c.end + 120)]
        before = text[max(0, c.run_start - 60) : c.run_start]
        spoke = _AFTER_SPEECH_RE.match(after)
        if spoke and after[: spoke.end()].endswith(_INFINITIVE_VERBS) and (
            _INFINITIVE_AFTER_RE.match(after, spoke.end())
        ):
            spoke = None
        c.speech_ = bool(spoke) or bool(
            # "said X" quotes X, but in "said X had agreed" X is what was said about
            _BEFORE_SPEECH_REV_RE.match(before[::-1]) and not _REPORTED_VERB_RE.match(after)
        )

    def _firm_before(self, c: _Cand, prev: str) -> bool:
        """ "market analyst Datamonitor", "industry analysts Gartner": a firm (``prev``: the
        word before the candidate, lowercase)."""
        if prev not in _FIRM_ROLES:
            return False
        m = _FIRM_ROLE_RE.search(self.text, max(0, c.run_start - 40), c.run_start)
        return m is not None

    def _qualifies_noun(self, end: int) -> bool:
        """ "Bhs owner", "Oscar nominee": the name is followed by the noun it qualifies."""
        m = _NEXT_LOWER_WORD_RE.match(self.text, end)
        return m is not None and (
            m.group(1) in L.ROLE_NOUNS or m.group(1) in L.COMPANY_NOUNS
        )

    def _appositive_role(self, end: int) -> bool:
        text = self.text
        if text[end : end + 2] != ", ":
            return False
        seg = text[end + 2 : end + 70].split(",", 1)[0]
        for w in seg.split()[:6]:
            lw = w.lower().rstrip(".;:")
            if lw.endswith(("'s", "’s")):
                continue
            if lw in L.ROLE_NOUNS:
                return True
        return False

    def score_multi(self, c: _Cand, doc_cues: _DocCues) -> int:
        lex = self.lex
        words = [t.text for t in c.toks]
        name = " ".join(words)
        if name in L.NOT_PEOPLE or name in lex.places or name in lex.notable_orgs:
            return -10  # ("Morgan Stanley", "Aston Martin", "Atletico Madrid")
        if (words[-1] in L.PERSON_TITLES and (
            words[-1] in _NEVER_SURNAMES or words[-1] not in lex.surnames  # "Eric Pope"
        )) or (
            # a title never ends a name: "Microsoft President (and Chief ...)"
            words[-1] in _WEEKDAYS
        ) or (words[0] in L.MONTHS_DAYS and not (
            # "Jan Egeland", "June Carter Cash"; not "May Day", "April Fools"
            words[0] in lex.first_names
            and (words[1] in lex.surnames or words[1].lower() not in lex.common)
            and words[1] not in L.ORG_WORDS and words[1] not in L.MONTHS_DAYS
        )):
            return -10  # "Cyber Monday", "Helena Tuesday"
        score = 0
        org_words = [w for w in words if w in L.ORG_WORDS]
        if org_words:
            if not (
                # "Katie Hill", "Sandra Day O'Connor": a given name, then surnames that are
                # also organisation words, weigh against the name; cues can outweigh them
                len(words) <= 3 and words[0] in lex.first_names and words[0] not in org_words
                and all(w in lex.surnames for w in org_words)
            ):
                return -10
            score -= 3 * len(org_words)
        if any(w.rstrip(".") in L.DEMONYMS for w in words[-1:]):
            return -10
        if len(words) == 2 and words[1] in _COMPASS and words[0] in lex.places and (
            words[0] not in lex.first_names and self.prev_word(c) in ("in", "for", "of", "at")
        ):
            return -10  # a constituency or district: "in Nottingham North", "MP for Leeds Central"
        common = lex.common
        in_common = [w.lower() in common for w in words]
        if c.headline and all(in_common) and not (
            # "Bill Gates Breaks Ranks ...": common words, but the story goes on to name
            # him ("Mr Gates said"): a given name and a surname the body confirms
            words[0] in lex.first_names and words[-1] in lex.surnames
            and doc_cues.get(words[-1], 0) > 0
        ):
            return -10
        first = words[0]
        is_initial = bool(_INITIALS_RE.fullmatch(first.replace(".", "")
                                                 if "." in first else first)) and len(first) <= 4
        first_head = first.split("-")[0]
        first_name = first_head in lex.first_names and not (
            # "Les Sylphides", "La Traviata": a French/Spanish/Italian/German article that
            # is also a given name ("Les Dennis") counts as one only before a known name
            first in _ARTICLES
            and not any(w in lex.surnames or w in lex.first_names for w in words[1:])
        )
        if c.titled_person:
            score += 3
        if (first_name and first not in L.MONTHS_DAYS) or is_initial:
            score += 2
        last = words[-1]
        if last in lex.surnames:
            score += 1
        for i, w in enumerate(words):
            if i == 0 and (first_name or is_initial):
                continue
            if w in _ROMAN or (c.paired and c.toks[i].start in self.paired):
                continue  # a numeral; a name split from a pair ("Xi" of "Modi-Xi Jinping")
            if 0 < i < len(words) - 1 and _is_initial(w):
                score += 1  # a middle initial: "William J. Brennan"
                continue
            if in_common[i] and w not in lex.surnames and w not in lex.first_names:
                score -= 2
            if w in lex.places and w not in lex.surnames and w not in lex.first_names and (
                i == 0 or not (first_name or is_initial)
            ):
                score -= 1
        # (A given name that is also a country, "Chad Morris", "Jordan Henderson", is not.)
        has_country = any(
            w in lex.countries and not (i == 0 and first_name and last in lex.surnames)
            for i, w in enumerate(words)
        )
        if len(words) <= 3 and not any(in_common) and not has_country:
            score += 1
        if has_country:
            score -= 3
        if any(w in _PARTICLE_SET for w in words[1:-1]):
            score += 2
        n_words = sum(w not in _PARTICLE_SET for w in words)  # "Jeroen van der Veer": 2
        if n_words >= 4:
            score -= n_words - 3
        prev = self.prev_word(c)
        pl = prev.lower()
        if (pl in L.ROLE_NOUNS or (pl.endswith("s") and pl[:-1] in L.ROLE_NOUNS)) and (
            not self._firm_before(c, pl)
        ):
            score += 2
        elif pl in L.COMPANY_NOUNS or self._firm_before(c, pl):
            score -= 3
        elif prev.endswith(("'s", "’s")) and prev[:1].isupper():
            score += 1
        if self.speech(c):
            score += 2
        score += doc_cues.get(last, 0)
        if self._appositive_role(c.end):
            score += 2
        person_after = self._person_after(c)
        if person_after:
            score += 3
        if _PERSON_BEFORE_RE.search(self.text, max(0, c.run_start - 30), c.run_start):
            score += 2
        if name in lex.notable:
            score += 3
        if c.end in self.listed_ends:
            score += 2
        if c.paired:
            score += 2
        if c.ner:
            score += _NER_PERSON_BONUS
        if c.initial and c.title is None and in_common[0] and (
            first_head not in lex.first_names
        ):  # a capitalised first word; after a title the name is not sentence-initial
            score -= 2
        if person_after:
            # a by-line, tweet signature or party tag outweighs how the words look
            # ("Mat Honan, writing for BuzzFeed:": a mat, and a Chinese province)
            return max(score, 2)
        return score

    # ----------------------------------------------------------------- main
    def run(self) -> Entities:
        find_outlets(self)
        cands = self.candidates()
        text = self.text

        doc_cues = _DocCues(text, cands)

        people: list[_Person] = []
        by_form: dict[str, _Person] = {}

        def add(p: _Person, c: _Cand) -> None:
            form = c.name
            p.forms[form] = p.forms.get(form, 0) + 1
            span = (c.start, c.end)
            if span not in p.mentions:
                p.mentions.append(span)
            if self.speech(c):
                p.speech_sents.append(self.sent_index(c.start))

        multi: list[_Cand] = []
        single: list[_Cand] = []
        for c in cands:
            if len(c.toks) >= 2 and not (
                len(c.toks) == 2 and c.toks[1].text in _ROMAN and not c.titled_person
            ):
                multi.append(c)
            else:
                single.append(c)

        accepted: list[_Cand] = []
        pending: list[_Cand] = []
        for c in multi:
            if c.table:
                accepted.append(c)
                continue
            sc = self.score_multi(c, doc_cues)
            c.score = sc
            if sc >= 2:
                accepted.append(c)
            elif sc >= 0:
                pending.append(c)
            else:
                # salvage the last token as a possible surname mention
                tail = c.toks[-1]
                if tail.text not in L.ORG_WORDS:
                    single.append(_Cand([tail], tail.start, initial=False, salvage=True))
        # coordination: "X and Y" / "X, Y" next to an accepted person; "X, 31,"
        acc_starts = {c.run_start for c in accepted}
        acc_ends = {c.end for c in accepted}
        for c in pending:
            gap_after = text[c.end : c.end + 6]
            gap_before = text[max(0, c.run_start - 6) : c.run_start]
            joined = any(
                c.end + len(gap_after[:k]) in acc_starts
                for k in range(1, 7)
                if gap_after[:k].strip(" ,") in {"and", ""}
            ) or any(
                c.run_start - k in acc_ends
                for k in range(1, 7)
                if gap_before[-k:].strip(" ,") in {"and", ""}
            )
            if joined or _AGE_RE.match(text, c.end):
                accepted.append(c)

        accepted.sort(key=lambda c: c.start)
        for c in accepted:
            name = c.name.removesuffix(".")  # "Hank Williams Jr." is "Hank Williams Jr"
            p = by_form.get(name)
            if p is None:
                # a shorter multi-word form that is a suffix of a known person
                folded = " " + name.casefold()  # "De Marigny" of "Roland de Marigny"
                for q in people:
                    if any(f.casefold().endswith(folded) for f in q.forms):
                        p = q
                        break
            if p is None:
                p = _Person(first=c.start)
                people.append(p)
            by_form[name] = p
            add(p, c)
        # merge persons whose full form extends another (e.g. "Parker Bowles")
        # single tokens
        last_index: dict[str, list[_Person]] = {}
        first_index: dict[str, list[_Person]] = {}
        for p in people:
            for f in p.forms:
                parts = f.split()
                last_index.setdefault(parts[-1].replace("’", "'"), []).append(p)
                first_index.setdefault(parts[0], []).append(p)
        single_people: dict[str, _Person] = {}
        pending_single: list[_Cand] = []
        for c in single:
            w = c.toks[0].text
            if not w or not w[0].isupper():
                continue
            cands_p = last_index.get(w.replace("’", "'"))  # "O'Reilly" is "O’Reilly"
            if cands_p:
                # nearest preceding person with that surname
                best = None
                for p in cands_p:
                    if p.first <= c.start and (best is None or p.first > best.first):
                        best = p
                add(best or cands_p[0], c)
                continue
            fp = first_index.get(w)
            if fp and len({id(p) for p in fp}) == 1 and (not c.titled_person or c.headline):
                add(fp[0], c)
                continue
            if fp and not c.titled_person and w in self.lex.first_names:
                continue  # "guess which John ...": one of the story's Johns, not another
            pending_single.append(c)

        # decide remaining single tokens at document level
        groups: dict[str, list[_Cand]] = {}
        for c in pending_single:
            if c.salvage:
                continue
            groups.setdefault(c.toks[0].text, []).append(c)
        for w, cs in groups.items():
            if self._single_is_person(w, cs, doc_cues):
                p = _Person(first=cs[0].start)
                people.append(p)
                single_people[w] = p
                for c in cs:
                    add(p, c)

        return self._build(people)

    def _single_is_person(self, w: str, cs: list[_Cand], doc_cues: _DocCues) -> bool:
        lex = self.lex
        if len(w) < 2 or w in L.MONTHS_DAYS or w in L.DEMONYMS or w.rstrip("s") in L.DEMONYMS:
            return False
        if w in L.ORG_WORDS or w in L.KNOWN_ORGS or w in lex.outlet_by_form or (
            w in lex.notable_orgs  # "Uber", "Swift" (the language) ...
        ):
            return False
        if w in L.TITLE_HEADS or w in _ROMAN or "." in w or w.endswith(_CONTRACTIONS):
            return False
        if any(c.table for c in cs):
            return True
        if w.isupper():
            return False  # "LPGA pro Suzann Pettersen": an acronym
        titled = any(c.titled_person and not c.demonym_only for c in cs)
        if titled and w.lower() in lex.common and w not in lex.surnames:
            titled = False
        if not titled and any(
            form.startswith(w + " ") for _, _, _, form in self.outlet_spans
        ):  # "Fox" where the story cites Fox News
            return False
        text = self.text
        for c in cs:
            if _OF_AFTER_RE.match(text, c.end):  # "X of Y"
                return False
        for c in cs:  # "Duke of X", "Bank of the X" (the regex can only match after " of ")
            lo = max(0, c.run_start - 30)
            if text.endswith((" of ", " of the "), lo, c.run_start) and _OF_BEFORE_RE.search(
                text, lo, c.run_start
            ):
                return False
        notable = w in lex.notable_surnames
        place = w in lex.places
        if titled:
            return not place or any(c.title and c.title.split()[-1] in L.HONORIFICS for c in cs)
        known = self.known is not None and self.known.has_surname(w)
        if (notable or known) and any(_PERSON_MODIFIES_RE.match(text, c.end) for c in cs):
            return True  # "the Obama administration", "The Trump Administration's ..."
        if place and not (notable and any(self.speech(c) for c in cs)):
            return False  # (but "Obama said": a well-known name that is also a town)
        if any(c.paired for c in cs):
            return True
        if all(self.prev_word(c) in ("the", "The") for c in cs):
            return False  # "visitors to the Tate"
        # "Trump’s Lies, the Definitive List": a well-known name's possessive
        possessive = notable and any(text[c.end : c.end + 2] in ("'s", "’s") for c in cs)
        if w.lower() in lex.common and w not in self.cap_mid and not known and not possessive:
            return False
        score = 1 if possessive else 0
        if notable:
            # "Lavrov": a well-known person's surname; less where it is also a word
            score += 2 if w.lower() in lex.common else 3
        elif known:
            # a name from another story; less where it is also a word ("Fox", "Mulligan")
            score += 1 if w.lower() in lex.common else 2
        if w in lex.orgs_also_people:
            score -= 2  # "Swift", "Ford", "Dell": as often a firm or a product
        if w in lex.surnames and (w.lower() not in lex.common or w in self.cap_mid):
            score += 1
        elif w in lex.first_names:
            score -= 1
        for c in cs:
            prev = self.prev_word(c).lower()
            if prev in L.COMPANY_NOUNS or self._firm_before(c, prev):
                return False
            if (
                # "sculptor X", but not "billionaire Bhs owner" (X qualifies the noun after it)
                prev in L.ROLE_NOUNS and prev not in ("starring", "featuring")
                and not self._qualifies_noun(c.end)
            ) or c.end in self.listed_ends:  # "people such as X and Y"
                score += 3
        if score >= 3:  # the document cues below are never negative
            return True
        score += doc_cues.get(w, 0)
        if score >= 3:
            return True
        if score + 2 < 3:
            return False
        if any(self.speech(c) for c in cs):
            score += 2
        return score >= 3

    # ----------------------------------------------------------------- output
    def _build(self, people: list[_Person]) -> Entities:
        text = self.text
        ents: list[Entity] = []
        person_entities: list[tuple[_Person, Entity]] = []
        people.sort(key=lambda p: min(s for s, _ in p.mentions) if p.mentions else 0)
        merged: list[_Person] = []
        for p in people:
            best = max(p.forms, key=lambda f: (len(f.split()), p.forms[f], -len(f)))
            p.best = best
        # merge people with the same best name, middle initials aside ("Donald J. Trump")
        seen: dict[str, _Person] = {}
        for p in people:
            key = _without_middle_initials(p.best)
            q = seen.get(key)
            if q is not None:
                for f, n in p.forms.items():
                    q.forms[f] = q.forms.get(f, 0) + n
                q.mentions.extend(m for m in p.mentions if m not in q.mentions)
                q.speech_sents.extend(p.speech_sents)
                if len(p.best.split()) > len(q.best.split()):
                    q.best = p.best
                continue
            seen[key] = p
            merged.append(p)
        for p in merged:
            aliases = [f for f in p.forms if f != p.best]
            hint = self.known.hint_for(p.best) if self.known is not None else None
            e = Entity(
                name=p.best,
                aliases=aliases,
                mentions=sorted(p.mentions),
                kind="person",
                hint=hint,
            )
            ents.append(e)
            person_entities.append((p, e))
        sources = self._sources(person_entities)
        del text
        return Entities(people=ents, sources=sources)

    def _sources(self, person_entities: list[tuple[_Person, Entity]]) -> list[Entity]:
        out = cited_outlets(self)
        # people quoted
        for p, pe in person_entities:
            if p.speech_sents:
                cites = sorted({self.sents[i] for i in p.speech_sents})
                out.append(Entity(name=pe.name, aliases=list(pe.aliases),
                                  mentions=list(pe.mentions), kind="person", citations=cites,
                                  hint=pe.hint))
        out.extend(org_sources(self))
        out.extend(anonymous(self))
        return out

def _without_middle_initials(name: str) -> str:
    words = name.split()
    if len(words) < 3:
        return name
    middle = [w for w in words[1:-1] if not _is_initial(w)]
    return " ".join([words[0], *middle, words[-1]])


def extract(
    text: str, known: KnownNames | None = None, ner: NerSpans | None = None
) -> Entities:
    """Find the people a story mentions and the sources it cites.

    ``ner``: entities from a statistical tagger (see spacy_backend), used as one more cue
    by the same rules; without it the rules work alone."""
    if not text or not text.strip():
        return Entities()
    return _Doc(text, known, ner).run()
