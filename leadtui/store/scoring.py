"""ScoringService (``store.scoring``): explain, pin and recompute lead scores; the rules.

A lead's ``score`` column holds its effective score: the computed one, or the one a
user typed (``score_pinned``), so the list's sort, the ``score>40`` filter and its
index read one column. Writes keep it current (:mod:`leadtui.store.score_keeper`);
:meth:`ScoringService.recompute` redoes every lead after the rules change, in short
transactions of :data:`BATCH` leads so other writes go on meanwhile. Time alone moves a
score too (decay, recency): :meth:`ScoringService.rescore_decayed`, once a day, rescores
only the leads whose decay or recency changed since the last pass or recompute.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from leadtui.domain.errors import NotFoundError
from leadtui.domain.scoring import Score
from leadtui.domain.validation import ValidationError
from leadtui.i18n import _
from leadtui.store import orm_steps
from leadtui.store.context import StoreContext, unit_of_work
from leadtui.store.score_keeper import ScoreKeeper, new_scores

if TYPE_CHECKING:
    from leadtui.storage.score_facts import Driver

BATCH = 2000
"""Leads per recompute transaction (each holds the write lock for well under 0.1 s)."""

DECAY_EVERY = timedelta(days=1)
"""How often :meth:`ScoringService.rescore_decayed` runs (it skips when run sooner)."""

RecomputeProgress = Callable[[int, int], None]
"""Called with (leads done, leads in all) after each batch."""


@dataclass(frozen=True, slots=True)
class ScoreReport:
    """A lead's stored score, whether it is pinned, and what the rules give now."""

    lead_id: int
    score: int | None
    pinned: bool
    computed: Score
    threshold: int

    @property
    def qualified(self) -> bool:
        """True when the score in effect reaches the MQL threshold."""
        return self.score is not None and self.score >= self.threshold


