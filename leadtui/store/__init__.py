"""LeadStore: the one object screens and the CLI hold; a composition of small services.

The store is the backend, the clock and one service per job, each an attribute:
``store.reads`` (the one list/board/CLI read API, details, metrics, agenda pages),
``store.leads`` (add, edit, delete, find), ``store.pipeline`` (stage moves),
``store.touches`` (activities and tags), ``store.agenda`` (follow-ups, cadences, logged
touches), ``store.imports`` (import, revert, export, forget), ``store.maintenance``
(backups, checks), ``store.duplicates``, ``store.merges`` and ``store.views``. They
share a :class:`~leadtui.store.context.StoreContext`. Every public write of a service
is one unit of work (:func:`~leadtui.store.context.unit_of_work`): one user action that
raises only :class:`~leadtui.domain.errors.LeadtuiError` subclasses. Reads come back
through ``sanitize()``. SQLModel is imported on first use (``warm_up()`` lets the app
do that in a worker after the first frame).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from leadtui.domain.rows import Clock
from leadtui.storage.base import Backend
from leadtui.store.activities import ActivitiesService
from leadtui.store.agenda import KEEP, AgendaService, FollowUpChange, LoggedTouch
from leadtui.store.context import StoreContext, system_clock
from leadtui.store.duplicates import DuplicatesService, ScanResult
from leadtui.store.imports import ImportsService
from leadtui.store.leads import LeadsService
from leadtui.store.maintenance import MaintenanceService
from leadtui.store.merge import MergeInfo, MergeResult, MergeService
from leadtui.store.metrics import MetricsService
from leadtui.store.pipeline import MoveResult, PipelineService
from leadtui.store.reads import ReadsService
from leadtui.store.score_keeper import ScoreKeeper
from leadtui.store.scoring import ScoringService
from leadtui.store.stages import StagesService
from leadtui.store.team import TeamService
from leadtui.store.touches import TouchesService
from leadtui.store.views import ViewsService

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

__all__ = [
    "KEEP",
    "FollowUpChange",
    "LeadStore",
    "LoggedTouch",
    "MergeInfo",
    "MergeResult",
    "MoveResult",
    "ScanResult",
    "system_clock",
]


class LeadStore:
    """The lead database: the backend, the clock and the services that work on it."""

    def __init__(
        self, backend: Backend, *, clock: Clock = system_clock, rules_path: Path | None = None
    ) -> None:
        self.backend = backend
        self.clock = clock
        context = StoreContext(backend, clock, ScoreKeeper(rules_path))
        self.scoring = ScoringService(context)
        """Lead scores: ``store.scoring.explain(id)``, ``.pin``, ``.unpin``, ``.recompute``."""
        self.leads = LeadsService(context)
        self.touches = TouchesService(context)
        self.pipeline = PipelineService(context)
        self.imports = ImportsService(context)
        self.maintenance = MaintenanceService(context)
        self.duplicates = DuplicatesService(context)
        self.merges = MergeService(context)
        self.views = ViewsService(context)
        """Saved views (segments): ``store.views.save_view(...)``, ``.views()``, ``.view(name)``."""
        self.agenda = AgendaService(context)
        self.stage_editor = StagesService(context)
        """The editable pipeline: ``store.stage_editor.add(...)``, ``.rename``, ``.remove``…"""
        self.activities = ActivitiesService(context)
        """The editable timeline: ``store.activities.edit(...)``, ``.delete``, their undo."""
        self.team = TeamService(context)
        """Team mode: ``store.team.me()``, ``.assign(ids, owner)``, ``.listen(callback)``."""
        self.reads = ReadsService(context)
        self.metrics = MetricsService(context)
        """Summary-table metrics: ``store.metrics.summary()``, ``.segment(...)``, ``.counts()``."""

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        clock: Clock = system_clock,
        create: bool = True,
        read_only: bool | None = None,
    ) -> LeadStore:
        """Check (and create or migrate) the database at ``path``; a store on it.

        ``path`` is a SQLite file, or a ``postgresql://`` URL (team mode, no password in
        it). ``read_only=None`` opens read-only when the file or its folder is not
        writable (PostgreSQL: when the role may not write).
        """
        from leadtui.storage.postgres.url import is_postgres_url

        if is_postgres_url(path):
            from leadtui.storage.postgres.backend import PostgresBackend

            backend = PostgresBackend.open(str(path), create=create, read_only=read_only)
            return cls(backend, clock=clock)
        from leadtui.storage.sqlite.backend import SqliteBackend

        return cls(SqliteBackend.open(Path(path), create=create, read_only=read_only), clock=clock)

    # -- plumbing -------------------------------------------------------------------

    @property
    def path(self) -> Path:
        """The database file."""
        return self.backend.path

    @property
    def read_only(self) -> bool:
        """True when every write is refused."""
        return self.backend.read_only

    def now(self) -> datetime:
        """The injected clock's time."""
        return self.clock()

    def engine(self) -> Engine:
        """The SQLAlchemy engine, created on first use."""
        return self.backend.engine()

    def warm_up(self) -> None:
        """Import the ORM and open the engine now (call from a worker after the first frame)."""
        self.backend.warm_up()
        self.scoring.keeper.ruleset  # noqa: B018 -- reads the rules (and phonenumbers) now

    def close(self) -> None:
        """Close every connection this store opened."""
        self.backend.close()

    def release_reader(self) -> None:
        """Close this thread's read connection (call at the end of a worker thread)."""
        self.backend.release_reader()
