"""Opening and copying an article's link (`o`, `c`), for the main screen.

The link is the open article's, or the one under the cursor looked up in the store.
Only http, https and mailto links open: ingest never stores another kind, and this
check is the defence in depth against a tampered store.
"""

from __future__ import annotations

from typing import Any, Protocol

from reader.html_text import safe_link
from reader.models import Article
from reader.store import ArticleRow, Store
from reader.ui.text import display_line
from reader.ui.widgets.status_bar import StatusBar


class LinkHost(Protocol):
    """What the link actions need of the screen."""

    opened: Article | None
    store: Store

    @property
    def app(self) -> Any: ...

    @property
    def status(self) -> StatusBar: ...

    def target_row(self) -> ArticleRow | None: ...

    def notify(self, message: str, *, severity: Any = ..., timeout: float | None = ...,
               markup: bool = ...) -> None: ...


def target_url(host: LinkHost) -> str | None:
    row = host.target_row()
    if row is None:
        return None
    if host.opened is not None and host.opened.rowid == row.rowid:
        url = host.opened.url
    else:
        article = host.store.article(row.rowid)
        url = article.url if article else None
    if not url:
        host.status.set_problem("this article has no link")
        return None
    return url


def open_link(host: LinkHost) -> None:
    url = target_url(host)
    if not url:
        return
    if safe_link(url) != url:
        host.notify(
            f"Not opened: only http, https and mailto links open ({display_line(url)[:60]})",
            severity="warning",
            markup=False,
        )
        return
    host.app.open_url(url)


def copy_link(host: LinkHost) -> None:
    url = target_url(host)
    if url:
        host.app.copy_to_clipboard(url)
        host.notify("Link copied", timeout=2, markup=False)
