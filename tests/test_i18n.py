"""The Spanish catalog is complete, the language is chosen as documented, and money,
dates, relative times and typed amounts follow the locale (English unchanged)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from click.testing import CliRunner
from conftest import AppFactory
from language import fresh, speaking
from waiting import run_from_palette, settle, wait_until

from leadtui import i18n
from leadtui.domain.formatting import (
    followup_date_text,
    followup_label,
    format_count,
    parse_followup_date,
    relative_time,
    weekday_date,
)
from leadtui.domain.funnel import format_days, format_rate
from leadtui.domain.money import format_money
from leadtui.domain.validation import ValidationError, parse_money
from leadtui.locale import catalogs, po_path
from leadtui.store import LeadStore

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
NBSP = "\xa0"  # CLDR puts a no-break space before "€" and "%": they never wrap apart


class TestCatalog:
    """Every message in the code has a reviewed Spanish translation, compiled."""

    def test_every_message_is_translated(self) -> None:
        template = catalogs.extract()
        problems = catalogs.problems(catalogs.read(po_path("es"), "es"), template)
        assert problems == [], (
            "Run `python -m leadtui.locale extract && python -m leadtui.locale update`, "
            "translate leadtui/locale/es/LC_MESSAGES/leadtui.po, then `compile`:\n"
            + "\n".join(problems)
        )

    def test_compiled_catalog_matches_the_po(self) -> None:
        po = catalogs.read(po_path("es"), "es")
        mo = catalogs.read_compiled("es")

        def entries(catalog: Catalog) -> dict[object, object]:
            return {
                m.id if isinstance(m.id, str) else tuple(m.id): (
                    m.string if isinstance(m.string, str) else tuple(m.string or ())
                )
                for m in catalog
                if m.id
            }

        wanted, got = entries(po), entries(mo)
        assert got == {key: value for key, value in wanted.items() if value}, (
            "leadtui.mo is stale: run `python -m leadtui.locale compile`"
        )

    def test_spanish_plural_forms(self) -> None:
        po = catalogs.read(po_path("es"), "es")
        assert po.num_plurals == 2 and po.plural_expr == "(n != 1)"

    def test_placeholder_check_catches_a_renamed_field(self) -> None:
        template, spanish = Catalog(), Catalog(locale="es")
        template.add("Moved {what} to {stage}")
        spanish.add("Moved {what} to {stage}", "Movido {que} a {stage}")
        assert catalogs.problems(spanish, template) == [
            "placeholders ['que', 'stage'] instead of ['stage', 'what']: 'Moved {what} to {stage}'"
        ]


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[pytest.MonkeyPatch]:
    """No language variables; the settings file in a temporary folder."""
    for name in (i18n.LANG_ENV, *i18n.ENVIRONMENT_VARIABLES):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(i18n.SETTINGS_ENV, str(tmp_path / "settings.toml"))
    yield monkeypatch
    monkeypatch.undo()
    i18n.set_language(None)


class TestLanguageChoice:
    """LEADTUI_LANG, then the saved choice, then LANGUAGE/LC_ALL/LC_MESSAGES/LANG."""

    def test_lang_es_es_utf8_selects_spanish(self, environment: pytest.MonkeyPatch) -> None:
        environment.setenv("LANG", "es_ES.UTF-8")
        i18n.set_language()
        assert (i18n.language(), i18n.formatting_locale()) == ("es", "es_ES")
        assert i18n._("Quit") == "Salir"

    def test_nothing_set_is_english(self, environment: pytest.MonkeyPatch) -> None:
        i18n.set_language()
        assert (i18n.language(), i18n.formatting_locale(), i18n._("Quit")) == ("en", None, "Quit")

    def test_c_locale_is_english(self, environment: pytest.MonkeyPatch) -> None:
        environment.setenv("LC_ALL", "C.UTF-8")
        environment.setenv("LANG", "es_ES.UTF-8")
        i18n.set_language()
        assert i18n.language() == "en"

    def test_language_list_and_order(self, environment: pytest.MonkeyPatch) -> None:
        environment.setenv("LANGUAGE", "fr:es")
        environment.setenv("LANG", "en_GB.UTF-8")
        i18n.set_language()
        assert i18n.language() == "es"
        environment.setenv(i18n.LANG_ENV, "en")
        i18n.set_language()
        assert i18n.language() == "en"

    def test_saved_choice_beats_the_environment(self, environment: pytest.MonkeyPatch) -> None:
        environment.setenv("LANG", "en_US.UTF-8")
        path = i18n.save_language("es")
        assert path.read_text(encoding="utf-8") == 'language = "es"\n'
        i18n.set_language()
        assert i18n.language() == "es"
        environment.setenv(i18n.LANG_ENV, "en")
        i18n.set_language()
        assert i18n.language() == "en"

    def test_a_broken_settings_file_is_ignored(self, environment: pytest.MonkeyPatch) -> None:
        i18n.settings_path().write_text("language = = ", encoding="utf-8")
        i18n.set_language()
        assert i18n.language() == "en"

    def test_available_languages(self) -> None:
        assert i18n.available_languages()[:1] == ["en"] and "es" in i18n.available_languages()


@pytest.fixture(params=["es_ES", "en_US", "en_GB"])
def locale(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each locale in turn (the catalog is chosen at call time here: no re-import)."""
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language(None)


