"""Learn which words cue an attribution from PolNeAR's training stories.

    python benchmarks/entities/build_cues.py

Every lower-case word that PolNeAR's annotators marked as (part of) an attribution's cue
in at least ``MIN_SEEN`` of its occurrences in the training split, and in at least
``MIN_RATE`` of them, is written with that rate to ``reader/entities/data/cue_words.tsv.gz``
("decried", "conceded", "tweeted", "lamented": the verbs a hand-written list forgets).
The speakers step reads the subject of each such word as a candidate source, and the
source model weighs the rate.  Only word counts leave PolNeAR; the dev and test splits
are not read.
"""

from __future__ import annotations

import gzip
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import polnear

OUT = Path(__file__).resolve().parents[2] / "reader" / "entities" / "data" / "cue_words.tsv.gz"
VERSION = "2"
MIN_SEEN = 5
MIN_RATE = 0.3
_WORD_RE = re.compile(r"[a-z][a-z’'\-]*[a-z]")


def cue_rates(stories: list[polnear.Story]) -> dict[str, tuple[float, int]]:
    """Each lower-case word's share of occurrences inside a cue, and how often it occurs."""
    seen: Counter[str] = Counter()
    cued: Counter[str] = Counter()
    for story in stories:
        in_cue = {m.start() for s, e in story.cues for m in _WORD_RE.finditer(story.text, s, e)}
        for m in _WORD_RE.finditer(story.text):
            if m.start() > 0 and story.text[m.start() - 1].isalpha():
                continue  # the tail of a capitalised word
            seen[m.group()] += 1
            cued[m.group()] += m.start() in in_cue
    return {w: (cued[w] / n, n) for w, n in seen.items()
            if n >= MIN_SEEN and cued[w] / n >= MIN_RATE}


def main() -> None:
    rates = cue_rates(polnear.read("train"))
    lines = [f"#version={VERSION}", f"#min_seen={MIN_SEEN}", f"#min_rate={MIN_RATE}",
             "#from=PolNeAR train split (networkdynamics/PolNeAR), word counts only"]
    lines += [f"{w}\t{rate:.3f}\t{n}" for w, (rate, n) in
              sorted(rates.items(), key=lambda kv: (-kv[1][0], kv[0]))]
    OUT.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(rates)} cue words -> {OUT}")


if __name__ == "__main__":
    main()
