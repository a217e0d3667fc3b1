"""Plain-text helpers for the UI: wrapping with offsets, find-in-story, dates, safety.

Everything here works on character offsets into an article's text, because
entity mentions and search matches are offsets too: a wrapped line is a
``(start, end)`` span of the original text, never a copy that could drift.
Nothing here imports Textual.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from rich.cells import cell_len, get_character_cell_size

from reader.models import Span
from reader.sanitize import sanitize_line, strip_controls
from reader.timespan import published_text

_WORD = re.compile(r"\S+")


def _split_long(text: str, start: int, end: int, width: int) -> list[Span]:
    """Hard-break ``text[start:end]`` (one word wider than ``width``) into spans."""
    spans: list[Span] = []
    line_start = start
    used = 0
    for index in range(start, end):
        size = get_character_cell_size(text[index])
        if used + size > width and index > line_start:
            spans.append((line_start, index))
            line_start = index
            used = 0
        used += size
    spans.append((line_start, end))
    return spans


def wrap_spans(text: str, width: int) -> list[Span]:
    """Greedy word wrap of ``text`` to ``width`` cells, as spans of the original text.

    Each ``\\n`` ends a line; an empty paragraph line becomes an empty span.
    Trailing spaces are not part of a span.
    """
    width = max(1, width)
    lines: list[Span] = []
    append = lines.append
    pos = 0
    for para in text.split("\n"):
        start = pos
        end = pos + len(para)
        pos = end + 1
        if not para or (len(para) <= width and cell_len(para) <= width):
            append((start, end))
            continue
        ascii_only = para.isascii()
        line_start = -1
        line_width = 0
        last_end = start
        for match in _WORD.finditer(text, start, end):
            word_start, word_end = match.span()
            word_width = word_end - word_start if ascii_only else cell_len(match.group())
            if line_start >= 0:
                needed = line_width + (word_start - last_end) + word_width
                if needed <= width:
                    line_width = needed
                    last_end = word_end
                    continue
                append((line_start, last_end))
            if word_width > width:
                pieces = _split_long(text, word_start, word_end, width)
                lines.extend(pieces[:-1])
                line_start, last_end = pieces[-1]
                line_width = cell_len(text[line_start:last_end])
            else:
                line_start, last_end, line_width = word_start, word_end, word_width
        if line_start >= 0:
            append((line_start, last_end))
        else:
            append((start, start))
    return lines


def find_matches(text: str, query: str) -> list[Span]:
    """Every occurrence of ``query`` in ``text``, in one regex pass.

    Smart case, as in vim and less: case-insensitive unless the query has an
    upper-case letter.
    """
    if not query:
        return []
    flags = 0 if any(ch.isupper() for ch in query) else re.IGNORECASE
    pattern = re.compile(re.escape(query), flags)
    return [m.span() for m in pattern.finditer(text)]


def find_word_prefixes(text: str, query: str) -> list[Span]:
    """Every word of ``text`` that starts with a word of ``query``, case-insensitive: what
    a full-text search matched (it matches each word as a prefix, in any order)."""
    terms = sorted({w.casefold() for w in re.findall(r"\w+", query)}, key=len, reverse=True)
    if not terms:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, terms)) + r")\w*", re.IGNORECASE)
    return [m.span() for m in pattern.finditer(text)]


def overlapping(spans: Sequence[Span], starts: Sequence[int], start: int, end: int) -> list[Span]:
    """The sorted, non-overlapping ``spans`` that intersect ``[start, end)``.

    ``starts`` is ``[s for s, _ in spans]``, passed in so callers build it once.
    """
    if not spans:
        return []
    first = max(0, bisect_right(starts, start) - 1)
    last = bisect_left(starts, end, lo=first)
    return [span for span in spans[first:last] if span[1] > start and span[0] < end]


def short_date(timestamp: float | None) -> str:
    """A fixed-width date for list rows: ``May 03`` (local time), blank when unknown."""
    if timestamp is None:
        return "      "
    try:
        return datetime.fromtimestamp(timestamp).strftime("%b %d")
    except (OverflowError, OSError, ValueError):
        return "      "


def long_date(value: datetime | None) -> str:
    """The date shown above a story: ``2024-05-03 09:30`` in local time."""
    if value is None:
        return ""
    try:
        return published_text(value)
    except (OverflowError, OSError, ValueError):
        return ""


@dataclass(slots=True)
class CleanText:
    """A story body made safe for the terminal, with a map back to stored offsets.

    Stored text should already be clean; when it is not (an old database, a
    loader bug), control characters and escape sequences are dropped here and
    entity spans are shifted to match, so highlights stay on the right words.
    """

    text: str
    _orig: list[int]
    _clean: list[int]

    @classmethod
    def of(cls, raw: str) -> CleanText:
        clean = strip_controls(raw).replace("\t", " ")
        if clean == raw:
            return cls(raw, [], [])
        # Rebuild piece by piece, recording where each kept run starts.
        orig_starts: list[int] = []
        clean_starts: list[int] = []
        out: list[str] = []
        length = 0
        index = 0
        for piece in re.split(r"(\s+)", raw):
            if not piece:
                continue
            kept = strip_controls(piece).replace("\t", " ")
            if kept:
                orig_starts.append(index)
                clean_starts.append(length)
                out.append(kept)
                length += len(kept)
            index += len(piece)
        orig_starts.append(index)
        clean_starts.append(length)
        return cls("".join(out), orig_starts, clean_starts)

    def map_offset(self, offset: int) -> int:
        """The offset in :attr:`text` of stored offset ``offset`` (clamped)."""
        if not self._orig:
            return max(0, min(offset, len(self.text)))
        i = max(0, bisect_right(self._orig, offset) - 1)
        return max(0, min(self._clean[i] + (offset - self._orig[i]), len(self.text)))

    def map_spans(self, spans: Sequence[Span]) -> list[Span]:
        mapped = [(self.map_offset(a), self.map_offset(b)) for a, b in spans]
        return sorted(span for span in mapped if span[1] > span[0])


def display_line(text: str | None, limit: int = 500) -> str:
    """One safe line of feed text for a label: sanitized and length-capped."""
    line = sanitize_line(text)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def short_error(error: str | None, feed_id: str, limit: int = 120) -> str:
    """A feed error for one line: the feed's own URL or path prefix is dropped."""
    line = friendly_error(display_line(error, 1000))
    prefix = f"{feed_id}: "
    if line.startswith(prefix):
        line = line[len(prefix):]
    return line if len(line) <= limit else line[: limit - 1] + "…"


