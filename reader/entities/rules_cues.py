"""Context cues around a name candidate, for scoring: speech ("X said", "said X"), what
follows or comes before a name (party tags, by-lines, "interview with X"), firms before
it, appositive roles, lists of people ("people such as X and Y") and the document-level
cues on a surname ("Mr X", "X, 31,", "X, who", "X's wife")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.entities import _lexicon as L
from reader.entities import rules_weights as W
from reader.entities.rules_doc import Cand, Doc
from reader.entities.rules_text import AGE_RE, RUN_RE, SPEECH, word_before

_AFTER_SPEECH_RE = re.compile(
    r"(?:['’]s?)?(?:,\s+(?:who\s[^,.;\"“”]{0,60}|[a-z0-9][^,.;\"“”]{0,50}),)?\s*[\"“]?"
    r"(?:(?:" + "|".join(L.word_list("adverbs before speech")) + r")\s+){0,3}"
    rf"(?:{SPEECH})\b"
)
# "X agreed to meet", "X asked to leave": an infinitive follows, nothing is quoted.
_INFINITIVE_AFTER_RE = re.compile(r"\s+to\s")
_INFINITIVE_VERBS = L.word_list("verbs before an infinitive")
_BEFORE_SPEECH = L.word_list("speech before a name")
# "said X" / "according to the X": the text before a name ends with
#     \b(?:said|...|according\s+to)\s*,?\s*(?:the\s+|a\s+)?$
# Searching for that means trying every position of the window; the same test is one
# anchored match on the reversed window (\b and \s are the same read backwards).
_BEFORE_SPEECH_REV_RE = re.compile(
    r"(?:\s+eht|\s+a)?\s*,?\s*(?:"
    + "|".join(v[::-1].replace("_", r"\s+") for v in _BEFORE_SPEECH)
    + r")\b"
)
_REPORTED_VERB_RE = re.compile(
    r"\s+(?:" + "|".join(v.replace("_", r"\s+") for v in L.word_list("auxiliaries")) + r")\b"
)
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
    r"\b(?:" + "|".join(L.word_list("with a person")) + ") with $"
    r"|\b(?:" + "|".join(L.word_list("named a person")) + ") named $"
)
_CREDIT_AFTER_RE = re.compile(r", (?:at|for|in) [^,:\n]{1,40}: | ?: ")
_NEXT_WORD_RE = re.compile(r"(?:['’]s?)?\s+([A-Za-z\-]+)(?:\s+([A-Za-z]+))?")
_WHO_RE = re.compile(r"(?:['’]s)?,? who\b")
_AGE_OR_WHO_RE = re.compile(rf"{AGE_RE.pattern}|{_WHO_RE.pattern}")
# a list of people: "(people) such as X, Y and Z", "(players) like X", "the likes of X"
_LIST_INTRO_RE = re.compile(r"(?:such\s+as|like|including|likes\s+of)\s+")
_NEXT_LOWER_RE = re.compile(r" ([a-z][a-z\-]*) (?=[A-Z])")
_LIST_SEP_RE = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+")
_PEOPLE_NOUNS = L.words("people nouns")  # "people such as X", "the likes of X"
_FIRM_ROLES = L.words("firm roles")  # "market analyst Datamonitor"
_FIRM_ROLE_RE = re.compile(
    r"\b(?:" + "|".join(L.word_list("firm role fields"))
    + r")\s+(?:analysts?|researchers?|watchers?)\s*,?\s*$"
)
_NEXT_LOWER_WORD_RE = re.compile(r"(?:['’]s)? ([a-z][a-z\-]*)\b")


# Someone who speaks for the name after it ("An aide to Senate Majority Leader", "a
# spokesman for", "a source close to")
_SOMEONE_OF_BEFORE_RE = re.compile(
    r"(?<![\w'’])(?i:an?|the|one|two|three)\s+(?:[\w\-]+\s+){0,2}?(?:aides?|spokes(?:man|woman|"
    r"person)|advis[eo]rs?|lawyers?|attorneys?|officials?|sources?|friends?|allies|ally|"
    r"associates?)\s+(?:to|for|of|close\s+to)\s+(?:[A-Z][\w.'’\-]*\s+){0,4}$")


def speech(doc: Doc, c: Cand) -> bool:
    """Whether ``c`` speaks or is quoted: "X said", "X, who ..., has said", "said X"
    (worked out once per candidate)."""
    if c.speech_ is None:
        _find_speech(doc, c)
    return bool(c.speech_)


def _find_speech(doc: Doc, c: Cand) -> None:
    text = doc.text
    s_i = doc.sent_index(c.start)
    s_end = doc.sents[s_i][1] if s_i < len(doc.sents) else len(text)
    after = text[c.end : min(s_end, c.end + 120)]
    before = text[max(0, c.run_start - 60) : c.run_start]
    spoke = _AFTER_SPEECH_RE.match(after)
    if spoke and after[: spoke.end()].endswith(_INFINITIVE_VERBS) and (
        _INFINITIVE_AFTER_RE.match(after, spoke.end())
    ):
        spoke = None
    if spoke and _SOMEONE_OF_BEFORE_RE.search(before):
        spoke = None  # "An aide to Senate Majority Leader Daniel Okafor ... told": the aide
    c.speech_ = bool(spoke) or bool(
        # "said X" quotes X, but in "said X had agreed" X is what was said about
        _BEFORE_SPEECH_REV_RE.match(before[::-1]) and not _REPORTED_VERB_RE.match(after)
    )


def person_after(doc: Doc, c: Cand) -> bool:
    """A party tag, tweet signature, by-line, paragraph-opening credit or a line that
    holds only the name (a feed's by-line) around ``c``."""
    text, end = doc.text, c.end
    if _PERSON_AFTER_RE.match(text, end):
        return True
    before = text[c.run_start - 2 : c.run_start]
    if len(c.toks) <= 3 and before in ("| ", "\n") and text[end : end + 1] in ("\n", ""):
        return True  # a by-line: "Headline | Cas Mudde", or the name alone on its line
    return before[-1:] == "\n" and not c.headline and bool(_CREDIT_AFTER_RE.match(text, end))


def firm_before(doc: Doc, c: Cand, prev: str) -> bool:
    """ "market analyst Datamonitor", "industry analysts Gartner": a firm (``prev``: the
    word before the candidate, lowercase)."""
    if prev not in _FIRM_ROLES:
        return False
    m = _FIRM_ROLE_RE.search(doc.text, max(0, c.run_start - 40), c.run_start)
    return m is not None


def qualifies_noun(doc: Doc, end: int) -> bool:
    """ "Bhs owner", "Oscar nominee": the name is followed by the noun it qualifies."""
    m = _NEXT_LOWER_WORD_RE.match(doc.text, end)
    return m is not None and (
        m.group(1) in L.ROLE_NOUNS or m.group(1) in L.COMPANY_NOUNS
    )


def appositive_role(doc: Doc, end: int) -> bool:
    """A role noun in the appositive after the name: "X, president of ...", "X, the
    band's drummer"."""
    text = doc.text
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


def listed_ends(doc: Doc) -> frozenset[int]:
    """End offsets of the items of lists of people: "people such as Matisse and
    Stravinsky", "choreographers like X, Y and Z", "the likes of X and Y"."""
    if doc.listed is None:
        doc.listed = _find_listed(doc)
    return doc.listed


def person_before(doc: Doc, c: Cand) -> bool:
    """ "interview with X", "a developer named X" just before ``c``."""
    return bool(_PERSON_BEFORE_RE.search(doc.text, max(0, c.run_start - 30), c.run_start))


def _find_listed(doc: Doc) -> frozenset[int]:
    text = doc.text
    ends: set[int] = set()
    for m in _list_intros(doc):
        if not m.group(0).startswith("likes"):  # "the likes of" needs no head noun
            head = word_before(text, m.start()).lower()
            if head not in _PEOPLE_NOUNS and not (
                head.endswith("s") and head[:-1] in L.ROLE_NOUNS
                and head[:-1] not in L.COMPANY_NOUNS  # "broadcasters such as Sky"
            ):
                continue
        pos = m.end()
        while (item := RUN_RE.match(text, pos)) is not None:
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


def _list_intros(doc: Doc) -> Iterator[re.Match[str]]:
    """ "such as", "like", "including", "the likes of" after a space (found with
    str.find, which is faster here than a regex scan)."""
    text = doc.text
    for word in ("such", "like", "including"):
        i = text.find(word)
        while i >= 0:
            if i and text[i - 1].isspace() and (m := _LIST_INTRO_RE.match(text, i)) and (
                not m.group(0).startswith("likes") or text[i - 4 : i - 1] in ("the", "The")
            ):
                yield m
            i = text.find(word, i + 1)


class DocCues:
    """Document-level cues per surname-like token (the last word of a candidate):
    ``W.CUE_HONORIFIC`` after an honorific ("Mr X"), ``W.CUE_CONTEXT`` for "X, 31,",
    "X, who", "X's wife/administration/..." or a team sheet's "X".

    Worked out on first use: most tokens are never asked about."""

    __slots__ = ("_by_last", "_memo", "_text")

    def __init__(self, text: str, cands: list[Cand]) -> None:
        self._text = text
        self._by_last: dict[str, list[Cand]] = {}
        for c in cands:
            self._by_last.setdefault(c.toks[-1].text, []).append(c)
        self._memo: dict[str, int] = {}

    def get(self, last: str, default: int = 0) -> int:
        bonus = self._memo.get(last)
        if bonus is None:
            bonus = self._memo[last] = self._bonus(self._by_last.get(last, []), last)
        return bonus or default

    def _bonus(self, cs: list[Cand], last: str) -> int:
        for c in cs:
            if c.title and c.title.split()[-1] in L.HONORIFICS:
                return W.CUE_HONORIFIC
        text = self._text
        for c in cs:
            if _AGE_OR_WHO_RE.match(text, c.end) or c.table:
                return W.CUE_CONTEXT  # (or a team sheet lists the surname)
            nm = _NEXT_WORD_RE.match(text, c.end)
            if nm is not None and not c.demonym_only and not last.isupper() and (
                nm.group(1).lower() in L.PERSON_AFTER
                or (nm.group(2) or "").lower() in L.PERSON_AFTER
            ):
                return W.CUE_CONTEXT
        return 0


