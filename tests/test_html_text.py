from __future__ import annotations

from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from reader.html_text import html_to_line, html_to_text
from tests.growth import best_seconds_in_turn


def test_blocks_become_paragraphs() -> None:
    html = "<h1>Title</h1><p>One <b>bold</b> line.</p><div>Two</div><p>Three<br>four</p>"
    assert html_to_text(html) == "Title\n\nOne bold line.\n\nTwo\n\nThree\nfour"


def test_list_items_are_bullets_on_their_own_lines() -> None:
    html = "<p>Intro</p><ul><li>one</li><li>two <i>x</i></li></ul><p>After</p>"
    assert html_to_text(html) == "Intro\n\n• one\n• two x\n\nAfter"


def test_links_become_footnotes_resolved_against_base() -> None:
    html = (
        '<p>See <a href="/a">this</a>, <a href="https://b.example/">that</a>, '
        '<a href="/a">this again</a> and <a href="mailto:x@y.example">mail</a>.</p>'
    )
    text = html_to_text(html, "https://site.example/news/")
    assert text == (
        "See this [1], that [2], this again [1] and mail [3].\n\n"
        "Links:\n[1] https://site.example/a\n[2] https://b.example/\n[3] mailto:x@y.example"
    )


def test_unsafe_and_unresolvable_links_are_dropped() -> None:
    html = (
        '<p><a href="javascript:alert(1)">js</a> <a href="data:text/html,x">data</a> '
        '<a href="/rel">rel</a></p>'
    )
    assert html_to_text(html) == "js data rel"


def test_bare_url_links_get_no_footnote() -> None:
    html = '<p><a href="https://x.example/">https://x.example/</a></p>'
    assert html_to_text(html) == "https://x.example/"


def test_scripts_styles_iframes_forms_comments_removed() -> None:
    html = (
        "<style>p{color:red}</style><script>alert('x')</script><p>Kept</p><!-- secret -->"
        "<iframe src='https://evil.example'>frame text</iframe><form><input name=a>"
        "<button>Go</button></form><noscript>ns</noscript><p>Also kept</p>"
    )
    assert html_to_text(html) == "Kept\n\nAlso kept"


def test_unclosed_script_swallows_rest_but_never_crashes() -> None:
    assert html_to_text("<p>a</p><script>var x = '<p>b</p>'") == "a"


def test_entities_decoded() -> None:
    assert html_to_text("<p>Fish &amp; chips &#8212; &eacute;t&eacute; &nbsp;x</p>") == (
        "Fish & chips — été x"
    )


def test_plain_text_passes_through_sanitized() -> None:
    assert html_to_text("Just text\n\n\n\nmore \x1b[31mred") == "Just text\n\nmore red"


def test_escapes_in_html_removed() -> None:
    text = html_to_text("<p>a \x1b]52;c;ZXZpbA==\x07b &#x202e;c</p>")
    assert "\x1b" not in text and "\u202e" not in text and text.startswith("a")


def test_html_to_line() -> None:
    assert html_to_line("Rates <em>held</em> &amp; steady") == "Rates held & steady"
    assert html_to_line("AT&amp;T\n  news") == "AT&T news"
    assert html_to_line('<a href="https://x">[1] link</a>') == "[1] link"


def test_pre_keeps_line_breaks() -> None:
    assert html_to_text("<pre>line 1\nline 2</pre>") == "line 1\nline 2"


def test_fast_enough_for_a_feed_of_100_items() -> None:
    item = (
        "<div><p>Paragraph with <a href='https://example.com/x'>a link</a> and "
        "<b>bold</b> &amp; <i>italic</i> text.</p><ul><li>one</li><li>two</li></ul>"
        "<img src='x.png' alt='pic'><p>" + "word " * 200 + "</p></div>"
    )
    # a growth check, not a time limit: four times the items, about four times the work
    def items(n: int) -> Callable[[], None]:
        return lambda: [html_to_text(item, "https://example.com/") for _ in range(n)] and None

    small, large = best_seconds_in_turn(items(100), items(400))
    assert large < 8 * small + 0.05


@given(st.text())
def test_never_crashes_and_is_clean(html: str) -> None:
    text = html_to_text(html)
    assert "\x1b" not in text
    assert not any(0x80 <= ord(c) <= 0x9F or (ord(c) < 32 and c != "\n") for c in text)


def test_tokenizer_edge_cases() -> None:
    html = (
        '<P CLASS="a>b">Up<BR/>case <A HREF=https://x.example/a?b=1&amp;c=2>link</A></P>'
        '<p>a <!-- <p>hidden</p> --> b</p><script>if (a<b) x("</p>")</script>'
        "<STYLE>q{}</STYLE ><p>x < y &lt;tag&gt;</p>"
    )
    assert html_to_text(html) == (
        "Up\ncase link [1]\n\na b\n\nx < y <tag>\n\nLinks:\n[1] https://x.example/a?b=1&c=2"
    )


def test_table_cells_and_image_links() -> None:
    html = (
        "<table><tr><td>a</td><td>b</td></tr></table>"
        '<a href="https://x.example"><img src="i.png"></a>'
    )
    assert html_to_text(html) == "a b\n\nLinks:\n[1] https://x.example"


def test_an_end_tag_with_junk_before_its_gt_still_ends_a_script() -> None:
    """Browsers end ``<script>`` at ``</script`` plus anything up to ``>`` (a saved page had
    ``</script`` then a comment), so the rest of the page is not swallowed."""
    html = "<p>before</p><script>x()</script\n <!-- note --><p>after</p><style>p{}</style/><p>end"
    assert html_to_text(html) == "before\n\nafter\n\nend"
