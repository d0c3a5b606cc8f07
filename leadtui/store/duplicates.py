"""DuplicatesService: find candidate pairs (whole database or one lead) and remember "not one".

The full scan blocks, never compares all pairs: pass one streams live leads in id
pages and packs each blocking key's 31-bit hash with the lead id into one 64-bit
integer, spread over 256 compact arrays by the hash's top bits (16 bytes a key at
most, whatever the size); each array is then sorted alone, and only ids that share
a hash are read back and compared by the rules (:func:`leadtui.domain.duplicates.compare`).
A hash collision costs one comparison, never a wrong pair.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from leadtui.domain.duplicates import (
    Candidate,
    Cluster,
    Confidence,
    KeyRow,
    blocking_keys,
    clusters,
    compare,
    fold,
    provider_email_key,
)
from leadtui.domain.errors import NotFoundError
from leadtui.domain.rows import LeadFilter, LeadInput
from leadtui.domain.sanitize import sanitize
from leadtui.domain.validation import ValidationError
from leadtui.i18n import _
from leadtui.store.context import StoreContext, unit_of_work

PAGE = 5000
BLOCK_CAP = 200
"""A block larger than this (a very common name at a very large company) is skipped."""
NEIGHBOURS = 50
"""At most this many leads per look-up when checking one lead."""
_BUCKETS = 256
_HASH_MASK = 0x7FFFFFFF

Progress = Callable[[int, int], None]
"""Called with (leads read, live leads) as a scan goes."""


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What a scan found: clusters surest first, and how much it looked at."""

    clusters: tuple[Cluster, ...]
    scanned: int
    skipped_blocks: int


