"""Start-up does only what the first paint needs: the modules for fetching, parsing feeds,
editing feeds.toml and worker processes are imported when first used, not before the list
is on screen (counted as modules loaded, never timed: these machines are shared)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.ui_support import build_sample

LATER = ("httpx", "feedparser", "tomlkit", "multiprocessing", "reader.discover",
         "reader.ingest.feeds", "reader.entities")

FIRST_PAINT = """
import asyncio, sys
from pathlib import Path
from reader.cli import main
from reader.ui.app import ReaderApp
from reader.config import parse_config

async def go():
    app = ReaderApp(parse_config(Path(sys.argv[1])), Path(sys.argv[2]), refresh_at_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.screen.query("ArticleList") or not app.screen.query_one("ArticleList").rows:
            await pilot.pause(0.01)
        print(" ".join(name for name in sys.argv[3:] if name in sys.modules))

asyncio.run(go())
"""


def test_the_first_paint_imports_no_fetching_parsing_or_editing(tmp_path: Path) -> None:
    world = build_sample(tmp_path)
    world.config.path.write_text('[settings]\ntheme = "textual-dark"\n')
    result = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(world.config.path), str(world.db_path), *LATER],
        capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parents[1],
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == []


def test_finding_a_feed_imports_the_parsers_only_when_it_looks_for_one() -> None:
    code = "import sys, reader.discover; print('feedparser' in sys.modules, 'httpx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["False", "False"]
