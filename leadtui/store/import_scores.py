"""Scores of new leads computed before an import writes them, inside its transaction.

Rescoring the new leads after the load read each one back and updated it (on
PostgreSQL 100k single-row ``UPDATE``s, each rewriting every index of the row: 24 s
of a 45 s import of 100k rows). The importer's row already holds every fact a new
lead's score depends on, so the score goes in with the row; only leads changed after
they were written (an existing lead updated, a new one updated by a later duplicate)
are rescored afterwards (:meth:`leadtui.store.scoring.ScoringService.rescore_since`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from leadtui.domain.scoring import RuleSet, ScoreFacts, touch_summary
from leadtui.domain.timefmt import format_db_time
from leadtui.storage.columns import LEAD

_FIELDS = ("source", "campaign", "job_title", "company", "email", "phone_e164")
"""The lead columns of :class:`ScoreFacts`, in its order."""
_DEFAULTS = {column.name: column.default for column in LEAD.columns}
_KNOWN = 10_000
"""Distinct score keys remembered (memory stays flat on a file of all-different rows)."""


def _stored_time(value: datetime | str) -> datetime:
    """The time as the database gives it back (UTC, whole seconds): what a rescore reads."""
    text = value if isinstance(value, str) else format_db_time(value)
    return datetime.fromisoformat(text[:19]).replace(tzinfo=UTC)


def _fields(row: dict[str, Any]) -> tuple[str, str, str, str, str | None, str | None]:
    """The lead columns a score reads, as the new lead will store them."""
    values: list[Any] = [row.get(name, _DEFAULTS[name]) for name in _FIELDS]
    source, campaign, title, company, email, phone = values
    return source, campaign, title, company, email, phone


class RowScorer:
    """Sets ``score`` on each new lead's bulk row whose score is not pinned."""

    def __init__(self, ruleset: RuleSet, now: datetime) -> None:
        self.ruleset = ruleset
        self.now = now
        self.stamp = _stored_time(now)
        self.known: dict[tuple[object, ...], int] = {}

    def __call__(self, rows: list[dict[str, Any]]) -> None:
        """Score ``rows`` in place (the bulk rows :func:`leadtui.io.row_outcome.lead_row` made)."""
        key_of, known = self.ruleset.key_of, self.known
        for row in rows:
            if row.get("score_pinned"):
                continue
            get = row.get
            if get("activities"):
                facts = self._facts(row)
                key = self.ruleset.value_key(facts)
            else:  # the common row: its key from its fields, facts only when first seen
                facts = None
                source, campaign, title, company, email, phone = _fields(row)
                key = key_of(
                    source, campaign, title, company, email, phone, {}, None, get("created_at")
                )
            score = known.get(key)
            if score is None:
                if len(known) >= _KNOWN:
                    known.clear()
                facts = facts or self._facts(row)
                score = known[key] = self.ruleset.value(facts, self.now)
            row["score"] = score

    def _facts(self, row: dict[str, Any]) -> ScoreFacts:
        """What the score of the new lead of ``row`` depends on, as a rescore would read it."""
        get = row.get
        created = get("created_at")
        touches: list[tuple[str, int, datetime | None]] = [
            (kind, 1, _stored_time(at)) for kind, at, _body in get("activities") or ()
        ]
        counts, last = touch_summary(touches)
        source, campaign, title, company, email, phone = _fields(row)
        return ScoreFacts(
            source,
            campaign,
            title,
            company,
            email,
            phone,
            created_at=self.stamp if created is None else _stored_time(created),
            touches=counts,
            last_touch_at=last,
        )
