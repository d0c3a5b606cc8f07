"""Defence in depth: strip terminal escapes from text read back out of the database.

Input is cleaned on the way in (:func:`leadtui.domain.controls.strip_controls`), but a
database can also be written by another program, an older leadtui or a shared
file. The store passes what it hands to the UI and the CLI through
:func:`sanitize`, so no stored byte can reach the terminal as an escape
sequence (clear screen, window title, OSC 52 clipboard, OSC 8 link, C1 codes).
"""

from __future__ import annotations

from typing import Any, TypeVar

from leadtui.domain.controls import strip_controls
from leadtui.domain.record_fields import field_names, is_record, replace

T = TypeVar("T")
MULTILINE_FIELDS = frozenset({"body", "notes"})


def clean_str(value: str, *, multiline: bool = False) -> str:
    """``value`` without escape sequences or control characters (fast when already clean)."""
    if value.isprintable():
        return value
    return strip_controls(value, multiline=multiline)


def sanitize(value: T, *, multiline: bool = False) -> T:
    """A copy of ``value`` (str, dataclass or Struct, list, tuple, dict) with every string cleaned.

    Returns the very same object when nothing needed cleaning.
    """
    return _clean(value, multiline)  # type: ignore[no-any-return]


def _clean(value: Any, multiline: bool) -> Any:
    if isinstance(value, str):
        return clean_str(value, multiline=multiline)
    if isinstance(value, list | tuple):
        items = [_clean(item, multiline) for item in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return type(value)(items) if isinstance(value, list) else tuple(items)
    if isinstance(value, dict):
        cleaned = {key: _clean(item, multiline) for key, item in value.items()}
        return value if all(cleaned[k] is value[k] for k in value) else cleaned
    if is_record(value):
        changes = {}
        for name, multiline_field in _init_fields(type(value)):
            old = getattr(value, name)
            new = _clean(old, multiline_field)
            if new is not old:
                changes[name] = new
        return replace(value, **changes) if changes else value
    return value


_INIT_FIELDS: dict[type, tuple[tuple[str, bool], ...]] = {}


def _init_fields(record: type) -> tuple[tuple[str, bool], ...]:
    """A record type's ``__init__`` fields, each with whether it holds several lines (a
    page of rows asks for the same class's fields a hundred times, so they are kept)."""
    known = _INIT_FIELDS.get(record)
    if known is None:
        known = tuple((name, name in MULTILINE_FIELDS) for name in field_names(record))
        _INIT_FIELDS[record] = known
    return known
