"""Recompute stored email keys after :func:`leadtui.domain.validation.email_key` changed
(IDNA and NFKC on the domain, #20): the dialect-neutral half of a migration step.

Only an address with non-ASCII characters can get a new key (an ASCII one folds
exactly as before). Two leads that now share a key (``user@bücher.de`` and
``user@xn--bcher-kva.de`` entered before) cannot both hold it (the key is unique):
the lead already holding it, else the oldest one changing, gets it; the other
keeps its old key and shows up as a duplicate to merge. Running the step twice
changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from leadtui.domain.validation import email_key

BATCH = 500


def key_updates(
    rows: Iterable[tuple[int, str | None, str | None]],
    held: Callable[[list[str]], set[str]],
) -> list[tuple[str, int]]:
    """``(new key, lead id)`` for each lead (``rows``: id, email, key; oldest first)
    whose key changes; ``held(keys)`` says which of ``keys`` some lead holds now."""
    changes: list[tuple[int, str]] = []
    for lead_id, email, old in rows:
        if email is None or email.isascii():
            continue
        new = email_key(email)
        if new is not None and new != old:
            changes.append((lead_id, new))
    wanted = sorted({new for _id, new in changes})
    taken: set[str] = set()
    for start in range(0, len(wanted), BATCH):
        taken |= held(wanted[start : start + BATCH])
    updates: list[tuple[str, int]] = []
    for lead_id, new in changes:
        if new in taken:
            continue  # an older lead has it: this one stays a duplicate to merge
        taken.add(new)
        updates.append((new, lead_id))
    return updates
