"""Make untrusted text inert for a terminal.

Feed text may carry ANSI/OSC escape sequences (OSC 52 writes the clipboard,
OSC 8 makes links), C0/C1 control characters, bidi overrides and zero-width
characters.  Everything that reaches a screen or stdout goes through
:func:`sanitize_text` (multi-line bodies) or :func:`sanitize_line` (titles,
names: one line).  Markup is handled separately: the UI never parses feed text
as markup.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from reader.errors import ReaderError

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST),
# DCS/SOS/PM/APC (ESC P/X/^/_ ... ST), and two-character escapes.  A string
# sequence (OSC, DCS, ...) is removed whole only when it is terminated and its
# payload is printable: an unterminated introducer (a stray U+009D is common
# mojibake) loses just itself, never the text after it.
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]                 # CSI
  | (?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])  # OSC, DCS, SOS, PM, APC (7- and 8-bit)
    [^\x00-\x1f\x7f-\x9f]*+(?:\x07|\x1b\\|\x9c)  # printable payload, then BEL or ST
  | \x1b[ -/]*[0-~]                         # other two-or-more character escapes
  | \x9b[0-?]*[ -/]*[@-~]                   # 8-bit CSI
    """,
    re.VERBOSE,
)

# C0 controls except tab and newline, DEL, C1 controls, and every format
# character (Unicode category Cf): soft hyphen, bidi embeddings, overrides and
# isolates, zero-width characters, BOM, interlinear annotations, tags.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad"
    "\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")

MAX_WORD = 200
"""Longer runs without a space are broken so that one word cannot stall layout."""
_LONG_WORD = re.compile(r"\S{" + str(MAX_WORD + 1) + ",}")


def _break_long_words(text: str) -> str:
    def split(match: re.Match[str]) -> str:
        word = match.group(0)
        return " ".join(word[i : i + MAX_WORD] for i in range(0, len(word), MAX_WORD))

    return _LONG_WORD.sub(split, text)


def strip_controls(text: str) -> str:
    """Remove escape sequences and invisible/control characters; keep tabs and newlines."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _ESCAPES.sub("", text)
    return _INVISIBLE.sub("", text)


def sanitize_line(text: str | None) -> str:
    """One clean line: controls removed, all whitespace folded to single spaces."""
    if not text:
        return ""
    text = strip_controls(text)
    text = " ".join(text.split())
    return _break_long_words(text)


def _already_clean(text: str) -> bool:
    """True when sanitize_text would only have to break long words.

    ``str.isprintable`` is False for every control, format (bidi, zero-width)
    and non-ASCII separator character, so one C-speed pass rules out almost all
    the work for the common case of text that an earlier pass produced.
    """
    return (
        text.replace("\n", "").isprintable()
        and "  " not in text
        and " \n" not in text
        and "\n " not in text
        and "\n\n\n" not in text
        and text[0] not in " \n"
        and text[-1] not in " \n"
    )


def sanitize_text(text: str | None) -> str:
    """A clean multi-line body: paragraphs kept, spaces folded, at most one blank line."""
    if not text:
        return ""
    if _already_clean(text):
        if len(text) > MAX_WORD and max(map(len, text.split())) > MAX_WORD:
            return _break_long_words(text)
        return text
    text = strip_controls(text).replace("\t", " ")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return _break_long_words("\n".join(out))


def clean_url(url: str) -> str:
    """A URL from a file someone else wrote, without escapes, controls, bidi or
    zero-width characters and whitespace, none of which belongs in a URL (an
    U+202E in a link makes it display as another address)."""
    return "".join(strip_controls(url).split())


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a feed's address (one line), or ``None`` when it can."""
    if url != clean_url(url):
        return "it has a space, control or invisible character in it"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError as exc:
        return str(exc)
    if parts.scheme not in ("http", "https"):
        return "it must start with http:// or https://"
    if not parts.hostname:
        return "it has no host name"
    return None


def require_feed_url(url: str) -> None:
    """Raise a one-line :class:`ReaderError` when ``url`` is not a usable feed address."""
    problem = url_problem(url)
    if problem:
        raise ReaderError(f"{url!r} is not a usable feed address: {problem}")