class ScoringService:
    """The scoring rules in use, and the scores of leads."""

    def __init__(self, context: StoreContext) -> None:
        self.context = context
        self.backend = context.backend
        self.keeper: ScoreKeeper = context.scores

    # -- the rules ------------------------------------------------------------------

    @property
    def rules_path(self) -> Path:
        """The rules file (in the user's config folder unless the store was given one)."""
        return self.keeper.path

    @property
    def rules_error(self) -> str | None:
        """Why the rules file was refused (one line), or ``None`` when it is fine."""
        self.keeper.ruleset  # noqa: B018 -- reads the file on first use
        return self.keeper.error

    def rules_text(self) -> str:
        """The rules file's text (a bad file's too, to show where it is wrong)."""
        if self.rules_error is None:
            return self.keeper.text
        from leadtui.io.scoring_file import file_text

        return file_text(self.rules_path)

    @property
    def threshold(self) -> int:
        """The MQL threshold of the rules in use."""
        return self.keeper.ruleset.rules.threshold

    def init_rules_file(self, *, overwrite: bool = False) -> bool:
        """Write the commented default rules file unless one exists; True if written."""
        from leadtui.io.scoring_file import ensure_rules_file

        return ensure_rules_file(self.rules_path, overwrite=overwrite)

    def reload_rules(self) -> bool:
        """Read the rules file again; True when they changed (``RulesError`` if bad)."""
        return self.keeper.reload()

    def save_weights(self, changes: Mapping[str, int]) -> bool:
        """Write changed weights (``{"fit.source.event": 20}``) into the rules file, reload.

        Only the numbers change: the file's comments and layout stay. ``RulesError``
        (and nothing written) when the file is bad or the new rules are refused.
        Returns True when the rules in use changed; the caller then recomputes.
        """
        from leadtui.domain.scoring_edit import edited_text
        from leadtui.domain.scoring_rules import RulesError
        from leadtui.io.scoring_file import write_rules_text

        self.reload_rules()  # an edit made elsewhere since: raises if it broke the file
        new = edited_text(self.keeper.text, self.keeper.ruleset.rules, changes)
        try:
            write_rules_text(self.rules_path, new)
        except OSError as error:
            raise RulesError(
                _("Cannot write {path}: {reason}").format(path=self.rules_path, reason=error)
            ) from None
        return self.reload_rules()

    # -- one lead -------------------------------------------------------------------

    def explain(self, lead_id: int) -> ScoreReport:
        """The breakdown of a lead's score under the rules in use, now."""
        from leadtui.storage.score_facts import Driver, read_facts

        with self.backend.read_session() as session:
            found = read_facts(Driver.of_session(session), [lead_id])
        if not found:
            raise NotFoundError(_("No lead with id {id}.").format(id=lead_id))
        _id, facts, score, pinned = found[0]
        ruleset = self.keeper.ruleset
        computed = ruleset.explain(facts, self.context.now())
        return ScoreReport(lead_id, score, pinned, computed, ruleset.rules.threshold)

    @unit_of_work
    def pin(self, lead_id: int, value: int) -> None:
        """Set a lead's score by hand; it stays until :meth:`unpin`."""
        if not 0 <= value <= 100:
            raise ValidationError("score", _("The score goes from 0 to 100."))
        with self.backend.session() as session:
            lead = orm_steps.lead_for_write(session, lead_id, None)
            lead.score, lead.score_pinned = value, True
            orm_steps.touch(lead, self.context.now())
            session.add(lead)

    @unit_of_work
    def unpin(self, lead_id: int) -> int | None:
        """Let the rules score a lead again; returns its new score."""
        now = self.context.now()
        with self.backend.session() as session:
            lead = orm_steps.lead_for_write(session, lead_id, None)
            lead.score_pinned = False
            orm_steps.touch(lead, now)
            session.add(lead)
            session.flush()
            self.keeper.rescore(session, [lead_id], now)
            return lead.score

    # -- many leads -----------------------------------------------------------------

    @unit_of_work
    def rescore_since(
        self, batch_id: int | None, at: datetime, *, new_leads: list[int] | None = None
    ) -> None:
        """Rescore the leads an import wrote (its batch, and leads updated at ``at``).

        ``new_leads`` given: the batch's new leads were written with their scores, and
        only these of them changed afterwards. On the backend's raw connection: a
        command-line import loads no ORM.
        """
        from leadtui.domain.timefmt import format_db_time
        from leadtui.storage.score_facts import touched_since

        with self.backend.transaction() as conn:
            driver = _raw_driver(conn)
            stamp = format_db_time(at)
            touched = touched_since(driver, batch_id, stamp, new_too=new_leads is None)
            self.keeper.rescore_on(driver, [*touched, *(new_leads or ())], at)

    @unit_of_work
    def rescore_decayed(
        self, progress: RecomputeProgress | None = None, *, force: bool = False
    ) -> int | None:
        """Rescore the leads whose decay or recency changed since the last pass (or full
        recompute); returns how many changed, ``None`` when one ran less than
        :data:`DECAY_EVERY` ago (``force``: run anyway). Never recorded: a full recompute."""
        from leadtui.domain.score_decay import changed_ranges
        from leadtui.domain.scoring import NOT_TOUCHES
        from leadtui.storage.score_decay_sql import read_mark, since_in, write_mark

        self.context.refuse_if_read_only()
        now = self.context.now()
        with self.backend.transaction() as conn:
            mark = read_mark(_raw_driver(conn))
        if mark is None:
            return self.recompute(progress)
        if now < mark + DECAY_EVERY and not force:
            return None
        ranges = changed_ranges(self.keeper.ruleset.rules, mark, now)
        with self.backend.transaction() as conn:
            ids = since_in(_raw_driver(conn), ranges, NOT_TOUCHES)
        changed = 0
        for start in range(0, len(ids), BATCH):
            with self.backend.transaction() as conn:
                changed += len(
                    self.keeper.rescore_on(_raw_driver(conn), ids[start : start + BATCH], now)
                )
            if progress is not None:
                progress(min(start + BATCH, len(ids)), len(ids))
        with self.backend.transaction() as conn:
            write_mark(_raw_driver(conn), now)
        return changed

    @unit_of_work
    def recompute(self, progress: RecomputeProgress | None = None, *, after: int = 0) -> int:
        """Score every lead (with an id above ``after``) again; returns how many changed.

        On the backend's raw connections, one short transaction per :data:`BATCH` leads:
        the ORM's session and statement machinery cost a sixth of a million-lead run.
        """
        from leadtui.storage.score_facts import count_after, read_facts, write_scores

        self.context.refuse_if_read_only()
        every_lead = after == 0
        with self.backend.transaction() as conn:
            total = count_after(_raw_driver(conn), after)
        ruleset = self.keeper.ruleset
        now = self.context.now()
        done = changed = 0
        while True:
            with self.backend.transaction() as conn:
                driver = _raw_driver(conn)
                rows = read_facts(driver, after=after, limit=BATCH)
                if not rows:
                    break
                new = new_scores(ruleset, rows, now)
                write_scores(driver, new)
            after = rows[-1][0]
            done, changed = done + len(rows), changed + len(new)
            if progress is not None:
                progress(min(done, total), max(total, done))
        if every_lead:  # every score is current as of ``now``: the daily pass starts there
            from leadtui.storage.score_decay_sql import write_mark

            with self.backend.transaction() as conn:
                write_mark(_raw_driver(conn), now)
        return changed


def _raw_driver(conn: object) -> Driver:
    """A raw connection of the backend's as a scoring driver (its placeholder mark)."""
    from leadtui.storage.score_facts import Driver

    return Driver(conn, "?" if type(conn).__module__ == "sqlite3" else "%s")
