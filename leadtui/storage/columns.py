"""The one declaration of every table: columns, their kinds, lengths, defaults, keys, indexes.

Pure Python (no ORM, no SQL driver), so the fast paths can use it: the stdlib
``sqlite3`` reads and the bulk insert derive their column lists, row mapping and
defaults from it, :mod:`leadtui.storage.sqlite.tables` derives the SQLite DDL,
and :mod:`leadtui.storage.models` builds each SQLModel field from it.

Kinds are what a value *means*, not a SQL type: each dialect maps them (SQLite
stores a ``TIME`` as ``VARCHAR(19)`` UTC text; PostgreSQL may choose
``TIMESTAMPTZ``); a PostgreSQL DDL module maps kinds and keys the same way
:mod:`leadtui.storage.sqlite.tables` does.

Adding a lead field is one :class:`Column` in :data:`LEAD`: the DDL, the bulk
insert's columns and defaults, the CSV/JSON export and ``leadtui`` import header
follow (``tests/test_one_declaration.py``). Code that uses it by name adds a
typed attribute where it needs one: ``Lead`` in ``models.py`` (required,
``tests/test_columns.py``), ``LeadDetail`` to show it (its read follows the
dataclass), ``LeadRow`` to list it, and the form, labels and import rules in
``ui/`` and ``io/`` for what a user types.
"""

from __future__ import annotations

from leadtui.domain.enums import ActivityKind, LeadSource
from leadtui.domain.team import MAX_USER_NAME

# The declaration's vocabulary, re-exported: callers import it from here with the tables.
from leadtui.storage.column_kinds import REQUIRED as REQUIRED
from leadtui.storage.column_kinds import Column as Column
from leadtui.storage.column_kinds import Default as Default
from leadtui.storage.column_kinds import Index as Index
from leadtui.storage.column_kinds import Kind as Kind
from leadtui.storage.column_kinds import Table as Table

OWNER_LENGTH = MAX_USER_NAME
"""How long a user name (a lead's owner, a change's actor) may be."""


def _id() -> Column:
    return Column("id", Kind.INT, primary_key=True, default=None)


def _text(
    name: str,
    length: int | None,
    default: str | None = "",
    *,
    unique: bool = False,
    references: str | None = None,
    server_default: str | None = None,
    internal: bool = False,
) -> Column:
    """A text column; ``None`` as the default makes it nullable."""
    return Column(
        name,
        Kind.TEXT,
        length,
        nullable=default is None,
        default=default,
        unique=unique,
        references=references,
        server_default=server_default,
        internal=internal,
    )


def _time(name: str, *, nullable: bool = True, internal: bool = False) -> Column:
    default: Default = None if nullable else REQUIRED
    return Column(name, Kind.TIME, nullable=nullable, default=default, internal=internal)


