"""LeadStore: the only place that opens database sessions.

Each public method is one unit of work (one user action) and returns plain
loaded objects. List and count reads go through :mod:`leadtui.reads` on the
stdlib ``sqlite3`` module; everything else uses SQLModel, imported on first
use (``warm_up()`` lets the app do that in a worker after the first frame).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leadtui import reads
from leadtui.db import (
    connect_sqlite,
    immediate_transaction,
    make_engine,
    open_database,
    sqlite_url,
)
from leadtui.errors import ConflictError, DuplicateEmailError, NotFoundError
from leadtui.i18n import _
from leadtui.lead_detail_read import read_timeline
from leadtui.rows import (
    Clock,
    LeadCounts,
    LeadFilter,
    LeadInput,
    LeadRow,
    LeadSort,
    StageInfo,
    StageTotal,
    TimelineEntry,
)
from leadtui.sanitize import sanitize
from leadtui.timefmt import format_db_time, parse_db_time

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from leadtui.funnel import FunnelMetrics
    from leadtui.io.csv_import import ImportOptions
    from leadtui.io.export import ExportOptions
    from leadtui.io.reader import Preview
    from leadtui.io.report import ImportReport
    from leadtui.lead_detail_read import LeadDetail
    from leadtui.models import Activity, Lead


def system_clock() -> datetime:
    """The real time, aware UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True, slots=True)
class MoveResult:
    """What a stage move did, enough to undo it."""

    lead_id: int
    change_id: int
    from_stage: str
    to_stage: str


