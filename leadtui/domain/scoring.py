"""Transparent lead scoring: a score and the line-by-line reasons for it.

Pure Python: the facts of one lead (its fields and a summary of its touches) and an
injected ``now`` go in; a :class:`Score` comes out. :class:`RuleSet` prepares the
rules once (word tables, phone prefixes) so a recompute of every lead stays cheap;
:meth:`RuleSet.value` skips the wording the breakdown needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from leadtui.domain.scoring_rules import ScoringRules
from leadtui.i18n import _, ngettext

NOT_TOUCHES = frozenset({"system", "followup"})
"""Activity kinds that are not a touch with the lead (recency and decay ignore them)."""
_WORD = re.compile(r"\w+")
_CACHE_SIZE = 50_000
"""At most this many (campaign, job title) pairs, and email domains, are remembered."""


@dataclass(slots=True)  # not frozen: a recompute builds a million (frozen init costs 2x)
class ScoreFacts:
    """What a lead's score depends on."""

    source: str = ""
    campaign: str = ""
    job_title: str = ""
    company: str = ""
    email: str | None = None
    phone_e164: str | None = None
    created_at: datetime | None = None
    touches: Mapping[str, int] = field(default_factory=dict)
    """How many activities of each kind."""
    last_touch_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ScoreLine:
    """One reason: its points and what it is (``source: webinar``)."""

    points: int
    text: str

    def __str__(self) -> str:
        sign = "+" if self.points >= 0 else "−"  # a real minus sign, as the breakdown shows
        return f"{sign}{abs(self.points)} {self.text}"


@dataclass(frozen=True, slots=True)
class Score:
    """A computed score, its reasons in order, and whether it reaches the MQL threshold."""

    value: int
    lines: tuple[ScoreLine, ...]
    qualified: bool


def touch_summary(
    rows: Iterable[tuple[str, int, datetime | None]],
) -> tuple[dict[str, int], datetime | None]:
    """Counts per kind and the last touch, from ``(kind, count, latest)`` rows of one lead."""
    counts: dict[str, int] = {}
    last: datetime | None = None
    for kind, count, latest in rows:
        counts[kind] = counts.get(kind, 0) + int(count)
        if kind not in NOT_TOUCHES and latest is not None and (last is None or latest > last):
            last = latest
    return counts, last


def _kind_label(kind: str) -> str:
    labels = {
        "call": _("calls"),
        "email": _("emails"),
        "meeting": _("meetings"),
        "form": _("form fills"),
        "reply": _("replies"),
        "note": _("notes"),
    }
    return labels.get(kind, kind)


def _country_codes(countries: Mapping[str, int]) -> dict[str, tuple[str, int]]:
    import phonenumbers

    found: dict[str, tuple[str, int]] = {}
    for iso, points in countries.items():
        code = phonenumbers.country_code_for_region(iso)
        if code:
            found.setdefault(str(code), (iso, points))
    return found


