"""The services of :class:`~leadtui.store.LeadStore`, each made on first use.

Opening a store imports only the services it uses: the app's first screen reads a page
of leads and never touches merges, duplicates, imports or the editable pipeline, whose
modules (and the domain rules under them) were ~20 ms of its start. A service is made
once per store, on whichever thread asks first, and kept.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar, overload

if TYPE_CHECKING:
    from leadtui.store.activities import ActivitiesService
    from leadtui.store.agenda import AgendaService
    from leadtui.store.context import StoreContext
    from leadtui.store.duplicates import DuplicatesService
    from leadtui.store.imports import ImportsService
    from leadtui.store.leads import LeadsService
    from leadtui.store.maintenance import MaintenanceService
    from leadtui.store.merge import MergeService
    from leadtui.store.metrics import MetricsService
    from leadtui.store.pipeline import PipelineService
    from leadtui.store.reads import ReadsService
    from leadtui.store.scoring import ScoringService
    from leadtui.store.stages import StagesService
    from leadtui.store.team import TeamService
    from leadtui.store.touches import TouchesService
    from leadtui.store.views import ViewsService

S = TypeVar("S")

_MAKING = threading.Lock()


class HasContext(Protocol):
    """What a lazy service needs of its store: the shared context."""

    @property
    def context(self) -> StoreContext:
        """The backend, clock and score keeper every service shares."""
        ...


class LazyService(Generic[S]):
    """A store attribute whose service is made by ``make(context)`` on first access."""

    def __init__(self, make: Callable[[StoreContext], S]) -> None:
        self.make = make
        self.name = make.__name__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, store: None, owner: type) -> LazyService[S]: ...

    @overload
    def __get__(self, store: HasContext, owner: type) -> S: ...

    def __get__(self, store: HasContext | None, owner: type) -> LazyService[S] | S:
        if store is None:
            return self
        made: dict[str, S] = vars(store)
        with _MAKING:  # two workers asking at once get the same service
            if self.name not in made:
                made[self.name] = self.make(store.context)
            return made[self.name]


# The makers import their module when called; kept here so the facade stays a list.


def reads(context: StoreContext) -> ReadsService:
    """The read side: the list, board, details, metrics and agenda pages."""
    from leadtui.store.reads import ReadsService

    return ReadsService(context)


def scoring(context: StoreContext) -> ScoringService:
    """Lead scores."""
    from leadtui.store.scoring import ScoringService

    return ScoringService(context)


def leads(context: StoreContext) -> LeadsService:
    """Lead reads and writes through the ORM."""
    from leadtui.store.leads import LeadsService

    return LeadsService(context)


def touches(context: StoreContext) -> TouchesService:
    """Activities and tags."""
    from leadtui.store.touches import TouchesService

    return TouchesService(context)


def pipeline(context: StoreContext) -> PipelineService:
    """Stage moves."""
    from leadtui.store.pipeline import PipelineService

    return PipelineService(context)


def imports(context: StoreContext) -> ImportsService:
    """Bulk loads, imports, exports and erasure."""
    from leadtui.store.imports import ImportsService

    return ImportsService(context)


def maintenance(context: StoreContext) -> MaintenanceService:
    """Backups, restore and checks."""
    from leadtui.store.maintenance import MaintenanceService

    return MaintenanceService(context)


def duplicates(context: StoreContext) -> DuplicatesService:
    """The duplicate scan and checks."""
    from leadtui.store.duplicates import DuplicatesService

    return DuplicatesService(context)


def merges(context: StoreContext) -> MergeService:
    """Merging leads and taking merges back."""
    from leadtui.store.merge import MergeService

    return MergeService(context)


def views(context: StoreContext) -> ViewsService:
    """Saved views."""
    from leadtui.store.views import ViewsService

    return ViewsService(context)


def agenda(context: StoreContext) -> AgendaService:
    """Follow-ups and the agenda."""
    from leadtui.store.agenda import AgendaService

    return AgendaService(context)


def stage_editor(context: StoreContext) -> StagesService:
    """The editable pipeline."""
    from leadtui.store.stages import StagesService

    return StagesService(context)


def activities(context: StoreContext) -> ActivitiesService:
    """The editable timeline."""
    from leadtui.store.activities import ActivitiesService

    return ActivitiesService(context)


def team(context: StoreContext) -> TeamService:
    """Team mode."""
    from leadtui.store.team import TeamService

    return TeamService(context)


def metrics(context: StoreContext) -> MetricsService:
    """``store.metrics``."""
    from leadtui.store.metrics import MetricsService

    return MetricsService(context)
