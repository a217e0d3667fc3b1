"""Regenerate docs/screenshot.svg: the app at 120x40 on the bundled samples.

    python scripts/screenshot.py

Uses Textual's own SVG export (``App.save_screenshot``) on a throw-away store
filled from the bundled, offline sources of the repo's feeds.toml.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from reader.config import parse_config
from reader.refresh import refresh
from reader.ui.app import ReaderApp
from reader.ui.widgets.article_list import ArticleList

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "screenshot.svg"
ARTICLE = "Marrovia's central bank raises rates"
"""Opened for the picture: a story with several people and sources."""


async def shoot(db: Path) -> None:
    config = parse_config(REPO / "feeds.toml")
    config.feeds = [feed for feed in config.feeds if feed.path]  # offline only
    refresh(config, db)
    app = ReaderApp(config, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        for _ in range(40):
            row = app.screen.query_one(ArticleList).row
            if row is not None and row.title.startswith(ARTICLE):
                break
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause(1.0)
        await pilot.press("tab", "tab", "tab", "down")
        await pilot.pause(0.5)
        app.save_screenshot(filename=OUT.name, path=str(OUT.parent))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(shoot(Path(tmp) / "reader.db"))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
