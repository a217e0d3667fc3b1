"""Mutation fuzzing over the shared corpora: every loader, no traceback, no hang, clean output.

Run:  python fuzz/fuzz_corpus.py [MINUTES] [SEED]    (default 10 minutes, seed 1)

Seeds are the files of ``../shared/corpus`` (real feeds, feedparser's test
suite, news articles; or the folder named by ``READER_CORPUS``).  Each mutant is
a seed with one to four mutations: hostile fragments inserted (the feedparser
crashers of issue 12, C1 controls, terminal escapes, Rich markup, entities,
DOCTYPEs, stray tags), spans deleted, doubled or flipped, a cut, a gzip
wrapper, a declared encoding no codec reads.  Each mutant goes through
``parse_feed_bytes`` (fast path and feedparser, eager and lazy HTML, with a
random Content-Type), the lazy HTML's later conversion, the tamed copy made
after a feedparser crash, the Content-Encoding inflater (gzip, deflate, on a
compressed copy with flipped bytes: no piece over 1 MB), and ``load_path`` on a
file with a random suffix; a FIFO is put beside it now and then.  A finding is
an exception, a mutant taking more than 20 s (a hang), or a stored string with
a control, escape or bidi character left in it; each is printed with the seed
file and mutant number, and the mutant is saved under /tmp/reader-fuzz/.
"""

from __future__ import annotations

import gzip
import os
import random
import signal
import sys
import tempfile
import time
import traceback
import zlib
from pathlib import Path
from types import FrameType

from reader.html_text import html_to_text
from reader.ingest import load_path, parse_feed_bytes
from reader.ingest.inflate import STEP, EncodingError, Inflater
from reader.ingest.tame import tame
from reader.models import Article, FeedConfig
from reader.sanitize import sanitize_line

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("READER_CORPUS") or REPO.parent / "shared" / "corpus")
SAVED = Path(tempfile.gettempdir()) / "reader-fuzz"
HANG_SECONDS = 20
SUFFIXES = [".xml", ".rss", ".atom", ".json", ".txt", ".md", ".html", ".xml.gz", ""]
TYPES = [
    None, "application/rss+xml", "application/atom+xml; charset=utf-8", "text/html",
    "application/json", "text/xml; charset=punycode", "application/xml; charset=rot13",
]
FRAGMENTS = [
    b"</width>", b"</media:player>", b"</media:content>", b"</height>", b"&#xD800;",
    b"&#99999999;", b"&#0;", b"&#x1b;", b"&#x9d;", "\x9d".encode(), "\x90".encode(),
    "\x98x".encode(), "\x9f".encode(), b"\x1b]8;;file:///etc/passwd\x07", b"\x1b[2J",
    b"\x1b]52;c;aGk=\x07", "\u202e".encode(), b"[/][/] News", b"[@click=app.quit]x[/]",
    b"[link=file:///etc/passwd]pw[/link]", b'<!DOCTYPE rss [<!ENTITY a "b">]>', b"&a;",
    b"<![CDATA[", b"]]>", b"<item>", b"</item>", b"</channel>", b"<entry>", b"<title>",
    b"</title>", b"<p>", b"<a href='javascript:alert(1)'>", b"<script>", b"<!--", b"-->",
    b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"<", b"&", b'"', b"\r\n", b"\n\n---\n",
    b'<?xml version="1.0" encoding="punycode"?>', b'<?xml version="1.0" encoding="utf-16"?>',
]
BAD = {chr(c) for c in range(32) if c not in (10,)} | {chr(c) for c in range(0x7F, 0xA0)}
BAD |= set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\ufeff")


class Hang(Exception):
    pass


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise Hang(f"more than {HANG_SECONDS} s")


def seeds() -> list[Path]:
    found = [p for p in CORPUS.rglob("*") if p.is_file() and p.stat().st_size < 2_000_000]
    return sorted(p for p in found if p.suffix not in (".tsv", ".train", ".testa", ".testb"))


def mutate(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 4)):
        at = rng.randint(0, len(data))
        kind = rng.randrange(8)
        if kind <= 2:
            data = data[:at] + rng.choice(FRAGMENTS) * rng.choice((1, 1, 2, 50)) + data[at:]
        elif kind == 3:
            data = data[:at] + data[at + rng.randint(1, 200) :]
        elif kind == 4:
            piece = data[at : at + rng.randint(1, 400)]
            data = data[:at] + piece * rng.randint(2, 20) + data[at:]
        elif kind == 5 and data:
            flips = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                flips[rng.randrange(len(flips))] = rng.randrange(256)
            data = bytes(flips)
        elif kind == 6:
            data = data[:at]
        else:
            data = gzip.compress(data) if rng.random() < 0.2 else data
    return data


