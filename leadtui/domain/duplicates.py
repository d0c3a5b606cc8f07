"""Duplicate candidates: the keys two leads are compared by, the rules, and how sure each is.

Pure Python. A scan never compares all pairs: each lead yields a few *blocking keys*
(:func:`blocking_keys`) and only leads sharing a key are compared by
:func:`compare` (the rules, strongest first). Pairs become clusters
(:func:`clusters`) when one person appears three times.
"""

from __future__ import annotations

import string
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

from leadtui.i18n import _

SIMILAR_NAME_SCORE = 85.0
"""rapidfuzz ``token_set_ratio`` from which two names at the same company look alike."""

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


class Confidence(IntEnum):
    """How sure a candidate is; higher is surer (sorts the view)."""

    POSSIBLE = 1
    PROBABLE = 2
    CERTAIN = 3

    @property
    def label(self) -> str:
        """The word shown to the user."""
        return {
            Confidence.POSSIBLE: _("possible"),
            Confidence.PROBABLE: _("probable"),
            Confidence.CERTAIN: _("certain"),
        }[self]

    @classmethod
    def parse(cls, text: str) -> Confidence:
        """``certain`` / ``probable`` / ``possible`` (any case) as a confidence."""
        return cls[text.strip().upper()]


@dataclass(frozen=True, slots=True)
class KeyRow:
    """What the rules read of a lead."""

    id: int
    first_name: str
    last_name: str
    email: str | None
    phone_e164: str | None
    company: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """Two leads that may be one person (``low_id < high_id``), why, and how sure."""

    low_id: int
    high_id: int
    confidence: Confidence
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        """Every reason in one line."""
        return "; ".join(self.reasons)


@dataclass(frozen=True, slots=True)
class Cluster:
    """Leads that are probably one person: ids ascending, the pairs that tie them."""

    lead_ids: tuple[int, ...]
    confidence: Confidence
    pairs: tuple[Candidate, ...]


def fold(text: str | None) -> str:
    """``text`` case-folded, accents dropped, anything but letters and digits as one space."""
    if not text:
        return ""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = text.casefold()
    if text.isascii():  # the common case: one C-speed pass
        return " ".join(text.translate(_PUNCTUATION).split())
    chars = [ch if ch.isalnum() else " " for ch in text]
    return " ".join("".join(chars).split())


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


def _similarity(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.token_set_ratio(" ".join(a), " ".join(b)))


def _shared_place(a: KeyRow, b: KeyRow) -> str | None:
    """Why two leads are at one company, or ``None``."""
    company = company_key(a.company)
    if company and company == company_key(b.company):
        return _("same company {company}").format(company=b.company.strip() or company)
    domain = email_domain(a.email)
    if domain and domain == email_domain(b.email):
        return _("same company domain {domain}").format(domain=domain)
    return None


def compare(a: KeyRow, b: KeyRow) -> Candidate | None:
    """Whether two leads look like one person: why and how sure, or ``None``."""
    if a.id == b.id:
        return None
    reasons: list[str] = []
    confidence: Confidence | None = None

    def found(level: Confidence, reason: str) -> None:
        nonlocal confidence
        reasons.append(reason)
        confidence = level if confidence is None else max(confidence, level)

    names_a, names_b = name_tokens(a), name_tokens(b)
    same_name = bool(names_a) and sorted(names_a) == sorted(names_b)
    two_words = len(names_a) >= 2 and len(names_b) >= 2
    similar = two_words and not same_name and _similarity(names_a, names_b) >= SIMILAR_NAME_SCORE
    mailbox = provider_email_key(a.email)
    if mailbox and mailbox == provider_email_key(b.email):
        same_key = (a.email or "").strip().casefold() == (b.email or "").strip().casefold()
        if same_key:
            found(Confidence.CERTAIN, _("same email {email}").format(email=mailbox))
        else:
            found(
                Confidence.PROBABLE,
                _("same email once provider rules are applied ({email})").format(email=mailbox),
            )
    if a.phone_e164 and a.phone_e164 == b.phone_e164:
        reason = _("same phone {phone}").format(phone=a.phone_e164)
        if same_name:
            level = Confidence.CERTAIN if two_words else Confidence.PROBABLE
            found(level, reason + ", " + _("same name"))
        elif similar or not names_a or not names_b:
            found(Confidence.PROBABLE, reason)
        else:
            # A family or a shared office line: worth a look, never more.
            found(Confidence.POSSIBLE, reason + ", " + _("different names"))
    place = _shared_place(a, b) if two_words and (same_name or similar) else None
    if place is not None:
        if same_name:
            found(Confidence.PROBABLE, _("same name") + ", " + place)
        else:
            found(Confidence.POSSIBLE, _("similar names") + ", " + place)
    if confidence is None:
        return None
    low, high = sorted((a.id, b.id))
    # Many pairs share a reason ("same name, same company Acme"): keep one copy of each.
    return Candidate(low, high, confidence, tuple(sys.intern(reason) for reason in reasons))


def clusters(pairs: Iterable[Candidate]) -> list[Cluster]:
    """Group pairs that share a lead (union-find); surest first, then by the lowest id."""
    parent: dict[int, int] = {}

    def root(item: int) -> int:
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    members: list[Candidate] = list(pairs)
    for pair in members:
        low, high = root(pair.low_id), root(pair.high_id)
        if low != high:
            parent[max(low, high)] = min(low, high)
    groups: dict[int, list[Candidate]] = {}
    for pair in members:
        groups.setdefault(root(pair.low_id), []).append(pair)
    found = []
    for group in groups.values():
        ids = sorted({i for pair in group for i in (pair.low_id, pair.high_id)})
        best = max(pair.confidence for pair in group)
        ordered = sorted(group, key=lambda p: (-p.confidence, p.low_id, p.high_id))
        found.append(Cluster(tuple(ids), best, tuple(ordered)))
    found.sort(key=lambda c: (-c.confidence, c.lead_ids[0]))
    return found
