"""The import's fast paths agree with the slow, exact validators they stand in for."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leadtui.domain.validation import ValidationError, normalize_phone, validate_email
from leadtui.io.convert import RowConverter
from leadtui.io.formats import BY_KEY
from leadtui.io.layout import IGNORE
from leadtui.io.phones import PhoneNormalizer
from leadtui.io.row_outcome import RowRejected
from leadtui.io.values import EmailChecker, parse_date, split_tags

phones = st.builds(
    lambda code, digits, seps: (
        "+" + code + "".join(d + s for d, s in zip(digits, seps, strict=False))
    ),
    st.sampled_from(["34", "1", "44", "33", "49", "39", "52", "351", "380", "7", "86"]),
    st.text("0123456789", min_size=4, max_size=13),
    st.lists(st.sampled_from(["", "", " ", "-", "."]), min_size=13, max_size=13),
)
locals_ = st.text(st.sampled_from(list('abcXYZ09._+-!#ñáéüçÑ×"\\ @')), min_size=1, max_size=12)
domains = st.sampled_from(
    [
        "example.org",
        "correo.es",
        "localhost",
        "bad..dom",
        "ex-ample.io",
        "münchen.de",
        "x.invalid",
        "1.2.3.4",
    ]
)


@settings(max_examples=400, deadline=None)
@given(phones)
def test_phone_fast_path_equals_normalize_phone(text: str) -> None:
    assert PhoneNormalizer("ES").normalize(text) == normalize_phone(text, "ES")


@settings(max_examples=400, deadline=None)
@given(locals_, domains)
def test_email_checker_equals_email_validator(local: str, domain: str) -> None:
    address = f"{local}@{domain}"
    checker = EmailChecker()
    try:
        expected: str | None = validate_email(address)
    except ValidationError:
        expected = None
    try:
        got: str | None = checker.check(address)
    except ValidationError:
        got = None
    assert got == expected


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("2024-03-15 10:22:33", False, "2024-03-15 10:22:33"),
        ("2024-03-15T10:22:33Z", False, "2024-03-15 10:22:33"),
        ("2024-03-15T11:22:33+01:00", False, "2024-03-15 10:22:33"),
        ("05/03/2024 9:15:02", True, "2024-03-05 09:15:02"),
        ("3/15/2024 10:22:33", False, "2024-03-15 10:22:33"),
        ("15/03/2024", False, "2024-03-15 00:00:00"),  # only one reading is possible
        ("15 Mar 2024", False, "2024-03-15 00:00:00"),
        ("02 ene 2023", True, "2023-01-02 00:00:00"),
        ("3/15/2024 10:22 PM", False, "2024-03-15 22:22:00"),
    ],
)
def test_dates(text: str, day_first: bool, expected: str) -> None:
    assert parse_date(text, day_first=day_first).strftime("%Y-%m-%d %H:%M:%S") == expected


def test_bad_date() -> None:
    with pytest.raises(ValidationError):
        parse_date("31/02/2024", day_first=True)


def test_tags() -> None:
    assert split_tags('["a, b", "c"]', multi_values=False) == ["a, b", "c"]
    assert split_tags('"Clientes","VIP"', multi_values=False) == ["Clientes", "VIP"]
    assert split_tags("* myContacts ::: Feria", multi_values=True) == ["Feria"]
    assert split_tags("a; b", multi_values=False) == ["a", "b"]


def _outcome(convert: Any, cells: list[str]) -> object:
    try:
        row = convert(3, 4, cells)
    except RowRejected as rejected:
        return rejected.issue
    return row.values, row.given, row.tags, row.notes


cells_ = st.text(st.sampled_from(list("aZ ñé\u0301İ@.+-3'\t\n\x1b\u200b\u0958")), max_size=6)
SIMPLE_TARGETS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "company",
    "job_title",
    "full_name",
    "website",
    "created_at",
    "source",
)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(cells_, min_size=0, max_size=len(SIMPLE_TARGETS) + 2),
    st.sampled_from(["csv", "mailchimp-unsubscribed", "google-forms-es"]),
)
def test_simple_row_fast_path_equals_cell_by_cell(cells: list[str], format_key: str) -> None:
    """One-target-per-column rows skip per-cell checks; the result must not change."""
    header = [f"c{i}" for i in range(len(SIMPLE_TARGETS) + 1)]
    converter = RowConverter(
        BY_KEY[format_key], header, [*SIMPLE_TARGETS, IGNORE], stages={"new": "new"}
    )
    assert converter._simple
    assert _outcome(converter.convert, cells) == _outcome(converter._convert_cells, cells)