class DuplicatesService:
    """Reads through the backend's key rows; writes the not-a-duplicate pairs (ORM)."""

    def __init__(self, context: StoreContext) -> None:
        self.context = context
        self.backend = context.backend

    # -- the whole database -------------------------------------------------------

    def scan(
        self, minimum: Confidence | None = None, progress: Progress | None = None
    ) -> ScanResult:
        """Every cluster of candidates at ``minimum`` (default: possible) or surer, not marked
        "not one" (blocking keys; run it in a worker)."""
        return sanitize(self._scan(minimum or Confidence.POSSIBLE, progress))

    def _scan(self, minimum: Confidence, progress: Progress | None) -> ScanResult:
        total = self.backend.count(LeadFilter(), self.context.now()).total
        buckets = [array("q") for _ in range(_BUCKETS)]
        scanned, after = 0, 0
        while rows := self.backend.key_rows_after(after, PAGE):
            for row in rows:
                for key in blocking_keys(row):
                    hashed = hash(key) & _HASH_MASK
                    buckets[hashed >> 23].append((hashed << 32) | row.id)
            scanned += len(rows)
            after = rows[-1].id
            if progress is not None:
                progress(scanned, total)
        # Only the pairs found are remembered (a pair compared twice costs a comparison):
        # memory follows the result, not the number of comparisons.
        pairs: dict[tuple[int, int], Candidate] = {}
        refused = self.not_duplicates()
        skipped = 0
        for index in range(_BUCKETS):
            # One bucket at a time: only its blocks and their rows are ever in memory.
            blocks, too_big = _blocks(buckets[index])
            buckets[index] = array("q")
            skipped += too_big
            wanted = sorted({lead_id for block in blocks for lead_id in block})
            rows_by_id = {row.id: row for row in self.backend.key_rows(wanted)}
            self._compare_blocks(blocks, rows_by_id, minimum, pairs, refused)
        return ScanResult(tuple(clusters(pairs.values())), scanned, skipped)

    @staticmethod
    def _compare_blocks(
        blocks: Iterable[list[int]],
        rows: dict[int, KeyRow],
        minimum: Confidence,
        found: dict[tuple[int, int], Candidate],
        refused: set[tuple[int, int]],
    ) -> None:
        for block in blocks:
            present = [rows[lead_id] for lead_id in block if lead_id in rows]
            for i, first in enumerate(present):
                for second in present[i + 1 :]:
                    pair = (min(first.id, second.id), max(first.id, second.id))
                    if pair in found or pair in refused:
                        continue
                    candidate = compare(first, second)
                    if candidate is not None and candidate.confidence >= minimum:
                        found[pair] = candidate

    # -- one lead -----------------------------------------------------------------

    def candidates_for(self, lead_id: int) -> list[Candidate]:
        """The candidates of one lead (phone index and name/email search), surest first."""
        rows = self.backend.key_rows([lead_id])
        return sanitize(self._against_neighbours(rows[0])) if rows else []

    def check_input(self, data: LeadInput, own_id: int | None = None) -> list[Candidate]:
        """Probable or certain duplicates of a lead being typed (the form, ``leadtui add``)."""
        from leadtui.domain.errors import LeadtuiError
        from leadtui.domain.validation import normalize_phone

        try:
            phone = normalize_phone(data.phone)[1] if data.phone else None
        except (ValueError, LeadtuiError):
            phone = None
        row = KeyRow(own_id or 0, data.first_name, data.last_name, data.email, phone, data.company)
        return sanitize(
            [
                candidate
                for candidate in self._against_neighbours(row)
                if candidate.confidence >= Confidence.PROBABLE
            ]
        )

    def _against_neighbours(self, row: KeyRow) -> list[Candidate]:
        ids: set[int] = set()
        if row.phone_e164:
            ids |= {
                other.id for other in self.backend.key_rows_by_phone(row.phone_e164, NEIGHBOURS)
            }
        first, last = fold(row.first_name).split()[:1], fold(row.last_name).split()[:1]
        terms = [" ".join(first + last)]
        mailbox = provider_email_key(row.email)
        if mailbox:
            terms.append(fold(mailbox.split("@")[0]))
        for term in terms:
            if len(term) >= 2:
                ids |= set(self.backend.search_ids(term, NEIGHBOURS))
        ids.discard(row.id)
        # Only this lead's answers: reading every pair cost more than the whole check.
        refused = self.backend.not_duplicates_of(row.id) if ids and row.id else set()
        found = []
        for other in self.backend.key_rows(sorted(ids)):
            candidate = compare(row, other)
            pair = (min(row.id, other.id), max(row.id, other.id))
            if candidate is not None and pair not in refused:
                found.append(candidate)
        found.sort(key=lambda c: (-c.confidence, c.low_id, c.high_id))
        return found

    # -- "not a duplicate" ----------------------------------------------------------

    def not_duplicates(self) -> set[tuple[int, int]]:
        """Every pair a user said is two people, as ``(low_id, high_id)``."""
        from sqlmodel import select

        from leadtui.storage.models import NotDuplicate

        with self.backend.read_session() as session:
            rows = session.exec(select(NotDuplicate.low_id, NotDuplicate.high_id)).all()
            return {(int(low), int(high)) for low, high in rows}

    @unit_of_work
    def mark_not_duplicate(self, first_id: int, second_id: int) -> bool:
        """Remember that two leads are different people; ``False`` if already remembered."""
        from leadtui.storage.models import Lead, NotDuplicate

        low, high = sorted((first_id, second_id))
        if low == high:
            raise ValidationError("lead", _("A lead is always the same person as itself."))
        with self.backend.session() as session:
            for lead_id in (low, high):
                if session.get(Lead, lead_id) is None:
                    raise NotFoundError(_("No lead with id {id}.").format(id=lead_id))
            if session.get(NotDuplicate, (low, high)) is not None:
                return False
            session.add(NotDuplicate(low_id=low, high_id=high, at=self.context.now()))
            return True

    @unit_of_work
    def unmark_not_duplicate(self, first_id: int, second_id: int) -> None:
        """Forget a "not a duplicate" answer (its undo)."""
        from leadtui.storage.models import NotDuplicate

        low, high = sorted((first_id, second_id))
        with self.backend.session() as session:
            found = session.get(NotDuplicate, (low, high))
            if found is not None:
                session.delete(found)


def _blocks(bucket: array[int]) -> tuple[list[list[int]], int]:
    """Ids sharing a hash (two or more, at most :data:`BLOCK_CAP`), and how many were too big."""
    blocks: list[list[int]] = []
    skipped = 0
    values = sorted(bucket)
    start = 0
    while start < len(values):
        hashed = values[start] >> 32
        end = start + 1
        while end < len(values) and values[end] >> 32 == hashed:
            end += 1
        size = end - start
        if size > BLOCK_CAP:
            skipped += 1
        elif size > 1:
            blocks.append(sorted({value & 0xFFFFFFFF for value in values[start:end]}))
        start = end
    return blocks, skipped