def merge_spans(spans: Sequence[Span]) -> list[Span]:
    """Sorted spans with overlaps merged, so they can be drawn without clashes."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


_WELCOME: tuple[tuple[str, str, str], ...] = (
    ("open", "enter", "read the article under the cursor"),
    ("list_down", "j", "next article (k: previous)"),
    ("story_scroll", "space", "scroll the story (b: back)"),
    ("search_all", "S", "search every stored article"),
    ("feeds", "t", "pick a feed or a tag"),
    ("follow", "f", "follow a name in People or Sources"),
    ("help", "?", "every key"),
)


def welcome_text(keymap: Mapping[str, str]) -> str:
    """What the story pane says before any article is open: the first keys to try,
    after the user's keymap."""
    lines = ["Nothing is open yet.", ""]
    for binding_id, default, text in _WELCOME:
        key = keymap.get(binding_id, default).split(",")[0].strip()
        lines.append(f"{key:>6}  {text}")
    return "\n".join(lines)


def plural(count: int, noun: str) -> str:
    """``1 article``, ``2 articles``, ``1,204 articles``."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


_FRIENDLY = (
    ("[Errno -2] Name or service not known", "offline, or no such host"),
    ("[Errno -3] Temporary failure in name resolution", "offline, or no such host"),
    ("[Errno -5] No address associated with hostname", "offline, or no such host"),
    ("[Errno 8] nodename nor servname provided, or not known", "offline, or no such host"),
    ("[Errno 101] Network is unreachable", "offline: the network is unreachable"),
    ("[Errno 111] Connection refused", "the server refused the connection"),
)
"""Operating-system error texts, as a person would say them."""


def friendly_error(text: str) -> str:
    """``text`` with raw socket errors ("[Errno -2] Name or service not known") said in words."""
    for raw, words in _FRIENDLY:
        if raw in text:
            text = text.replace(f"({raw})", f"({words})").replace(raw, words)
    return text
