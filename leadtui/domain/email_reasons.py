"""Why an email address was refused, in our own translated words.

``email-validator`` explains itself in English only, with sentences that change between
its versions. Its message is matched here against a few patterns and replaced by one of
our sentences (translated); a message no pattern knows gets a general sentence, never
the library's English. The characters it names (``: a, b.``) are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from leadtui.i18n import _


def _listed(message: str) -> str:
    found = re.search(r":\s*(.+?)\.?$", message)
    return found.group(1) if found else ""


def _bad_characters(message: str) -> str:
    listed = _listed(message)
    if listed:
        return _("It has characters an email address cannot have: {chars}.").format(chars=listed)
    return _("It has characters an email address cannot have.")


_REASONS: tuple[tuple[str, Callable[[str], str]], ...] = (
    (r"full-width|small commercial at", lambda _m: _("Its @ is a look-alike: type a plain @.")),
    (r"must have an @-sign", lambda _m: _("An email address must have an @-sign.")),
    (r"something before the @-sign", lambda _m: _("There is nothing before the @.")),
    (r"something after the @-sign", lambda _m: _("There is nothing after the @.")),
    (r"too long", lambda _m: _("It is too long.")),
    (r"two periods in a row", lambda _m: _("It has two dots in a row.")),
    (r"period and a hyphen", lambda _m: _("It has a dot and a hyphen side by side.")),
    (r"(start|end) with a (period|hyphen)|(period|hyphen) immediately", lambda _m: _misplaced()),
    (r"should have a period", lambda _m: _("The part after the @ needs a dot, as in example.com.")),
    (
        r"top-level domain",
        lambda _m: _("The ending of the domain (after the last dot) is not real."),
    ),
    (r"special-use or reserved", lambda _m: _("The domain after the @ is reserved for tests.")),
    (r"display name|angle bracket|anything after the email", lambda _m: _only_address()),
    (
        r"IP address|address literal|IPv4|IPv6",
        lambda _m: _("An IP address after the @ is not accepted."),
    ),
    (r"[Qq]uot", lambda _m: _("Quotes are not accepted in an email address.")),
    (r"IDNA|normaliz|two letters followed by two dashes", lambda _m: _bad_domain()),
    (r"invalid character|unsafe character|not valid ASCII|Internationalized", _bad_characters),
)


def _misplaced() -> str:
    return _("A dot or a hyphen is at the start, at the end or next to the @.")


def _only_address() -> str:
    return _("Write only the address, without a name or < >.")


def _bad_domain() -> str:
    return _("The part after the @ is not a valid domain name.")


def email_reason(message: str) -> str:
    """Our translated sentence for one of email-validator's messages."""
    for pattern, reason in _REASONS:
        if re.search(pattern, message):
            return reason(message)
    return _("It is not written like name@example.com.")