class LeadStore:
    """Verb-named operations on the lead database."""

    def __init__(self, path: Path, *, clock: Clock = system_clock,
                 read_only: bool = False) -> None:
        self.path = path
        self.clock = clock
        self.read_only = read_only
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []

    @classmethod
    def open(cls, path: Path, *, clock: Clock = system_clock, create: bool = True,
             read_only: bool | None = None) -> LeadStore:
        """Check (and create or migrate) the database at ``path`` and return a store on it.

        ``read_only=None`` opens read-only when the file or its folder is not writable.
        """
        from leadtui.db import is_read_only

        if read_only is None:
            read_only = path.exists() and is_read_only(path)
        open_database(path, create=create, read_only=read_only)
        return cls(path, clock=clock, read_only=read_only)

    # -- plumbing -----------------------------------------------------------------

    def _read(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect_sqlite(self.path, read_only=self.read_only)
            conn.execute("PRAGMA query_only=ON")
            self._local.conn = conn
            with self._engine_lock:
                self._connections.append(conn)
        return conn

    @contextmanager
    def _raw_connection(self) -> Iterator[sqlite3.Connection]:
        """A stdlib connection of its own for one bulk job (import, revert, bulk insert).

        Storage failures come out as :class:`~leadtui.errors.LeadtuiError`; the
        connection is closed afterwards, so a worker thread may use it.
        """
        conn = connect_sqlite(self.path, read_only=self.read_only)
        try:
            yield conn
        except Exception as error:
            self._raise_storage_error(error)
            raise
        finally:
            conn.close()

    def engine(self) -> Engine:
        """The SQLAlchemy engine, created on first use."""
        with self._engine_lock:
            if self._engine is None:
                self._engine = make_engine(
                    sqlite_url(self.path), read_only_path=self.path if self.read_only else None)
            return self._engine

    def warm_up(self) -> None:
        """Import the ORM and open the engine now (call from a worker after the first frame)."""
        import leadtui.models  # noqa: F401
        import leadtui.validation  # noqa: F401

        with self.engine().connect() as conn:
            conn.exec_driver_sql("SELECT 1")

    @contextmanager
    def _session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on error."""
        from sqlmodel import Session

        with Session(self.engine(), expire_on_commit=False) as session:
            if self.read_only:
                from sqlalchemy import event

                event.listen(session, "before_flush", self._refuse_write)
            try:
                yield session
                session.commit()
            except BaseException as error:
                session.rollback()
                self._raise_storage_error(error)
                raise

    @staticmethod
    def _raise_storage_error(error: BaseException) -> None:
        """Re-raise a full disk, I/O error or lock timeout as a clear LeadtuiError."""
        from leadtui.storage_errors import storage_error

        friendly = storage_error(error)
        if friendly is not None:
            raise friendly from error

    def _refuse_write(self, *_args: object) -> None:
        """Raise :class:`ReadOnlyError` (the store was opened read-only)."""
        from leadtui.errors import ReadOnlyError

        raise ReadOnlyError(_("{path} is open read-only: changes are disabled.").format(
            path=self.path))

    def close(self) -> None:
        """Close every connection this store opened."""
        with self._engine_lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None
        self._local = threading.local()

    def now(self) -> datetime:
        """The injected clock's time."""
        return self.clock()

    # -- fast reads (stdlib sqlite3) -------------------------------------------

    def stages(self) -> list[StageInfo]:
        """Every stage in funnel order."""
        return sanitize(reads.stages(self._read()))

    def page_leads(
        self,
        lead_filter: LeadFilter,
        sort: LeadSort,
        offset: int,
        limit: int,
        total: int | None = None,
    ) -> list[LeadRow]:
        """A page of the filtered, sorted list (pass ``total`` to page deep offsets fast)."""
        return sanitize(reads.page_leads(self._read(), lead_filter, sort, self.now(), offset,
                                         limit, total))

    def count_leads(self, lead_filter: LeadFilter) -> LeadCounts:
        """How many leads match the filter, and how many are overdue."""
        return reads.count_leads(self._read(), lead_filter, self.now())

    def page_list(self, lead_filter: LeadFilter, sort: LeadSort, offset: int, limit: int,
                  total: int | None = None) -> list[LeadRow]:
        """Like :meth:`page_leads`, but a search starts from its capped hits (any table size)."""
        from leadtui.list_queries import page_list

        return sanitize(page_list(self._read(), lead_filter, sort, self.now(), offset, limit,
                                  total))

    def count_list(self, lead_filter: LeadFilter) -> LeadCounts:
        """Like :meth:`count_leads`, but a search counts its capped hits only."""
        from leadtui.list_queries import count_list

        return count_list(self._read(), lead_filter, self.now())

    def release_reader(self) -> None:
        """Close this thread's read connection (call at the end of a worker thread)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            return
        self._local.conn = None
        with self._engine_lock:
            if conn in self._connections:
                self._connections.remove(conn)
        conn.close()

    def stage_totals(self) -> list[StageTotal]:
        """Count and value per stage, in funnel order."""
        return sanitize(reads.stage_totals(self._read()))

    def lead_row(self, lead_id: int) -> LeadRow | None:
        """One lead as a list row, or ``None``."""
        return sanitize(reads.lead_row(self._read(), lead_id))

    def all_tags(self) -> list[str]:
        """Every tag name."""
        return sanitize(reads.all_tags(self._read()))

    def tags_of(self, lead_id: int) -> list[str]:
        """The tags of one lead."""
        return sanitize(reads.tags_of(self._read(), lead_id))

    def timeline(self, lead_id: int, limit: int = 500) -> list[TimelineEntry]:
        """Activities and stage changes of a lead, newest first."""
        entries = read_timeline(self._read(), lead_id, limit)
        return sanitize(entries[:limit])

    def stage_history(self, lead_id: int) -> list[TimelineEntry]:
        """Stage changes of one lead, oldest first."""
        return sanitize([
            TimelineEntry(at=parse_db_time(at), kind="stage", id=row_id, from_stage=from_stage,
                          to_stage=to_stage, reason=reason)
            for row_id, from_stage, to_stage, at, reason in self._read().execute(
                "SELECT id, from_stage, to_stage, at, reason FROM stagechange WHERE lead_id = ? "
                "ORDER BY at, id", (lead_id,))
        ])

    def funnel_metrics(self) -> FunnelMetrics:
        """Conversion, time in stage, win rate and leads per week (see :mod:`leadtui.funnel`)."""
        from leadtui.funnel_reads import funnel_metrics

        return sanitize(funnel_metrics(self._read(), self.now()))

    # -- ORM reads ------------------------------------------------------------

    def get_lead(self, lead_id: int, *, include_deleted: bool = False) -> Lead:
        """The whole lead; :class:`NotFoundError` if it does not exist (or is deleted)."""
        from leadtui.models import Lead

        with self._session() as session:
            lead = session.get(Lead, lead_id)
            if lead is None or (lead.deleted_at is not None and not include_deleted):
                raise NotFoundError(_("No lead with id {id}.").format(id=lead_id))
            return lead

    def find_lead(self, reference: str) -> Lead:
        """A lead by id (digits) or by email (any case)."""
        from sqlmodel import select

        from leadtui.models import Lead
        from leadtui.validation import email_key

        reference = reference.strip()
        if reference.isdigit():
            return self.get_lead(int(reference))
        key = email_key(reference)
        lead = None
        if key is not None:  # `email_key == None` would match any lead without an email
            with self._session() as session:
                lead = session.exec(
                    select(Lead).where(Lead.email_key == key, Lead.deleted_at.is_(None))  # type: ignore[union-attr]
                ).first()
        if lead is None:
            raise NotFoundError(_("No lead with id or email {ref}.").format(ref=reference))
        return lead

    def find_by_email(self, email: str) -> Lead | None:
        """The lead (live or deleted) holding this email's normalised key, if any."""
        from sqlmodel import select

        from leadtui.models import Lead
        from leadtui.validation import email_key

        key = email_key(email)
        if key is None:
            return None
        with self._session() as session:
            return session.exec(select(Lead).where(Lead.email_key == key)).first()

    # -- writes -----------------------------------------------------------------

    def _stage_keys(self) -> tuple[str, ...]:
        return tuple(stage.key for stage in self.stages())

    def _check(self, data: LeadInput, *, strict_phone: bool) -> dict[str, Any]:
        from leadtui.lead_input import check_lead_input
        from leadtui.validation import ValidationError

        values, errors = check_lead_input(
            data, strict_phone=strict_phone, stage_keys=self._stage_keys()
        )
        if errors:
            field, message = next(iter(errors.items()))
            raise ValidationError(field, message)
        return values

    def _refuse_duplicate(self, session: Session, key: str | None, own_id: int | None) -> None:
        from sqlmodel import select

        from leadtui.models import Lead

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

    def add_lead(self, data: LeadInput, *, strict_phone: bool = True) -> Lead:
        """Validate and insert a lead with its first stage change and tags."""
        from leadtui.models import Lead, StageChange

        values = self._check(data, strict_phone=strict_phone)
        tags = values.pop("tags")
        now = self.now()
        with self._session() as session:
            self._refuse_duplicate(session, values["email_key"], None)
            lead = Lead(**values, created_at=now, updated_at=now, stage_changed_at=now)
            session.add(lead)
            session.flush()
            assert lead.id is not None
            session.add(StageChange(lead_id=lead.id, from_stage=None, to_stage=lead.stage, at=now))
            self._set_tags(session, lead.id, tags)
            return lead

    def update_lead(self, lead_id: int, expected_version: int, data: LeadInput,
                    *, strict_phone: bool = True) -> Lead:
        """Save an edit made on version ``expected_version``; a stale one raises ConflictError."""
        from leadtui.models import StageChange

        values = self._check(data, strict_phone=strict_phone)
        tags = values.pop("tags")
        now = self.now()
        with self._session() as session:
            lead = self._lead_for_write(session, lead_id, expected_version)
            self._refuse_duplicate(session, values["email_key"], lead_id)
            old_stage = lead.stage
            for name, value in values.items():
                setattr(lead, name, value)
            if lead.stage != old_stage:
                session.add(StageChange(lead_id=lead_id, from_stage=old_stage,
                                        to_stage=lead.stage, at=now))
                lead.stage_changed_at = now
            lead.updated_at = now
            lead.version += 1
            self._set_tags(session, lead_id, tags)
            session.add(lead)
            return lead

    def lead_input(self, lead_id: int) -> tuple[LeadInput, int]:
        """The editable fields of a lead and its version (to feed a form or an undo)."""
        from leadtui.lead_input import INPUT_FIELDS

        lead = self.get_lead(lead_id)
        values = {name: getattr(lead, name) for name in INPUT_FIELDS if name != "tags"}
        return sanitize(LeadInput(**values, tags=self.tags_of(lead_id))), lead.version

    def _lead_for_write(self, session: Session, lead_id: int,
                        expected_version: int | None) -> Lead:
        from leadtui.models import Lead

        lead = session.get(Lead, lead_id)
        if lead is None or lead.deleted_at is not None:
            raise NotFoundError(_("No lead with id {id}.").format(id=lead_id))
        if expected_version is not None and lead.version != expected_version:
            raise ConflictError(
                _("This lead was changed elsewhere (version {actual}, you edited {expected}); "
                  "nothing was overwritten.").format(actual=lead.version,
                                                      expected=expected_version),
                lead_id, expected_version, lead.version,
            )
        return lead

    def _touch(self, lead: Lead) -> None:
        lead.updated_at = self.now()
        lead.version += 1

    def delete_leads(self, lead_ids: Sequence[int]) -> list[int]:
        """Soft-delete leads; returns the ids actually deleted (for undo)."""
        from sqlmodel import col, select

        from leadtui.models import Lead

        now = self.now()
        with self._session() as session:
            leads = session.exec(
                select(Lead).where(col(Lead.id).in_(list(lead_ids)), col(Lead.deleted_at).is_(None))
            ).all()
            for lead in leads:
                lead.deleted_at = now
                self._touch(lead)
                session.add(lead)
            return [lead.id for lead in leads if lead.id is not None]

    def restore_leads(self, lead_ids: Sequence[int]) -> list[int]:
        """Undo a soft delete; returns the ids restored."""
        from sqlmodel import col, select

        from leadtui.models import Lead

        with self._session() as session:
            leads = session.exec(
                select(Lead).where(col(Lead.id).in_(list(lead_ids)),
                                   col(Lead.deleted_at).is_not(None))
            ).all()
            for lead in leads:
                lead.deleted_at = None
                self._touch(lead)
                session.add(lead)
            return [lead.id for lead in leads if lead.id is not None]

    def delete_lead(self, lead_id: int) -> None:
        """Soft-delete one lead."""
        if not self.delete_leads([lead_id]):
            raise NotFoundError(_("No lead with id {id}.").format(id=lead_id))

    def restore_lead(self, lead_id: int) -> None:
        """Restore one soft-deleted lead."""
        self.restore_leads([lead_id])

    def move_leads(self, lead_ids: Sequence[int], to_stage: str, reason: str = "",
                   *, expected_versions: dict[int, int] | None = None) -> list[MoveResult]:
        """Move leads to ``to_stage`` in one transaction; each move writes a StageChange."""
        from leadtui.models import StageChange
        from leadtui.validation import clean_text

        if to_stage not in self._stage_keys():
            raise NotFoundError(_("Unknown stage: {stage}").format(stage=to_stage))
        reason = clean_text(reason, max_length=500, field="reason")
        now = self.now()
        results: list[MoveResult] = []
        with self._session() as session:
            for lead_id in lead_ids:
                expected = (expected_versions or {}).get(lead_id)
                lead = self._lead_for_write(session, lead_id, expected)
                if lead.stage == to_stage:
                    continue
                change = StageChange(lead_id=lead_id, from_stage=lead.stage, to_stage=to_stage,
                                     at=now, reason=reason)
                session.add(change)
                session.flush()
                assert change.id is not None
                results.append(MoveResult(lead_id, change.id, lead.stage, to_stage))
                lead.stage = to_stage
                lead.stage_changed_at = now
                if to_stage in ("won", "lost"):
                    lead.next_followup_at = None if to_stage == "lost" else lead.next_followup_at
                self._touch(lead)
                session.add(lead)
        return results

    def move_lead(self, lead_id: int, to_stage: str, reason: str = "",
                  *, expected_version: int | None = None) -> MoveResult | None:
        """Move one lead; ``None`` if it already was in ``to_stage``."""
        versions = None if expected_version is None else {lead_id: expected_version}
        results = self.move_leads([lead_id], to_stage, reason, expected_versions=versions)
        return results[0] if results else None

    def undo_moves(self, moves: Sequence[MoveResult]) -> None:
        """Revert moves: stage back, their StageChange rows removed. Refuses if moved since."""
        from leadtui.models import Lead, StageChange

        with self._session() as session:
            for move in reversed(moves):
                lead = session.get(Lead, move.lead_id)
                change = session.get(StageChange, move.change_id)
                if lead is None or change is None:
                    raise NotFoundError(_("Nothing to undo: the lead is gone."))
                if lead.stage != move.to_stage:
                    raise ConflictError(
                        _("The lead has moved again since; undo skipped."),
                        move.lead_id, lead.version, lead.version)
                session.delete(change)
                session.flush()
                previous = self._read_last_change_at(session, move.lead_id)
                lead.stage = move.from_stage
                lead.stage_changed_at = previous or lead.created_at
                self._touch(lead)
                session.add(lead)

    @staticmethod
    def _read_last_change_at(session: Session, lead_id: int) -> datetime | None:
        from sqlmodel import col, select

        from leadtui.models import StageChange

        last = session.exec(
            select(StageChange).where(StageChange.lead_id == lead_id)
            .order_by(col(StageChange.at).desc(), col(StageChange.id).desc())
        ).first()
        return None if last is None else last.at

    def add_activity(self, lead_id: int, kind: str, body: str,
                     at: datetime | None = None) -> Activity:
        """Log a touch on a lead; updates its last-activity time."""
        from leadtui.enums import ActivityKind
        from leadtui.models import Activity
        from leadtui.validation import MAX_NOTE, ValidationError, clean_text

        if kind not in {k.value for k in ActivityKind}:
            raise ValidationError("kind", _("Unknown activity kind: {kind}").format(kind=kind))
        body = clean_text(body, max_length=MAX_NOTE, multiline=True, field="body")
        at = at or self.now()
        with self._session() as session:
            lead = self._lead_for_write(session, lead_id, None)
            activity = Activity(lead_id=lead_id, kind=kind, at=at, body=body)
            session.add(activity)
            if lead.last_activity_at is None or at > lead.last_activity_at:
                lead.last_activity_at = at
            self._touch(lead)
            session.add(lead)
            return activity

    def delete_activity(self, activity_id: int) -> None:
        """Remove an activity (the undo of logging it)."""
        from sqlmodel import col, select

        from leadtui.models import Activity, Lead

        with self._session() as session:
            activity = session.get(Activity, activity_id)
            if activity is None:
                return
            lead = session.get(Lead, activity.lead_id)
            session.delete(activity)
            session.flush()
            if lead is not None:
                latest = session.exec(
                    select(Activity.at).where(Activity.lead_id == lead.id)
                    .order_by(col(Activity.at).desc())
                ).first()
                lead.last_activity_at = latest
                self._touch(lead)
                session.add(lead)

    def set_followup(self, lead_id: int, at: datetime | None) -> datetime | None:
        """Set (or clear with ``None``) the next follow-up; returns the previous one."""
        with self._session() as session:
            lead = self._lead_for_write(session, lead_id, None)
            previous = lead.next_followup_at
            lead.next_followup_at = at
            self._touch(lead)
            session.add(lead)
            return previous

    def _tag_id(self, session: Session, name: str, *, create: bool) -> int | None:
        from sqlmodel import select

        from leadtui.models import Tag

        tag = session.exec(select(Tag).where(Tag.name == name)).first()
        if tag is None and create:
            tag = Tag(name=name)
            session.add(tag)
            session.flush()
        return None if tag is None else tag.id

    def _set_tags(self, session: Session, lead_id: int, names: Iterable[str]) -> None:
        from sqlmodel import col, delete

        from leadtui.models import LeadTag

        session.exec(delete(LeadTag).where(col(LeadTag.lead_id) == lead_id))
        for name in sorted(set(names)):
            tag_id = self._tag_id(session, name, create=True)
            assert tag_id is not None
            session.add(LeadTag(lead_id=lead_id, tag_id=tag_id))

    def tag_leads(self, lead_ids: Sequence[int], name: str) -> list[int]:
        """Put a tag on leads; returns the ids that did not have it (for undo)."""
        from leadtui.models import LeadTag
        from leadtui.validation import clean_text

        name = clean_text(name, max_length=60, field="tags")
        if not name:
            return []
        added: list[int] = []
        with self._session() as session:
            tag_id = self._tag_id(session, name, create=True)
            assert tag_id is not None
            for lead_id in lead_ids:
                lead = self._lead_for_write(session, lead_id, None)
                if session.get(LeadTag, (lead_id, tag_id)) is None:
                    session.add(LeadTag(lead_id=lead_id, tag_id=tag_id))
                    self._touch(lead)
                    session.add(lead)
                    added.append(lead_id)
        return added

    def untag_leads(self, lead_ids: Sequence[int], name: str) -> list[int]:
        """Take a tag off leads; returns the ids that had it."""
        from leadtui.models import Lead, LeadTag

        removed: list[int] = []
        with self._session() as session:
            tag_id = self._tag_id(session, name, create=False)
            if tag_id is None:
                return []
            for lead_id in lead_ids:
                link = session.get(LeadTag, (lead_id, tag_id))
                lead = session.get(Lead, lead_id)
                if link is not None and lead is not None:
                    session.delete(link)
                    self._touch(lead)
                    session.add(lead)
                    removed.append(lead_id)
        return removed

    def lead_detail(self, lead_id: int) -> LeadDetail | None:
        """Every field, the tags and the timeline of one lead (stdlib read), or ``None``."""
        from leadtui.lead_detail_read import read_lead_detail

        return sanitize(read_lead_detail(self._read(), lead_id))

    def retag_lead(self, lead_id: int, add: Sequence[str],
                   remove: Sequence[str]) -> tuple[list[str], list[str]]:
        """Add and remove tags on one lead in one transaction; returns what really changed."""
        from leadtui.models import LeadTag
        from leadtui.validation import clean_text

        added: list[str] = []
        removed: list[str] = []
        with self._session() as session:
            lead = self._lead_for_write(session, lead_id, None)
            for raw in remove:
                tag_id = self._tag_id(session, raw, create=False)
                link = None if tag_id is None else session.get(LeadTag, (lead_id, tag_id))
                if link is not None:
                    session.delete(link)
                    removed.append(raw)
            for raw in add:
                name = clean_text(raw, max_length=60, field="tags")
                tag_id = self._tag_id(session, name, create=True) if name else None
                if tag_id is not None and session.get(LeadTag, (lead_id, tag_id)) is None:
                    session.add(LeadTag(lead_id=lead_id, tag_id=tag_id))
                    added.append(name)
            if added or removed:
                self._touch(lead)
                session.add(lead)
        return added, removed

    # -- bulk ---------------------------------------------------------------------

    def bulk_insert_leads(self, rows: Iterable[dict[str, Any]], *, batch_size: int = 5000) -> int:
        """Insert already-clean lead rows fast (driver-level executemany), one transaction.

        Keys are Lead column names; timestamps may be aware datetimes. Each row also
        gets its first StageChange. When the table is small compared with the load,
        the search index is rebuilt once at the end instead of row by row.
        """
        from leadtui.bulk import bulk_insert

        if self.read_only:
            self._refuse_write()
        with self._raw_connection() as conn:
            return bulk_insert(conn, rows, self.now(), batch_size=batch_size)

    # -- import, export, erasure (logic in leadtui.io) ------------------------------

    def preview_import(self, path: Path, **choices: Any) -> Preview:
        """Sniff a CSV or vCard file: format, encoding, delimiter, mapping, sample rows."""
        from leadtui.io.reader import open_preview

        return open_preview(path, **choices)

    def import_rows(self, preview: Preview, options: ImportOptions,
                    progress: Callable[[int], None] | None = None) -> ImportReport:
        """Import the previewed file in one transaction; a recorded, revertible batch."""
        from leadtui.io.csv_import import import_file

        if self.read_only and not options.dry_run:
            self._refuse_write()
        with self._raw_connection() as conn:
            return import_file(conn, preview, options, self.now(), progress)

    def revert_import(self, batch_id: int) -> dict[str, int]:
        """Undo an import batch exactly (new leads deleted, updated leads restored)."""
        from leadtui.io.batch import revert

        if self.read_only:
            self._refuse_write()
        with self._raw_connection() as conn, immediate_transaction(conn):
            return revert(conn, batch_id, self.now())

    def export_leads(self, target: Path, options: ExportOptions) -> int:
        """Write leads to ``target`` (csv, vcf or json); returns how many."""
        from leadtui.io.export import export_leads

        return export_leads(self._read(), target, self.path, options)

    def forget_lead(self, lead_id: int) -> int:
        """Erase a person for good (no bytes left behind); returns the tombstone id."""
        from leadtui.io.forget import forget_lead

        if self.read_only:
            self._refuse_write()
        if self._engine is not None:
            self._engine.dispose()  # pooled connections must not pin old WAL frames
        return forget_lead(self.path, lead_id, self.now())


def to_db_time(value: datetime | str | None) -> str | None:
    """A timestamp as stored text (strings pass through)."""
    if value is None or isinstance(value, str):
        return value
    return format_db_time(value)
