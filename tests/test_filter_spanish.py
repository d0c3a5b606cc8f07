"""The filter language in Spanish: Spanish keys and values are aliases of the English ones
(always accepted), and Tab completes in the UI's language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadtui import i18n
from leadtui.domain.filter_query import FilterSyntaxError, Vocabulary, parse
from leadtui.domain.filter_query_complete import complete
from leadtui.domain.filter_query_es import KEYS, SHOWN_VALUES, VALUES

VOCABULARY = Vocabulary(tags=("vip",))


@pytest.fixture
def spanish() -> Iterator[None]:
    before = i18n.language()
    i18n.set_language("es")
    yield
    i18n.set_language(before)


def test_spanish_keys_and_values_mean_the_english_ones() -> None:
    spanish = "etapa:cualificado,propuesta fuente:evento vence:hoy,vencido -etiqueta:vip"
    english = "stage:qualified,proposal source:event due:today,overdue -tag:vip"
    assert parse(spanish, VOCABULARY) == parse(english, VOCABULARY)
    assert parse("teléfono:600 puntuación>40 creado>=2026-11-01 empresa:acme nota:x") == parse(
        "phone:600 score>40 created>=2026-11-01 company:acme note:x"
    )
    assert parse("Etapa:CUALIFICADO fuente:recomendación") == parse(
        "stage:qualified source:referral"
    )


@given(st.sampled_from(sorted(VALUES)), st.data())
def test_every_spanish_value_is_its_english_value(key: str, data: st.DataObject) -> None:
    spanish_key = next(es for es, en in KEYS.items() if en == key)
    spanish_value, english_value = data.draw(st.sampled_from(sorted(VALUES[key].items())))
    typed = SHOWN_VALUES.get(spanish_value, spanish_value)
    assert parse(f"{spanish_key}:{typed}") == parse(f"{key}:{english_value}")


def test_english_completion_stays_english() -> None:
    assert complete("sta", VOCABULARY) is not None
    assert complete("sta", VOCABULARY).text == "stage:"  # type: ignore[union-attr]
    assert complete("due:to", VOCABULARY).text == "due:today"  # type: ignore[union-attr]


@pytest.mark.usefixtures("spanish")
def test_tab_completes_in_spanish() -> None:
    def text(typed: str) -> str | None:
        found = complete(typed, VOCABULARY)
        return None if found is None else found.text

    assert text("eta") == "etapa:"
    assert text("etapa:cu") == "etapa:cualificado"
    assert text("stage:cu") == "stage:cualificado"  # an English key still takes Spanish values
    assert text("vence:h") == "vence:hoy"
    assert text("fuente:reco") == "fuente:recomendación"
    assert text("tel") == "teléfono:"
    assert text("sta") == "stage:"  # English keys keep completing
    assert parse(str(text("etapa:cu")), VOCABULARY) == parse("stage:qualified", VOCABULARY)


@pytest.mark.usefixtures("spanish")
def test_errors_name_the_spanish_words() -> None:
    with pytest.raises(FilterSyntaxError) as error:
        parse("etapa:vendido", VOCABULARY)
    message = str(error.value)
    assert "vendido" in message and "cualificado" in message and "qualified" not in message
    with pytest.raises(FilterSyntaxError) as error:
        parse("color:rojo", VOCABULARY)
    assert "etapa" in str(error.value) and "stage" not in str(error.value)
