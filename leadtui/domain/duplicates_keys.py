"""The keys duplicate rules compare leads by: folded names and companies, provider-normalised
mailboxes, company domains, and the blocking keys a scan groups leads under.

Pure Python (no I/O). :mod:`leadtui.domain.duplicates` holds the rules that use them.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

GMAIL_DOMAINS = frozenset({"gmail.com", "googlemail.com"})
PLUS_TAG_DOMAINS = frozenset(
    {
        *GMAIL_DOMAINS,
        "outlook.com",
        "hotmail.com",
        "live.com",
        "icloud.com",
        "me.com",
        "fastmail.com",
        "protonmail.com",
        "proton.me",
    }
)
"""Providers that deliver ``name+tag@`` to ``name@`` (Gmail also ignores dots)."""

FREE_MAIL_DOMAINS = frozenset(
    {
        *PLUS_TAG_DOMAINS,
        "yahoo.com",
        "yahoo.es",
        "hotmail.es",
        "outlook.es",
        "aol.com",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "mail.com",
        "yandex.com",
        "zoho.com",
        "msn.com",
        "telefonica.net",
        "movistar.es",
    }
)
"""Domains shared by strangers: the same one says nothing about a company."""
FREE_MAIL_BRANDS = frozenset(
    ["gmail", "googlemail", "hotmail", "outlook", "live", "msn", "yahoo", "ymail", "aol"]
    + ["icloud", "me", "gmx", "web", "proton", "protonmail", "yandex", "mail", "zoho"]
)
"""First labels of free-mail domains in every country (``hotmail.co.uk``, ``yahoo.fr``)."""

ROLE_MAILBOXES = frozenset(
    [
        "info",
        "sales",
        "contact",
        "hello",
        "admin",
        "office",
        "support",
        "team",
        "marketing",
        "hola",
        "ventas",
        "contacto",
        "comercial",
        "administracion",
        "oficina",
        "soporte",
        "equipo",
        "noreply",
        "no-reply",
    ]
)
"""Shared mailboxes (``info@``): many people write from them, so they identify no one."""

COMPANY_SUFFIXES = frozenset(
    [
        "sl",
        "slu",
        "sa",
        "sau",
        "sll",
        "sc",
        "inc",
        "ltd",
        "llc",
        "gmbh",
        "ag",
        "bv",
        "srl",
        "spa",
        "sas",
        "sarl",
        "plc",
        "co",
        "corp",
    ]
)


@dataclass(frozen=True, slots=True)
class KeyRow:
    """What the rules read of a lead."""

    id: int
    first_name: str
    last_name: str
    email: str | None
    phone_e164: str | None
    company: str


@lru_cache(maxsize=65536)
def fold(text: str | None) -> str:
    """``text`` case-folded, accents dropped, anything but letters and digits as one space."""
    if not text:
        return ""
    if not text.isascii():
        # The usual accents in one C-speed pass; any other combining mark character by character.
        text = _ACCENTS.sub("", unicodedata.normalize("NFKD", text))
        if not text.isascii():
            text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold()
    if text.isascii():  # the common case: one C-speed pass
        return " ".join(text.translate(_PUNCTUATION).split())
    chars = [ch if ch.isalnum() else " " for ch in text]
    return " ".join("".join(chars).split())


_ACCENTS = re.compile("[\u0300-\u034e\u0350-\u036f]")
"""Combining Diacritical Marks, all but U+034F (a joiner, not a combining mark)."""
_PUNCTUATION = str.maketrans(dict.fromkeys(string.punctuation, " "))


def name_tokens(row: KeyRow) -> tuple[str, ...]:
    """The folded words of a lead's full name, in order."""
    return tuple(fold(f"{row.first_name} {row.last_name}").split())


@lru_cache(maxsize=65536)
def company_key(company: str) -> str:
    """A company's name folded, legal suffixes (S.L., Inc) dropped: ``""`` when none."""
    words = fold(company).split()
    while len(words) > 1 and words[-1] in COMPANY_SUFFIXES:
        words.pop()
    # "S.L." folds to "s l": drop a trailing run of one-letter words too.
    while len(words) > 1 and len(words[-1]) == 1:
        words.pop()
    return " ".join(words)


def _split(email: str | None) -> tuple[str, str] | None:
    if not email or "@" not in email:
        return None
    local, _at, domain = email.strip().casefold().rpartition("@")
    return (local, domain) if local and domain else None


def email_domain(email: str | None) -> str:
    """The domain of a company address (``""`` for free-mail providers and no address)."""
    parts = _split(email)
    if parts is None or parts[1] in FREE_MAIL_DOMAINS:
        return ""
    if parts[1].split(".", 1)[0] in FREE_MAIL_BRANDS:  # hotmail.co.uk, yahoo.fr, gmx.at
        return ""
    return parts[1]


def provider_email_key(email: str | None) -> str | None:
    """The mailbox an address reaches once provider rules apply (Gmail dots, ``+tags``).

    ``None`` for no address and for shared mailboxes (``info@``), which identify no one.
    """
    parts = _split(email)
    if parts is None:
        return None
    local, domain = parts
    if domain == "googlemail.com":
        domain = "gmail.com"
    if domain in PLUS_TAG_DOMAINS:
        local = local.split("+", 1)[0]
    if domain in GMAIL_DOMAINS:
        local = local.replace(".", "")
    if not local or local in ROLE_MAILBOXES:
        return None
    return f"{local}@{domain}"


def name_signatures(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Order-free keys of a name: its sorted words, and each way to leave one out (3+ words).

    "José Núñez García" and "Núñez José" share ``jose nunez``: transposed names and a
    missing second surname land in the same block.
    """
    if len(tokens) < 2:
        return ()
    keys = {" ".join(sorted(tokens))}
    if len(tokens) >= 3:
        for skip in range(len(tokens)):
            keys.add(" ".join(sorted(tokens[:skip] + tokens[skip + 1 :])))
    return tuple(sorted(keys))


def blocking_keys(row: KeyRow) -> list[str]:
    """The keys a lead is blocked under; only leads sharing one are ever compared."""
    keys: list[str] = []
    mailbox = provider_email_key(row.email)
    if mailbox:
        keys.append("e\x1f" + mailbox)
    if row.phone_e164:
        keys.append("p\x1f" + row.phone_e164)
    signatures = name_signatures(name_tokens(row))
    company = company_key(row.company)
    domain = email_domain(row.email)
    for signature in signatures:
        if company:
            keys.append(f"c\x1f{company}\x1f{signature}")
        if domain:
            keys.append(f"d\x1f{domain}\x1f{signature}")
    return keys
