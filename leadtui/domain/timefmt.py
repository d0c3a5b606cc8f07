"""The one text format for timestamps in the database, and local day bounds (no ORM, no I/O)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

DB_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def format_db_time(value: datetime) -> str:
    """An aware datetime as UTC text; a naive one is a programming error."""
    if value.tzinfo is None:
        raise ValueError("naive datetime: leadtui stores aware UTC times only")
    return value.astimezone(UTC).strftime(DB_TIME_FORMAT)


_DB_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")
"""Text exactly as :func:`format_db_time` writes it (what the database holds)."""


def parse_db_time(value: str) -> datetime:
    """UTC text from the database as an aware datetime."""
    text = value[:19]
    if _DB_TIME.fullmatch(text):
        # The same result as strptime for this shape, ~20x faster: every list row has
        # several timestamps, and strptime's first call costs ~5 ms of the first frame.
        return datetime.fromisoformat(text).replace(tzinfo=UTC)
    return datetime.strptime(text, DB_TIME_FORMAT).replace(tzinfo=UTC)


def parse_optional(value: str | None) -> datetime | None:
    """Like :func:`parse_db_time`, passing ``None`` through."""
    return None if value is None else parse_db_time(value)


def day_bounds(now: datetime) -> tuple[datetime, datetime]:
    """Start of the local day of ``now`` and start of the next one (both aware)."""
    local = now.astimezone()
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + timedelta(days=1)


def local_day_start(day: date) -> datetime:
    """The start of ``day`` in the local time zone (aware), as :func:`day_bounds` counts days."""
    return datetime(day.year, day.month, day.day).astimezone()