class RuleSet:
    """Rules made ready to score many leads (build it once per rules)."""

    def __init__(self, rules: ScoringRules) -> None:
        self.rules = rules
        self._codes = _country_codes(rules.countries) if rules.countries else {}
        # Campaigns, job titles and email domains repeat across leads: a recompute of a
        # million leads finds each one's points once (bounded, so memory stays small).
        self._word_cache: dict[tuple[str, str], list[tuple[int, str, object]]] = {}
        self._domain_cache: dict[str, list[tuple[int, str, object]]] = {}
        self._touches = tuple((kind, weight) for kind, weight in rules.touches.items() if weight)

    def _best_word(self, text: str, weights: Mapping[str, int]) -> tuple[int, str] | None:
        if not text or not weights:
            return None
        best: tuple[int, str] | None = None
        for word in _WORD.findall(text.lower()):
            points = weights.get(word)
            if points is not None and (best is None or points > best[0]):
                best = (points, word)
        return best

    def _words(self, campaign: str, job_title: str) -> list[tuple[int, str, object]]:
        """The campaign and job-title parts (cached per pair)."""
        key = (campaign, job_title)
        found = self._word_cache.get(key)
        if found is None:
            found = []
            for kind, words, text in (
                ("campaign", self.rules.campaign_words, campaign),
                ("job_title", self.rules.title_words, job_title),
            ):
                best = self._best_word(text, words)
                if best is not None:
                    found.append((best[0], kind, best[1]))
            if len(self._word_cache) >= _CACHE_SIZE:
                self._word_cache.clear()
            self._word_cache[key] = found
        return found

    def _domain(self, email: str) -> list[tuple[int, str, object]]:
        """The email-domain parts of an address with an ``@`` (cached per domain)."""
        raw = email.rsplit("@", 1)[1]
        found = self._domain_cache.get(raw)
        if found is None:
            rules, domain = self.rules, raw.strip().lower()
            found = []
            if domain in rules.email_domains:
                found.append((rules.email_domains[domain], "domain", domain))
            if rules.free_mail and domain in rules.free_mail_domains:
                found.append((rules.free_mail, "free_mail", domain))
            if len(self._domain_cache) >= _CACHE_SIZE:
                self._domain_cache.clear()
            self._domain_cache[raw] = found
        return found

    def _parts(self, facts: ScoreFacts, now: datetime) -> list[tuple[int, str, object]]:
        rules = self.rules
        parts: list[tuple[int, str, object]] = []
        if facts.source in rules.sources:
            parts.append((rules.sources[facts.source], "source", facts.source))
        if facts.campaign or facts.job_title:
            parts.extend(self._words(facts.campaign, facts.job_title))
        if rules.company_given and facts.company.strip():
            parts.append((rules.company_given, "company", None))
        if facts.email and "@" in facts.email:
            parts.extend(self._domain(facts.email))
        if self._codes and facts.phone_e164:
            digits = facts.phone_e164.lstrip("+")
            for size in (1, 2, 3):
                if digits[:size] in self._codes:
                    iso, points = self._codes[digits[:size]]
                    parts.append((points, "country", iso))
                    break
        for kind, weight in self._touches:
            count = facts.touches.get(kind, 0)
            if count:
                points = count * weight
                if rules.max_per_kind and weight > 0:
                    points = min(points, rules.max_per_kind)
                parts.append((points, "touch", (kind, count)))
        last = facts.last_touch_at
        recent = rules.recent_days * 86400
        if last is not None and rules.recent_points and (now - last).total_seconds() < recent:
            parts.append((rules.recent_points, "recent", rules.recent_days))
        since = last or facts.created_at
        if since is not None and rules.decay_per_week:
            weeks = max(0, (now - since).days // 7)
            lost = weeks * rules.decay_per_week
            if rules.decay_max:
                lost = min(lost, rules.decay_max)
            if lost:
                parts.append((-lost, "decay", weeks))
        return parts

    def _clamp(self, total: int) -> int:
        return max(self.rules.minimum, min(self.rules.maximum, total))

    def value(self, facts: ScoreFacts, now: datetime) -> int:
        """The score alone (what a recompute stores)."""
        return self._clamp(sum(points for points, _kind, _arg in self._parts(facts, now)))

    def explain(self, facts: ScoreFacts, now: datetime) -> Score:
        """The score with its breakdown, worded in the current language."""
        lines = [
            ScoreLine(points, _describe(kind, arg)) for points, kind, arg in self._parts(facts, now)
        ]
        total = sum(line.points for line in lines)
        value = self._clamp(total)
        if value != total:
            wording = _("kept within {low}–{high}")
            low, high = self.rules.minimum, self.rules.maximum
            lines.append(ScoreLine(value - total, wording.format(low=low, high=high)))
        return Score(value, tuple(lines), value >= self.rules.threshold)

    def qualified(self, value: int | None) -> bool:
        """True when ``value`` reaches the MQL threshold."""
        return value is not None and value >= self.rules.threshold


def _describe(kind: str, arg: object) -> str:
    if kind == "source":
        # Looked up when worded: the labels follow the language in use.
        from leadtui.domain.sources import source_label

        return _("source: {value}").format(value=source_label(str(arg)))
    if kind == "campaign":
        return _("campaign: {value}").format(value=arg)
    if kind == "job_title":
        return _("job title: {value}").format(value=arg)
    if kind == "company":
        return _("company given")
    if kind == "domain":
        return _("email domain: {value}").format(value=arg)
    if kind == "free_mail":
        return _("free-mail address: {value}").format(value=arg)
    if kind == "country":
        return _("country: {value}").format(value=arg)
    if kind == "touch" and isinstance(arg, tuple):
        return f"{_kind_label(str(arg[0]))}: {arg[1]}"
    if kind == "recent":
        days = int(str(arg))
        return ngettext("touched in the last day", "touched in the last {n} days", days).format(
            n=days
        )
    weeks = int(str(arg))
    return ngettext("no touch for {n} week", "no touch for {n} weeks", weeks).format(n=weeks)
