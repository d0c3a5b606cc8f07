"""What every store service shares: the backend, the clock, and the write contract.

The write contract: a public store write raises only
:class:`~leadtui.domain.errors.LeadtuiError` subclasses whose ``str()`` a user can read.
:func:`unit_of_work` marks such a method; a driver or ORM error, a ``ValueError`` or a
pydantic ``ValidationError`` escaping from it is converted here, at the store boundary,
and chained. An ``OSError`` is left alone: it concerns the user's own files (an export
target, an import source), which the CLI and the screens word themselves.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import msgspec

from leadtui.domain.errors import LeadtuiError
from leadtui.domain.rows import Clock
from leadtui.i18n import _
from leadtui.storage.base import Backend
from leadtui.store.score_keeper import ScoreKeeper

if TYPE_CHECKING:
    from sqlmodel import Session

P = ParamSpec("P")
R = TypeVar("R")


def system_clock() -> datetime:
    """The real time, aware UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


class StoreContext(msgspec.Struct, frozen=True):
    """The backend, the clock and the score keeper, handed to every service."""

    backend: Backend
    clock: Clock
    scores: ScoreKeeper = msgspec.field(default_factory=ScoreKeeper)
    """Keeps ``lead.score`` current inside the writes that change it."""

    def rescore(self, session: Session, lead_ids: Iterable[int | None]) -> None:
        """Store the computed scores of ``lead_ids`` in this write (pinned ones kept)."""
        session.flush()
        self.scores.rescore(session, lead_ids, self.now())

    identity: dict[str, str] = msgspec.field(default_factory=dict)
    """The current user, once known (see :meth:`actor`)."""

    def now(self) -> datetime:
        """The injected clock's time."""
        return self.clock()

    def actor(self) -> str:
        """Who is working: recorded on changes, new leads' owner (:mod:`.identity`)."""
        found = self.identity.get("user")
        if found is None:
            from leadtui.store.identity import current_user

            found = self.identity["user"] = current_user(self.backend)
        return found

    def stage_keys(self) -> tuple[str, ...]:
        """Every stage key in funnel order."""
        return tuple(stage.key for stage in self.backend.stages())

    def refuse_if_read_only(self) -> None:
        """Raise ReadOnlyError when the backend refuses writes."""
        if self.backend.read_only:
            self.backend.refuse_write()


def _pydantic_error(error: BaseException) -> LeadtuiError | None:
    pydantic = sys.modules.get("pydantic")
    if pydantic is None or not isinstance(error, pydantic.ValidationError):
        return None
    from leadtui.domain.validation import ValidationError

    first = error.errors()[0] if error.errors() else {"loc": ("input",), "msg": str(error)}
    field = ".".join(str(part) for part in first.get("loc", ())) or "input"
    return ValidationError(field, _("{field}: {reason}").format(field=field, reason=first["msg"]))


def readable_error(error: BaseException, backend: Backend | None = None) -> LeadtuiError | None:
    """The :class:`LeadtuiError` a store write raises instead of ``error`` (``None``: a bug)."""
    if isinstance(error, LeadtuiError):
        return error
    if backend is not None:
        friendly = backend.translate_error(error)
        if friendly is not None:
            return friendly
    found = _pydantic_error(error)
    if found is not None:
        return found
    if isinstance(error, OverflowError):
        # An id or number no row can hold (sqlite3 cannot even bind it): nothing matches.
        from leadtui.domain.errors import NotFoundError

        return NotFoundError(_("No record has that number; nothing was changed."))
    if isinstance(error, ValueError):
        from leadtui.domain.validation import ValidationError

        return ValidationError("input", str(error) or _("This value is not valid."))
    return None


@contextmanager
def boundary(backend: Backend | None = None) -> Iterator[None]:
    """Run a block under the write contract (see the module docstring)."""
    try:
        yield
    except LeadtuiError:
        raise
    except Exception as error:
        friendly = readable_error(error, backend)
        if friendly is None:
            raise
        raise friendly from error


def unit_of_work(method: Callable[P, R]) -> Callable[P, R]:
    """Mark a public store write: one user action under the write contract."""

    @functools.wraps(method)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        owner = args[0] if args else None
        backend = getattr(owner, "backend", None) or getattr(
            getattr(owner, "context", None), "backend", None
        )
        with boundary(backend):
            return method(*args, **kwargs)

    run.__leadtui_write__ = True  # type: ignore[attr-defined]
    return run
