"""Every table of leadtui, in one file (the enums they store are in :mod:`leadtui.domain.enums`).

Timestamps are stored as UTC text ``YYYY-MM-DD HH:MM:SS`` (SQLite's own
format): it sorts as text, ``julianday()`` understands it, and the fast
stdlib read path can parse it without the ORM.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, Index, String, text
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from leadtui.domain.enums import ActivityKind, LeadSource, StageKind
from leadtui.domain.timefmt import format_db_time, parse_db_time
from leadtui.storage.schema_version import SCHEMA_VERSION  # noqa: F401  (re-exported)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC text; naive values are refused."""

    impl = String(19)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> str | None:
        return None if value is None else format_db_time(value)

    def process_result_value(self, value: str | None, dialect: Any) -> datetime | None:
        return None if value is None else parse_db_time(value)


def utc_column(*, nullable: bool = True, index: bool = False) -> Any:
    """A column of :class:`UTCDateTime`."""
    return Column(UTCDateTime(), nullable=nullable, index=index)


class Stage(SQLModel, table=True):
    """A funnel stage."""

    key: str = Field(primary_key=True, max_length=40)
    name: str = Field(max_length=80)
    position: int = Field(unique=True)
    kind: StageKind = Field(sa_column=Column(String(10), nullable=False))


class Lead(SQLModel, table=True):
    """A person who left their contact details."""

    __table_args__ = (
        # The list's sort indexes are partial (live leads only): see
        # storage.sqlite.schema.LIST_INDEXES.
        Index("ix_lead_phone_e164", "phone_e164"),
        Index("ix_lead_batch", "import_batch_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    first_name: str = Field(default="", max_length=200)
    last_name: str = Field(default="", max_length=200)
    email: str | None = Field(default=None, max_length=320)
    email_key: str | None = Field(default=None, unique=True, max_length=320)
    phone: str | None = Field(default=None, max_length=64)
    phone_e164: str | None = Field(default=None, max_length=20)
    company: str = Field(default="", max_length=200)
    job_title: str = Field(default="", max_length=200)
    website: str = Field(default="", max_length=500)
    source: str = Field(default=LeadSource.MANUAL.value, max_length=40)
    campaign: str = Field(default="", max_length=200)
    utm_source: str = Field(default="", max_length=200)
    utm_medium: str = Field(default="", max_length=200)
    utm_campaign: str = Field(default="", max_length=200)
    consent: bool = Field(default=False)
    consent_at: datetime | None = Field(default=None, sa_column=utc_column())
    stage: str = Field(default="new", foreign_key="stage.key", max_length=40)
    stage_changed_at: datetime | None = Field(default=None, sa_column=utc_column())
    value_cents: int = Field(default=0)
    currency: str = Field(default="EUR", max_length=3)
    score: int | None = Field(default=None)
    next_followup_at: datetime | None = Field(default=None, sa_column=utc_column())
    created_at: datetime = Field(sa_column=utc_column(nullable=False))
    updated_at: datetime = Field(sa_column=utc_column(nullable=False))
    last_activity_at: datetime | None = Field(default=None, sa_column=utc_column())
    version: int = Field(default=1)
    deleted_at: datetime | None = Field(default=None, sa_column=utc_column())
    import_batch_id: int | None = Field(default=None, foreign_key="importbatch.id")


class StageChange(SQLModel, table=True):
    """One move of a lead between stages; the source of funnel metrics."""

    __table_args__ = (Index("ix_stagechange_lead_at", "lead_id", "at", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = Field(foreign_key="lead.id", ondelete="CASCADE")
    from_stage: str | None = Field(default=None, max_length=40)
    to_stage: str = Field(max_length=40)
    at: datetime = Field(sa_column=utc_column(nullable=False))
    reason: str = Field(default="", max_length=500)


class Activity(SQLModel, table=True):
    """One touch: a note, call, email, meeting, form fill or system event."""

    __table_args__ = (Index("ix_activity_lead_at", "lead_id", "at", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = Field(foreign_key="lead.id", ondelete="CASCADE")
    kind: str = Field(default=ActivityKind.NOTE.value, max_length=20)
    at: datetime = Field(sa_column=utc_column(nullable=False))
    body: str = Field(default="", max_length=20000)


class Tag(SQLModel, table=True):
    """A label that can be put on leads."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=60)


class LeadTag(SQLModel, table=True):
    """The link between a lead and a tag."""

    __table_args__ = (Index("ix_leadtag_tag", "tag_id", "lead_id"),)

    lead_id: int = Field(foreign_key="lead.id", primary_key=True, ondelete="CASCADE")
    tag_id: int = Field(foreign_key="tag.id", primary_key=True, ondelete="CASCADE")


class ImportBatch(SQLModel, table=True):
    """One import run, so that it can be reported and reverted exactly."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=utc_column(nullable=False))
    file_name: str = Field(default="", max_length=500)
    file_format: str = Field(default="", max_length=40)
    rows_read: int = Field(default=0)
    imported: int = Field(default=0)
    updated: int = Field(default=0)
    merged: int = Field(default=0)
    skipped: int = Field(default=0)
    rejected: int = Field(default=0)
    reverted_at: datetime | None = Field(default=None, sa_column=utc_column())
    report_json: str = Field(
        default="", sa_column=Column(String, nullable=False, server_default=text("''"))
    )


class Tombstone(SQLModel, table=True):
    """What is left of a forgotten person: when, and nothing that identifies them."""

    id: int | None = Field(default=None, primary_key=True)
    forgotten_at: datetime = Field(sa_column=utc_column(nullable=False))


def utcnow() -> datetime:
    """The current time, aware and in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)
