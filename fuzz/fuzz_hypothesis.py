"""A bounded fuzz session outside CI: the property tests with many more examples.

Run:  python fuzz/fuzz_hypothesis.py [EXAMPLES]   (default 5,000 per property)

Uses the strategies of tests/test_hostile_properties.py; every failure is
printed with Hypothesis's minimal example, then the session goes on.
Findings so far are listed in fuzz/README.md.
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import test_hostile_properties as props

PROPERTIES = [
    props.test_feed_loader_never_raises_and_output_is_clean,
    props.test_feed_loader_on_arbitrary_bytes,
    props.test_html_cleaner_output_is_clean,
    props.test_text_and_markdown_and_html_files_parse_clean,
    props.test_entity_offsets_are_inside_the_text,
]


def main(examples: int) -> int:
    failures = 0
    for prop in PROPERTIES:
        inner = prop.hypothesis.inner_test  # type: ignore[attr-defined]
        many = settings(
            max_examples=examples, deadline=None, database=None,
            suppress_health_check=list(HealthCheck),
        )
        from hypothesis import given

        strategies = prop.hypothesis._given_kwargs  # type: ignore[attr-defined]
        test = many(given(**strategies)(inner))
        start = time.perf_counter()
        try:
            test()
            status = "ok"
        except Exception:
            failures += 1
            status = "FAILED"
            traceback.print_exc()
        took = time.perf_counter() - start
        print(f"{prop.__name__}: {examples} examples, {took:.0f} s, {status}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000))
