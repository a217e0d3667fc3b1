"""Time `reader inspect --json` on 231 wire stories, start-up included (issue 11's bar: <= 2 s).

    python benchmarks/entities/inspect_speed.py [--runs 5]

The stories are CoNLL-2003 development stories (and the first training ones to make up
231) written as .txt files to a temporary folder; the command is run as a user would
run it, in a fresh process, and its wall-clock and CPU time are printed (the median of
``--runs``), with the stories per CPU-second of the extractor alone for comparison.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from entities.conll import read  # noqa: E402

STORIES = 231


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    docs = (read("dev") + read("train"))[:STORIES]
    reader = Path(sys.executable).with_name("reader")
    with tempfile.TemporaryDirectory() as folder:
        for n, doc in enumerate(docs):
            Path(folder, f"story-{n:03}.txt").write_text(doc.text, encoding="utf-8")
        files = sorted(str(p) for p in Path(folder).iterdir())
        walls: list[float] = []
        cpus: list[float] = []
        for _ in range(args.runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run([str(reader), "inspect", "--json", *files],
                                  capture_output=True, check=True, env=dict(os.environ))
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            assert done.stdout.count(b"\n") == len(docs)
    load = os.getloadavg()[0]
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    print(f"reader inspect --json, {len(docs)} wire stories: wall {wall:.2f} s, CPU {cpu:.2f} s "
          f"(median of {args.runs}; load average {load:.1f})")


if __name__ == "__main__":
    main()
