"""Cadences: how often each stage is followed up and when a lead goes cold.

Pure rules, no I/O. A stage's cadence is stored in the ``stagecadence`` table so it
can be edited; a stage without a stored row uses :data:`DEFAULT_CADENCES` (by stage
key), and a stage unknown there (a renamed or added one) uses :data:`FALLBACK` for
open stages and :data:`NURTURE_FALLBACK` for nurturing ones (a long interval: the lead is
interested but not ready). Won and Lost stages have no cadence: nothing is proposed for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

from leadtui.domain.followup_input import DEFAULT_HOUR
from leadtui.domain.rows import StageInfo


@dataclass(frozen=True, slots=True)
class Cadence:
    """Follow up every ``followup_days``; going cold after ``cold_days`` untouched."""

    followup_days: int
    cold_days: int


DEFAULT_CADENCES: Mapping[str, Cadence] = {
    "new": Cadence(1, 3),
    "contacted": Cadence(3, 10),
    "qualified": Cadence(7, 21),
    "proposal": Cadence(3, 10),
}
"""The cadences a new database proposes, by stage key."""

FALLBACK = Cadence(7, 21)
"""The cadence of an open stage with no stored row and no default."""

NURTURE_FALLBACK = Cadence(21, 60)
"""The cadence of a nurturing stage with no stored row."""

FOLLOWED_KINDS = frozenset({"open", "nurture"})
"""The stage kinds that are followed up (have a cadence); Won and Lost are not."""

MAX_CADENCE_DAYS = 365
"""The longest interval a cadence may have."""


@dataclass(frozen=True, slots=True)
class StageCadence:
    """A stage with its cadence (``None`` for a closed stage)."""

    stage: StageInfo
    cadence: Cadence | None


def resolve(stages: Iterable[StageInfo], stored: Mapping[str, Cadence]) -> list[StageCadence]:
    """Each stage's effective cadence: the stored one, else the default, else the fallback."""
    found: list[StageCadence] = []
    for stage in stages:
        if stage.kind not in FOLLOWED_KINDS:
            found.append(StageCadence(stage, None))
            continue
        fallback = NURTURE_FALLBACK if stage.kind == "nurture" else FALLBACK
        default = fallback if stage.kind == "nurture" else DEFAULT_CADENCES.get(stage.key, fallback)
        found.append(StageCadence(stage, stored.get(stage.key) or default))
    return found


def check_cadence(followup_days: int, cold_days: int) -> Cadence:
    """A valid cadence, or ``ValueError`` with a readable reason."""
    from leadtui.i18n import _

    if not 1 <= followup_days <= MAX_CADENCE_DAYS:
        raise ValueError(
            _("The follow-up interval is 1 to {most} days.").format(most=MAX_CADENCE_DAYS)
        )
    if not followup_days <= cold_days <= MAX_CADENCE_DAYS:
        raise ValueError(
            _(
                "The going-cold limit is {least} to {most} days (not shorter than the interval)."
            ).format(least=followup_days, most=MAX_CADENCE_DAYS)
        )
    return Cadence(followup_days, cold_days)


def propose_followup(
    cadence: Cadence | None, now: datetime, zone: tzinfo | None = None
) -> datetime | None:
    """The next follow-up a touch at ``now`` proposes: ``followup_days`` later at 09:00 local.

    ``None`` for a closed stage (Won or Lost leads are not followed up).
    """
    if cadence is None:
        return None
    local = now.astimezone(zone) if zone is not None else now.astimezone()
    day = local.date() + timedelta(days=cadence.followup_days)
    if zone is None:
        return datetime.combine(day, time(DEFAULT_HOUR)).astimezone()
    return datetime.combine(day, time(DEFAULT_HOUR), tzinfo=zone)


def cold_cutoff(cadence: Cadence, now: datetime) -> datetime:
    """A lead in this stage last touched before this moment is going cold."""
    return now - timedelta(days=cadence.cold_days)
