"""Dates: "the last 7 days" as a cut-off time, from the CLI or the app, and how a
publication date is shown."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from reader.errors import ReaderError

_UNITS = {"h": 3600, "d": 86400, "w": 7 * 86400}
_SPAN = re.compile(r"(\d{1,5})\s*([hdw])")


class TimespanError(ReaderError):
    """A date filter nobody can read."""


def parse_since(text: str, now: float) -> float:
    """The Unix time that ``--since TEXT`` means at ``now``.

    ``TEXT`` is a span back from now (``36h``, ``7d``, ``2w``) or a calendar
    date (``2026-11-01``, midnight UTC).
    """
    value = text.strip().lower()
    span = _SPAN.fullmatch(value)
    if span:
        return now - int(span[1]) * _UNITS[span[2]]
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise TimespanError(
            f"--since {text!r}: expected a span such as 24h, 7d or 2w, or a date such as 2026-11-01"
        ) from None
    return datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()


def describe_days(days: int) -> str:
    """``last 24 hours`` / ``last 7 days``: how the app names a date filter."""
    return "last 24 hours" if days == 1 else f"last {days} days"


def published_text(value: datetime) -> str:
    """``2024-05-03 09:30`` in local time; a date given without a time of day (kept as
    midnight UTC, e.g. ``date: 2026-06-14`` in a Markdown file) is ``2026-06-14``, as
    written, not a made-up "00:00" (or the evening before, west of Greenwich)."""
    moment = value.astimezone(UTC)
    if (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0):
        return moment.strftime("%Y-%m-%d")
    return value.astimezone().strftime("%Y-%m-%d %H:%M")