def expect(locale: str, spanish: object, english: object) -> object:
    return spanish if locale == "es_ES" else english


class TestFormatting:
    """Spanish through Babel; both Englishes keep the house style exactly."""

    def test_money(self, locale: str) -> None:
        shown = [format_money(290000), format_money(120050), format_money(500, "USD")]
        assert shown == expect(
            locale,
            [f"2.900{NBSP}€", f"1.200,50{NBSP}€", f"5{NBSP}US$"],
            ["€2,900", "€1,200.50", "$5"],
        )
        assert format_money(120000, "CHF") == expect(locale, f"1.200{NBSP}CHF", "1,200 CHF")
        assert format_money(120050, "") == expect(locale, "1.200,50", "1,200.50")

    def test_counts_rates_and_days(self, locale: str) -> None:
        assert format_count(1_000_000) == expect(locale, "1.000.000", "1,000,000")
        assert format_rate(0.665) == expect(locale, f"66,5{NBSP}%", "66.5%")
        assert format_days(3.5) == expect(locale, "3,5 d", "3.5 d")

    def test_dates(self, locale: str) -> None:
        due = datetime(2026, 12, 20, 9, tzinfo=UTC)
        assert followup_label(due, NOW) == expect(locale, "20/12/2026", "2026-12-20")
        assert followup_label(NOW + timedelta(days=1), NOW) == expect(locale, "mañana", "tomorrow")
        assert followup_date_text(due) == expect(locale, "20/12/2026", "2026-12-20")
        assert weekday_date(date(2026, 12, 8)) == expect(locale, "mar 8 dic 2026", "Tue 2026-12-08")

    def test_relative_times(self, locale: str) -> None:
        from leadtui.ui.widgets.timeline import absolute_time
        from leadtui.ui.widgets.timeline import relative_time as timeline_time

        assert relative_time(NOW - timedelta(hours=22), NOW) == expect(locale, "22h", "22h")
        assert relative_time(NOW - timedelta(days=3), NOW) == expect(locale, "3d", "3d")
        assert timeline_time(NOW - timedelta(hours=22), NOW) == expect(
            locale, "hace 22 horas", "22 h ago"
        )
        assert timeline_time(NOW + timedelta(days=5), NOW) == expect(
            locale, "dentro de 5 días", "in 5 d"
        )
        assert absolute_time(NOW) == expect(locale, "7 dic 2026, 10:00", "2026-12-07 10:00")

    def test_typed_amounts(self, locale: str) -> None:
        assert parse_money("1.200,50") == 120050
        assert parse_money("2.900 €") == 290000
        assert parse_money("1,200.50") == 120050
        assert parse_money("1,200") == expect(locale, 120, 120000)
        assert parse_money("1200") == 120000
        with pytest.raises(ValidationError):
            parse_money("12abc")

    def test_typed_dates(self, locale: str) -> None:
        typed = parse_followup_date("8/12/2026")
        assert typed is not None
        wanted = {
            "es_ES": date(2026, 12, 8),
            "en_GB": date(2026, 12, 8),
            "en_US": date(2026, 8, 12),
        }
        assert typed.date() == wanted[locale]
        iso = parse_followup_date("2026-12-08")
        assert iso is not None and iso.date() == date(2026, 12, 8)
        with pytest.raises(ValueError, match=str(expect(locale, "No es una fecha", "Not a date"))):
            parse_followup_date("32/13/2026")

    def test_english_without_region_reads_iso_only(self) -> None:
        i18n.set_language("en")
        with pytest.raises(ValueError, match="Not a date"):
            parse_followup_date("8/12/2026")


