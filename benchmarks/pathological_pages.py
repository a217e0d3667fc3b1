"""Time the page reader (``reader.webpage.page_text``) on full-size hostile pages.

    python benchmarks/pathological_pages.py

The test suite only checks that the time grows linearly (``tests/test_fulltext.py``);
absolute seconds live here, where a loaded machine cannot fail a build.  About a
second at worst on a quiet 2-core machine.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.webpage import page_text  # noqa: E402
from tests.pathological_pages import FULL, PATHOLOGICAL  # noqa: E402


def main() -> None:
    for name, build in PATHOLOGICAL.items():
        page = build(FULL)
        started = time.perf_counter()
        text = page_text(page, "https://slow.example/")
        seconds = time.perf_counter() - started
        print(f"{name:<20} {len(page):>10,} chars  {seconds:6.2f} s  ({len(text):,} chars of text)")


if __name__ == "__main__":
    main()
