"""Deterministic benchmark data: RSS 2.0 feeds, stored articles, a long story.

Everything comes from seeded ``random.Random`` instances, so two runs (and two
machines) produce byte-identical feeds.  Each feed is generated from its own
seed, which lets a feed be built alone and in any order.

Item bodies are HTML (paragraphs, a link, an ``<img>``, a ``<ul>``) of about
2.4 KB, entity-escaped inside ``<description>`` as most real feeds do, so 100
feeds x 100 items is about 24 MB of RSS.  Bodies mention people from
:data:`PEOPLE` ("..., said Ada Okafor."), which the follow case relies on.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from functools import lru_cache
from html import escape

SEED = 20240604
BASE_DATE = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
"""The newest item's publication time: feed 0, item 0."""

_FIRST = (
    "Ada Amara Bruno Carmen Dmitri Elena Farid Greta Hiro Ines Jonas Kavya Lars Mei Nadia "
    "Omar Priya Quentin Rosa Sven Tomas Uma Viktor Wanda Xavier Yara Zoltan Aisha Bram Chloe"
).split()
_LAST = (
    "Okafor Lindqvist Moreau Tanaka Petrov Castillo Haddad Novak Fischer Kowalski Mendes "
    "Rahman Ivanova Schultz Ferreira Nakamura Oduya Varga Brennan Delacroix"
).split()
PEOPLE: tuple[str, ...] = tuple(f"{f} {ln}" for f in _FIRST for ln in _LAST)
"""600 distinct people; every body names two or three of them."""

FOLLOW_NAME = "Ada Okafor"
"""The person the follow case follows (appears in about 1 in 200 articles)."""

_SYLLABLES = (
    "ka lo mi ra te su an ver pol din gar mos tel ban cor fen lis nor pra sto vel "
    "zer qua bri dum hal jor kes lum"
).split()


@lru_cache(maxsize=1)
def _words() -> tuple[str, ...]:
    rng = random.Random(SEED)
    words = {
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(6000)
    }
    common = "the a of and to in is was for on that with as by at from it be".split()
    return tuple(common * 20) + tuple(sorted(words))


@lru_cache(maxsize=1)
def _sentences() -> tuple[str, ...]:
    """A pool of sentences; bodies are drawn from it (fast and deterministic)."""
    rng = random.Random(SEED + 1)
    words = _words()
    out = []
    for _ in range(4000):
        n = rng.randint(7, 18)
        sentence = " ".join(rng.choice(words) for _ in range(n))
        out.append(sentence[0].upper() + sentence[1:] + ".")
    return tuple(out)


def feed_title(feed_no: int) -> str:
    return f"Bench Feed {feed_no:04d}"


def item_title(feed_no: int, item_no: int, rng: random.Random | None = None) -> str:
    """``F0007-I042 …``: the marker at the front stays visible when a title is cut."""
    words = _words()
    r = rng or random.Random(SEED * 7 + feed_no * 1000 + item_no)
    tail = " ".join(r.choice(words) for _ in range(6))
    return f"F{feed_no:04d}-I{item_no:03d} {tail}"


def item_date(feed_no: int, item_no: int, n_feeds: int) -> datetime:
    """Newest first across all feeds: feed 0 item 0 is the newest article of all."""
    return BASE_DATE - timedelta(minutes=item_no * n_feeds + feed_no)


@dataclass(slots=True)
class Item:
    guid: str
    title: str
    link: str
    published: datetime
    author: str
    html: str
    people: list[str]


