"""TeamService: who is working, who a lead is assigned to, and colleagues' changes.

``store.team.me()`` is the current user (:mod:`leadtui.store.identity`); ``assign`` gives
leads an owner (or none) and returns what it replaced, so ``restore_owners`` can take it
back; ``listen`` calls back when someone else's change has been committed (PostgreSQL:
``LISTEN/NOTIFY``; SQLite: a ``data_version`` poll).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import msgspec

from leadtui.domain.sanitize import sanitize
from leadtui.domain.team import MAX_USER_NAME, clean_user
from leadtui.domain.validation import ValidationError
from leadtui.i18n import _
from leadtui.storage.team_base import Listening
from leadtui.store import orm_steps
from leadtui.store.context import StoreContext, boundary, unit_of_work

MAX_OWNERS = 200
"""At most this many owners are offered by Tab completion."""


class Assignment(msgspec.Struct, frozen=True):
    """What :meth:`TeamService.assign` changed: each lead's owner before, and the new one."""

    owner: str | None
    previous: tuple[tuple[int, str | None], ...]

    @property
    def lead_ids(self) -> tuple[int, ...]:
        """The leads whose owner changed."""
        return tuple(lead_id for lead_id, _owner in self.previous)


class TeamService:
    """Users and owners; each write is one ORM session (one user action)."""

    def __init__(self, context: StoreContext) -> None:
        self.context = context
        self.backend = context.backend

    def me(self) -> str:
        """The current user's name."""
        return self.context.actor()

    def owners(self) -> list[str]:
        """The owners live leads have, in order (for completion and pickers)."""
        return sanitize(self.backend.team.owners(MAX_OWNERS))

    def _owner(self, owner: str | None) -> str | None:
        if owner is None:
            return None
        cleaned = clean_user(owner)
        if cleaned is None or len(owner.strip()) > MAX_USER_NAME:
            raise ValidationError(
                "owner",
                _("An owner is a name of at most {count} characters.").format(count=MAX_USER_NAME),
            )
        return cleaned

    @unit_of_work
    def assign(self, lead_ids: Sequence[int], owner: str | None) -> Assignment:
        """Give ``lead_ids`` the owner ``owner`` (``None``: nobody); returns what changed."""

        name = self._owner(owner)
        self.context.refuse_if_read_only()
        now = self.context.now()
        previous: list[tuple[int, str | None]] = []
        with self.backend.session() as session:
            for lead_id in dict.fromkeys(lead_ids):
                lead = orm_steps.lead_for_write(session, lead_id, None)
                if lead.owner == name:
                    continue
                previous.append((lead_id, lead.owner))
                lead.owner = name
                orm_steps.touch(lead, now)
                session.add(lead)
        return Assignment(name, tuple(previous))

    @unit_of_work
    def restore_owners(self, assignment: Assignment) -> list[int]:
        """Undo :meth:`assign`: each lead still owned as it set gets its owner back."""
        from leadtui.storage.models import Lead

        now = self.context.now()
        restored: list[int] = []
        with self.backend.session() as session:
            for lead_id, owner in assignment.previous:
                lead = session.get(Lead, lead_id)
                if lead is None or lead.owner != assignment.owner:
                    continue
                lead.owner = owner
                orm_steps.touch(lead, now)
                session.add(lead)
                restored.append(lead_id)
        return restored

    def listen(
        self, on_change: Callable[[], None], on_lost: Callable[[], None] | None = None
    ) -> Listening:
        """Call ``on_change`` from another thread soon after a committed change, and once
        as soon as it listens (a change committed before is not missed) (stop it!);
        ``on_lost`` when its connection to the database failed (it keeps retrying)."""
        return self.backend.team.listen(on_change, on_lost)

    def ping(self) -> None:
        """Check the database answers (reconnecting if needed); :class:`ConnectionLost`
        (or another :class:`LeadtuiError`) when it does not."""
        with boundary(self.backend):
            self.backend.team.ping()
