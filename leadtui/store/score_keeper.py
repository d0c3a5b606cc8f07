"""Keeps ``lead.score`` equal to what the rules give, inside the writes that change it.

Every store write that changes what a score depends on (an edit, a touch logged or
taken back, a merge, an import) calls :meth:`ScoreKeeper.rescore` in its own ORM
session, so the new score commits with the change (one query for the fields, one for
the touches, one update; :mod:`leadtui.storage.score_facts`). A pinned lead (a score
typed by hand) is left alone.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlmodel import Session

    from leadtui.domain.scoring import RuleSet
    from leadtui.io.scoring_file import RulesFile
    from leadtui.storage.score_facts import Driver, FactsRow


CHUNK = 500
"""Leads per ``IN (...)`` list (well under every driver's parameter limit)."""


class ScoreKeeper:
    """The rules in use (read from the rules file on first use) and the in-write rescore."""

    def __init__(self, rules_path: Path | None = None) -> None:
        self._path = rules_path
        self._lock = threading.Lock()
        self._ruleset: RuleSet | None = None
        self._file: RulesFile | None = None
        self.error: str | None = None
        """The rules file's problem, one line, when the last read refused it (else ``None``)."""

    @property
    def path(self) -> Path:
        """The rules file this store reads."""
        if self._path is None:
            from leadtui.paths import scoring_rules_path

            self._path = scoring_rules_path()
        return self._path

    @property
    def ruleset(self) -> RuleSet:
        """The rules in use: the file's, or the last good ones while the file is bad."""
        with self._lock:
            if self._ruleset is None:
                self._load()
            assert self._ruleset is not None
            return self._ruleset

    @property
    def fingerprint(self) -> str:
        """A short hash of the rules text in use (changes when the file is edited)."""
        self.ruleset  # noqa: B018 -- loads the file on first use
        return self._file.fingerprint if self._file is not None else ""

    @property
    def text(self) -> str:
        """The rules file's text in use (the default file when there is none)."""
        self.ruleset  # noqa: B018
        return self._file.text if self._file is not None else ""

    def _load(self) -> None:
        # The rules are imported with the first score read, not with every store.
        from leadtui.domain.scoring import RuleSet
        from leadtui.domain.scoring_rules import DEFAULT_RULES, RulesError
        from leadtui.io.scoring_file import read_rules_file

        try:
            self._file = read_rules_file(self.path)
        except RulesError as error:
            self.error = str(error)
            if self._ruleset is None:
                self._ruleset = RuleSet(DEFAULT_RULES)
            return
        self.error = None
        self._ruleset = RuleSet(self._file.rules)

    def reload(self) -> bool:
        """Read the rules file again; True if the rules in use changed (RulesError if bad)."""
        with self._lock:
            before = self._file.fingerprint if self._file is not None else None
            self._load()
            if self.error is not None:
                from leadtui.domain.scoring_rules import RulesError

                raise RulesError(self.error)
            assert self._file is not None
            return self._file.fingerprint != before

    # -- in a write -------------------------------------------------------------------

    def rescore(self, session: Session, lead_ids: Iterable[int | None], now: datetime) -> None:
        """Store the computed score of each unpinned lead of ``lead_ids`` (same session)."""
        from leadtui.storage.score_facts import Driver

        changed = self.rescore_on(Driver.of_session(session), lead_ids, now)
        sync_loaded(session, changed)

    def rescore_on(
        self, driver: Driver, lead_ids: Iterable[int | None], now: datetime
    ) -> list[tuple[int, int]]:
        """Like :meth:`rescore` on a driver connection; returns the (id, score) stored."""
        from leadtui.storage import score_facts

        ids = sorted({lead_id for lead_id in lead_ids if lead_id is not None})
        changed: list[tuple[int, int]] = []
        ruleset = self.ruleset
        for start in range(0, len(ids), CHUNK):
            rows = score_facts.read_facts(driver, ids[start : start + CHUNK])
            changed += new_scores(ruleset, rows, now)
        score_facts.write_scores(driver, changed)
        return changed


def new_scores(ruleset: RuleSet, rows: Iterable[FactsRow], now: datetime) -> list[tuple[int, int]]:
    """The (id, score) of each unpinned lead whose computed score differs from the stored one."""
    return [
        (lead_id, value)
        for lead_id, facts, score, pinned in rows
        if not pinned and (value := ruleset.value(facts, now)) != score
    ]


def sync_loaded(session: Session, changed: Sequence[tuple[int, int]]) -> None:
    """Leads loaded in ``session`` see the scores just stored (no reload, no flush)."""
    if not changed:
        return
    from sqlalchemy.orm.attributes import set_committed_value

    from leadtui.storage.models import Lead

    for lead_id, value in changed:
        loaded = session.identity_map.get(session.identity_key(Lead, lead_id))
        if loaded is not None:
            set_committed_value(loaded, "score", value)