class TestSpanishCli:
    """The CLI speaks Spanish, click's own words included."""

    def test_help(self) -> None:
        with speaking("es"):
            main = fresh("leadtui.cli", "main")
            result = CliRunner().invoke(main, ["--help"], prog_name="leadtui")
        assert result.exit_code == 0
        assert "Uso: leadtui" in result.stdout and "Opciones:" in result.stdout
        assert "Muestra este mensaje y sale." in result.stdout
        assert "Añade un lead y muestra su id." in result.stdout

    def test_validation_error(self, tmp_path: Path) -> None:
        with speaking("es"):
            main = fresh("leadtui.cli", "main")
            db = str(tmp_path / "leads.db")
            result = CliRunner().invoke(
                main, ["--db", db, "add", "--first-name", "A", "--stage", "x"]
            )
            unknown = CliRunner().invoke(main, ["nope"])
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: Etapa desconocida 'x'; usa una de estas:")
        assert "No existe el comando 'nope'." in unknown.stderr

    def test_stats(self, tmp_path: Path) -> None:
        with speaking("es"):
            main = fresh("leadtui.cli", "main")
            db = str(tmp_path / "leads.db")
            runner = CliRunner()
            args = ["--db", db, "add", "--first-name", "Ana", "--stage", "contacted"]
            assert runner.invoke(main, args).exit_code == 0
            result = runner.invoke(main, ["--db", db, "stats"])
        assert result.exit_code == 0, result.stderr
        assert "Contactado" in result.stdout and "Total" in result.stdout
        assert "Tasa de cierre" in result.stdout

    def test_english_again_after_spanish(self) -> None:
        with speaking("es"):
            pass
        from leadtui.cli import main

        help_text = CliRunner().invoke(main, ["--help"], prog_name="leadtui").stdout
        assert "Usage: leadtui" in help_text and "Show this message and exit." in help_text


class TestLanguageCommand:
    """With LEADTUI_LANG set, the palette's Language command only remembers the choice
    (the switch of a running app is in tests/test_language_switch.py)."""

    async def test_choose_spanish(
        self,
        store: LeadStore,
        app_factory: AppFactory,
        environment: pytest.MonkeyPatch,
    ) -> None:
        environment.setenv(i18n.LANG_ENV, "en")
        app = app_factory(store)
        async with app.run_test() as pilot:
            await settle(pilot)
            await run_from_palette(pilot, "language es", "Español")
            await wait_until(pilot, lambda: bool(app._notifications), "the notice")
            notice = next(iter(app._notifications)).message
        assert notice.startswith(
            "Idioma: Español. Se aplicará la próxima vez que abras leadtui.\n"
            "LEADTUI_LANG=en está definida y manda sobre esta elección."
        )
        assert app.language_switch is None  # the running app is unchanged
        assert i18n.saved_language() == "es"
        assert i18n.language() == "en"
        environment.delenv(i18n.LANG_ENV)
        i18n.set_language()
        assert i18n.language() == "es"
