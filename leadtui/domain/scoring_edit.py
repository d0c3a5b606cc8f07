"""The rule weights as a flat list, and writing changed weights back into a rules text.

:func:`weights_of` lists every number of :class:`~leadtui.domain.scoring_rules.ScoringRules`
(with the range the parser allows), for a form to show. :func:`edited_text` changes only
the number on each edited ``key = N`` line, so the user's comments, order and spacing
stay; a weight the file leaves out is added under its table. The result is parsed again
and must give exactly the intended weights, else :class:`RulesError` (nothing to write).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass

from leadtui.domain.scoring_rules import RulesError, ScoringRules, parse_rules
from leadtui.i18n import _

POINTS_LIMIT = 1000
"""The parser's bound on any number of points (``-1000`` to ``1000``)."""


@dataclass(frozen=True, slots=True)
class Weight:
    """One number of the rules: its table (``fit.source``), key, value and allowed range."""

    table: str
    key: str
    value: int
    low: int = -POINTS_LIMIT
    high: int = POINTS_LIMIT

    @property
    def name(self) -> str:
        """``table.key``, as the rules file spells it."""
        return f"{self.table}.{self.key}"


def weights_of(rules: ScoringRules) -> list[Weight]:
    """Every weight of ``rules``, in the order of the default file."""
    zero = {"low": 0}
    found = [Weight("qualified", "threshold", rules.threshold, 0, 100)]
    found += [
        Weight("fit", "company_given", rules.company_given),
        Weight("fit", "free_mail", rules.free_mail),
    ]
    for table, weights in (
        ("fit.source", rules.sources),
        ("fit.campaign", rules.campaign_words),
        ("fit.job_title", rules.title_words),
        ("fit.email_domain", rules.email_domains),
        ("fit.country", rules.countries),
        ("behaviour", rules.touches),
    ):
        found += [Weight(table, key, value) for key, value in weights.items()]
    found += [
        Weight("behaviour", "max_per_kind", rules.max_per_kind, **zero),
        Weight("behaviour", "recent_days", rules.recent_days, **zero),
        Weight("behaviour", "recent_points", rules.recent_points),
        Weight("decay", "points_per_week", rules.decay_per_week, **zero),
        Weight("decay", "max_points", rules.decay_max, **zero),
        Weight("caps", "min", rules.minimum, 0, 100),
        Weight("caps", "max", rules.maximum, 0, 100),
    ]
    return found


_TABLE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_SETTING = re.compile(
    r"""^(?P<indent>\s*)(?P<key>"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?P<eq>\s*=\s*)"""
    r"""(?P<value>[+-]?\d[\d_]*)(?P<gap>\s*)(?P<rest>(#.*)?)$"""
)
_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _table_name(raw: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in raw.split("."))


def _same_key(raw: str, table: str, key: str) -> bool:
    name = raw.strip("\"'").strip()
    return name.upper() == key if table == "fit.country" else name.lower() == key


def _toml_key(key: str) -> str:
    return key if _BARE.match(key) else '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _set_line(match: re.Match[str], value: int) -> str:
    old, new = match["value"], str(value)
    gap = match["gap"]
    if match["rest"] and gap:  # keep the comment in its column when there is room
        gap = " " * max(1, len(gap) + len(old) - len(new))
    return f"{match['indent']}{match['key']}{match['eq']}{new}{gap}{match['rest']}"


def _apply(lines: list[str], table: str, key: str, value: int) -> None:
    current, last_line = "", -1
    for number, line in enumerate(lines):
        header = _TABLE.match(line)
        if header:
            current = _table_name(header[1])
            continue
        if current != table:
            continue
        if line.strip() and not line.lstrip().startswith("#"):
            last_line = number
        setting = _SETTING.match(line)
        if setting and _same_key(setting["key"], table, key):
            lines[number] = _set_line(setting, value)
            return
    if last_line < 0:  # no such table (or an empty one): a new table at the end
        lines += ["", f"[{table}]", f"{_toml_key(key)} = {value}"]
    else:
        lines.insert(last_line + 1, f"{_toml_key(key)} = {value}")


def edited_text(text: str, rules: ScoringRules, changes: Mapping[str, int]) -> str:
    """``text`` (giving ``rules``) with each weight named in ``changes`` set to its value.

    ``changes`` maps :attr:`Weight.name` to points. Raises :class:`RulesError` when the
    new rules are refused (``caps.min is above caps.max``) or the file is written in a
    way this cannot edit line by line (dotted keys, inline tables).
    """
    weights = {weight.name: weight for weight in weights_of(rules)}
    lines = text.splitlines()
    for name, value in changes.items():
        weight = weights[name]
        if value != weight.value:
            _apply(lines, weight.table, weight.key, value)
    new = "\n".join(lines) + "\n"
    cannot = RulesError(
        _("This rules file is written in a way the form cannot change; edit it in $EDITOR.")
    )
    try:
        tomllib.loads(new)
    except tomllib.TOMLDecodeError:
        raise cannot from None  # the text parsed before: the line edit broke it
    got = {weight.name: weight.value for weight in weights_of(parse_rules(new))}
    if got != {name: changes.get(name, weight.value) for name, weight in weights.items()}:
        raise cannot
    return new
