"""email-validator's English reasons become our own sentences, translated (EN and ES)."""

from __future__ import annotations

import pytest
from test_filter_spanish import spanish  # noqa: F401  (the fixture)

from leadtui import i18n
from leadtui.domain.email_reasons import email_reason
from leadtui.domain.validation import ValidationError, validate_email

REFUSED = {
    "ana.example.com": "must have an @-sign",
    "@example.com": "nothing before the @",
    "ana@": "nothing after the @",
    "ana..b@example.com": "two dots in a row",
    "ana.@example.com": "start, at the end or next to the @",
    "ana@example": "needs a dot",
    "ana@example.123": "not real",
    "ana@localhost.invalid": "reserved",
    "ana@[1.2.3.4]": "IP address",
    '"ana"@example.com': "Quotes",
    "ana@exa mple.com": "characters an email address cannot have",
    "ana@" + "a" * 250 + ".com": "too long",
    "ana＠example.com": "look-alike",
    "Ana <ana@example.com>": "without a name",
}


def reason_for_in_english(address: str) -> str:
    before = i18n.language()
    i18n.set_language("en")
    try:
        return reason_for(address)
    finally:
        i18n.set_language(before)


def reason_for(address: str) -> str:
    with pytest.raises(ValidationError) as caught:
        validate_email(address)
    return caught.value.message


@pytest.mark.parametrize(("address", "says"), sorted(REFUSED.items()))
def test_each_reason_is_our_sentence(address: str, says: str) -> None:
    message = reason_for(address)
    assert message.startswith("Not a valid email address: ")
    assert says in message, message


@pytest.mark.usefixtures("spanish")
@pytest.mark.parametrize("address", sorted(REFUSED))
def test_each_reason_is_in_spanish(address: str) -> None:
    message = reason_for(address)
    assert message.startswith("No es un email válido: ")
    english = reason_for_in_english(address).removeprefix("Not a valid email address: ")
    assert english not in message and "@-sign" not in message, message


def test_an_unknown_message_gets_a_general_sentence_not_the_librarys() -> None:
    assert email_reason("Something new in a later version.") == (
        "It is not written like name@example.com."
    )


def test_the_characters_named_are_kept() -> None:
    assert email_reason(
        "The email address contains invalid characters before the @-sign: ' '."
    ) == ("It has characters an email address cannot have: ' '.")
