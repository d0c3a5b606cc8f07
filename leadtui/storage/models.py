"""The SQLModel classes for typed ORM access, built from :mod:`leadtui.storage.columns`.

Timestamps are stored as UTC text ``YYYY-MM-DD HH:MM:SS`` (SQLite's own
format): it sorts as text, ``julianday()`` understands it, and the fast
stdlib read path can parse it without the ORM.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, text
from sqlalchemy import Column as SAColumn
from sqlalchemy.types import TypeDecorator, TypeEngine
from sqlmodel import Field, SQLModel

from leadtui.domain.enums import StageKind
from leadtui.domain.timefmt import format_db_time, parse_db_time
from leadtui.storage import columns as declared
from leadtui.storage.columns import Kind
from leadtui.storage.schema_version import SCHEMA_VERSION  # noqa: F401  (re-exported)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC text; naive values are refused."""

    impl = String(19)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> str | None:
        return None if value is None else format_db_time(value)

    def process_result_value(self, value: str | None, dialect: Any) -> datetime | None:
        return None if value is None else parse_db_time(value)


def _sa_type(column: declared.Column) -> TypeEngine[Any]:
    match column.kind:
        case Kind.INT:
            return Integer()
        case Kind.BOOL:
            return Boolean()
        case Kind.TIME:
            return UTCDateTime()
        case Kind.TEXT:
            return String(column.length)


def column(table: declared.Table, name: str) -> Any:
    """The SQLModel field of a declared column (type, keys, nullability, default).

    The annotation on the model gives the Python type for typed ORM access;
    everything else comes from :mod:`leadtui.storage.columns`, so the two
    cannot drift (``tests/test_columns.py`` checks the annotations too).
    """
    spec = table[name]
    keys = [ForeignKey(spec.references, ondelete=spec.on_delete)] if spec.references else []
    sa_column = SAColumn(
        name,
        _sa_type(spec),
        *keys,
        primary_key=spec.primary_key,
        nullable=spec.nullable,
        unique=spec.unique or None,
        server_default=None if spec.server_default is None else text(spec.server_default),
    )
    if spec.has_default:
        return Field(default=spec.default, sa_column=sa_column)
    return Field(sa_column=sa_column)


def indexes(table: declared.Table) -> tuple[Index, ...]:
    """The declared indexes of a table, for ``__table_args__``."""
    return tuple(Index(index.name, *index.columns) for index in table.indexes)


_STAGE, _LEAD, _CHANGE = declared.STAGE, declared.LEAD, declared.STAGE_CHANGE
_ACTIVITY, _TAG, _LEAD_TAG = declared.ACTIVITY, declared.TAG, declared.LEAD_TAG
_BATCH, _TOMBSTONE = declared.IMPORT_BATCH, declared.TOMBSTONE
_MERGE, _NOT_DUP = declared.LEAD_MERGE, declared.NOT_DUPLICATE
_SAVED_VIEW = declared.SAVED_VIEW
_SCORE_MARK = declared.SCORE_MARK


class Stage(SQLModel, table=True):
    """A funnel stage."""

    key: str = column(_STAGE, "key")
    name: str = column(_STAGE, "name")
    position: int = column(_STAGE, "position")
    kind: StageKind = column(_STAGE, "kind")


class StageCadence(SQLModel, table=True):
    """A stage's follow-up interval and going-cold limit, in days (edited by the user)."""

    stage_key: str = column(declared.STAGE_CADENCE, "stage_key")
    followup_days: int = column(declared.STAGE_CADENCE, "followup_days")
    cold_days: int = column(declared.STAGE_CADENCE, "cold_days")


class Lead(SQLModel, table=True):
    """A person who left their contact details."""

    __table_args__ = indexes(_LEAD)

    id: int | None = column(_LEAD, "id")
    first_name: str = column(_LEAD, "first_name")
    last_name: str = column(_LEAD, "last_name")
    email: str | None = column(_LEAD, "email")
    email_key: str | None = column(_LEAD, "email_key")
    phone: str | None = column(_LEAD, "phone")
    phone_e164: str | None = column(_LEAD, "phone_e164")
    company: str = column(_LEAD, "company")
    job_title: str = column(_LEAD, "job_title")
    website: str = column(_LEAD, "website")
    source: str = column(_LEAD, "source")
    campaign: str = column(_LEAD, "campaign")
    utm_source: str = column(_LEAD, "utm_source")
    utm_medium: str = column(_LEAD, "utm_medium")
    utm_campaign: str = column(_LEAD, "utm_campaign")
    consent: bool = column(_LEAD, "consent")
    consent_at: datetime | None = column(_LEAD, "consent_at")
    stage: str = column(_LEAD, "stage")
    stage_changed_at: datetime | None = column(_LEAD, "stage_changed_at")
    value_cents: int = column(_LEAD, "value_cents")
    currency: str = column(_LEAD, "currency")
    score: int | None = column(_LEAD, "score")
    score_pinned: bool = column(_LEAD, "score_pinned")
    next_followup_at: datetime | None = column(_LEAD, "next_followup_at")
    created_at: datetime = column(_LEAD, "created_at")
    updated_at: datetime = column(_LEAD, "updated_at")
    last_activity_at: datetime | None = column(_LEAD, "last_activity_at")
    version: int = column(_LEAD, "version")
    deleted_at: datetime | None = column(_LEAD, "deleted_at")
    import_batch_id: int | None = column(_LEAD, "import_batch_id")
    owner: str | None = column(_LEAD, "owner")


