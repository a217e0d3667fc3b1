"""Date filters typed on the command line."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reader.timespan import TimespanError, describe_days, parse_since

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC).timestamp()


@pytest.mark.parametrize(
    ("text", "hours_back"),
    [("24h", 24), ("7d", 168), ("7D", 168), (" 2w ", 336), ("36 h", 36), ("0d", 0)],
)
def test_spans_count_back_from_now(text: str, hours_back: int) -> None:
    assert parse_since(text, NOW) == NOW - hours_back * 3600


def test_a_date_means_its_midnight_utc() -> None:
    assert parse_since("2026-11-01", NOW) == datetime(2026, 11, 1, tzinfo=UTC).timestamp()


@pytest.mark.parametrize("text", ["", "7", "week", "7y", "-3d", "2026-13-01", "123456d"])
def test_anything_else_is_one_clear_error(text: str) -> None:
    with pytest.raises(TimespanError, match="expected a span such as 24h"):
        parse_since(text, NOW)


def test_windows_are_named_for_people() -> None:
    assert describe_days(1) == "last 24 hours"
    assert describe_days(7) == "last 7 days"
