"""The rules of editing the pipeline: names, keys and order of stages (no I/O).

A stage's key never changes (leads, history and saved filters refer to it); its name
is what the user sees. Won and Lost keep their meaning through their kind, stay at the
end of the pipeline and cannot be removed; open and nurturing stages are added,
renamed, moved among themselves and removed (once no lead is in them).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence

from leadtui.domain.closing import is_closing
from leadtui.domain.rows import StageInfo
from leadtui.domain.validation import ValidationError, clean_text
from leadtui.i18n import N_, _

MAX_STAGE_NAME = 80
MAX_STAGE_KEY = 40
ADDABLE_KINDS = ("open", "nurture")
"""The kinds a user adds; Won and Lost exist once each, from the start."""
FIRST_STAGE = "new"
"""The stage new leads start in (forms, imports and the CLI default to it): never removed."""


def check_stage_name(name: str, stages: Sequence[StageInfo], own_key: str | None = None) -> str:
    """A clean stage name, not empty and not the name of another stage (any case)."""
    clean = clean_text(name, max_length=MAX_STAGE_NAME, field="name").strip()
    if not clean:
        raise ValidationError("name", _("A stage needs a name."))
    folded = clean.casefold()
    for stage in stages:
        if stage.key == own_key:
            continue
        if folded in (stage.name.casefold(), stage.shown_name.casefold()):
            raise ValidationError(
                "name", _("There is already a stage called {name}.").format(name=clean)
            )
    return clean


def stage_key_for(name: str, taken: Collection[str]) -> str:
    """A new stage's key: the name in lower-case ASCII words joined by ``_``, made unique."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")[: MAX_STAGE_KEY - 4] or "stage"
    key, number = base, 2
    while key in taken:
        key, number = f"{base}_{number}", number + 1
    return key


def check_kind(kind: str) -> str:
    """``open`` or ``nurture``, else a readable error."""
    if kind not in ADDABLE_KINDS:
        raise ValidationError(
            "kind", _("A new stage is open or nurture, not {kind}.").format(kind=kind)
        )
    return kind


def find(stages: Sequence[StageInfo], key: str) -> StageInfo:
    """The stage with ``key``, else a readable error."""
    for stage in stages:
        if stage.key == key:
            return stage
    raise ValidationError("stage", _("Unknown stage: {key}").format(key=key))


def _movable(stage: StageInfo) -> None:
    if is_closing(stage):
        raise ValidationError(
            "stage", _("Won and Lost stay at the end of the pipeline; they cannot be moved.")
        )


def order_after(stages: Sequence[StageInfo], key: str, after: str | None) -> list[str]:
    """Every key in the new order once ``key`` moves just after ``after`` (``None``: first).

    ``key`` may be a stage not yet in ``stages`` (being added).
    """
    keys = [stage.key for stage in stages if stage.key != key]
    if after is None:
        return [key, *keys]
    anchor = find(stages, after)
    if anchor.key == key:
        raise ValidationError("stage", _("A stage cannot be placed after itself."))
    _movable(anchor)
    index = keys.index(anchor.key) + 1
    return [*keys[:index], key, *keys[index:]]


def last_movable(stages: Sequence[StageInfo], but: str | None = None) -> str | None:
    """The key of the last open or nurturing stage (where an added stage goes by default)."""
    found = [stage.key for stage in stages if not is_closing(stage) and stage.key != but]
    return found[-1] if found else None


def order_shifted(stages: Sequence[StageInfo], key: str, step: int) -> list[str] | None:
    """The order after moving ``key`` one place up (-1) or down (+1); ``None`` at an end."""
    stage = find(stages, key)
    _movable(stage)
    movable = [s.key for s in stages if not is_closing(s)]
    index = movable.index(key) + step
    if not 0 <= index < len(movable):
        return None
    movable.remove(key)
    movable.insert(index, key)
    return [*movable, *(s.key for s in stages if is_closing(s))]


def check_removable(stage: StageInfo) -> None:
    """Refuse removing Won, Lost, or the stage new leads start in."""
    if is_closing(stage):
        raise ValidationError(
            "stage", _("Won and Lost cannot be removed: closing a deal needs them.")
        )
    if stage.key == FIRST_STAGE:
        raise ValidationError(
            "stage", _("New leads start in this stage; it can be renamed but not removed.")
        )


def check_move_target(stages: Sequence[StageInfo], removed: str, target: str) -> StageInfo:
    """The stage a removed stage's leads go to: another open or nurturing stage."""
    found = find(stages, target)
    if found.key == removed or is_closing(found):
        raise ValidationError("stage", _("Move the leads to another open or nurturing stage."))
    return found


KIND_LABELS: dict[str, str] = {
    "open": N_("open"),
    "nurture": N_("nurturing"),
    "won": N_("closed: won"),
    "lost": N_("closed: lost"),
}
"""Each stage kind's word, translated where shown."""


def kind_label(kind: str) -> str:
    """The translated word for a stage kind."""
    return _(KIND_LABELS.get(kind, kind))


def resolve_key(stages: Sequence[StageInfo], typed: str) -> str:
    """The key of the stage a user typed: its key, or its name in any case (or translated)."""
    folded = typed.strip().casefold()
    for stage in stages:
        if folded in (stage.key.casefold(), stage.name.casefold(), stage.shown_name.casefold()):
            return stage.key
    raise ValidationError("stage", _("Unknown stage: {key}").format(key=typed))