STAGE = Table(
    "stage",
    (
        Column("key", Kind.TEXT, 40, primary_key=True),
        Column("name", Kind.TEXT, 80),
        Column("position", Kind.INT, unique=True),
        Column("kind", Kind.TEXT, 10),
    ),
)
TAG = Table("tag", (_id(), Column("name", Kind.TEXT, 60, unique=True)))
IMPORT_BATCH = Table(
    "importbatch",
    (
        _id(),
        _time("at", nullable=False),
        _text("file_name", 500),
        _text("file_format", 40),
        *(
            Column(name, Kind.INT, default=0)
            for name in ("rows_read", "imported", "updated", "merged", "skipped", "rejected")
        ),
        _time("reverted_at"),
        _text("report_json", None, server_default="''"),
    ),
)
TOMBSTONE = Table("tombstone", (_id(), _time("forgotten_at", nullable=False)))
LEAD = Table(
    "lead",
    (
        _id(),
        _text("first_name", 200),
        _text("last_name", 200),
        _text("email", 320, None),
        _text("email_key", 320, None, unique=True, internal=True),
        _text("phone", 64, None),
        _text("phone_e164", 20, None, internal=True),
        _text("company", 200),
        _text("job_title", 200),
        _text("website", 500),
        _text("source", 40, LeadSource.MANUAL.value),
        _text("campaign", 200),
        _text("utm_source", 200),
        _text("utm_medium", 200),
        _text("utm_campaign", 200),
        Column("consent", Kind.BOOL, default=False),
        _time("consent_at"),
        _text("stage", 40, "new", references="stage.key"),
        _time("stage_changed_at", internal=True),
        Column("value_cents", Kind.INT, default=0),
        _text("currency", 3, "EUR"),
        Column("score", Kind.INT, nullable=True, default=None),
        # True while the score is one a user typed (a computed score never overwrites it).
        Column("score_pinned", Kind.BOOL, default=False, server_default="false", internal=True),
        _time("next_followup_at"),
        _time("created_at", nullable=False),
        _time("updated_at", nullable=False, internal=True),
        _time("last_activity_at", internal=True),
        Column("version", Kind.INT, default=1, internal=True),
        _time("deleted_at", internal=True),
        Column(
            "import_batch_id",
            Kind.INT,
            nullable=True,
            default=None,
            references="importbatch.id",
            internal=True,
        ),
        _text("owner", OWNER_LENGTH, None),
    ),
    # The list's sort indexes are partial (live leads only): see
    # storage.sqlite.schema.LIST_INDEXES.
    (Index("ix_lead_phone_e164", ("phone_e164",)), Index("ix_lead_batch", ("import_batch_id",))),
)


def _lead_id() -> Column:
    return Column("lead_id", Kind.INT, references="lead.id", on_delete="CASCADE")


STAGE_CHANGE = Table(
    "stagechange",
    (
        _id(),
        _lead_id(),
        _text("from_stage", 40, None),
        Column("to_stage", Kind.TEXT, 40),
        _time("at", nullable=False),
        _text("reason", 500),
        # True for the stages an import records a lead reached before the stage it came in
        # (the funnel counts them as reached, but they have no real time in stage).
        Column("imported", Kind.BOOL, default=False, server_default="false"),
        _text("actor", OWNER_LENGTH, None, internal=True),
    ),
    (Index("ix_stagechange_lead_at", ("lead_id", "at", "id")),),
)
ACTIVITY = Table(
    "activity",
    (
        _id(),
        _lead_id(),
        _text("kind", 20, ActivityKind.NOTE.value),
        _time("at", nullable=False),
        _text("body", 20000),
        # When the user last edited the entry, and what (kind, at, body: field names).
        _time("edited_at", internal=True),
        _text("edited_fields", 40, None, internal=True),
        _text("actor", OWNER_LENGTH, None, internal=True),
    ),
    (Index("ix_activity_lead_at", ("lead_id", "at", "id")),),
)
LEAD_TAG = Table(
    "leadtag",
    (
        Column("lead_id", Kind.INT, primary_key=True, references="lead.id", on_delete="CASCADE"),
        Column("tag_id", Kind.INT, primary_key=True, references="tag.id", on_delete="CASCADE"),
    ),
    (Index("ix_leadtag_tag", ("tag_id", "lead_id")),),
)

