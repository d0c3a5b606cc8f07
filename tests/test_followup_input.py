"""The typed follow-up parser: relative, natural (English and Spanish), times, notes, DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadtui.domain.followup_input import (
    DEFAULT_HOUR,
    FollowUpInputError,
    ParsedFollowUp,
    parse_followup,
)

MADRID = ZoneInfo("Europe/Madrid")
NEW_YORK = ZoneInfo("America/New_York")
# Monday 30 November 2026, 15:30 in Madrid (UTC+1): a month end.
NOW = datetime(2026, 11, 30, 14, 30, tzinfo=UTC)


def local(parsed: ParsedFollowUp | None, zone: ZoneInfo = MADRID) -> datetime:
    assert parsed is not None
    assert parsed.at.tzinfo is not None and parsed.at.utcoffset() == timedelta(0)
    return parsed.at.astimezone(zone)


@pytest.mark.parametrize(
    ("text", "day", "clock"),
    [
        ("+3d", date(2026, 12, 3), time(DEFAULT_HOUR)),
        ("+2w", date(2026, 12, 14), time(DEFAULT_HOUR)),
        ("+1s", date(2026, 12, 7), time(DEFAULT_HOUR)),  # Spanish: semana
        ("tomorrow", date(2026, 12, 1), time(DEFAULT_HOUR)),
        ("mañana", date(2026, 12, 1), time(DEFAULT_HOUR)),
        ("Manana", date(2026, 12, 1), time(DEFAULT_HOUR)),
        ("pasado mañana", date(2026, 12, 2), time(DEFAULT_HOUR)),
        ("today", date(2026, 11, 30), time(DEFAULT_HOUR)),
        ("hoy 18:00", date(2026, 11, 30), time(18)),
        ("mon", date(2026, 12, 7), time(DEFAULT_HOUR)),  # today is Monday: next week's
        ("lun", date(2026, 12, 7), time(DEFAULT_HOUR)),
        ("fri", date(2026, 12, 4), time(DEFAULT_HOUR)),
        ("vie 10:30", date(2026, 12, 4), time(10, 30)),
        ("miércoles", date(2026, 12, 2), time(DEFAULT_HOUR)),
        ("15/12", date(2026, 12, 15), time(DEFAULT_HOUR)),
        ("15/12 10:00", date(2026, 12, 15), time(10)),
        ("1/11", date(2027, 11, 1), time(DEFAULT_HOUR)),  # already past this year
        ("15/12/2027", date(2027, 12, 15), time(DEFAULT_HOUR)),
        ("2027-01-05 3pm", date(2027, 1, 5), time(15)),
        ("tomorrow at 10am", date(2026, 12, 1), time(10)),
        ("16:00", date(2026, 11, 30), time(16)),
    ],
)
def test_typed_forms(text: str, day: date, clock: time) -> None:
    moment = local(parse_followup(text, NOW, MADRID))
    assert (moment.date(), moment.time()) == (day, clock)


def test_note_after_the_moment() -> None:
    parsed = parse_followup("+1w 10:00 send the quote", NOW, MADRID)
    assert parsed is not None and parsed.note == "send the quote"
    assert local(parsed).time() == time(10)
    parsed = parse_followup("mañana: llamar para la propuesta", NOW, MADRID)
    assert parsed is not None and parsed.note == "llamar para la propuesta"


def test_blank_is_none() -> None:
    assert parse_followup("   ", NOW, MADRID) is None


@pytest.mark.parametrize("text", ["12/15", "31/02", "soon", "+99999d", "25:00", "3", "mon 99:99"])
def test_refused_with_a_reason(text: str) -> None:
    if text == "mon 99:99":  # not a time: it is the note
        parsed = parse_followup(text, NOW, MADRID)
        assert parsed is not None and parsed.note == "99:99"
        return
    with pytest.raises(FollowUpInputError) as caught:
        parse_followup(text, NOW, MADRID)
    assert str(caught.value)


def test_month_order_is_never_swapped() -> None:
    with pytest.raises(FollowUpInputError, match="day/month"):
        parse_followup("12/15", NOW, MADRID)


def test_naive_now_is_refused() -> None:
    with pytest.raises(FollowUpInputError):
        parse_followup("+1d", NOW.replace(tzinfo=None), MADRID)


class TestDaylightSaving:
    def test_across_the_spring_change_keeps_the_wall_clock(self) -> None:
        # Saturday 28 March 2026 in Madrid; clocks go forward on Sunday 29 March.
        now = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
        moment = local(parse_followup("+2d", now, MADRID))
        assert (moment.date(), moment.time()) == (date(2026, 3, 30), time(DEFAULT_HOUR))
        assert moment.utcoffset() == timedelta(hours=2)

    def test_across_the_autumn_change_keeps_the_wall_clock(self) -> None:
        now = datetime(2026, 10, 31, 12, 0, tzinfo=UTC)  # New York, before 1 November
        moment = local(parse_followup("tomorrow 10:00", now, NEW_YORK), NEW_YORK)
        assert (moment.date(), moment.time()) == (date(2026, 11, 1), time(10))
        assert moment.utcoffset() == timedelta(hours=-5)

    def test_a_time_in_the_spring_gap_still_lands_that_day(self) -> None:
        now = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
        moment = local(parse_followup("29/03 02:30", now, MADRID))
        assert moment.date() == date(2026, 3, 29)


_moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC)
)


@given(now=_moments, days=st.integers(0, 3000))
def test_plus_days_lands_that_many_local_days_later(now: datetime, days: int) -> None:
    for zone in (MADRID, NEW_YORK, ZoneInfo("Australia/Sydney")):
        moment = local(parse_followup(f"+{days}d", now, zone), zone)
        assert moment.date() == now.astimezone(zone).date() + timedelta(days=days)
        assert moment.time() == time(DEFAULT_HOUR)


@given(now=_moments, day=st.integers(1, 28), month=st.integers(1, 12))
def test_day_month_is_the_next_such_day(now: datetime, day: int, month: int) -> None:
    moment = local(parse_followup(f"{day}/{month}", now, MADRID))
    today = now.astimezone(MADRID).date()
    assert (moment.day, moment.month) == (day, month)
    assert today <= moment.date() < today.replace(year=today.year + 1) + timedelta(days=1)


@given(now=_moments, hour=st.integers(0, 23), minute=st.integers(0, 59))
def test_a_typed_time_is_the_wall_clock_time(now: datetime, hour: int, minute: int) -> None:
    moment = local(parse_followup(f"+1w {hour}:{minute:02d} call", now, MADRID))
    assert (
        moment.time() == time(hour, minute)
        or moment.utcoffset() != now.astimezone(MADRID).utcoffset()
    )  # a time in a DST gap moves by the gap


@given(text=st.text(max_size=40))
def test_any_text_parses_or_says_why(text: str) -> None:
    try:
        parsed = parse_followup(text, NOW, MADRID)
    except FollowUpInputError as error:
        assert str(error)
        return
    assert parsed is None or parsed.at.tzinfo is not None
