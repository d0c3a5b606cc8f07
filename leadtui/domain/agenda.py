"""The agenda's shapes: its sections, one row, and the follow-up entry's text.

Pure data, no I/O. The store pages each section from an index; the screens and the
CLI show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from leadtui.domain.rows import LeadRow
from leadtui.i18n import N_

TOUCH_KINDS = ("note", "call", "email", "meeting", "form", "reply")
"""Activity kinds that count as a touch (follow-up entries and system events do not)."""


class AgendaSection(StrEnum):
    """The parts of the agenda, in the order they are shown."""

    OVERDUE = "overdue"
    TODAY = "today"
    NO_NEXT_STEP = "no_next_step"
    GOING_COLD = "going_cold"
    UPCOMING = "upcoming"


SECTION_TITLES: dict[AgendaSection, str] = {
    AgendaSection.OVERDUE: N_("Overdue"),
    AgendaSection.TODAY: N_("Today"),
    AgendaSection.NO_NEXT_STEP: N_("No next step"),
    AgendaSection.GOING_COLD: N_("Going cold"),
    AgendaSection.UPCOMING: N_("Upcoming (7 days)"),
}
"""Each section's title (marked for translation; translate where shown)."""

COUNT_CAP = 10_000
"""Section counts stop here (shown as "10,000+"): a count then costs at most this many
index entries, so the agenda's header costs the same at any size."""

UPCOMING_DAYS = 7
"""How far ahead the Upcoming section looks, in days after today."""


@dataclass(frozen=True, slots=True)
class LastTouch:
    """The latest touch of a lead: its kind, when, and the first line of its text."""

    kind: str
    at: datetime
    body: str


@dataclass(frozen=True, slots=True)
class AgendaRow:
    """One agenda line: the lead, what its follow-up is for, and its last touch."""

    lead: LeadRow
    followup_note: str = ""
    last_touch: LastTouch | None = None


_SEPARATOR = " · "  # survives sanitize (a tab does not), never inside the moment
_MOMENT = "%Y-%m-%dT%H:%MZ"


def followup_body(at: datetime | None, note: str) -> str:
    """The stored text of a follow-up entry: the new moment (UTC) and the note.

    Kept machine-readable so the timeline can show the moment in the reader's
    locale and the agenda can show the note alone.
    """
    moment = "" if at is None else at.astimezone(UTC).strftime(_MOMENT)
    return f"{moment}{_SEPARATOR}{note}"


def split_followup_body(body: str) -> tuple[datetime | None, str]:
    """``(moment, note)`` of a follow-up entry's text; a cleared follow-up has no moment."""
    moment, separator, note = body.partition(_SEPARATOR)
    if not separator:
        return None, body
    try:
        return datetime.strptime(moment, _MOMENT).replace(tzinfo=UTC), note
    except ValueError:
        return None, note


def days_ago(at: datetime, now: datetime) -> str:
    """``today``, ``1 d ago``, ``3 d ago`` (whole local days)."""
    from leadtui.i18n import _

    days = (now.astimezone().date() - at.astimezone().date()).days
    if days <= 0:
        return _("today")
    return _("{n} d ago").format(n=days)


def touch_summary(touch: LastTouch | None, now: datetime) -> str:
    """The last touch in a few words: ``call 3 d ago: wants a quote``."""
    from leadtui.i18n import _

    if touch is None:
        return _("never touched")
    kinds = {
        "note": _("note"),
        "call": _("call"),
        "email": _("email"),
        "meeting": _("meeting"),
        "form": _("form"),
        "reply": _("reply"),
    }
    head = f"{kinds.get(touch.kind, touch.kind)} {days_ago(touch.at, now)}"
    return f"{head}: {touch.body}" if touch.body else head


def count_text(count: int) -> str:
    """A section count for a person: ``1,234``, or ``10,000+`` past :data:`COUNT_CAP`."""
    from leadtui.domain.formatting import format_count

    return f"{format_count(COUNT_CAP)}+" if count > COUNT_CAP else format_count(count)
