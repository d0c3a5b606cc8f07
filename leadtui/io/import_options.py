"""How an import runs (:class:`ImportOptions`) and how a user stops one."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from leadtui.io.errors import ImportRefused
from leadtui.io.phones import phone_region

MODES = ("skip", "update", "merge")
Progress = Callable[[int], None]


class ImportCancelled(ImportRefused):
    """The user cancelled; the transaction was rolled back and nothing was written."""


@dataclass(slots=True)
class ImportOptions:
    """How to import: duplicates policy, fixed source, dry run, region for phones."""

    on_duplicate: str = "skip"
    source: str | None = None
    dry_run: bool = False
    region: str | None = field(default_factory=phone_region)
    """Country of national phone numbers (:func:`leadtui.io.phones.phone_region`)."""
    chunk_size: int = 2000
    cancel: threading.Event = field(default_factory=threading.Event)
    owner: str | None = None
    """The owner of the imported leads when no column is mapped to ``owner`` (the store sets
    the importer)."""
    actor: str | None = None
    """Who imports: recorded on the stage changes and notes the import writes (the store
    sets the current user)."""
    scorer: Callable[[list[dict[str, Any]]], None] | None = None
    """Sets each new lead's computed score on its row before it is written (the store's)."""
