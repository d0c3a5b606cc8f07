"""ORM steps several services share inside one session: load a lead for a write, bump
its version, look up or create tags, refuse a duplicate email. SQLModel is imported on
first use, so the first frame never waits for it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from leadtui.domain.errors import ConflictError, DuplicateEmailError, NotFoundError
from leadtui.i18n import _

if TYPE_CHECKING:
    from sqlmodel import Session

    from leadtui.storage.models import Lead


def lead_for_write(session: Session, lead_id: int, expected_version: int | None) -> Lead:
    """The live lead ``lead_id``; ConflictError if it is not at ``expected_version``."""
    from leadtui.storage.models import Lead

    lead = session.get(Lead, lead_id)
    if lead is None or lead.deleted_at is not None:
        raise NotFoundError(_("No lead with id {id}.").format(id=lead_id))
    if expected_version is not None and lead.version != expected_version:
        raise ConflictError(
            _(
                "This lead was changed elsewhere (version {actual}, you edited {expected}); "
                "nothing was overwritten."
            ).format(actual=lead.version, expected=expected_version),
            lead_id,
            expected_version,
            lead.version,
        )
    return lead


def touch(lead: Lead, now: datetime) -> None:
    """Mark ``lead`` changed at ``now`` (a new version)."""
    lead.updated_at = now
    lead.version += 1


def refuse_duplicate(session: Session, key: str | None, own_id: int | None) -> None:
    """DuplicateEmailError if another lead (live or deleted) holds this email key."""
    from sqlmodel import select

    from leadtui.storage.models import Lead

    if key is None:
        return
    other = session.exec(select(Lead).where(Lead.email_key == key)).first()
    if other is not None and other.id != own_id:
        name = f"{other.first_name} {other.last_name}".strip() or (other.email or "")
        state = _(" (deleted)") if other.deleted_at is not None else ""
        raise DuplicateEmailError(
            _("This email already belongs to {name}{state}.").format(name=name, state=state),
            existing_id=other.id or 0,
            existing_name=name,
        )


def tag_id(session: Session, name: str, *, create: bool) -> int | None:
    """The id of tag ``name`` (made when ``create``), or ``None``."""
    from sqlmodel import select

    from leadtui.storage.models import Tag

    tag = session.exec(select(Tag).where(Tag.name == name)).first()
    if tag is None and create:
        tag = Tag(name=name)
        session.add(tag)
        session.flush()
    return None if tag is None else tag.id


def drop_tag_if_unused(session: Session, tag_id: int) -> None:
    """Remove tag ``tag_id`` when no lead (live or deleted) carries it any more.

    The undo of tagging calls it, so a tag the undone action created leaves the tag list too.
    """
    from sqlmodel import select

    from leadtui.storage.models import LeadTag, Tag

    session.flush()
    if session.exec(select(LeadTag).where(LeadTag.tag_id == tag_id)).first() is None:
        tag = session.get(Tag, tag_id)
        if tag is not None:
            session.delete(tag)


def set_tags(session: Session, lead_id: int, names: Iterable[str]) -> None:
    """Replace the tags of a lead with ``names``."""
    from sqlmodel import col, delete

    from leadtui.storage.models import LeadTag

    session.exec(delete(LeadTag).where(col(LeadTag.lead_id) == lead_id))
    for name in sorted(set(names)):
        found = tag_id(session, name, create=True)
        assert found is not None
        session.add(LeadTag(lead_id=lead_id, tag_id=found))
