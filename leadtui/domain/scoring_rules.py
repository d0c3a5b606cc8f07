"""Lead scoring rules: their shape and reading a TOML text (the default file: scoring_defaults).

Pure Python (``tomllib`` on a string, no file I/O): :mod:`leadtui.io.scoring_file`
reads and writes the file in the user's config folder. A bad file is refused with
:class:`RulesError`, one line saying where (``fit.source.event: a whole number``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from leadtui.domain.errors import LeadtuiError
from leadtui.domain.scoring_defaults import DEFAULT_RULES_TOML as DEFAULT_RULES_TOML
from leadtui.i18n import _


class RulesError(LeadtuiError):
    """The rules file cannot be used; its message is one line naming the place."""


@dataclass(frozen=True, slots=True)
class ScoringRules:
    """Every weight the score uses (see :data:`DEFAULT_RULES_TOML` for their meaning)."""

    threshold: int = 60
    company_given: int = 0
    free_mail: int = 0
    free_mail_domains: frozenset[str] = frozenset()
    sources: Mapping[str, int] = field(default_factory=dict)
    campaign_words: Mapping[str, int] = field(default_factory=dict)
    title_words: Mapping[str, int] = field(default_factory=dict)
    email_domains: Mapping[str, int] = field(default_factory=dict)
    countries: Mapping[str, int] = field(default_factory=dict)
    touches: Mapping[str, int] = field(default_factory=dict)
    max_per_kind: int = 0
    recent_days: int = 0
    recent_points: int = 0
    decay_per_week: int = 0
    decay_max: int = 0
    minimum: int = 0
    maximum: int = 100


_SECTIONS: dict[str, frozenset[str]] = {
    "qualified": frozenset({"threshold"}),
    "fit": frozenset(
        {"company_given", "free_mail", "free_mail_domains", "source", "campaign", "job_title"}
        | {"email_domain", "country"}
    ),
    "behaviour": frozenset({"max_per_kind", "recent_days", "recent_points"}),
    "decay": frozenset({"points_per_week", "max_points"}),
    "caps": frozenset({"min", "max"}),
}
_POINTS_LIMIT = 1000


def _int(value: object, where: str, *, low: int = -_POINTS_LIMIT, high: int = _POINTS_LIMIT) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RulesError(_("{where}: a whole number is needed.").format(where=where))
    if not low <= value <= high:
        raise RulesError(
            _("{where}: {value} is out of range ({low} to {high}).").format(
                where=where, value=value, low=low, high=high
            )
        )
    return value


def _table(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RulesError(_("{where}: a table ([{where}]) is needed.").format(where=where))
    return value


def _weights(value: object, where: str, *, upper: bool = False) -> dict[str, int]:
    table = _table(value, where)
    found: dict[str, int] = {}
    for key, points in table.items():
        name = key.strip().upper() if upper else key.strip().lower()
        found[name] = _int(points, f"{where}.{key}")
    return found


def parse_rules(text: str) -> ScoringRules:
    """The rules a TOML text gives; what it leaves out counts as 0 (caps: 0–100)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RulesError(_("Not valid TOML: {reason}").format(reason=error)) from None
    for section, value in raw.items():
        if section not in _SECTIONS:
            raise RulesError(_("Unknown section [{name}].").format(name=section))
        allowed = _SECTIONS[section]
        for key, item in _table(value, section).items():
            if section == "behaviour" and key not in allowed:
                _int(item, f"behaviour.{key}")  # a kind of touch: any name, a number
            elif key not in allowed:
                raise RulesError(_("Unknown setting {name}.").format(name=f"{section}.{key}"))
    fit = _table(raw.get("fit", {}), "fit")
    behaviour = _table(raw.get("behaviour", {}), "behaviour")
    decay = _table(raw.get("decay", {}), "decay")
    caps = _table(raw.get("caps", {}), "caps")
    domains = fit.get("free_mail_domains", [])
    if not isinstance(domains, list) or not all(isinstance(d, str) for d in domains):
        raise RulesError(_("fit.free_mail_domains: a list of domains is needed."))
    settings = {"max_per_kind", "recent_days", "recent_points"}
    minimum = _int(caps.get("min", 0), "caps.min", low=0, high=100)
    maximum = _int(caps.get("max", 100), "caps.max", low=0, high=100)
    if minimum > maximum:
        raise RulesError(_("caps.min is above caps.max."))
    return ScoringRules(
        threshold=_int(
            _table(raw.get("qualified", {}), "qualified").get("threshold", 60),
            "qualified.threshold",
            low=0,
            high=100,
        ),
        company_given=_int(fit.get("company_given", 0), "fit.company_given"),
        free_mail=_int(fit.get("free_mail", 0), "fit.free_mail"),
        free_mail_domains=frozenset(d.strip().lower() for d in domains),
        sources=_weights(fit.get("source", {}), "fit.source"),
        campaign_words=_weights(fit.get("campaign", {}), "fit.campaign"),
        title_words=_weights(fit.get("job_title", {}), "fit.job_title"),
        email_domains=_weights(fit.get("email_domain", {}), "fit.email_domain"),
        countries=_weights(fit.get("country", {}), "fit.country", upper=True),
        touches={k: _int(v, f"behaviour.{k}") for k, v in behaviour.items() if k not in settings},
        max_per_kind=_int(behaviour.get("max_per_kind", 0), "behaviour.max_per_kind", low=0),
        recent_days=_int(behaviour.get("recent_days", 0), "behaviour.recent_days", low=0),
        recent_points=_int(behaviour.get("recent_points", 0), "behaviour.recent_points"),
        decay_per_week=_int(decay.get("points_per_week", 0), "decay.points_per_week", low=0),
        decay_max=_int(decay.get("max_points", 0), "decay.max_points", low=0),
        minimum=minimum,
        maximum=maximum,
    )


DEFAULT_RULES = parse_rules(DEFAULT_RULES_TOML)
"""The rules leadtui uses when the user has no rules file."""
