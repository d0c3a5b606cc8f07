"""Tests for leadtui.domain.validation."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadtui.domain import validation
from leadtui.domain.controls import strip_controls
from leadtui.domain.money import format_money
from leadtui.domain.validation import (
    DEFAULT_REGION,
    MAX_EMAIL,
    MAX_NAME,
    MAX_NOTE,
    MAX_SHORT,
    MAX_URL,
    ValidationError,
    clean_text,
    email_key,
    normalize_phone,
    parse_money,
    validate_email,
    validate_phone,
    validate_url,
)

# --- module -----------------------------------------------------------------


def test_limits() -> None:
    assert (MAX_NAME, MAX_EMAIL, MAX_NOTE, MAX_SHORT, MAX_URL) == (200, 320, 20000, 200, 500)


def test_import_is_light() -> None:
    code = (
        "import sys, leadtui.domain.validation;"
        "heavy = {'textual', 'email_validator', 'phonenumbers'} & set(sys.modules);"
        "print(sorted(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_default_region_from_environment() -> None:
    code = "from leadtui.domain.validation import DEFAULT_REGION; print(DEFAULT_REGION)"
    env = {**os.environ, "LEADTUI_REGION": " gb "}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout
    assert out.strip() == "GB"
    env.pop("LEADTUI_REGION")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout
    assert out.strip() == "ES"


def test_validation_error() -> None:
    error = ValidationError("email", "Nope.")
    assert isinstance(error, ValueError)
    assert error.field == "email"
    assert error.message == "Nope."
    assert str(error) == "Nope."


def test_messages_are_translated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validation, "_", lambda message: "XX " + message)
    for call in (
        lambda: clean_text("abc", max_length=2),
        lambda: validate_email("nope"),
        lambda: validate_phone("nope"),
        lambda: parse_money("nope"),
        lambda: parse_money("-1"),
        lambda: validate_url("javascript:alert(1)"),
        lambda: validate_url("no pe"),
    ):
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.message.startswith("XX ")


# --- strip_controls ---------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\x1b[2Jb", "ab"),  # clear screen
        ("\x1b[1;31mred\x1b[0m", "red"),  # SGR colours
        ("\x1b[?1049h", ""),  # alternate screen, private parameters
        ("x\x1b]0;pwned\x07y", "xy"),  # window title, BEL-terminated
        ("x\x1b]0;pwned\x1b\\y", "xy"),  # window title, ST-terminated
        ("\x1b]52;c;ZXZpbA==\x07", ""),  # OSC 52 clipboard write
        ("\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "click"),  # OSC 8 hyperlink
        ("a\x1bPq#0;2;0;0;0\x1b\\b", "ab"),  # DCS (sixel)
        ("a\x1bXsos\x1b\\b", "ab"),  # SOS
        ("a\x1b^pm\x1b\\b", "ab"),  # PM
        ("a\x1b_apc\x1b\\b", "ab"),  # APC
        ("\x9b31mred", "red"),  # 8-bit CSI
        ("a\x9d0;pwned\x07b", "ab"),  # 8-bit OSC
        ("a\x9d0;pwned\x9cb", "ab"),  # 8-bit OSC with 8-bit ST
        ("a\x90payload\x9cb", "ab"),  # 8-bit DCS
        ("a\x1b]0;t\x1b[2Jb", "ab"),  # an ESC cancels the OSC and starts a CSI
        ("a\x1bcb", "ab"),  # RIS: ESC + one char
        ("a\x1b(Bb", "ab"),  # charset designation
        ("a\x1b7b\x1b8", "ab"),  # save / restore cursor
        ("ab\x1b", "ab"),  # lone ESC at the end
        ("\x1b[12", "12"),  # unfinished CSI: its introducer goes
        ("\x1b]0;title", "0;title"),  # unterminated OSC: only its introducer goes
        ("ding\x07", "ding"),  # bare BEL
        ("a\x00b", "ab"),  # NUL
        ("a\x7fb", "ab"),  # DEL
        ("a\x85b\x9fc", "abc"),  # C1
        ("a\x08\x08b", "ab"),  # backspaces
        ("a\u202eevil\u202cb", "aevilb"),  # bidi override
        ("a\u2066x\u2069b", "axb"),  # bidi isolate
    ],
)
def test_strip_controls_removes_escapes(raw: str, expected: str) -> None:
    assert strip_controls(raw) == expected
    assert strip_controls(raw, multiline=True) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Acme [/]",
        "[bold]x",
        "[@click=app.quit]x",
        "[red]not red[/red] \\[escaped]",
        "José Ñúñez-Müller",
        "Zoë Ça va?",
        "😀👍🏽 👨\u200d👩\u200d👧",  # emoji, skin tone, ZWJ family
        "北京市 東京 서울",
        "مرحبا\u200f and \u200e",  # RTL text and bidi marks
        "a  b",
        "",
    ],
)
def test_strip_controls_keeps_text_exactly(text: str) -> None:
    assert strip_controls(text) == text
    assert strip_controls(text, multiline=True) == text


def test_strip_controls_newlines_and_tabs() -> None:
    assert strip_controls("a\nb\r\nc\rd\te") == "a b c d e"
    assert strip_controls("a\nb\r\nc\rd\te", multiline=True) == "a\nb\nc\nd    e"
    assert strip_controls("a\x1b[2J\r\nb", multiline=True) == "a\nb"


_NASTY = st.sampled_from(
    [
        "\x1b",
        "\x1b[",
        "\x1b]",
        "\x1bP",
        "\x1b\\",
        "\x07",
        "\x9b",
        "\x9c",
        "\x9d",
        "\x90",
        "\r",
        "\n",
        "\t",
        "\r\n",
        "\x00",
        "\x7f",
        "\x85",
        "\u202e",
        "\u2066",
        "\u200d",
        "[",
        "]",
        "0;",
        "31m",
        "\\",
    ]
)
_FRAGMENTS = st.lists(st.one_of(st.text(max_size=5), _NASTY), max_size=30).map("".join)


def _forbidden(char: str, *, multiline: bool) -> bool:
    code = ord(char)
    if char == "\n":
        return not multiline
    return code < 0x20 or 0x7F <= code <= 0x9F or code in _BIDI


_BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


@given(_FRAGMENTS, st.booleans())
def test_strip_controls_property(text: str, multiline: bool) -> None:
    cleaned = strip_controls(text, multiline=multiline)
    assert not any(_forbidden(char, multiline=multiline) for char in cleaned)
    assert "\x1b" not in cleaned
    assert strip_controls(cleaned, multiline=multiline) == cleaned


def test_strip_controls_is_linear_on_hostile_input() -> None:
    # Would take minutes if the escape pattern backtracked quadratically.
    for hostile in ("\x9d" * 50_000, "\x1b]" * 50_000, "\x1b[" + "1" * 100_000, "\x90a" * 50_000):
        assert "\x1b" not in strip_controls(hostile)


# --- clean_text -------------------------------------------------------------


def test_clean_text_basics() -> None:
    assert clean_text(None) == ""
    assert clean_text("   ") == ""
    assert clean_text("  Acme [/]  ") == "Acme [/]"
    assert clean_text("\x1b[2J  Bob\x07 ") == "Bob"
    assert clean_text("a\nb") == "a b"


def test_clean_text_nfc() -> None:
    decomposed = "Jose\u0301"
    assert clean_text(decomposed) == "José"
    assert clean_text(decomposed) == unicodedata.normalize("NFC", decomposed)


def test_clean_text_multiline() -> None:
    note = "  \n first line   \r\n\tsecond\t\n\n"
    assert clean_text(note, multiline=True, max_length=MAX_NOTE) == "first line\n    second"


def test_clean_text_length_limit() -> None:
    assert clean_text("x" * MAX_SHORT) == "x" * MAX_SHORT
    assert clean_text("  " + "x" * 10 + "  ", max_length=10) == "x" * 10
    # Counted after NFC: 200 decomposed "é" are 200 characters.
    assert len(clean_text("e\u0301" * MAX_NAME, max_length=MAX_NAME)) == MAX_NAME
    with pytest.raises(ValidationError) as caught:
        clean_text("x" * 11, max_length=10, field="company")
    assert caught.value.field == "company"
    assert "10" in caught.value.message


# --- email --------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("network access attempted")

    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_connection"):
        monkeypatch.setattr(socket, name, refuse)
    monkeypatch.setattr(socket, "socket", refuse)


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("bob@example.com", "bob@example.com"),
        ("  Bob.Smith+crm@Example.COM ", "Bob.Smith+crm@Example.COM"),  # as typed, not lowered
        ("josé@example.es", "josé@example.es"),
        ("jose\u0301@example.es", "josé@example.es"),  # NFC
        ("bob@example.com\x1b[2J", "bob@example.com"),
        # Valid syntax, no such domain: deliverability is never checked.
        (
            "ana@no-such-domain-for-leadtui-tests-3f9a.com",
            "ana@no-such-domain-for-leadtui-tests-3f9a.com",
        ),
    ],
)
def test_validate_email_valid(raw: str, expected: str) -> None:
    assert validate_email(raw) == expected


@pytest.mark.parametrize("blank", [None, "", "   ", "\x1b[2J"])
def test_validate_email_blank(blank: str | None) -> None:
    assert validate_email(blank) is None


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize(
    "raw",
    [
        "bob",
        "bob@",
        "@example.com",
        "bob@@example.com",
        "bob@example",
        "bob smith@example.com",
        "Bob <bob@example.com>",
        "bob@exa mple.com",
        "bob@example..com",
    ],
)
def test_validate_email_invalid(raw: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_email(raw)
    assert caught.value.field == "email"
    assert caught.value.message.startswith("Not a valid email address: ")
    assert len(caught.value.message) > len("Not a valid email address: ")


def test_validate_email_too_long() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_email("a" * MAX_EMAIL + "@example.com")
    assert caught.value.field == "email"


def test_email_key() -> None:
    assert email_key(None) is None
    assert email_key("") is None
    assert email_key("   ") is None
    assert email_key("Bob@Example.COM") == email_key("bob@example.com") == "bob@example.com"
    assert email_key("  bob@example.com ") == "bob@example.com"
    nfc = unicodedata.normalize("NFC", "josé@example.es")
    nfd = unicodedata.normalize("NFD", "josé@example.es")
    assert nfc != nfd
    assert email_key(nfc) == email_key(nfd)
    assert email_key("JOSÉ@EXAMPLE.ES") == email_key(nfd)
    assert email_key("ana@example.com") != email_key("bob@example.com")


@given(st.text(max_size=40))
def test_email_key_is_stable(text: str) -> None:
    key = email_key(text)
    assert key != ""
    if key is not None:
        assert email_key(key) == key


# --- phone --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "region", "e164"),
    [
        ("612 345 678", "ES", "+34612345678"),
        ("612345678", "ES", "+34612345678"),
        ("+34 612-345-678", "ES", "+34612345678"),
        ("0034 612 345 678", "ES", "+34612345678"),
        ("91 123 45 67", "ES", "+34911234567"),
        ("+44 20 7946 0958", "ES", "+442079460958"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("+1 (415) 555-0132", "es", "+14155550132"),
        (" \x1b[2J612 345 678\x07 ", "ES", "+34612345678"),
    ],
)
def test_phone_parses(raw: str, region: str, e164: str) -> None:
    assert normalize_phone(raw, region) == (e164, e164)
    assert validate_phone(raw, region) == e164


def test_phone_default_region() -> None:
    expected = os.environ.get("LEADTUI_REGION", "").strip().upper() or "ES"
    assert expected == DEFAULT_REGION
    if DEFAULT_REGION == "ES":
        assert validate_phone("612 345 678") == "+34612345678"


@pytest.mark.parametrize("blank", [None, "", "   ", "\x07"])
def test_phone_blank(blank: str | None) -> None:
    assert normalize_phone(blank) == (None, None)
    assert validate_phone(blank) is None


@pytest.mark.parametrize(
    ("raw", "region", "kept"),
    [
        ("call me maybe", "ES", "call me maybe"),
        ("123", "ES", "123"),
        ("ask reception\x1b[2J", "ES", "ask reception"),
        ("555-0132", "US", "555-0132"),  # local only: no area code, no E.164
        ("+999 1234", "ES", "+999 1234"),
    ],
)
def test_phone_garbage(raw: str, region: str, kept: str) -> None:
    assert normalize_phone(raw, region) == (kept, None)
    with pytest.raises(ValidationError) as caught:
        validate_phone(raw, region)
    assert caught.value.field == "phone"
    assert region.upper() in caught.value.message
    assert "+34 612 345 678" in caught.value.message


def test_phone_extension_is_not_lost() -> None:
    assert normalize_phone("+34 912 345 678 ext. 12") == ("+34912345678 ext. 12", "+34912345678")
    with pytest.raises(ValidationError) as caught:
        validate_phone("+34 912 345 678 ext. 12")
    assert caught.value.field == "phone"


def test_phone_too_long() -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_phone("9" * 65)
    assert caught.value.field == "phone"


# --- money --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("", 0),
        ("   ", 0),
        ("0", 0),
        ("1200", 120000),
        ("1200.5", 120050),
        ("1200,5", 120050),
        ("1200.50", 120050),
        ("1.200,50", 120050),  # Spanish
        ("1,200.50", 120050),  # English
        ("1.200", 120000),  # a lone separator before three digits groups thousands
        ("1,200", 120000),
        ("1.234.567,89", 123456789),
        ("1,234,567.89", 123456789),
        ("€ 1.200", 120000),
        ("1.200 €", 120000),
        ("1.200,50€", 120050),
        ("$1,200", 120000),
        ("£5.05", 505),
        ("EUR 99", 9900),
        ("99 usd", 9900),
        ("1 200,50", 120050),
        ("1\u00a0200", 120000),
        ("+15", 1500),
        (",5", 50),
        ("12.", 1200),
        ("0.500", 50),
        ("0,05", 5),
    ],
)
def test_parse_money(text: str, cents: int) -> None:
    assert parse_money(text) == cents


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "12abc",
        "12 chf",
        "1.2.3",
        "1,2,3",
        "1.2345",
        "12,34,567",
        "1.200.50",
        "€",
        "1e5",
        "½",
        ".",
        "1 2",
    ],
)
def test_parse_money_garbage(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_money(text)
    assert caught.value.field == "value"
    assert caught.value.message.startswith("Not an amount: ")


@pytest.mark.parametrize("text", ["-5", "-1.200,50", "€ -3", "-€3", "\u221210", "(100)"])
def test_parse_money_negative(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_money(text)
    assert caught.value.field == "value"
    assert caught.value.message.startswith("Not an amount: ")
    assert "negative" in caught.value.message


def test_parse_money_too_large() -> None:
    with pytest.raises(ValidationError):
        parse_money("9" * 40)


def test_parse_money_uses_no_float() -> None:
    # 0.29 * 100 == 28.999999999999996 in binary floating point.
    assert parse_money("0.29") == 29
    assert parse_money("1.015,29") == 101529


@pytest.mark.parametrize(
    ("cents", "currency", "text"),
    [
        (120050, "EUR", "€1,200.50"),
        (120000, "EUR", "€1,200"),
        (0, "EUR", "€0"),
        (5, "EUR", "€0.05"),
        (123456789, "EUR", "€1,234,567.89"),
        (120000, "USD", "$1,200"),
        (120000, "GBP", "£1,200"),
        (120000, "CHF", "1,200 CHF"),
        (120050, "chf", "1,200.50 CHF"),
        (-150, "EUR", "-€1.50"),
    ],
)
def test_format_money(cents: int, currency: str, text: str) -> None:
    assert format_money(cents, currency) == text


def test_format_money_default_currency() -> None:
    assert format_money(0) == "€0"


@given(st.integers(min_value=0, max_value=10**14))
def test_money_round_trip(cents: int) -> None:
    assert parse_money(format_money(cents, "EUR")) == cents
    assert parse_money(format_money(cents, "CHF")) == cents


# --- url ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, ""),
        ("", ""),
        ("   ", ""),
        ("https://example.com", "https://example.com"),
        ("http://example.com/a?b=1#c", "http://example.com/a?b=1#c"),
        ("HTTPS://Example.com/Pricing", "HTTPS://Example.com/Pricing"),
        ("https://example.com:8443/", "https://example.com:8443/"),
        ("example.com", "example.com"),  # bare domain: nothing is added
        ("www.example.co.uk/pricing", "www.example.co.uk/pricing"),
        ("example.com:8080", "example.com:8080"),
        ("münchen.de", "münchen.de"),
        ("  https://example.com\x1b[2J ", "https://example.com"),
    ],
)
def test_validate_url_valid(text: str | None, expected: str) -> None:
    assert validate_url(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "java\x00script:alert(1)",  # the NUL goes, the scheme stays refused
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "file:///etc/passwd",
        "ftp://example.com",
        "mailto:bob@example.com",
        "vbscript:msgbox(1)",
    ],
)
def test_validate_url_refuses_schemes(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_url(text)
    assert caught.value.field == "website"
    assert "http" in caught.value.message


@pytest.mark.parametrize(
    "text",
    [
        "https://exa mple.com",
        "example.com/a b",
        "java\tscript:alert(1)",
        "http://",
        "https:///path",
        "//example.com",
        "not a url",
        "bob@example.com",
        "localhost",
        "https://" + "a" * MAX_URL + ".com",
    ],
)
def test_validate_url_refuses_others(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_url(text)
    assert caught.value.field == "website"


def _clean_text_reference(value: str, multiline: bool) -> str:
    """clean_text without its fast path: strip controls, trim, NFC."""
    import unicodedata

    from leadtui.domain.controls import strip_controls

    text = strip_controls(value, multiline=multiline)
    if multiline:
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    return unicodedata.normalize("NFC", text.strip())


@given(
    st.text(st.sampled_from(list("aZ09 .-'\u00a0\u200b\n\t\x1b[mñÑe\u0301A\u030a\u2028é"))),
    st.booleans(),
)
def test_clean_text_fast_path_equals_reference(value: str, multiline: bool) -> None:
    assert clean_text(value, max_length=10**6, multiline=multiline) == _clean_text_reference(
        value, multiline
    )
