"""Readings of one web page merged where they agree (for :func:`reader.webpage.page_text`).

The library's precise reading is the story.  Two second opinions add to it, each only
where the other reading agrees:

* a paragraph the library's default (more inclusive) reading has and the precise one
  dropped is kept when our own extractor read it too (two readers out of three);
* the paragraph our extractor reads just before the point where the library's story
  starts (a lead or standfirst the library took for furniture) is put back when it is
  a sentence of :data:`LEAD_WORDS` words or more;
* a paragraph of :data:`GAP_WORDS` words or more that our extractor reads between two
  paragraphs of the library's story, in a gap of at most :data:`GAP_MAX` paragraphs, is
  put back there (a paragraph both library readings dropped from inside the story: a
  quote or an embedded post in a box of its own).

And where our extractor holds most of the library's story (:data:`SHARED`), the short
paragraphs only the library read (fewer than :data:`FURNITURE_WORDS` words: captions,
bylines, "Read more") are taken out.

Texts are compared by their words (casefolded, footnote marks left out); every check is a
set look-up, so the work stays linear in the texts.  Footnotes are numbered afresh for
the merged text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from reader.html_text import NOTE_MARK, NOTES_START, LinkNotes, with_links

LEAD_WORDS = 16
"""Words a paragraph needs to be put back as the story's lead (a sentence, not a
byline, date or caption)."""

AGREE = 0.9
"""Share of a paragraph's word triples that another reading must hold for it to agree."""

SHARED = 0.8
"""Share of the story's words our reading must hold for the story's short paragraphs that
ours lacks to be taken out."""

FURNITURE_WORDS = 20
"""Paragraphs shorter than this that only the library read are furniture (a caption, a
byline, "Read more") where the two readings agree on the rest."""

GAP_WORDS = 30
"""Words a paragraph of ours between two of the library's story paragraphs needs to be put
back (prose, not a caption, a "Read more" or a teaser's headline)."""

GAP_MAX = 3
"""Paragraphs of ours between two of the library's, at most, for them to be put back: a
longer run is another block (comments, a list of other stories)."""

ANCHORS = 3
"""The library's first paragraphs tried when looking for where its story starts in ours."""

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of a converted text: its pieces of text between footnote marks,
    the URLs of those marks, and its words."""

    parts: tuple[str, ...]
    urls: tuple[str, ...]
    words: tuple[str, ...]


def paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of a text made by :func:`reader.html_text.html_to_text`."""
    body, mark, block = text.rpartition(NOTES_START)
    if not mark:
        body, block = text, ""
    urls = [line.partition("] ")[2] for line in block.split("\n") if line.startswith("[")]
    found = []
    for chunk in body.split("\n\n"):
        if not chunk.strip():
            continue
        parts, marks, at = [], [], 0
        for match in NOTE_MARK.finditer(chunk):
            number = int(match.group(1))
            if 1 <= number <= len(urls):
                parts.append(chunk[at : match.start()])
                marks.append(urls[number - 1])
                at = match.end()
        parts.append(chunk[at:])
        words = tuple(_WORD.findall("".join(parts).casefold()))
        found.append(Paragraph(tuple(parts), tuple(marks), words))
    return found


def render(found: Iterable[Paragraph]) -> str:
    """The paragraphs as one text again, their footnotes numbered in order."""
    notes = LinkNotes()
    chunks = []
    for paragraph in found:
        pieces = [paragraph.parts[0]]
        for url, part in zip(paragraph.urls, paragraph.parts[1:], strict=True):
            pieces.append(f" [{notes.number(url)}]{part}")
        chunks.append("".join(pieces))
    return with_links("\n\n".join(chunks), notes)


