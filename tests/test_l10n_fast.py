"""The precomputed forms (``locale compile``) write money, counts, dates and ages exactly
as Babel does, so the Spanish first screen needs no Babel; they stay current with Babel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import TypeVar

from hypothesis import given
from hypothesis import strategies as st

from leadtui import i18n
from leadtui.domain import l10n
from leadtui.locale import formats

LOCALES = ("es", "es_ES", "es_MX", "es_AR", "es_419")
T = TypeVar("T")


@contextmanager
def babel_only() -> Iterator[None]:
    """l10n answers through Babel inside: no precomputed forms."""
    saved = dict(i18n._FORMS)
    i18n._FORMS.update(dict.fromkeys(LOCALES))
    try:
        yield
    finally:
        i18n._FORMS.clear()
        i18n._FORMS.update(saved)


def both(call: Callable[[], T]) -> tuple[T, T]:
    fast = call()
    with babel_only():
        return fast, call()


def test_every_shipped_locale_has_its_forms_and_they_are_current() -> None:
    for locale in LOCALES:
        assert i18n.precomputed_forms(locale) is not None, locale
    for locale in ("es_ES", "es_MX"):
        stored = json.loads(formats.formats_path("es", locale).read_text(encoding="utf-8"))
        assert stored == formats.forms(locale)  # run `locale compile` after a Babel upgrade


@given(
    st.sampled_from(LOCALES),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.sampled_from([*formats.CURRENCIES, "", " eur", "JPY", "XYZ"]),
)
def test_money_is_babels(locale: str, cents: int, currency: str) -> None:
    fast, babel = both(lambda: l10n.money(cents, currency, locale))
    assert fast == babel


@given(st.sampled_from(LOCALES), st.integers(min_value=-(10**12), max_value=10**12))
def test_counts_are_babels(locale: str, value: int) -> None:
    fast, babel = both(lambda: l10n.number(value, locale))
    assert fast == babel


@given(st.sampled_from(LOCALES), st.dates(min_value=date(1900, 1, 1)))
def test_dates_are_babels(locale: str, day: date) -> None:
    fast, babel = both(lambda: l10n.numeric_day(day, locale))
    assert fast == babel


@given(st.sampled_from(LOCALES), st.integers(min_value=-(10**10), max_value=10**10))
def test_ages_are_babels(locale: str, seconds: int) -> None:
    fast, babel = both(lambda: l10n.age(timedelta(seconds=seconds), locale))
    assert fast == babel


def test_the_spanish_list_row_and_header_import_no_babel() -> None:
    code = (
        "import sys\n"
        "from datetime import UTC, datetime, timedelta\n"
        "from leadtui.domain.formatting import followup_label, format_count, relative_time\n"
        "from leadtui.domain.money import format_money\n"
        "now = datetime(2026, 3, 16, 10, tzinfo=UTC)\n"
        "print(format_money(4424000, 'EUR'), format_count(1000),\n"
        "      followup_label(now + timedelta(days=9), now),\n"
        "      relative_time(now - timedelta(days=240), now))\n"
        "print(sorted(name for name in sys.modules if name.startswith('babel')))\n"
    )
    env = {**os.environ, "LEADTUI_LANG": "es", "LEADTUI_REGION": "ES", "TZ": "UTC"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    shown, imported = out.stdout.splitlines()
    assert shown == "44.240\xa0€ 1.000 25/3/2026 8m"
    assert imported == "[]"
