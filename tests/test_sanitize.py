"""Untrusted text becomes inert: no escapes, no controls, no invisible characters."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.sanitize import MAX_WORD, sanitize_line, sanitize_text, strip_controls

UNSAFE = {"Cc", "Cf", "Zl", "Zp"}
"""Controls, format characters (bidi, zero-width) and line/paragraph separators."""


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\x1b[31mred\x1b[0m", "red"),
        ("\x1b]52;c;ZXZpbA==\x07copied", "copied"),  # OSC 52 clipboard write
        ("\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\", "link"),  # OSC 8 hyperlink
        ("\x9b31mC1 CSI", "C1 CSI"),
        ("a\x00b\x07c\x7fd\x85e", "ab c d\ne".replace(" ", "")),
        ("\u202eevil\u202c", "evil"),  # bidi override
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("[bold red]x[/] [@click=app.quit]", "[bold red]x[/] [@click=app.quit]"),
    ],
)
def test_strip_controls(raw: str, clean: str) -> None:
    assert strip_controls(raw) == clean


def test_sanitize_text_keeps_paragraphs_and_folds_space() -> None:
    raw = "  One  para\r\ncontinues\t here.\n\n\n\nTwo\u00a0para.\n  \n"
    assert sanitize_text(raw) == "One para\ncontinues here.\n\nTwo para."


def test_sanitize_line_is_one_line() -> None:
    assert sanitize_line(" a\nb\r\n\tc ") == "a b c"


def test_long_words_are_broken() -> None:
    word = "x" * (MAX_WORD * 3)
    assert max(len(w) for w in sanitize_text(word).split()) == MAX_WORD
    assert max(len(w) for w in sanitize_line(word).split()) == MAX_WORD


def _slow(text: str) -> str:
    """The reference: the full pipeline without the already-clean shortcut."""
    from reader import sanitize

    original = sanitize._already_clean
    sanitize._already_clean = lambda _text: False
    try:
        return sanitize_text(text)
    finally:
        sanitize._already_clean = original


@settings(max_examples=500)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_shortcut_matches_full_pipeline_and_output_is_clean(text: str) -> None:
    out = sanitize_text(text)
    assert out == _slow(text)
    assert sanitize_text(out) == out  # idempotent
    assert all(ch == "\n" or unicodedata.category(ch) not in UNSAFE for ch in out)


@pytest.mark.parametrize("control", ["\x90", "\x98", "\x9d", "\x9e", "\x9f", "\x1b]", "\x1bP"])
def test_an_unterminated_string_control_removes_only_itself(control: str) -> None:
    """Issue 12: an unclosed C1 string introducer (DCS, SOS, OSC, PM, APC) deleted the
    rest of the text; only the control goes, and a terminated sequence goes whole."""
    kept = strip_controls(f"before {control}after, and the rest\nof the story")
    assert kept.startswith("before ")
    assert "after, and the rest\nof the story" in kept
    assert strip_controls(f"a {control}0;title\x07b") == "a b"
    assert strip_controls(f"a {control}0;title\x9cb") == "a b"
