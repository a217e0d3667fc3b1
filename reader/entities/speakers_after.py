"""Who speaks, read after the cue: "..., said chief executive Tom McKillop", "according to
industry statistics", "cited a study showing", "branded ... by the Liberal Democrats",
"quoted X as saying", "with some analysts saying", the subject of a sentence that ends
", saying ...", and a document a headline credits ("Study: ...").  Every phrase found
here is ``loose``: the source model judges it.  (The subjects read before a speech verb
are ``speakers``'.)"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

from reader.entities.cue_words import cue_verbs
from reader.entities.rules_text import line_scan, trie, word_scan, words_before
from reader.entities.speakers import (
    _CAP_BEFORE_RE,
    _DOC_HEADS,
    _MAX_WORDS,
    _NEXT_WORD_RE,
    _STOP,
    Speaker,
    _before_participle,
    _kind,
    _named_tail,
    _phrase_before,
    _sentence_subject,
    _sorted_kind,
)

# "..., said chief executive Tom McKillop." and "according to industry statistics,": a
# speaker after its cue, read to the end of the clause (for the source model to judge).
_PHRASE_AFTER = (  # a letter or digit first, no control character anywhere
    r"(?P<p>[^\W_][^,.;:\"“”()\x00-\x1f\x7f-\x9f]{1,90}?)"
    r"(?=\s*(?:[,.;:()\n\"“”]|$)|\s+(?:who|which|that)\s)"
)
_CUE_VERBS = ("said says say added argues argued explained noted insisted warned wrote writes "
              "citing quoting").split()
_DOCUMENT_VERBS = "cites cited cite citing released published issued unveiled obtained".split()
_AFTER_CUE_RES = (
    re.compile(r"(?<![\w'’-])(?P<verb>" + trie(_CUE_VERBS) + r")\s+" + _PHRASE_AFTER),
    re.compile(r"(?:ccording\s+to|(?<![\w'’-])[Pp]er(?=\s+(?:the\s+)?[A-Z]))\s+" + _PHRASE_AFTER),
    # an embedded post's credit line: "— Dianna E. Anderson (@diannaeanderson) ..."
    re.compile(r"^[—–]\s*(?=[^\n(]{2,60}\(@\w+\))" + _PHRASE_AFTER, re.M),
    # "in a case study published Monday", "In a report for the council, Dr X said": kept
    # only where the phrase is a document
    re.compile(r"(?<![\w'’-])[Ii]n\s+(?=(?:a|an|the|its|his|her|their)\s)" + _PHRASE_AFTER),
    # a document a verb puts forward: "cited a study showing", "has released a detailed
    # report that suggests" (kept only where the phrase is a document)
    re.compile(r"(?<![\w'’-])(?:" + trie(_DOCUMENT_VERBS) + r")\s+(?P<p>(?:a|an|the|its|his|"
               r"her|their)\s+(?:[\w'’.\-]+\s+){0,4}?(?:" + trie(sorted(_DOC_HEADS)) + r"))\b"),
    # a passive's agent: "branded \"deeply irresponsible\" by the Liberal Democrats" (the
    # verb is looked for before each " by ": see _passive_agents)
    re.compile(r"\sby\s+" + _PHRASE_AFTER),
    # "had quoted an unnamed executive at Euronext as saying", "reports a union source as
    # saying", "the newspaper quotes a source close to the firm.", "was quoted in a French
    # newspaper as saying" (the paper)
    re.compile(r"(?<![\w'’-])(?:quot(?:ed|es|ing)|reports|reported|cit(?:ed|es))\s+(?:in\s+)?"
               r"(?P<p>(?!(?:had|has|have|was|were|is|are)\s)[^\W_][^,.;:\"“”()\n]{1,70}?)"
               r"(?:\s+as\s+(?:saying|telling|having\s+said)\b|"
               r"(?<=[^\W_])(?=\.(?:\s|$)))"),
    # "with some analysts saying this could indicate problems"
    re.compile(r"(?<![\w'’-])with\s+(?P<p>[^\W_](?:[\w'’\-]+\s+){0,5}?[\w'’\-]+)\s+"
               r"(?:saying|warning|arguing|claiming|predicting|suggesting|noting|insisting)\b"),
)
# What every match of the "according to" / "per" pattern starts with (for word_scan)
_ACCORDING_WORDS = ("ccording", "Per", "per")
_QUOTE_OR_COMMA_END = (",", '"', "”", "quot;")
_TITLES = frozenset("Mr Mrs Ms Dr Prof Sen Gov Rep Gen".split())
_NAME_AFTER_TITLE_RE = re.compile(r"\. ?[A-Z][\w'’\-]*(?: [A-Z][\w'’\-]*){0,2}")


_NON_SPACE_RE = re.compile(r"\S+")
_STOP_AFTER = _STOP | {"there", "this", "last", "on", "in"}


# ", saying ...": the participle's speaker is the subject its sentence starts with
_PARTICIPLE_CUE_RE = re.compile(
    r",\s+(?:saying|adding|noting|arguing|warning|insisting|claiming|citing|explaining)\b")


def _participle_speakers(text: str) -> Iterator[Speaker]:
    for m in _PARTICIPLE_CUE_RE.finditer(text):
        span = _sentence_subject(text, m.start())
        if span is not None and (kind := _sorted_kind(text[span[0]:span[1]])) is not None:
            yield Speaker(*span, kind, True)


# A document and the participle that gives what it says: "research suggesting the cost
# was under-estimated", "a court ruling declaring the ban unconstitutional"
_DOCUMENT_PARTICIPLES = ("suggesting showing saying finding indicating declaring urging "
                         "warning claiming concluding revealing").split()
_DOCUMENT_SAYING_RE = re.compile(
    rf"(?<=[\w'’])(?P<head>\s+(?:{'|'.join(_DOCUMENT_PARTICIPLES)})\b)")
_DOCUMENT_SAYING_WORDS = [f" {w}" for w in _DOCUMENT_PARTICIPLES]


_ARTICLE_RE = re.compile(r"(?<= )(?:a|an|the|The|A|An)\b")


def _documents_saying(text: str) -> Iterator[Speaker]:
    for m in word_scan(_DOCUMENT_SAYING_RE, _DOCUMENT_SAYING_WORDS, text):
        span = _phrase_before(text, m.start())
        if span is None or _kind(text[span[0]:span[1]]) != "document":
            continue
        s, e, _ = span
        article = _ARTICLE_RE.search(text, s + 1, e)  # "denounced a Hong Kong court ruling"
        yield Speaker(article.start() if article else s, e, "document", True)


_PASSIVE_VERB_RE = re.compile(
    r"(?<![\w'’-])(?:" + trie([v for v in cue_verbs(wide=False) if v.endswith("ed")]
                              + ["branded", "attacked", "told", "seen", "viewed", "regarded",
                                 "dubbed", "hailed", "described"])
    + r")\b[^.;:\n]{0,50}$")
_BY_RE = re.compile(r"\sby\s")


def _passive_agents(by_agent: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The agents after " by " that follow a cue verb within 50 characters of the same
    clause, with no other " by " between ("criticised by environmental groups")."""
    for m in word_scan(by_agent, (" by ",), text):
        verb = _PASSIVE_VERB_RE.search(text, max(0, m.start() - 60), m.start())
        if verb is not None and not _BY_RE.search(text, verb.start(), m.start()):
            yield m


