"""The scoring rules file in the user's config folder: read it, or write the default.

A missing file means the default rules (:data:`~leadtui.domain.scoring_rules.DEFAULT_RULES`);
:func:`ensure_rules_file` writes the commented default (comments in the user's
language) on first use so there is a file to edit. A file that cannot be read or parsed raises
:class:`~leadtui.domain.scoring_rules.RulesError` with a one-line message.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from leadtui.domain.scoring_defaults import default_rules_text
from leadtui.domain.scoring_rules import (
    DEFAULT_RULES,
    RulesError,
    ScoringRules,
    parse_rules,
)
from leadtui.i18n import _


@dataclass(frozen=True, slots=True)
class RulesFile:
    """The rules read from ``path``, and a fingerprint of their text (to notice edits)."""

    path: Path
    rules: ScoringRules
    fingerprint: str
    text: str


def _fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read_rules_file(path: Path) -> RulesFile:
    """The rules in ``path`` (the defaults when it does not exist); RulesError if bad."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        # The text a new file gets, so writing it (to edit it) is no change of rules.
        default = default_rules_text()
        return RulesFile(path, DEFAULT_RULES, _fingerprint(default), default)
    except (OSError, UnicodeDecodeError) as error:
        raise RulesError(
            _("Cannot read {path}: {reason}").format(path=path, reason=error)
        ) from None
    try:
        rules = parse_rules(text)
    except RulesError as error:
        raise RulesError(f"{path.name}: {error}") from None
    return RulesFile(path, rules, _fingerprint(text), text)


def file_text(path: Path) -> str:
    """The rules file's text as it is (even when it does not parse); empty if unreadable."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def ensure_rules_file(path: Path, *, overwrite: bool = False) -> bool:
    """Write the commented default rules to ``path`` unless a file is there; True if written."""
    if path.exists() and not overwrite:
        return False
    write_rules_text(path, default_rules_text())
    return True


def write_rules_text(path: Path, text: str) -> None:
    """Replace the rules file with ``text`` in one step (a reader never sees half a file)."""
    from leadtui.paths import ensure_private_dir

    ensure_private_dir(path.parent)
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
