"""The benchmark of issue 4: reader against newsboat, same feeds, same run.

    python benchmarks/run.py            # full: 5 runs per case, 100,000-article case
    python benchmarks/run.py --quick    # 3 runs, 20,000 articles instead of 100,000

Prints a table (case, reader median, newsboat median, ratio, bar, pass/fail) and
writes ``benchmarks/results/latest.json`` and ``benchmarks/results/latest.md``.
See ``benchmarks/README.md`` for what every number measures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench_common import HERE, FeedServer, Tmux, log, machine_info, median
from bench_reader import Reader, fill_store, newest_marker, offline_url
from peer_newsboat import Newsboat, available

RESULTS = HERE / "results"


@dataclass
class Case:
    key: str
    name: str
    unit: str
    bar: str
    reader: list[float] = field(default_factory=list)
    newsboat: list[float] = field(default_factory=list)
    reader_value: float | None = None
    """Set when the reported figure is not the median of ``reader`` (e.g. a p95)."""
    check: str = "none"
    """How the bar is judged: 'ratio<=X', 'reader<=X' or 'none' (for information)."""
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def reader_figure(self) -> float | None:
        return self.reader_value if self.reader_value is not None else median(self.reader)

    @property
    def newsboat_figure(self) -> float | None:
        return median(self.newsboat)

    @property
    def ratio(self) -> float | None:
        r, n = self.reader_figure, self.newsboat_figure
        return r / n if r is not None and n else None

    @property
    def passed(self) -> bool | None:
        if self.errors and self.reader_figure is None:
            return False
        kind, _, limit = self.check.partition("<=")
        if kind == "ratio":
            return None if self.ratio is None else self.ratio <= float(limit)
        if kind == "reader":
            value = self.reader_figure
            return None if value is None else value <= float(limit)
        return None


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "s":
        return f"{value:.2f} s" if value >= 0.1 else f"{value * 1000:.0f} ms"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:g} {unit}"


def _verdict(case: Case) -> str:
    if case.passed is None:
        return "info" if case.check == "none" else "n/a"
    return "PASS" if case.passed else "FAIL"


def table(cases: list[Case], markdown: bool = False) -> str:
    header = ["case", "reader", "newsboat", "ratio r/n", "bar", "result"]
    rows = []
    for case in cases:
        rows.append([
            case.name, _fmt(case.reader_figure, case.unit), _fmt(case.newsboat_figure, case.unit),
            f"{case.ratio:.2f}" if case.ratio is not None else "-", case.bar, _verdict(case),
        ])
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(out)


# Cases 1, 2 and 4 (refresh) ------------------------------------------------------------


def refresh_cases(
    server: FeedServer, work: Path, runs: int, cases: dict[str, Case], keep: dict[str, Newsboat],
) -> None:
    """Cold then warm refresh, fresh caches each run, alternating who goes first."""
    urls = [server.url(i) for i in range(server.feeds)]
    expected = server.feeds * server.items
    cold, warm, mem = cases["cold"], cases["warm"], cases["cold_mem"]
    indexing = cases["cold_index"]

    def one_reader(run: int) -> None:
        reader = Reader(work / f"reader-refresh-{run}", urls)
        server.stats(reset=True)
        # Like newsboat's reload: fetch, parse, store. People, sources and search are
        # indexed afterwards (the app does it in the background), timed on their own.
        timed = reader.refresh()
        stats = server.stats(reset=True)
        _record(cold, "reader", timed.seconds, timed.returncode, timed.stderr,
                timed.extra["items"], expected, stats)
        mem.notes.append(f"reader run {run}: largest process {timed.peak_rss_mb:.0f} MB, process "
                         f"tree (sampled every 100 ms) {timed.extra['tree_peak_mb']:.0f} MB")
        note = (f"reader at exit of the cold refresh: {timed.extra['pending']} articles "
                "still without extracted entities")
        if note not in cold.notes:
            cold.notes.append(note)
        mem.reader.append(timed.extra["tree_peak_mb"])
        indexed = reader.index()
        indexing.reader.append(indexed.seconds)
        timed = reader.refresh()
        stats = server.stats(reset=True)
        _record(warm, "reader", timed.seconds, timed.returncode, timed.stderr,
                timed.extra["items"], expected, stats)
        log(f"  reader   run {run}: cold {cold.reader[-1]:.2f} s, warm {warm.reader[-1]:.2f} s")

    def one_newsboat(run: int) -> None:
        nb = Newsboat(work / f"newsboat-refresh-{run}", urls)
        server.stats(reset=True)
        timed = nb.reload()
        stats = server.stats(reset=True)
        _record(cold, "newsboat", timed.seconds, timed.returncode, timed.stderr,
                timed.extra["items"], expected, stats)
        mem.newsboat.append(timed.extra["tree_peak_mb"])
        mem.notes.append(f"newsboat run {run}: {timed.peak_rss_mb:.0f} MB, tree "
                         f"{timed.extra['tree_peak_mb']:.0f} MB")
        if run == 0:
            keep["newsboat10k"] = nb
        timed = nb.reload()
        stats = server.stats(reset=True)
        _record(warm, "newsboat", timed.seconds, timed.returncode, timed.stderr,
                timed.extra["items"], expected, stats)
        log(f"  newsboat run {run}: cold {cold.newsboat[-1]:.2f} s, "
            f"warm {warm.newsboat[-1]:.2f} s")

    for run in range(runs):
        order: list[Callable[[int], None]] = [one_reader, one_newsboat]
        if run % 2:
            order.reverse()
        for step in order:
            step(run)
        for path in work.glob(f"reader-refresh-{run}"):
            shutil.rmtree(path, ignore_errors=True)


def _record(
    case: Case, who: str, seconds: float, code: int, stderr: str, items: object,
    expected: int, stats: dict[str, int],
) -> None:
    getattr(case, who).append(seconds)
    note = (f"{who}: {items} articles stored; server saw {stats['requests']} requests, "
            f"{stats['ok']} x 200 ({stats['bytes'] / 1e6:.1f} MB), {stats['not_modified']} x 304")
    if note not in case.notes:
        case.notes.append(note)
    if code != 0:
        last = stderr.strip().splitlines()[-1] if stderr.strip() else ""
        error = f"{who} exited {code}: {last[:200]}"
        if error not in case.errors:
            case.errors.append(error)
    if items != expected:
        error = f"{who} stored {items} articles, expected {expected}"
        if error not in case.errors:
            case.errors.append(error)


# Case 3 and 4 (first paint, memory) ------------------------------------------------------


def paint_cases(
    size: int, feeds: int, work: Path, runs: int, tmux: Tmux, nb_source: Newsboat | None,
    paint: Case, memory: Case,
) -> Path | None:
    """First paint with ``size`` stored articles for both; returns reader's filled db."""
    log(f"case 3: filling a reader store with {size} articles")
    base = Reader(work / f"reader-{size}", [offline_url(i) for i in range(feeds)])
    seconds = fill_store(base.db, feeds, size // feeds)
    paint.notes.append(f"reader store filled directly in {seconds:.0f} s "
                       f"({base.count_articles()} articles)")
    marker = newest_marker()
    for run in range(runs):
        order = ["reader", "newsboat"] if run % 2 == 0 else ["newsboat", "reader"]
        for who in order:
            if who == "reader":
                copy = base.copy_to(work / f"reader-{size}-run{run}")
                result = copy.first_paint(tmux, marker)
                shutil.rmtree(copy.dir, ignore_errors=True)
            elif nb_source is not None:
                nbcopy = nb_source.copy_to(work / f"newsboat-{size}-run{run}")
                result = nbcopy.first_paint(tmux)
                shutil.rmtree(nbcopy.dir, ignore_errors=True)
            else:
                continue
            if result.seconds is None:
                error = f"{who}: {result.error}; screen: " + " / ".join(
                    line.strip() for line in result.screen.splitlines() if line.strip()
                )[-300:]
                if error not in paint.errors:
                    paint.errors.append(error)
            else:
                getattr(paint, who).append(result.seconds)
                if result.peak_rss_mb is not None:
                    getattr(memory, who).append(result.peak_rss_mb)
            shown = f"{result.seconds:.2f} s" if result.seconds is not None else result.error
            log(f"  {who:8} run {run}: {shown}, {result.peak_rss_mb or 0:.0f} MB")
    return base.db


# Case 5 (in the app) -------------------------------------------------------------------------


def ui_cases(db: Path | None, feeds: int, work: Path, cases: dict[str, Case]) -> None:
    """Run bench_ui.py in its own process on a copy of the big store; merge its JSON."""
    if db is None:
        return
    copy_dir = work / "ui"
    copy = Reader(copy_dir, [offline_url(i) for i in range(feeds)])
    shutil.copyfile(db, copy.db)
    out = work / "ui.json"
    cmd = [sys.executable, str(HERE / "bench_ui.py"), "--db", str(copy.db), "--config",
           str(copy.config), "--out", str(out)]
    log("case 5: in-app latencies (bench_ui.py)")
    proc = subprocess.run(cmd, cwd=HERE, env=copy.env, capture_output=True, text=True,
                          timeout=1200, check=False)
    if proc.stderr.strip():
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "ui-stderr.log").write_text(proc.stderr)
        log(f"bench_ui.py wrote to stderr: see {RESULTS / 'ui-stderr.log'}")
    if proc.returncode != 0 or not out.exists():
        for key in ("keys", "open", "search", "follow", "refresh_frame"):
            cases[key].errors.append(
                f"bench_ui.py exited {proc.returncode}: {proc.stderr.strip()[-400:]}"
            )
        return
    data = json.loads(out.read_text())
    for key, values in data.items():
        case = cases.get(key)
        if case is None:
            continue
        case.reader = values.get("samples", [])
        case.reader_value = values.get("value")
        case.notes += values.get("notes", [])
        case.errors += values.get("errors", [])