def _clause_end(text: str, s: int, e: int) -> int:
    """Where the phrase read after a cue at ``text[s:e]`` ends: before the first word that
    starts a clause ("according to Ofcom there were ..."), not at a name in capitals
    ("WHO") nor at the "and" inside a name ("Co-operation and Development")."""
    for w in _NEXT_WORD_RE.finditer(text, s, e):
        word = w.group()
        if w.start() == s:
            continue
        if word in ("of", "for") and (after := _NEXT_WORD_RE.match(text, w.end() + 1)) and (
                after.group().endswith("ing")):
            return w.start() - 1  # "accused by unions of awarding themselves ...": unions
        if word.lower() in _STOP_AFTER and not word.isupper() and not (
                word == "and" and _CAP_BEFORE_RE.search(text, s, w.start())
                and text[w.end() + 1:w.end() + 2].isupper()):
            return w.start() - 1
    return e


# A headline that credits a document before a colon: "Study: IT workers more optimistic"
_HEADLINE_DOCUMENT_RE = re.compile(
    r"\A(?:[A-Z][\w\-]* )?(?:Study|Report|Poll|Survey|Research|Analysis|Data|Figures)(?=: )")


# "Russia's announcement that it will help", "the minister's claim that": the owner of
# what is said speaks (found from each " that ", which is common but cheap to find)
_STATEMENT_NOUNS = frozenset(
    """announcement statement claim claims warning warnings assertion comments remarks
    admission insistence denial assurance assurances promise pledge suggestion view
    belief argument""".split())
