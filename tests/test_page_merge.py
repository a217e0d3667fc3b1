"""The library's precise reading of a page gets back what the other two readings agree on."""

from __future__ import annotations

import pytest

from reader import webpage
from reader.html_text import html_to_text
from reader.page_merge import (
    FURNITURE_WORDS,
    GAP_MAX,
    GAP_WORDS,
    LEAD_WORDS,
    merge,
    paragraphs,
    render,
)
from tests.growth import best_seconds_in_turn

LEAD = (
    "The harbour will reopen on Monday after a month of repairs to the sea wall, the port "
    "authority said on Friday evening."
)
BODY = [
    "Ferries are to run on the winter timetable until the end of March, the operator said.",
    "Fishing boats may use the inner basin from Saturday, a week earlier than planned.",
]
EXTRA = "The repairs cost twice the estimate, and the council has asked the builder why."
JUNK = "Subscribe to our newsletter for the best stories of the week in your inbox."


def text(*paras: str) -> str:
    return "\n\n".join(paras)


def test_our_lead_before_the_library_story_is_put_back() -> None:
    assert merge(text(*BODY), None, text("By A. Writer", LEAD, *BODY)) == text(LEAD, *BODY)


def test_a_short_paragraph_before_the_story_is_no_lead() -> None:
    byline = "By A. Writer and B. Editor, Harbour Desk, 3 March 2026, 09:30"
    assert len(byline.split()) < LEAD_WORDS
    assert merge(text(*BODY), None, text(byline, *BODY)) == text(*BODY)


def test_a_default_paragraph_is_kept_only_where_ours_has_it_too() -> None:
    default = text(BODY[0], EXTRA, BODY[1], JUNK)
    assert merge(text(*BODY), default, text(*BODY, EXTRA)) == text(BODY[0], EXTRA, BODY[1])
    assert merge(text(*BODY), default, text(*BODY)) == text(*BODY)


def test_short_paragraphs_only_the_library_read_go_where_the_readings_agree() -> None:
    caption = "Photo: Harbour Gazette"
    assert len(caption.split()) < FURNITURE_WORDS
    precise = text(BODY[0], caption, BODY[1])
    assert merge(precise, None, text(*BODY)) == text(*BODY)
    # Where ours read another part of the page, it is no judge of the library's furniture.
    assert merge(precise, None, text(BODY[0], EXTRA)) == precise


QUOTE = (
    "“We have waited for this wall since the storm of 2019, and every winter the water came "
    "closer to the houses on the quay,” said Mara Lind, who has run the harbour café for "
    "twenty years."
)


def test_a_long_paragraph_of_ours_inside_the_library_story_is_put_back() -> None:
    assert len(QUOTE.split()) >= GAP_WORDS
    assert merge(text(*BODY), None, text(BODY[0], QUOTE, BODY[1])) == text(BODY[0], QUOTE, BODY[1])
    # The default reading's paragraph ours has too is not put back twice.
    both = text(BODY[0], QUOTE, BODY[1])
    assert merge(text(*BODY), both, both) == both


def test_a_short_paragraph_or_a_long_run_inside_the_story_is_not_put_back() -> None:
    teaser = "Read more: the council votes on the harbour budget next week, with the mayor."
    assert len(teaser.split()) < GAP_WORDS
    assert merge(text(*BODY), None, text(BODY[0], teaser, BODY[1])) == text(*BODY)
    run = [f"{QUOTE} ({n})" for n in range(GAP_MAX + 1)]
    assert merge(text(*BODY), None, text(BODY[0], *run, BODY[1])) == text(*BODY)
    assert merge(text(*BODY), None, text(BODY[0], *run[:GAP_MAX], BODY[1])) == text(
        BODY[0], *run[:GAP_MAX], BODY[1]
    )


def test_footnotes_are_numbered_afresh() -> None:
    precise = html_to_text('<p>Ferries run <a href="https://f.example/">again</a>, it said.</p>')
    default = html_to_text(
        '<p>Ferries run <a href="https://f.example/">again</a>, it said.</p>'
        '<p>The <a href="https://c.example/">council</a> asked the builder why it cost '
        "twice the estimate.</p>"
    )
    ours = html_to_text(
        '<p>The <a href="https://c.example/">council</a> asked the builder why it cost '
        'twice the estimate.</p><p>Ferries run <a href="https://f.example/">again</a>, it said.</p>'
    )
    assert merge(precise, default, ours) == (
        "Ferries run again [1], it said.\n\n"
        "The council [2] asked the builder why it cost twice the estimate.\n\n"
        "Links:\n[1] https://f.example/\n[2] https://c.example/"
    )
    assert render(paragraphs(ours)) == ours


def test_page_text_merges_the_libraries_readings(monkeypatch: pytest.MonkeyPatch) -> None:
    page = (
        f"<html><body><article><p class=standfirst>{LEAD}</p>"
        f"<p>{BODY[0]}</p><p>{BODY[1]}</p></article></body></html>"
    )
    story = f"<div><p>{BODY[0]}</p><p>{BODY[1]}</p></div>"
    monkeypatch.setattr(
        webpage, "_library", lambda: lambda html: webpage.Readings(story, story)
    )
    assert webpage.page_text(page) == text(LEAD, *BODY)


def test_the_space_after_a_link_is_put_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """The library's precise reading glues a link to the next word; the page has a space."""
    sentence = "the mood in the capital was gloomy, the agency said on Monday evening."
    page = (
        f"<html><body><p><a href='/a'>The agency reported</a> {sentence}</p>"
        f"<p><a href='/b'>Shares</a>fell in early trading on the exchange, brokers said.</p>"
        "</body></html>"
    )
    glued = (
        f"<p><a href='/a'>The agency reported</a>{sentence}</p>"
        "<p><a href='/b'>Shares</a>fell in early trading on the exchange, brokers said.</p>"
    )
    monkeypatch.setattr(webpage, "_library", lambda: lambda html: webpage.Readings(glued, None))
    assert webpage.page_text(page, "https://news.example/").split("\n\n")[:2] == [
        f"The agency reported [1] {sentence}",
        "Shares [2]fell in early trading on the exchange, brokers said.",  # glued on the page too
    ]


def test_merging_grows_linearly() -> None:
    """Many paragraphs, none shared: four times as many cost about four times the work."""

    def texts(n: int) -> tuple[str, str, str]:
        def many(word: str) -> str:
            return text(*(f"{word} {i} " + "words in a line " * 5 for i in range(n)))

        return many("precise"), many("default"), many("ours")

    small, large = texts(1_000), texts(4_000)
    small_time, large_time = best_seconds_in_turn(lambda: merge(*small), lambda: merge(*large))
    assert large_time < 8 * small_time + 0.05, (small_time, large_time)
