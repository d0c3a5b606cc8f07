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
from typing import TYPE_CHECKING, Any

from leadtui.domain.rows import Clock
from leadtui.storage.base import Backend
from leadtui.store import lazy
from leadtui.store.context import StoreContext, system_clock
from leadtui.store.lazy import LazyService
from leadtui.store.score_keeper import ScoreKeeper

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from leadtui.store.agenda import KEEP as KEEP
    from leadtui.store.agenda import FollowUpChange as FollowUpChange
    from leadtui.store.agenda import LoggedTouch as LoggedTouch
    from leadtui.store.duplicates import ScanResult as ScanResult
    from leadtui.store.merge import MergeInfo as MergeInfo
    from leadtui.store.merge import MergeResult as MergeResult
    from leadtui.store.pipeline import MoveResult as MoveResult

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


_EXPORTED = {
    "KEEP": "leadtui.store.agenda",
    "FollowUpChange": "leadtui.store.agenda",
    "LoggedTouch": "leadtui.store.agenda",
    "MergeInfo": "leadtui.store.merge",
    "MergeResult": "leadtui.store.merge",
    "MoveResult": "leadtui.store.pipeline",
    "ScanResult": "leadtui.store.duplicates",
}


def __getattr__(name: str) -> Any:
    """The services' result types, imported when first asked for (PEP 562)."""
    if name in _EXPORTED:
        import importlib

        return getattr(importlib.import_module(_EXPORTED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class LeadStore:
    """The lead database: the backend, the clock and the services that work on it.

    Each service is made on first use (:mod:`leadtui.store.lazy`): opening a store
    imports only what it then uses, so the app's first screen loads no merge,
    duplicate, import or pipeline-editing code.
    """

    reads = LazyService(lazy.reads)
    """The one read API: ``store.reads.page_list(...)``, ``.count_list``, ``.lead_detail``…"""
    scoring = LazyService(lazy.scoring)
    """Lead scores: ``store.scoring.explain(id)``, ``.pin``, ``.unpin``, ``.recompute``."""
    leads = LazyService(lazy.leads)
    touches = LazyService(lazy.touches)
    pipeline = LazyService(lazy.pipeline)
    imports = LazyService(lazy.imports)
    maintenance = LazyService(lazy.maintenance)
    duplicates = LazyService(lazy.duplicates)
    merges = LazyService(lazy.merges)
    views = LazyService(lazy.views)
    """Saved views (segments): ``store.views.save_view(...)``, ``.views()``, ``.view(name)``."""
    agenda = LazyService(lazy.agenda)
    stage_editor = LazyService(lazy.stage_editor)
    """The editable pipeline: ``store.stage_editor.add(...)``, ``.rename``, ``.remove``…"""
    activities = LazyService(lazy.activities)
    """The editable timeline: ``store.activities.edit(...)``, ``.delete``, their undo."""
    team = LazyService(lazy.team)
    metrics = LazyService(lazy.metrics)
    """Summary-table metrics: ``store.metrics.summary()``, ``.segment(...)``, ``.counts()``."""
    """Team mode: ``store.team.me()``, ``.assign(ids, owner)``, ``.listen(callback)``."""

    def __init__(
        self, backend: Backend, *, clock: Clock = system_clock, rules_path: Path | None = None
    ) -> None:
        self.backend = backend
        self.clock = clock
        self.context = StoreContext(backend, clock, ScoreKeeper(rules_path))
        """What the services share (each is made on first use, :mod:`leadtui.store.lazy`)."""

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
