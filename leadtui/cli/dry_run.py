"""The store a ``--dry-run`` works on: the real one when it exists, else a scratch copy.

A dry run promises to write nothing, so it must not create the database file (or its
folder) either: on a missing file it checks everything against an empty database in a
temporary folder that is removed afterwards.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from leadtui.cli.common import db_target, store_for


@contextmanager
def import_store(ctx: click.Context, *, dry_run: bool) -> Iterator[Any]:
    """The store an import writes to; for a dry run on a missing file, a throwaway one."""
    target = db_target(ctx)
    if not dry_run or not isinstance(target, Path) or target.exists():
        with store_for(ctx) as store:
            yield store
        return
    from leadtui.store import LeadStore

    with tempfile.TemporaryDirectory(prefix="leadtui-dry-run-") as folder:
        store = LeadStore.open(Path(folder) / target.name)
        try:
            yield store
        finally:
            store.close()
