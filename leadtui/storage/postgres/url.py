"""PostgreSQL targets: recognising a URL, masking its password, refusing one in it.

Credentials come only from libpq's own sources (``~/.pgpass``, ``PGPASSFILE``,
``PGSERVICE``/``pg_service.conf``, ``PGPASSWORD``, peer or certificate authentication):
a password written in the URL ends up in shell history and ``ps`` output, so it is
refused, and every message shows the URL with the password masked.
"""

from __future__ import annotations

import re

from leadtui.domain.errors import DatabaseRefused
from leadtui.i18n import _

SCHEMES = ("postgresql://", "postgres://")
MASK = "***"

# user:password@ in the authority, and password=... in the query string or a key=value DSN.
# Compiled on first use (re's cache), not at import: every start imports this module.
_AUTHORITY_PASSWORD = r"(?i)^(?P<head>[a-z]+://[^:/?#@]*):(?P<secret>[^@/?#]*)@"
_PARAM_PASSWORD = r"(?P<head>(?:^|[?&\s])password\s*=\s*)(?P<secret>'[^']*'|[^&\s]*)"


def is_postgres_url(target: object) -> bool:
    """True when ``target`` is a ``postgresql://`` (or ``postgres://``) URL."""
    return isinstance(target, str) and target.strip().lower().startswith(SCHEMES)


def mask_password(url: str) -> str:
    """``url`` with any password replaced by ``***`` (safe to print or log)."""
    masked = re.sub(_AUTHORITY_PASSWORD, lambda m: f"{m['head']}:{MASK}@", url)
    return re.sub(_PARAM_PASSWORD, lambda m: f"{m['head']}{MASK}", masked)


def has_password(url: str) -> bool:
    """True when the URL itself carries a password."""
    return mask_password(url) != url


def checked_url(url: str) -> str:
    """The URL, stripped; :class:`DatabaseRefused` if it holds a password."""
    url = url.strip()
    if has_password(url):
        raise DatabaseRefused(
            _(
                "{url}: leave the password out of the URL (it would show in shell history "
                "and process lists); put it in ~/.pgpass, PGPASSFILE or a PGSERVICE entry."
            ).format(url=mask_password(url))
        )
    return url


def scrub(text: str, url: str) -> str:
    """A driver message with the URL masked (libpq may echo parts of it)."""
    return text.replace(url, mask_password(url))