def _triples(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    if len(words) < 3:
        return {words} if words else set()
    return set(zip(words, words[1:], words[2:], strict=False))


class _Reading:
    """A reading's word triples, to ask whether a paragraph is in it."""

    def __init__(self, found: Iterable[Paragraph]) -> None:
        self.triples: set[tuple[str, ...]] = set()
        for paragraph in found:
            self.triples |= _triples(paragraph.words)

    def holds(self, paragraph: Paragraph) -> bool:
        own = _triples(paragraph.words)
        return bool(own) and len(own & self.triples) >= AGREE * len(own)


def merge(precise: str, default: str | None, own: str) -> str:
    """The precise reading with what the other two agree it lacks (see the module docs)."""
    story = paragraphs(precise)
    ours = paragraphs(own)
    ours_reading = _Reading(ours)
    if default:
        story = _with_agreed(story, paragraphs(default), ours_reading)
    story = _with_gaps(story, ours)
    lead = _lead(story, ours)
    if lead is not None:
        story.insert(*lead)
    return render(_without_furniture(story, ours_reading))


def _without_furniture(story: list[Paragraph], ours: _Reading) -> list[Paragraph]:
    """``story`` without the short paragraphs ours lacks, where ours holds most of it."""
    held = [ours.holds(paragraph) for paragraph in story]
    words = sum(len(paragraph.words) for paragraph in story)
    shared = sum(len(paragraph.words) for paragraph, kept in zip(story, held, strict=True) if kept)
    if not words or shared < SHARED * words:
        return story  # the readings differ too much to judge each other's furniture
    return [
        paragraph
        for paragraph, kept in zip(story, held, strict=True)
        if kept or len(paragraph.words) >= FURNITURE_WORDS
    ]


def _with_agreed(
    story: list[Paragraph], default: list[Paragraph], ours: _Reading
) -> list[Paragraph]:
    """``story`` with the default reading's other paragraphs that ours holds, each after
    the story paragraph it follows in the default reading."""
    known = {p.words: i for i, p in enumerate(story)}
    story_reading = _Reading(story)
    after: dict[int, list[Paragraph]] = {}
    last = -1
    for paragraph in default:
        if not paragraph.words:
            continue
        if paragraph.words in known:
            last = known[paragraph.words]
        elif not story_reading.holds(paragraph) and ours.holds(paragraph):
            after.setdefault(last, []).append(paragraph)
    merged = list(after.get(-1, []))
    for index, paragraph in enumerate(story):
        merged.append(paragraph)
        merged.extend(after.get(index, []))
    return merged


def _with_gaps(story: list[Paragraph], ours: list[Paragraph]) -> list[Paragraph]:
    """``story`` with the long paragraphs ours reads between two of its paragraphs, where
    it has none (see :data:`GAP_WORDS`, :data:`GAP_MAX`).  Paragraphs are found in ours
    by their first words, so that the walk stays linear."""
    where: dict[tuple[str, ...], int] = {}
    for index, paragraph in enumerate(ours):
        if len(paragraph.words) >= 3:
            where.setdefault(paragraph.words[:8], index)
    held = _Reading(story)
    merged: list[Paragraph] = []
    last: int | None = None
    for paragraph in story:
        found = where.get(paragraph.words[:8]) if len(paragraph.words) >= 3 else None
        if found is not None:
            if last is not None and 1 < found - last <= GAP_MAX + 1:
                merged.extend(
                    gap
                    for gap in ours[last + 1 : found]
                    if len(gap.words) >= GAP_WORDS and not held.holds(gap)
                )
            last = found
        merged.append(paragraph)
    return merged


def _starts(ours: Paragraph, theirs: Paragraph) -> bool:
    """Whether two paragraphs begin alike (one reading may join or split them)."""
    a, b = " ".join(ours.words), " ".join(theirs.words)
    return a == b or (len(b) > 30 and b[:60] in a) or (len(a) > 30 and a[:60] in b)


def _lead(story: list[Paragraph], ours: list[Paragraph]) -> tuple[int, Paragraph] | None:
    """Where to put our paragraph just before the library's story start, and it; None when
    there is none to put back."""
    for position, theirs in enumerate(story[:ANCHORS]):
        if len(theirs.words) < 3:
            continue
        found = next((i for i, p in enumerate(ours) if p.words and _starts(p, theirs)), None)
        if found is None:
            continue
        if found == 0:
            return None
        lead = ours[found - 1]
        if len(lead.words) < LEAD_WORDS or _Reading(story).holds(lead):
            return None
        return position, lead
    return None