_OWNER_BEFORE_RE = re.compile(
    r"(?<![\w'’-])(?P<p>(?:[Tt]he [a-z]+|(?:[Tt]he )?[A-Z][\w.&\-]*)(?: [A-Z][\w.&\-]*){0,3})['’]s "
    r"(?:[a-z]+ )?$")


def _statement_owners(text: str) -> Iterator[Speaker]:
    for k, _ in words_before(text, " that ", _STATEMENT_NOUNS):
        if owner := _OWNER_BEFORE_RE.search(text, max(0, k - 60), k):
            s, e = owner.span("p")
            if (kind := _sorted_kind(text[s:e])) is not None:
                yield Speaker(s, e, kind, True)


def speakers_after_cues(text: str) -> Iterator[Speaker]:
    """Phrases named right after a cue ("said X", "according to X"), the subjects of a
    sentence that ends with ", saying ...", and a document a headline credits, all
    ``loose``."""
    if headline := _HEADLINE_DOCUMENT_RE.match(text):
        yield Speaker(*headline.span(), "document", True)
    yield from _participle_speakers(text)
    yield from _statement_owners(text)
    yield from _documents_saying(text)
    (cue_verb, according, embedded, in_doc, doc_object, by_agent, quoted_as,
     with_saying) = _AFTER_CUE_RES
    found = (word_scan(cue_verb, _CUE_VERBS, text), word_scan(according, _ACCORDING_WORDS, text),
             line_scan(embedded, text), word_scan(in_doc, ("in ", "In "), text),
             word_scan(doc_object, _DOCUMENT_VERBS, text),
             _passive_agents(by_agent, text),
             word_scan(quoted_as, ("quot", "report", "cite"), text),
             word_scan(with_saying, ("with ",), text))
    for m in chain.from_iterable(found):
        if m.re is cue_verb and not text[max(0, m.start() - 8):m.start()].rstrip().endswith(
                _QUOTE_OR_COMMA_END):
            continue  # "said X" only after the quotation or clause it ends
        s, e = m.span("p")
        if text[s:e] in _TITLES and (named := _NAME_AFTER_TITLE_RE.match(text, e)):
            e = named.end()  # "added Mr. Scott": the point is the title's
        e = _clause_end(text, s, e)
        kind = _sorted_kind(text[s:e])
        if kind in ("other", "unnamed") and m.re is cue_verb and (
                tail_start := _named_tail(text, s, e)) and text[tail_start - 2].islower():
            s, kind = tail_start, "name"  # "said market analysts Chart-Track"
        if m.re in (in_doc, doc_object):
            if kind != "document":
                continue
            # the document without what follows its head ("a company email sent by
            # chairman Marcelo Claure"): whoever is named there is no part of it
            words = list(_NON_SPACE_RE.finditer(text, s, e))
            e = words[len(_before_participle([w.group() for w in words])) - 1].end()
        if kind is not None and len(text[s:e].split()) <= _MAX_WORDS:
            yield Speaker(s, e, kind, True)
