"""StagesService: the editable pipeline (add, rename, reorder, remove stages; cadences).

Used as ``store.stages``. The rules live in :mod:`leadtui.domain.pipeline_edit`; every
write here is one transaction on either backend (dialect-neutral SQLAlchemy). Positions
are unique, so a reorder first parks every stage on a negative position, then writes
the new ones: no statement ever sees two stages on one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from leadtui.domain import pipeline_edit as rules
from leadtui.domain.cadence import Cadence, resolve
from leadtui.domain.enums import StageKind
from leadtui.domain.rows import StageInfo
from leadtui.domain.sanitize import sanitize
from leadtui.domain.validation import ValidationError
from leadtui.i18n import _, ngettext
from leadtui.store.agenda import AgendaService
from leadtui.store.context import StoreContext, unit_of_work
from leadtui.store.stage_views import follow
from leadtui.store.views import ViewsService

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True, slots=True)
class StageRow:
    """A stage as the settings screen and ``leadtui stages`` list it."""

    stage: StageInfo
    count: int
    """Live leads in the stage now."""
    cadence: Cadence | None
    """The effective cadence (``None`` for Won and Lost)."""


@dataclass(frozen=True, slots=True)
class RemovedStage:
    """A removed stage, enough to put it back when no lead had to move."""

    stage: StageInfo
    order: tuple[str, ...]
    """Every key in order before the removal."""
    cadence: Cadence | None
    """Its stored cadence row, if it had one."""
    moved: int
    """Leads moved out of it first (an undo cannot move them back)."""
    views: tuple[str, ...] = ()
    """Saved views whose filter named the stage and now names the stage its leads moved to."""


class StageInUse(ValidationError):
    """The stage still holds leads; ``count`` says how many."""

    def __init__(self, stage: StageInfo, count: int) -> None:
        message = ngettext(
            "{count} lead is in {stage}: move it to another stage first.",
            "{count} leads are in {stage}: move them to another stage first.",
            count,
        ).format(count=count, stage=stage.shown_name)
        super().__init__("stage", message)
        self.count = count


class StagesService:
    """Edit the pipeline; each write is one unit of work."""

    def __init__(self, context: StoreContext) -> None:
        self.context = context
        self.backend = context.backend

    def rows(self) -> list[StageRow]:
        """Every stage in order with its live lead count and effective cadence."""
        totals = self.backend.stage_totals()
        cadences = resolve([t.stage for t in totals], self.backend.cadences())
        found = [
            StageRow(t.stage, t.count, c.cadence) for t, c in zip(totals, cadences, strict=True)
        ]
        return sanitize(found)

    def lead_count(self, key: str) -> int:
        """Live leads in one stage."""
        return next((t.count for t in self.backend.stage_totals() if t.stage.key == key), 0)

    @unit_of_work
    def add(self, name: str, kind: str = "open", after: str | None = None) -> StageInfo:
        """Add a stage after ``after`` (default: after the last open or nurturing stage)."""
        from leadtui.storage.models import Stage

        stages = self.backend.stages()
        name = rules.check_stage_name(name, stages)
        kind = rules.check_kind(kind)
        key = rules.stage_key_for(name, {stage.key for stage in stages})
        order = rules.order_after(stages, key, after or rules.last_movable(stages))
        with self.backend.session() as session:
            top = max((stage.position for stage in stages), default=0)
            session.add(Stage(key=key, name=name, kind=StageKind(kind), position=top + 1))
            session.flush()
            _write_order(session, order)
        return rules.find(self.backend.stages(), key)

    @unit_of_work
    def rename(self, key: str, name: str) -> str:
        """Rename a stage (its key stays); returns the previous name, for undo."""
        from leadtui.storage.models import Stage

        stages = self.backend.stages()
        rules.find(stages, key)
        name = rules.check_stage_name(name, stages, own_key=key)
        with self.backend.session() as session:
            stage = session.get(Stage, key)
            assert stage is not None
            previous = stage.name
            stage.name = name
            session.add(stage)
        return previous

    @unit_of_work
    def move(self, key: str, after: str | None) -> tuple[str, ...]:
        """Place ``key`` just after ``after`` (``None``: first); returns the old order."""
        stages = self.backend.stages()
        rules.find(stages, key)
        order = rules.order_after(stages, key, after)
        return self._reorder(stages, order)

    @unit_of_work
    def shift(self, key: str, step: int) -> tuple[str, ...] | None:
        """Move ``key`` one place up (-1) or down (+1); the old order, ``None`` at an end."""
        stages = self.backend.stages()
        order = rules.order_shifted(stages, key, step)
        return None if order is None else self._reorder(stages, order)

    @unit_of_work
    def reorder(self, order: Sequence[str]) -> tuple[str, ...]:
        """Put every stage in ``order`` (the undo of a move); returns the old order."""
        return self._reorder(self.backend.stages(), order)

    def _reorder(self, stages: Sequence[StageInfo], order: Sequence[str]) -> tuple[str, ...]:
        before = tuple(stage.key for stage in stages)
        if sorted(order) != sorted(before):
            raise ValidationError("stage", _("The pipeline changed meanwhile; try again."))
        with self.backend.session() as session:
            _write_order(session, order)
        return before

    @unit_of_work
    def set_cadence(self, key: str, followup_days: int, cold_days: int) -> Cadence | None:
        """Store a stage's cadence; returns the one it had (``None``: the default), for undo."""
        stored = self.backend.cadences().get(key)
        AgendaService(self.context).set_cadence(key, followup_days, cold_days)
        return stored

    @unit_of_work
    def clear_cadence(self, key: str) -> None:
        """Forget a stage's stored cadence (it uses its default again)."""
        from leadtui.storage.models import StageCadence

        with self.backend.session() as session:
            row = session.get(StageCadence, key)
            if row is not None:
                session.delete(row)

    @unit_of_work
    def remove(self, key: str, move_to: str | None = None) -> RemovedStage:
        """Remove a stage; its leads must move first (``move_to``), else :class:`StageInUse`.

        Moving writes a stage change for every live lead (reason: the stage was removed).
        Deleted leads (kept for undo) that still name it go with the moved ones, or to
        the first stage when no live lead holds it.
        """
        from leadtui.storage.models import Stage, StageCadence

        stages = self.backend.stages()
        stage = rules.find(stages, key)
        rules.check_removable(stage)
        target = None if move_to is None else rules.check_move_target(stages, key, move_to)
        stored = self.backend.cadences().get(key)
        vocabulary = ViewsService(self.context).vocabulary()  # still knows the stage
        with self.backend.session() as session:
            live = _live_in(session, key)
            if live and target is None:
                raise StageInUse(stage, live)
            if target is None and _leads_in(session, key):
                target = rules.find(stages, rules.FIRST_STAGE)
            moved = 0 if target is None else self._move_all(session, stage, target)
            views: tuple[str, ...] = ()
            if move_to is not None and target is not None:  # only where the user sent them
                views = follow(session, vocabulary, key, target.key, self.context.now())
            cadence = session.get(StageCadence, key)
            if cadence is not None:
                session.delete(cadence)
            row = session.get(Stage, key)
            session.flush()
            session.delete(row)
        order = tuple(s.key for s in stages)
        return RemovedStage(stage, order, stored, moved, views)

    @unit_of_work
    def restore(self, removed: RemovedStage) -> None:
        """Put back a stage removed without moving leads (the undo of :meth:`remove`)."""
        from leadtui.storage.models import Stage, StageCadence

        if removed.moved:
            raise ValidationError("stage", _("Its leads were moved; the removal cannot be undone."))
        stages = self.backend.stages()
        stage = removed.stage
        top = max((s.position for s in stages), default=0)
        with self.backend.session() as session:
            session.add(
                Stage(key=stage.key, name=stage.name, kind=StageKind(stage.kind), position=top + 1)
            )
            if removed.cadence is not None:
                c = removed.cadence
                session.add(
                    StageCadence(
                        stage_key=stage.key, followup_days=c.followup_days, cold_days=c.cold_days
                    )
                )
            session.flush()
            present = {s.key for s in stages} | {stage.key}
            _write_order(session, [k for k in removed.order if k in present])

    def _move_all(self, session: Session, stage: StageInfo, target: StageInfo) -> int:
        """Every lead of ``stage`` into ``target``: live ones with a stage change."""
        from sqlalchemy import func, insert, literal, select, update
        from sqlmodel import col

        from leadtui.storage.models import Lead, StageChange

        now = self.context.now()
        reason = _("Stage {stage} removed").format(stage=stage.shown_name)[:500]
        live = (col(Lead.stage) == stage.key) & col(Lead.deleted_at).is_(None)
        at_type = StageChange.__table__.c.at.type  # type: ignore[attr-defined]
        picked = select(
            col(Lead.id),
            literal(stage.key),
            literal(target.key),
            literal(now, at_type),
            literal(reason),
            literal(False),
        ).where(live)
        columns = ["lead_id", "from_stage", "to_stage", "at", "reason", "imported"]
        session.execute(insert(StageChange).from_select(columns, picked))
        moved = session.execute(select(func.count()).select_from(Lead).where(live)).scalar_one()
        session.execute(
            update(Lead)
            .where(col(Lead.stage) == stage.key)
            .values(
                stage=target.key, stage_changed_at=now, updated_at=now, version=Lead.version + 1
            )
        )
        return int(moved)


def _leads_in(session: Session, key: str) -> int:
    """Lead rows (live or deleted) that name the stage: none may be left behind."""
    from sqlalchemy import func, select
    from sqlmodel import col

    from leadtui.storage.models import Lead

    found = session.execute(select(func.count()).select_from(Lead).where(col(Lead.stage) == key))
    return int(found.scalar_one())


def _live_in(session: Session, key: str) -> int:
    from sqlalchemy import func, select
    from sqlmodel import col

    from leadtui.storage.models import Lead

    live = (col(Lead.stage) == key) & col(Lead.deleted_at).is_(None)
    return int(session.execute(select(func.count()).select_from(Lead).where(live)).scalar_one())


def _write_order(session: Session, order: Sequence[str]) -> None:
    """Give the stages the positions of ``order`` (parked on negatives first)."""
    from sqlalchemy import update
    from sqlmodel import col

    from leadtui.storage.models import Stage

    for index, key in enumerate(order):
        session.execute(update(Stage).where(col(Stage.key) == key).values(position=-1 - index))
    for index, key in enumerate(order):
        session.execute(update(Stage).where(col(Stage.key) == key).values(position=index))