def unclean(articles: list[Article], feed_title: str | None) -> str | None:
    for article in articles:
        for name, value in (
            ("title", article.title), ("text", article.text), ("author", article.author or ""),
            ("id", article.id), ("url", article.url or ""), ("feed", feed_title or ""),
        ):
            bad = {c for c in value if c in BAD and not (c == "\t" and name == "text")}
            if bad:
                return f"{name} holds {sorted(hex(ord(c)) for c in bad)}"
    return None


def run_one(data: bytes, rng: random.Random, workdir: Path) -> str | None:
    """A problem with this mutant ("" if none)."""
    feed = FeedConfig(title="fuzz", url="https://fuzz.example/feed")
    for fast in (True, False):
        lazy = rng.random() < 0.5
        result = parse_feed_bytes(
            data, feed, content_type=rng.choice(TYPES), base_url="https://fuzz.example/",
            use_fast_path=fast, lazy_html=lazy,
        )
        if result.error and ("\n" in result.error or sanitize_line(result.error) != result.error):
            return f"error not one clean line: {result.error!r}"
        for article in result.articles:
            if article.html is not None:
                article.text = html_to_text(article.html, article.html_base)
        problem = unclean(result.articles, result.feed_title)
        if problem:
            return f"parse_feed_bytes(fast={fast}, lazy={lazy}): {problem}"
    tame(data)  # the second chance after a feedparser crash must never raise itself
    packed = bytearray(gzip.compress(data) if rng.random() < 0.5 else zlib.compress(data))
    for _ in range(rng.randint(0, 3)):
        packed[rng.randrange(len(packed))] = rng.randrange(256)
    for encoding in ("gzip", "deflate", "identity"):
        try:
            inflater = Inflater(encoding)
            for at in range(0, len(packed), 4096):
                for piece in inflater.feed(bytes(packed[at : at + 4096])):
                    if len(piece) > STEP:
                        return f"Inflater({encoding}) gave {len(piece):,} bytes at once"
        except EncodingError:
            pass
    path = workdir / f"mutant{rng.choice(SUFFIXES)}"
    path.write_bytes(data)
    if rng.random() < 0.05 and hasattr(os, "mkfifo"):
        os.mkfifo(workdir / "pipe.txt")
    for result in load_path(workdir):
        if result.error and "\n" in result.error:
            return f"load_path error not one line: {result.error!r}"
        problem = unclean(result.articles, result.feed_title)
        if problem:
            return f"load_path({path.name}): {problem}"
    return None


def main(minutes: float, seed: int) -> int:
    files = seeds()
    if not files:
        print(f"no corpus at {CORPUS}")
        return 2
    rng = random.Random(seed)
    signal.signal(signal.SIGALRM, _alarm)
    end = time.monotonic() + minutes * 60
    count = findings = 0
    SAVED.mkdir(exist_ok=True)
    while time.monotonic() < end:
        count += 1
        source = rng.choice(files)
        data = mutate(source.read_bytes(), rng)
        problem: str | None
        with tempfile.TemporaryDirectory() as tmp:
            signal.alarm(HANG_SECONDS)
            try:
                problem = run_one(data, random.Random(count), Path(tmp))
            except Hang as exc:
                problem = f"hang: {exc}"
            except Exception:
                problem = "traceback:\n" + traceback.format_exc()
            finally:
                signal.alarm(0)
        if problem:
            findings += 1
            saved = SAVED / f"{seed}-{count}.bin"
            saved.write_bytes(data)
            print(f"FINDING mutant {count} of {source.relative_to(CORPUS)} (saved {saved}): "
                  f"{problem}", flush=True)
        if count % 500 == 0:
            print(f"{count:,} mutants, {findings} findings", flush=True)
    print(f"done: {count:,} mutants of {len(files):,} corpus files in {minutes:g} min, "
          f"{findings} findings")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(float(sys.argv[1]) if len(sys.argv) > 1 else 10,
                  int(sys.argv[2]) if len(sys.argv) > 2 else 1))
