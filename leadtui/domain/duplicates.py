"""Duplicate candidates: the keys two leads are compared by, the rules, and how sure each is.

Pure Python. A scan never compares all pairs: each lead yields a few *blocking keys*
(:func:`blocking_keys`) and only leads sharing a key are compared by
:func:`compare` (the rules, strongest first). Pairs become clusters
(:func:`clusters`) when one person appears three times.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from leadtui.domain.duplicates_keys import (
    KeyRow,
    blocking_keys,
    company_key,
    email_domain,
    fold,
    name_tokens,
    provider_email_key,
)
from leadtui.i18n import _

__all__ = [
    "Candidate",
    "Cluster",
    "Confidence",
    "KeyRow",
    "blocking_keys",
    "clusters",
    "company_key",
    "compare",
    "fold",
    "provider_email_key",
]

SIMILAR_NAME_SCORE = 85.0
"""rapidfuzz ``token_set_ratio`` from which two names at the same company look alike."""


class Confidence(IntEnum):
    """How sure a candidate is; higher is surer (sorts the view)."""

    POSSIBLE = 1
    PROBABLE = 2
    CERTAIN = 3

    @property
    def label(self) -> str:
        """The word shown to the user."""
        return {
            Confidence.POSSIBLE: _("possible"),
            Confidence.PROBABLE: _("probable"),
            Confidence.CERTAIN: _("certain"),
        }[self]

    @classmethod
    def parse(cls, text: str) -> Confidence:
        """``certain`` / ``probable`` / ``possible`` (any case) as a confidence."""
        return cls[text.strip().upper()]


@dataclass(frozen=True, slots=True)
class Candidate:
    """Two leads that may be one person (``low_id < high_id``), why, and how sure."""

    low_id: int
    high_id: int
    confidence: Confidence
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        """Every reason in one line."""
        return "; ".join(self.reasons)


@dataclass(frozen=True, slots=True)
class Cluster:
    """Leads that are probably one person: ids ascending, the pairs that tie them."""

    lead_ids: tuple[int, ...]
    confidence: Confidence
    pairs: tuple[Candidate, ...]


def _similarity(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.token_set_ratio(" ".join(a), " ".join(b)))


def _shared_place(a: KeyRow, b: KeyRow) -> str | None:
    """Why two leads are at one company, or ``None``."""
    company = company_key(a.company)
    if company and company == company_key(b.company):
        return _("same company {company}").format(company=b.company.strip() or company)
    domain = email_domain(a.email)
    if domain and domain == email_domain(b.email):
        return _("same company domain {domain}").format(domain=domain)
    return None


def compare(a: KeyRow, b: KeyRow) -> Candidate | None:
    """Whether two leads look like one person: why and how sure, or ``None``."""
    if a.id == b.id:
        return None
    reasons: list[str] = []
    confidence: Confidence | None = None

    def found(level: Confidence, reason: str) -> None:
        nonlocal confidence
        reasons.append(reason)
        confidence = level if confidence is None else max(confidence, level)

    names_a, names_b = name_tokens(a), name_tokens(b)
    same_name = bool(names_a) and sorted(names_a) == sorted(names_b)
    two_words = len(names_a) >= 2 and len(names_b) >= 2
    similar = two_words and not same_name and _similarity(names_a, names_b) >= SIMILAR_NAME_SCORE
    mailbox = provider_email_key(a.email)
    if mailbox and mailbox == provider_email_key(b.email):
        same_key = (a.email or "").strip().casefold() == (b.email or "").strip().casefold()
        if same_key:
            found(Confidence.CERTAIN, _("same email {email}").format(email=mailbox))
        else:
            found(
                Confidence.PROBABLE,
                _("same email once provider rules are applied ({email})").format(email=mailbox),
            )
    if a.phone_e164 and a.phone_e164 == b.phone_e164:
        reason = _("same phone {phone}").format(phone=a.phone_e164)
        if same_name:
            level = Confidence.CERTAIN if two_words else Confidence.PROBABLE
            found(level, reason + ", " + _("same name"))
        elif similar or not names_a or not names_b:
            found(Confidence.PROBABLE, reason)
        else:
            # A family or a shared office line: worth a look, never more.
            found(Confidence.POSSIBLE, reason + ", " + _("different names"))
    place = _shared_place(a, b) if two_words and (same_name or similar) else None
    if place is not None:
        if same_name:
            found(Confidence.PROBABLE, _("same name") + ", " + place)
        else:
            found(Confidence.POSSIBLE, _("similar names") + ", " + place)
    if confidence is None:
        return None
    low, high = sorted((a.id, b.id))
    # Many pairs share a reason ("same name, same company Acme"): keep one copy of each.
    return Candidate(low, high, confidence, tuple(sys.intern(reason) for reason in reasons))


def clusters(pairs: Iterable[Candidate]) -> list[Cluster]:
    """Group pairs that share a lead (union-find); surest first, then by the lowest id."""
    parent: dict[int, int] = {}

    def root(item: int) -> int:
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    members: list[Candidate] = list(pairs)
    for pair in members:
        low, high = root(pair.low_id), root(pair.high_id)
        if low != high:
            parent[max(low, high)] = min(low, high)
    groups: dict[int, list[Candidate]] = {}
    for pair in members:
        groups.setdefault(root(pair.low_id), []).append(pair)
    found = []
    for group in groups.values():
        ids = sorted({i for pair in group for i in (pair.low_id, pair.high_id)})
        best = max(pair.confidence for pair in group)
        ordered = sorted(group, key=lambda p: (-p.confidence, p.low_id, p.high_id))
        found.append(Cluster(tuple(ids), best, tuple(ordered)))
    found.sort(key=lambda c: (-c.confidence, c.lead_ids[0]))
    return found
