"""Hostile web pages for the page reader, built at any scale (shared by the growth test
in ``tests/test_fulltext.py`` and the timings in ``benchmarks/pathological_pages.py``).

Each builder takes ``n`` (the full-size page is ``n = FULL``) and returns the page.
"""

from __future__ import annotations

from collections.abc import Callable

FULL = 100_000
SCALE = FULL // 32
"""The growth test's smaller size (it also reads four times that)."""

PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "unclosed-a": lambda n: "<html><body><p>" + "<a " * (n // 5) + "x" * 100,  # HTMLParser's killer
    "unclosed-a-one-gt": lambda n: "<p>" + '<a href="x" ' * (n // 5) + ">",
    "unclosed-quotes": lambda n: "<p>" + '<a href="x ' * (2 * n),
    "deep": lambda n: "<div>" * (2 * n) + "text " * 1000,
    "deep-closed": lambda n: "<div>" * n + "words, words. " * 100 + "</div>" * n,
    "stray-ends": lambda n: "<div><p>" + "hello, world. " * 10 + "</span>" * (3 * n),
    "unclosed-p": lambda n: "<p>para, text, " * (3 * n),
    "p-unclosed-a": lambda n: "<p><a x" * n,
    "nested-a": lambda n: "<a href=x>" * (2 * n) + "text",
    "lt": lambda n: "<" * (30 * n),
    "comments": lambda n: "<!--" * (5 * n),
    "open-end-tags": lambda n: "<p>story text, " * 100 + "<script>" + "</script " * (3 * n),
    "unclosed-script": lambda n: "<p>story text, " * 100 + "<script>" + "x" * (30 * n),
    "classes": lambda n: '<div class="comment-body share-x" id="aBcDeF">x</div>' * n,
    "entities": lambda n: "<p>" + "&amp;" * (10 * n),
    "marked-pieces": lambda n: "<div>" * 190
    + "<p itemprop=articleBody>words, words and more words, a sentence.</p>" * (n // 2),
}
"""Page builders by name: unclosed and nested tags, deep nesting, floods of ``<``."""