class StageChange(SQLModel, table=True):
    """One move of a lead between stages; the source of funnel metrics."""

    __table_args__ = indexes(_CHANGE)

    id: int | None = column(_CHANGE, "id")
    lead_id: int = column(_CHANGE, "lead_id")
    from_stage: str | None = column(_CHANGE, "from_stage")
    to_stage: str = column(_CHANGE, "to_stage")
    at: datetime = column(_CHANGE, "at")
    reason: str = column(_CHANGE, "reason")
    imported: bool = column(_CHANGE, "imported")
    actor: str | None = column(_CHANGE, "actor")


class Activity(SQLModel, table=True):
    """One touch: a note, call, email, meeting, form fill or system event."""

    __table_args__ = indexes(_ACTIVITY)

    id: int | None = column(_ACTIVITY, "id")
    lead_id: int = column(_ACTIVITY, "lead_id")
    kind: str = column(_ACTIVITY, "kind")
    at: datetime = column(_ACTIVITY, "at")
    body: str = column(_ACTIVITY, "body")
    edited_at: datetime | None = column(_ACTIVITY, "edited_at")
    edited_fields: str | None = column(_ACTIVITY, "edited_fields")
    actor: str | None = column(_ACTIVITY, "actor")


class Tag(SQLModel, table=True):
    """A label that can be put on leads."""

    id: int | None = column(_TAG, "id")
    name: str = column(_TAG, "name")


class LeadTag(SQLModel, table=True):
    """The link between a lead and a tag."""

    __table_args__ = indexes(_LEAD_TAG)

    lead_id: int = column(_LEAD_TAG, "lead_id")
    tag_id: int = column(_LEAD_TAG, "tag_id")


class ImportBatch(SQLModel, table=True):
    """One import run, so that it can be reported and reverted exactly."""

    id: int | None = column(_BATCH, "id")
    at: datetime = column(_BATCH, "at")
    file_name: str = column(_BATCH, "file_name")
    file_format: str = column(_BATCH, "file_format")
    rows_read: int = column(_BATCH, "rows_read")
    imported: int = column(_BATCH, "imported")
    updated: int = column(_BATCH, "updated")
    merged: int = column(_BATCH, "merged")
    skipped: int = column(_BATCH, "skipped")
    rejected: int = column(_BATCH, "rejected")
    reverted_at: datetime | None = column(_BATCH, "reverted_at")
    report_json: str = column(_BATCH, "report_json")


class Tombstone(SQLModel, table=True):
    """What is left of a forgotten person: when, and nothing that identifies them."""

    id: int | None = column(_TOMBSTONE, "id")
    forgotten_at: datetime = column(_TOMBSTONE, "forgotten_at")


class LeadMerge(SQLModel, table=True):
    """One merge of two leads, with what undoing it needs."""

    __table_args__ = indexes(_MERGE)

    id: int | None = column(_MERGE, "id")
    at: datetime = column(_MERGE, "at")
    kept_id: int = column(_MERGE, "kept_id")
    other_id: int = column(_MERGE, "other_id")
    snapshot_json: str = column(_MERGE, "snapshot_json")


class NotDuplicate(SQLModel, table=True):
    """Two leads a user said are different people."""

    low_id: int = column(_NOT_DUP, "low_id")
    high_id: int = column(_NOT_DUP, "high_id")
    at: datetime = column(_NOT_DUP, "at")


class SavedView(SQLModel, table=True):
    """A saved view: a named filter (filter-language text) and sort."""

    id: int | None = column(_SAVED_VIEW, "id")
    name: str = column(_SAVED_VIEW, "name")
    filter_text: str = column(_SAVED_VIEW, "filter_text")
    sort_key: str = column(_SAVED_VIEW, "sort_key")
    descending: bool = column(_SAVED_VIEW, "descending")
    created_at: datetime = column(_SAVED_VIEW, "created_at")
    updated_at: datetime = column(_SAVED_VIEW, "updated_at")


class LeadReach(SQLModel, table=True):
    """Summary: the stages a lead ever reached (kept by triggers, never written by the app)."""

    lead_id: int = column(declared.LEAD_REACH, "lead_id")
    reached: str = column(declared.LEAD_REACH, "reached")


class LeadSummary(SQLModel, table=True):
    """Summary: live leads and value per source, month, stage, currency, reached set."""

    source: str = column(declared.LEAD_SUMMARY, "source")
    month: str = column(declared.LEAD_SUMMARY, "month")
    stage: str = column(declared.LEAD_SUMMARY, "stage")
    currency: str = column(declared.LEAD_SUMMARY, "currency")
    reached: str = column(declared.LEAD_SUMMARY, "reached")
    leads: int = column(declared.LEAD_SUMMARY, "leads")
    cents: int = column(declared.LEAD_SUMMARY, "cents")


class FollowupSummary(SQLModel, table=True):
    """Summary: live leads per stage and follow-up hour (kept by triggers)."""

    stage: str = column(declared.FOLLOWUP_SUMMARY, "stage")
    hour: str = column(declared.FOLLOWUP_SUMMARY, "hour")
    leads: int = column(declared.FOLLOWUP_SUMMARY, "leads")


class ScoreMark(SQLModel, table=True):
    """When every score last took the passing of time into account (one row)."""

    id: int | None = column(_SCORE_MARK, "id")
    decayed_at: datetime = column(_SCORE_MARK, "decayed_at")


def utcnow() -> datetime:
    """The current time, aware and in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)
