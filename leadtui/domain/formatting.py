"""Display helpers for lists and cards: relative times, follow-up states, stage colours.

Core module: no Textual here, so the CLI and tests can use it too.
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from leadtui.domain.filter_query import render
from leadtui.domain.rows import FollowUpFilter, LeadFilter
from leadtui.domain.sources import source_label
from leadtui.domain.timefmt import day_bounds
from leadtui.i18n import N_, _, formatting_locale, input_locale


class FollowUpState(StrEnum):
    """Where a follow-up date stands relative to today."""

    NONE = "none"
    OVERDUE = "overdue"
    TODAY = "today"
    LATER = "later"


STAGE_COLOURS: dict[str, str] = {
    "new": "cyan",
    "contacted": "blue",
    "qualified": "magenta",
    "proposal": "yellow",
    "won": "green",
    "lost": "bright_black",
    "nurturing": "bright_cyan",
}
"""Colour names (Rich/Textual) for the default stages."""

DEFAULT_STAGE_COLOUR = "white"


def stage_colour(stage_key: str) -> str:
    """The colour name of a stage; unknown (user-made) stages get a neutral colour."""
    return STAGE_COLOURS.get(stage_key, DEFAULT_STAGE_COLOUR)


def relative_time(then: datetime | None, now: datetime) -> str:
    """A compact age: "now", "5m", "3h", "3d", "2w", "4mo", "1y"; "" for ``None``.

    Times in the future (clock skew, imports) count as "now".
    """
    if then is None:
        return ""
    seconds = int((now - then).total_seconds())
    if seconds < 60:
        return _("now")
    locale = formatting_locale()
    if locale is not None:
        from leadtui.domain import l10n

        return l10n.age(now - then, locale)
    minutes = seconds // 60
    if minutes < 60:
        return _("{n}m").format(n=minutes)
    hours = minutes // 60
    if hours < 24:
        return _("{n}h").format(n=hours)
    days = hours // 24
    if days < 14:
        return _("{n}d").format(n=days)
    if days < 60:
        return _("{n}w").format(n=days // 7)
    if days < 365:
        return _("{n}mo").format(n=days // 30)
    return _("{n}y").format(n=days // 365)


def followup_state(at: datetime | None, now: datetime) -> FollowUpState:
    """Overdue (before today), today, or later, by the local day of ``now``."""
    if at is None:
        return FollowUpState.NONE
    start, end = day_bounds(now)
    if at < start:
        return FollowUpState.OVERDUE
    if at < end:
        return FollowUpState.TODAY
    return FollowUpState.LATER


def followup_label(at: datetime | None, now: datetime) -> str:
    """ "today", "tomorrow" or the local date (YYYY-MM-DD); "" when there is none."""
    state = followup_state(at, now)
    if at is None or state is FollowUpState.NONE:
        return ""
    if state is FollowUpState.TODAY:
        return _("today")
    local = at.astimezone().date()
    if (local - now.astimezone().date()).days == 1:
        return _("tomorrow")
    return format_numeric_date(local)


def format_numeric_date(day: date) -> str:
    """A date as the lists and forms show it: ISO in English, else ``8/12/2026`` (es)."""
    locale = formatting_locale()
    if locale is None:
        return day.isoformat()
    from leadtui.domain import l10n

    return l10n.numeric_day(day, locale)


def weekday_date(day: date) -> str:
    """A date with its weekday: ``Tue 2026-12-08`` (English), ``mar 8 dic 2026`` (es)."""
    locale = formatting_locale()
    if locale is None:
        return day.strftime("%a %Y-%m-%d")
    from leadtui.domain import l10n

    return l10n.weekday(day, locale)


def format_count(count: int) -> str:
    """A count with the locale's grouping: ``1,000,000`` (English), ``1.000.000`` (es)."""
    locale = formatting_locale()
    if locale is None:
        return f"{count:,}"
    from leadtui.domain import l10n

    return l10n.number(count, locale)


def followup_date_text(at: datetime | None) -> str:
    """A follow-up as the local date a form shows (YYYY-MM-DD, or the locale's), "" unset."""
    return "" if at is None else format_numeric_date(at.astimezone().date())


FOLLOWUP_HOUR = 9
"""A follow-up typed as a date is due at 09:00 local time that day."""


def parse_followup_date(text: str) -> datetime | None:
    """A typed YYYY-MM-DD as an aware datetime (09:00 local); blank gives ``None``.

    The locale's numeric form is understood too (``8/12/2026`` is 8 December in
    Spanish and British English, ``12/8/2026`` in American English). Raises
    ``ValueError`` with a readable message for anything else.
    """
    typed = text.strip()
    if not typed:
        return None
    locale = input_locale()
    if locale is not None and not typed[:4].isdigit():
        from leadtui.domain import l10n

        local_day = l10n.parse_numeric_day(typed, locale)
        if local_day is not None:
            return datetime.combine(local_day, time(FOLLOWUP_HOUR)).astimezone()
    try:
        day = date.fromisoformat(typed)
    except ValueError:
        raise ValueError(
            _("Not a date: {text}. Type it as YYYY-MM-DD.").format(text=typed)
        ) from None
    if len(typed) != 10:
        raise ValueError(_("Not a date: {text}. Type it as YYYY-MM-DD.").format(text=typed))
    return datetime.combine(day, time(FOLLOWUP_HOUR)).astimezone()


FOLLOWUP_LABELS: dict[FollowUpFilter, str] = {
    FollowUpFilter.ANY: _("Any"),
    FollowUpFilter.OVERDUE: _("Overdue"),
    FollowUpFilter.TODAY: _("Today"),
    FollowUpFilter.THIS_WEEK: _("This week"),
    FollowUpFilter.NONE: _("None set"),
}

FOLLOWUP_WORDS: dict[FollowUpFilter, str] = {
    FollowUpFilter.OVERDUE: N_("overdue"),
    FollowUpFilter.TODAY: N_("today"),
    FollowUpFilter.THIS_WEEK: N_("this week"),
    FollowUpFilter.NONE: N_("none"),
}
"""Untranslated follow-up words for the board's filter line (``_()`` them where shown)."""


def describe_filter(lead_filter: LeadFilter, stage_names: dict[str, str]) -> str:
    """A short plain-text summary of a filter for the list header ("" when empty)."""
    parts: list[str] = []
    if lead_filter.search.strip():
        parts.append(_("“{text}”").format(text=lead_filter.search.strip()))
    if not lead_filter.query.is_empty:
        parts.append(_("“{text}”").format(text=render(lead_filter.query)))
    if lead_filter.stages:
        parts.append(", ".join(_(stage_names.get(key, key)) for key in lead_filter.stages))
    if lead_filter.sources:
        parts.append(", ".join(source_label(source) for source in lead_filter.sources))
    if lead_filter.tags:
        parts.append(", ".join(f"#{tag}" for tag in lead_filter.tags))
    if lead_filter.followup is not FollowUpFilter.ANY:
        parts.append(
            _("follow-up {when}").format(when=FOLLOWUP_LABELS[lead_filter.followup].lower())
        )
    return " · ".join(parts)
