"""Size caps shared by the loaders and the fetcher (a light module: no parser imports)."""

MAX_FEED_BYTES = 50 * 1024 * 1024
"""Largest feed body read from the network or disk, and largest gzip expansion."""

MAX_ITEM_CHARS = 1_000_000
"""Most characters of text stored for one item (a long book chapter is 100,000): the
rest is cut at a paragraph break, with a note saying how much was left out."""

MAX_ITEM_HTML = 4 * MAX_ITEM_CHARS
"""Most characters of an item's HTML kept for conversion (markup included)."""


def cap_text(text: str, limit: int = MAX_ITEM_CHARS) -> str:
    """``text``, or its first ``limit`` characters (to a paragraph break) and a note."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n\n", 0, limit)
    if cut < limit // 2:
        cut = text.rfind(" ", 0, limit)
    kept = text[: cut if cut > 0 else limit].rstrip()
    return f"{kept}\n\n[… {len(text) - len(kept):,} more characters not stored]"

MAX_LINE_CHARS = 2_000
"""Most characters of a title, author or feed name (longer ones end in "…"), and of an
id or link (a longer guid is replaced by its hash, a longer link dropped)."""


def cap_line(text: str, limit: int = MAX_LINE_CHARS) -> str:
    """One line of at most ``limit`` characters, marked "…" when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
