"""How a stage's name is shown: built-in names in the user's language, typed names as typed."""

from __future__ import annotations

from leadtui.domain.enums import DEFAULT_STAGES, NURTURE_STAGE
from leadtui.i18n import _

BUILT_IN_NAMES: dict[str, str] = {
    key: name for key, name, _kind in (*DEFAULT_STAGES, NURTURE_STAGE)
}
"""The English name each built-in stage key is stored with until the user renames it."""


def shown_stage_name(key: str, name: str) -> str:
    """The name to show for a stage.

    Only a built-in stage that still has its stored English name is translated: a name the
    user typed is data, even when it happens to be an English word in our catalog (a
    Spanish team that names a stage "Won" sees "Won").
    """
    return _(name) if BUILT_IN_NAMES.get(key) == name else name
