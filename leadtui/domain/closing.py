"""Where "next stage" and "previous stage" go, for every screen (no I/O).

Closing a deal is never a side effect of stepping: from an open stage, "next" past the
last open stage asks to win the deal (with its value) and never reaches Lost, which is
only reached with its own key (and a reason). From Won or Lost, "next" goes nowhere
(Won never becomes Lost nor Lost Won); "previous" reopens the deal in an open stage.

A nurturing stage is a side track, not a funnel step: stepping from an open stage skips
it (parking a lead is a choice made with the stage picker, and a nurturing column placed
after the last open stage must not stand between "next" and the Won dialog). From a
nurturing stage, "next" returns the lead to the open stage after it in order (or asks to
win it when none follows) and "previous" to the open stage before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from leadtui.domain.rows import StageInfo

CLOSING_KINDS = frozenset({"won", "lost"})


@dataclass(frozen=True, slots=True)
class Step:
    """What a stage step does: ``move`` to ``stage``, ``win`` (ask the value), or ``none``."""

    action: Literal["move", "win", "reopen", "none"]
    stage: str | None = None


def is_closing(stage: StageInfo) -> bool:
    """True for a Won or Lost stage."""
    return stage.kind in CLOSING_KINDS


def stage_step(stages: Sequence[StageInfo], current: str, step: int) -> Step:
    """Where ``step`` (+1 next, -1 previous) takes a lead now in stage ``current``.

    ``reopen`` names the last open stage; a screen that knows the lead's history may
    reopen it where it was before it closed instead.
    """
    open_keys = [stage.key for stage in stages if stage.kind == "open"]
    won = next((stage.key for stage in stages if stage.kind == "won"), None)
    parked = next((s for s in stages if s.key == current and s.kind == "nurture"), None)
    if parked is not None:
        return _from_nurture(stages, parked, step, won)
    if current not in open_keys:
        if step < 0 and open_keys:
            return Step("reopen", open_keys[-1])
        return Step("none")
    index = open_keys.index(current) + step
    if 0 <= index < len(open_keys):
        return Step("move", open_keys[index])
    if index >= len(open_keys) and won is not None:
        return Step("win", won)
    return Step("none")


def _from_nurture(
    stages: Sequence[StageInfo], parked: StageInfo, step: int, won: str | None
) -> Step:
    """A step out of a nurturing stage: to the nearest open stage that way in order."""
    if step > 0:
        after = [s.key for s in stages if s.kind == "open" and s.position > parked.position]
        if after:
            return Step("move", after[0])
        return Step("none") if won is None else Step("win", won)
    before = [s.key for s in stages if s.kind == "open" and s.position < parked.position]
    return Step("move", before[-1]) if before else Step("none")