LEAD_MERGE = Table(
    "leadmerge",
    (
        _id(),
        _time("at", nullable=False),
        Column("kept_id", Kind.INT, references="lead.id", on_delete="CASCADE"),
        Column("other_id", Kind.INT, references="lead.id", on_delete="CASCADE"),
        _text("snapshot_json", None),
    ),
    (Index("ix_leadmerge_kept", ("kept_id",)), Index("ix_leadmerge_other", ("other_id",))),
)
"""One merge: both leads as they were before it, so it can be undone (gone with either lead)."""
NOT_DUPLICATE = Table(
    "notduplicate",
    (
        Column("low_id", Kind.INT, primary_key=True, references="lead.id", on_delete="CASCADE"),
        Column("high_id", Kind.INT, primary_key=True, references="lead.id", on_delete="CASCADE"),
        _time("at", nullable=False),
    ),
)
"""Pairs a user said are two people: never proposed again."""
SAVED_VIEW = Table(
    "savedview",
    (
        _id(),
        Column("name", Kind.TEXT, 80, unique=True),
        _text("filter_text", 2000),
        _text("sort_key", 20, "created"),
        Column("descending", Kind.BOOL, default=True),
        _time("created_at", nullable=False),
        _time("updated_at", nullable=False),
    ),
)
"""A saved view (segment): a filter in the filter language and a sort, under a name."""
STAGE_CADENCE = Table(
    "stagecadence",
    (
        Column("stage_key", Kind.TEXT, 40, primary_key=True, references="stage.key"),
        Column("followup_days", Kind.INT),
        Column("cold_days", Kind.INT),
    ),
)
"""A stage's edited cadence; a stage without a row uses ``domain.cadence`` defaults."""
SCORE_MARK = Table("scoremark", (_id(), _time("decayed_at", nullable=False)))
"""One row: every score was current at ``decayed_at`` (decay and recency included).

The daily pass rescores only leads whose decay or recency changed since then (schema 10).
"""

# Summary tables (schema 7, :mod:`leadtui.storage.summary`): kept by triggers on both
# backends in the same transaction as every write, so counts never need a scan.
LEAD_REACH = Table(
    "leadreach",
    (
        # No foreign key: a cascade would drop the row before the lead's delete trigger
        # reads it to take the lead out of the summary; that trigger deletes it instead.
        Column("lead_id", Kind.INT, primary_key=True),
        _text("reached", 2000),
    ),
)
"""Per lead, the stages it ever reached, sorted: ``,new,qualified,``."""
LEAD_SUMMARY = Table(
    "leadsummary",
    (
        Column("source", Kind.TEXT, 40, primary_key=True),
        Column("month", Kind.TEXT, 7, primary_key=True),
        Column("stage", Kind.TEXT, 40, primary_key=True),
        Column("currency", Kind.TEXT, 3, primary_key=True),
        Column("reached", Kind.TEXT, 2000, primary_key=True),
        Column("leads", Kind.INT, default=0),
        Column("cents", Kind.INT, default=0),
    ),
)
"""Live leads and their value per source, creation month (UTC), stage, currency, reached set."""
FOLLOWUP_SUMMARY = Table(
    "followupsummary",
    (
        Column("stage", Kind.TEXT, 40, primary_key=True),
        Column("hour", Kind.TEXT, 13, primary_key=True),
        Column("leads", Kind.INT, default=0),
    ),
)
"""Live leads per stage and follow-up hour (UTC, ``2026-03-16 10``): overdue = hours before now."""
SUMMARY_DEFER = Table("summarydefer", (Column("first_id", Kind.INT, primary_key=True),))
"""SQLite only, not in :data:`TABLES` (no model): during a bulk load, its first new lead id
(:mod:`leadtui.storage.sqlite.summary_triggers`); never committed with a row."""

TABLES: tuple[Table, ...] = (
    STAGE,
    STAGE_CADENCE,
    TAG,
    IMPORT_BATCH,
    TOMBSTONE,
    LEAD,
    STAGE_CHANGE,
    ACTIVITY,
    LEAD_TAG,
    LEAD_MERGE,
    NOT_DUPLICATE,
    SAVED_VIEW,
    LEAD_REACH,
    LEAD_SUMMARY,
    FOLLOWUP_SUMMARY,
    SCORE_MARK,
)
"""Every table, each after the tables it references (the order they are created in)."""

EXPORTED_LEAD_COLUMNS: tuple[str, ...] = tuple(
    column.name for column in LEAD.columns if not column.internal
)
"""The lead columns a CSV export writes (and a leadtui CSV import reads back), in order."""