# Main ----------------------------------------------------------------------------------------


def make_cases(big: int) -> dict[str, Case]:
    k = f"{big // 1000}k"
    cases = [
        Case("cold", "1 cold refresh, 100x100 items (stored, listable)", "s", "ratio <= 0.75",
             check="ratio<=0.75"),
        Case("cold_index", "1b then indexing people, sources, search (reader index)", "s",
             "(info)"),
        Case("warm", "2 warm refresh, nothing changed", "s", "ratio <= 0.15", check="ratio<=0.15"),
        Case("paint10k", "3 first paint, 10k articles", "s", "reader <= 0.5 s",
             check="reader<=0.5"),
        Case("paint_big", f"3 first paint, {k} articles", "s", "reader <= 1.0 s",
             check="reader<=1.0"),
        Case("cold_mem", "4 peak RSS, cold refresh (process tree)", "MB", "(info)"),
        Case("mem10k", "4 peak RSS, painted, 10k", "MB", "(info)"),
        Case("mem_big", f"4 peak RSS, painted, {k}", "MB", "reader <= 150 MB",
             check="reader<=150"),
        Case("keys", "5 keypress->paint, list j/k p95", "ms", "p95 <= 30 ms", check="reader<=30"),
        Case("open", "5 keypress->paint, open article p95", "ms", "p95 <= 30 ms",
             check="reader<=30"),
        Case("search", "5 search 25k-word story, highlight all", "ms", "<= 50 ms",
             check="reader<=50"),
        Case("follow", f"5 follow a person across {k}", "ms", "<= 50 ms", check="reader<=50"),
        Case("refresh_frame", "5 longest event-loop stall, in-app refresh", "ms", "<= 100 ms",
             check="reader<=100"),
    ]
    return {c.key: c for c in cases}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true",
                    help="3 runs per case and 20,000 instead of 100,000 articles")
    ap.add_argument("--runs", type=int, help="runs per case (default 5, quick 3)")
    ap.add_argument("--big", type=int, help="articles in the big store (default 100000)")
    ap.add_argument("--only", default="1,2,3,4,5",
                    help="comma-separated case numbers to run (default all)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument("--no-save", action="store_true", help="do not write benchmarks/results")
    args = ap.parse_args()
    runs = args.runs or (3 if args.quick else 5)
    big = args.big or (20_000 if args.quick else 100_000)
    big_feeds = big // 100
    only = {s.strip() for s in args.only.split(",")}
    if not available():
        log("newsboat is not installed: apt-get install -y newsboat (its columns stay n/a)")
    cases = make_cases(big)
    machine = machine_info()
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="reader-bench-"))
    log(f"work directory {work}; {runs} runs per case; big store {big} articles")
    keep: dict[str, Newsboat] = {}
    tmux = Tmux() if only & {"3", "4", "5"} else None
    try:
        if only & {"1", "2", "3", "4"}:
            with FeedServer(100, 100) as server:
                log(f"feed server on 127.0.0.1:{server.port}: 100 feeds x 100 items, "
                    f"{server.total_bytes / 1e6:.1f} MB")
                cases["cold"].notes.append(f"RSS served: {server.total_bytes / 1e6:.1f} MB")
                if only & {"1", "2", "4"} or available():
                    refresh_cases(server, work, runs if only & {"1", "2", "4"} else 1, cases,
                                  keep)
        big_db = None
        if only & {"3", "4", "5"} and tmux is not None:
            nb10k = keep.get("newsboat10k")
            paint_cases(10_000, 100, work, runs, tmux, nb10k, cases["paint10k"],
                        cases["mem10k"])
            nb_big = None
            if available():
                log(f"case 3: newsboat reload of {big_feeds} feeds to fill its cache")
                with FeedServer(big_feeds, 100) as server:
                    nb_big = Newsboat(work / "newsboat-big",
                                      [server.url(i) for i in range(big_feeds)])
                    timed = nb_big.reload(timeout=1800)
                    cases["paint_big"].notes.append(
                        f"newsboat cache filled by its own reload: {timed.seconds:.0f} s, "
                        f"{timed.extra['items']} articles"
                    )
            big_db = paint_cases(big, big_feeds, work, runs, tmux, nb_big, cases["paint_big"],
                                 cases["mem_big"])
        if "5" in only:
            if big_db is None:
                base = Reader(work / f"reader-{big}", [offline_url(i) for i in range(big_feeds)])
                fill_store(base.db, big_feeds, 100)
                big_db = base.db
            ui_cases(big_db, big_feeds, work, cases)
    finally:
        if tmux is not None:
            tmux.close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - started
    machine["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    ordered = list(cases.values())
    print()
    print(table(ordered))
    print()
    for case in ordered:
        for error in case.errors:
            print(f"! {case.key}: {error}")
    print(f"\n{runs} runs per case, medians (case 5: see README). Took {elapsed / 60:.1f} min "
          f"on {machine['cpu']} x{machine['nproc']}.")
    if not args.no_save:
        save(ordered, machine, args, runs, big, elapsed)
    return 0


def save(cases: list[Case], machine: dict[str, str], args: argparse.Namespace, runs: int,
         big: int, elapsed: float) -> None:
    full = not args.quick and runs >= 5 and big >= 100_000 and args.only == "1,2,3,4,5"
    RESULTS.mkdir(exist_ok=True)
    command = "python benchmarks/run.py" + (" --quick" if args.quick else "")
    data = {
        "machine": machine, "command": command, "runs": runs, "big": big,
        "minutes": round(elapsed / 60, 1),
        "cases": [
            {**asdict(c), "reader_figure": c.reader_figure, "newsboat_figure": c.newsboat_figure,
             "ratio": c.ratio, "result": _verdict(c)} for c in cases
        ],
    }
    (RESULTS / "latest.json").write_text(json.dumps(data, indent=2) + "\n")
    md = [
        f"# Benchmark results ({machine['date']})",
        "",
        f"`{command}`: {runs} runs per case, medians; took {elapsed / 60:.1f} min.",
        "",
        table(cases, markdown=True),
        "",
        f"Machine: {machine['cpu']}, {machine['nproc']} cores, {machine['memory']}, "
        f"Linux {machine['kernel']}; Python {machine['python']}, Textual {machine['textual']}; "
        f"{machine['newsboat']}; reader at commit {machine['commit']}; "
        f"load average (1/5/15 min) at start {machine['load']}, at end {machine['load_end']} "
        "(other work was running on the machine).",
        "",
        "## Notes and errors",
        "",
    ]
    for case in cases:
        for note in case.notes:
            md.append(f"- {case.key}: {note}")
        for error in case.errors:
            md.append(f"- **{case.key} error**: {error}")
    (RESULTS / "latest.md").write_text("\n".join(md) + "\n")
    log(f"wrote {RESULTS / 'latest.json'} and {RESULTS / 'latest.md'}")
    if full:
        update_readme([md[2], "", md[4], "", md[6]])


def update_readme(lines: list[str]) -> None:
    """Put a full run's table and machine line between the README's figure markers."""
    readme = HERE / "README.md"
    text = readme.read_text()
    start, end = "<!-- figures -->", "<!-- /figures -->"
    if start not in text or end not in text:
        return
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    block = "\n".join(lines)
    readme.write_text(f"{head}{start}\n{block}\n{end}{tail}")
    log(f"updated the figures in {readme}")


if __name__ == "__main__":
    sys.exit(main())