def _body(rng: random.Random, feed_no: int, item_no: int) -> tuple[str, list[str]]:
    sentences = _sentences()
    people = rng.sample(PEOPLE, rng.randint(2, 3))
    if rng.random() < 0.01:
        people[0] = FOLLOW_NAME
    parts: list[str] = []
    link = f"https://news.example.org/{feed_no}/{item_no}"
    for p in range(4):
        body = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 4)))
        if p < len(people):
            who = people[p]
            body += f' &#8220;{rng.choice(sentences)[:-1]},&#8221; said {who}.'
        if p == 1:
            body += f' Read <a href="{link}/more">the full report</a> for details.'
        parts.append(f"<p>{body}</p>")
        if p == 0:
            parts.append(
                f'<p><img src="https://img.example.org/{feed_no}/{item_no}.jpg" '
                f'alt="photo {item_no}" width="640" height="360"></p>'
            )
        if p == 2:
            items = "".join(f"<li>{rng.choice(sentences)}</li>" for _ in range(2))
            parts.append(f"<ul>{items}</ul>")
    return "\n".join(parts), people


def make_item(feed_no: int, item_no: int, n_feeds: int) -> Item:
    rng = random.Random(SEED * 31 + feed_no * 100_003 + item_no)
    html, people = _body(rng, feed_no, item_no)
    return Item(
        guid=f"urn:bench:{feed_no}:{item_no}",
        title=item_title(feed_no, item_no, rng),
        link=f"https://news.example.org/{feed_no}/{item_no}",
        published=item_date(feed_no, item_no, n_feeds),
        author=people[0],
        html=html,
        people=people,
    )


def feed_xml(feed_no: int, n_items: int, n_feeds: int, base_url: str = "") -> bytes:
    """One RSS 2.0 document with ``n_items`` items, newest first."""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>\n'
        f"<title>{feed_title(feed_no)}</title>\n"
        f"<link>https://news.example.org/{feed_no}/</link>\n"
        f"<description>Synthetic benchmark feed {feed_no}</description>\n"
        "<language>en</language>\n"
        f"<lastBuildDate>{format_datetime(BASE_DATE)}</lastBuildDate>\n"
    ]
    if base_url:
        out.append(
            f'<atom:link href="{base_url}/feed/{feed_no}.xml" rel="self" '
            'type="application/rss+xml"/>\n'
        )
    for item_no in range(n_items):
        it = make_item(feed_no, item_no, n_feeds)
        out.append(
            "<item>\n"
            f"<title>{escape(it.title)}</title>\n"
            f"<link>{it.link}</link>\n"
            f'<guid isPermaLink="false">{it.guid}</guid>\n'
            f"<pubDate>{format_datetime(it.published)}</pubDate>\n"
            f"<author>news@example.org ({it.author})</author>\n"
            f"<description>{escape(it.html)}</description>\n"
            "</item>\n"
        )
    out.append("</channel></rss>\n")
    return "".join(out).encode()


def long_story(words: int = 25_000, seed: int = SEED + 5) -> tuple[str, str]:
    """Plain text of a story of ``words`` words and a word to search for in it.

    The search word is not in the pool of generated words; it is planted in
    about one sentence in eight, so a search highlights ~200 matches.
    """
    rng = random.Random(seed)
    needle = "zanzibar"
    sentences = _sentences()
    paragraphs: list[str] = []
    count = 0
    while count < words:
        para: list[str] = []
        for _ in range(rng.randint(4, 8)):
            s = rng.choice(sentences)
            if rng.random() < 0.125:
                s = s[:-1] + f" near {needle}."
            if rng.random() < 0.1:
                s = s[:-1] + f", said {rng.choice(PEOPLE)}."
            para.append(s)
            count += s.count(" ") + 1
        paragraphs.append(" ".join(para))
    return "\n\n".join(paragraphs), needle


def html_to_plain(html: str) -> str:
    """A crude plain-text rendering of a generated body (for filling stores directly)."""
    import re

    text = re.sub(r"</p>\s*|</li>|<br\s*/?>", "\n\n", html)
    text = re.sub(r"<[^>]+>", "", text)
    text = text.replace("&#8220;", "\u201c").replace("&#8221;", "\u201d")
    return "\n\n".join(p.strip() for p in text.split("\n\n") if p.strip())


if __name__ == "__main__":
    import sys
    import time

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    t = time.perf_counter()
    total = sum(len(feed_xml(i, 100, n)) for i in range(n))
    print(f"{n} feeds: {total / 1e6:.1f} MB in {time.perf_counter() - t:.2f} s")
