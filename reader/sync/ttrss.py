"""Tiny Tiny RSS through its JSON API (``/api/``, API level 15 and later).

Every call is a JSON POST with ``op`` and the session id; every answer is
``{"status": 0 | 1, "content": ...}``.  A session that expired (``NOT_LOGGED_IN``)
is renewed by logging in again, once per call.  Each failure becomes one
:class:`SyncError` line naming the server.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

import httpx

from reader.sync.backend import (
    Counters,
    Flag,
    Page,
    RemoteArticle,
    RemoteFeed,
    RemoteState,
    SyncError,
)

PAGE = 200
"""tt-rss returns at most 200 headlines per call."""

ALL_ARTICLES, STARRED = -4, -1
"""Virtual feeds: every article, the starred ones."""

FIELDS = {"starred": 0, "read": 2}
"""``updateArticle`` fields: 0 is "marked" (starred), 2 is "unread"."""

SUBSCRIBE_ERRORS = {
    2: "invalid URL",
    3: "the page has no feed",
    4: "the page offers several feeds; give the feed's own URL",
    5: "the server could not download it",
    6: "the feed is not valid",
}

API_ERRORS = {
    "LOGIN_ERROR": "login refused for {user!r} (wrong user or password)",
    "API_DISABLED": "API access is off for {user!r} (turn on \"Enable API\" in tt-rss's "
    "Preferences)",
    "NOT_LOGGED_IN": "the server keeps forgetting the session (logged in again, refused again)",
    "FEED_NOT_FOUND": "no such feed on the server",
    "INCORRECT_USAGE": "the server did not understand the request",
}


class TtrssBackend:
    """A Tiny Tiny RSS account; open until :meth:`close`."""

    name = "ttrss"

    def __init__(
        self, url: str, user: str, password: str, *, timeout: float = 20.0,
        client: httpx.Client | None = None,
    ) -> None:
        base = url.rstrip("/")
        self.api_url = base + "/" if base.endswith("/api") else base + "/api/"
        self.user = user
        self._password = password
        self._timeout = timeout
        self._client = client or httpx.Client(timeout=timeout, verify=True)
        self._sid: str | None = None

    def close(self) -> None:
        self._client.close()

    # The wire ----------------------------------------------------------------

    def _post(self, op: str, params: dict[str, Any]) -> tuple[int, Any]:
        """(status, content) of one API call; transport and format problems raise."""
        where = self.api_url
        try:
            answer = self._client.post(where, json={"op": op, **params})
        except httpx.TimeoutException:
            raise SyncError(f"{where}: no answer within {self._timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise SyncError(f"{where}: cannot reach the server ({exc})") from None
        if answer.is_redirect:
            moved = answer.headers.get("location", "?")
            raise SyncError(f"{where}: the server redirects to {moved}; use that url in [sync]")
        if answer.status_code != 200:
            raise SyncError(f"{where}: the server answered HTTP {answer.status_code}")
        try:
            data = json.loads(answer.content)
        except (ValueError, UnicodeDecodeError):
            data = None
        if not isinstance(data, dict) or "content" not in data:
            looks = "HTML" if answer.content.lstrip()[:1] == b"<" else "something else"
            raise SyncError(
                f"{where}: the server answered {looks}, not tt-rss's JSON "
                "(is url the address of Tiny Tiny RSS?)"
            )
        return int(data.get("status") or 0), data["content"]

    def _error(self, op: str, content: Any) -> SyncError:
        code = content.get("error") if isinstance(content, dict) else None
        text = API_ERRORS.get(str(code), f"{op}: the server answered error {code!r}")
        return SyncError(f"{self.api_url}: {text.format(user=self.user)}")

    def _call(self, op: str, **params: Any) -> Any:
        """One call in the session, logging in first or again (once) as needed."""
        if self._sid is None:
            self.login()
        status, content = self._post(op, {"sid": self._sid, **params})
        if status and isinstance(content, dict) and content.get("error") == "NOT_LOGGED_IN":
            self.login()
            status, content = self._post(op, {"sid": self._sid, **params})
        if status:
            raise self._error(op, content)
        return content

    # The interface -----------------------------------------------------------

    def login(self) -> None:
        status, content = self._post("login", {"user": self.user, "password": self._password})
        if status or not isinstance(content, dict) or "session_id" not in content:
            raise self._error("login", content)
        self._sid = str(content["session_id"])

    def categories(self) -> dict[str, str]:
        rows = self._call("getCategories", include_empty=True)
        # 0 is "Uncategorized", negative ids are virtual ("Special", labels): no tag.
        return {str(row["id"]): str(row["title"]) for row in _rows(rows) if int(row["id"]) > 0}

    def feeds(self) -> list[RemoteFeed]:
        titles = self.categories()
        rows = self._call("getFeeds", cat_id=-3)
        return [
            RemoteFeed(
                id=str(row["id"]), title=str(row.get("title") or row["feed_url"]),
                url=str(row["feed_url"]), category=titles.get(str(row.get("cat_id"))),
                unread=int(row.get("unread") or 0),
            )
            for row in _rows(rows)
        ]

    def headlines(self, cursor: str | None) -> Iterator[Page]:
        since = int(cursor or 0)
        top = since
        skip = 0
        while True:
            rows = _rows(self._call(
                "getHeadlines", feed_id=ALL_ARTICLES, view_mode="all_articles",
                show_content=True, since_id=since, limit=PAGE, skip=skip,
            ))
            articles = [_article(row) for row in rows]
            top = max([top, *(int(a.id) for a in articles)])
            skip += len(rows)
            last = len(rows) < PAGE
            # The cursor moves only with the last page: the pages in between are
            # counted from ``since`` and a crash must ask for all of them again.
            yield Page(articles, str(top) if last else str(since))
            if last:
                return

    def _ids(self, feed_id: int | str, view_mode: str) -> set[str]:
        ids: set[str] = set()
        skip = 0
        while True:
            rows = _rows(self._call(
                "getHeadlines", feed_id=feed_id, view_mode=view_mode, show_content=False,
                limit=PAGE, skip=skip,
            ))
            ids.update(str(row["id"]) for row in rows)
            skip += len(rows)
            if len(rows) < PAGE:
                return ids

    def state(self, feed_ids: Sequence[str]) -> RemoteState:
        unread: set[str] = set()
        for feed_id in feed_ids:
            unread |= self._ids(int(feed_id), "unread")
        return RemoteState(unread=unread, starred=self._ids(STARRED, "all_articles"))

    def mark(self, ids: Sequence[str], flag: Flag, value: bool) -> None:
        if not ids:
            return
        mode = int(value) if flag == "starred" else int(not value)
        self._call("updateArticle", article_ids=",".join(ids), mode=mode, field=FIELDS[flag])

    def subscribe(self, url: str, category: str | None = None) -> None:
        category_id = 0
        if category:
            found = [key for key, title in self.categories().items() if title == category]
            if not found:
                raise SyncError(f"{self.api_url}: no category {category!r} on the server")
            category_id = int(found[0])
        content = self._call("subscribeToFeed", feed_url=url, category_id=category_id)
        outcome = content.get("status") if isinstance(content, dict) else None
        code = outcome.get("code") if isinstance(outcome, dict) else outcome
        if code in (0, 1):  # already subscribed, or added
            return
        reason = SUBSCRIBE_ERRORS.get(code if isinstance(code, int) else -1, f"error {code!r}")
        detail = outcome.get("message") if isinstance(outcome, dict) else None
        raise SyncError(
            f"{url}: the server did not subscribe: {reason}" + (f" ({detail})" if detail else "")
        )

    def unsubscribe(self, feed_id: str) -> None:
        self._call("unsubscribeFeed", feed_id=int(feed_id))

    def counters(self) -> Counters:
        unread = self._call("getUnread")
        feeds = self._call("getFeeds", cat_id=-3)
        return Counters(feeds=len(_rows(feeds)), unread=int(unread.get("unread") or 0))


def _rows(content: Any) -> list[dict[str, Any]]:
    if not isinstance(content, list):
        raise SyncError(f"the server answered {type(content).__name__} where a list belongs")
    return [row for row in content if isinstance(row, dict)]


def _article(row: dict[str, Any]) -> RemoteArticle:
    updated = row.get("updated")
    return RemoteArticle(
        id=str(row["id"]),
        feed_id=str(row.get("feed_id")),
        title=str(row.get("title") or ""),
        url=row.get("link") or None,
        published=float(updated) if updated else None,
        author=row.get("author") or None,
        html=str(row.get("content") or ""),
    )
