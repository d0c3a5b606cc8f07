"""Record ids typed by a user: digits that fit a 64-bit database integer, or nothing.

SQLite and PostgreSQL ids are signed 64-bit; a longer number cannot name any
record, and binding it raises ``OverflowError`` deep in the driver.
"""

from __future__ import annotations

MAX_ID = 2**63 - 1


def parse_id(text: str) -> int | None:
    """The id ``text`` names (ASCII digits, 1..:data:`MAX_ID`), else ``None``."""
    text = text.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None
