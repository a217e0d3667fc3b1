"""A second chance for a feed that made feedparser itself raise.

feedparser has bugs that hostile input reaches: a stray ``</width>`` or
``</media:player>`` (TypeError, KeyError in its end-tag handlers), a character
reference to a surrogate or past U+10FFFF (``&#xD800;``, ``&#99999999;``), an
encoding name whose codec cannot decode (``punycode``).  :func:`tame` rewrites
the document without them, in one linear pass: decoded by us and declared as
UTF-8, impossible character references replaced by U+FFFD, end tags that close
nothing dropped.  Everything else is left as it was.
"""

from __future__ import annotations

import re

from reader.ingest.decode import decode_text, has_bom

_DECLARATION = re.compile(rb"""\A\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([^"']{1,40})["']""")
_DECLARED_ENCODING = re.compile(r"""(\A\s*<\?xml[^>]{0,200}?encoding\s*=\s*["'])[^"']{1,40}""")
_CHARREF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,16}));")
_TOKEN = re.compile(
    r"<!\[CDATA\[.*?(?:\]\]>|\Z)"  # CDATA and comments hold no tags (an unclosed one: to the end)
    r"|<!--.*?(?:-->|\Z)"
    r"|<(/?)([A-Za-z_][\w:.-]*)[^<>]*>",
    re.DOTALL,
)


def _decoded(data: bytes) -> str:
    """The document as text: its declared encoding if that decodes, else our own guess."""
    declared = None if has_bom(data) else _DECLARATION.match(data)
    if declared is not None:
        try:
            text = data.decode(declared.group(1).decode("ascii", "replace"), errors="replace")
        except (LookupError, UnicodeError, TypeError, ValueError):
            text = ""  # a codec that is no text encoding, or that fails even with "replace"
        if text.lstrip().startswith("<?xml"):  # not "punycode", which decodes to nonsense
            return text
    return decode_text(data)


def _charref(match: re.Match[str]) -> str:
    hex_digits, digits = match.groups()
    code = int(hex_digits, 16) if hex_digits else int(digits)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "&#xFFFD;"
    return match.group(0)


def _balanced(text: str) -> str:
    """``text`` without the end tags that close no open element of their name."""
    out: list[str] = []
    open_count: dict[str, int] = {}
    pos = 0
    for match in _TOKEN.finditer(text):
        closing, name = match.group(1), match.group(2)
        if name is None:
            continue
        if closing:
            if open_count.get(name):
                open_count[name] -= 1
            else:
                out.append(text[pos : match.start()])
                pos = match.end()
        elif not match.group(0).endswith("/>"):
            open_count[name] = open_count.get(name, 0) + 1
    out.append(text[pos:])
    return "".join(out)


def tame(data: bytes) -> bytes:
    """``data`` rewritten as UTF-8 without the constructs that crash feedparser."""
    text = _decoded(data)
    text = _DECLARED_ENCODING.sub(r"\1utf-8", text, count=1)
    text = _CHARREF.sub(_charref, text)
    return _balanced(text).encode("utf-8", errors="replace")
