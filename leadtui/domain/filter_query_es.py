"""The filter language in Spanish: ``etapa:cualificado fuente:evento vence:hoy``.

Spanish keys and values are aliases, accepted whatever the UI language, so a saved view
or a script works for everyone; the English forms keep working. When the UI speaks
Spanish, Tab completes to the Spanish words and errors list them. Aliases are compared
folded (lower case, no accents), so ``teléfono`` and ``telefono`` are the same key.
Pure Python: the words are part of the language, like its English keys.
"""

from __future__ import annotations

import unicodedata

from leadtui import i18n

KEYS: dict[str, str] = {
    "etapa": "stage",
    "fuente": "source",
    "etiqueta": "tag",
    "vence": "due",
    "empresa": "company",
    "telefono": "phone",
    "nota": "note",
    "puntuacion": "score",
    "creado": "created",
}
"""Spanish key → the English key it stands for (folded; shown with accents, see below)."""

SHOWN_KEYS: dict[str, str] = {"telefono": "teléfono", "puntuacion": "puntuación"}
"""How a folded Spanish key is written when Tab completes it."""

VALUES: dict[str, dict[str, str]] = {
    "stage": {
        "nuevo": "new",
        "contactado": "contacted",
        "cualificado": "qualified",
        "propuesta": "proposal",
        "ganado": "won",
        "perdido": "lost",
    },
    "source": {
        "descarga": "content_download",
        "evento": "event",
        "anuncios": "ads",
        "redes_sociales": "social",
        "recomendacion": "referral",
        "importacion": "import",
        "otra": "other",
    },
    "due": {"vencido": "overdue", "hoy": "today", "semana": "week", "ninguno": "none"},
}
"""Per English key, Spanish value → the value it stands for (folded)."""

SHOWN_VALUES: dict[str, str] = {"recomendacion": "recomendación", "importacion": "importación"}


def fold(text: str) -> str:
    """Lower case without accents: how aliases are compared."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def english_key(key: str) -> str:
    """The English key for ``key`` (itself when it is not a Spanish alias)."""
    return KEYS.get(fold(key), key.lower())


def english_value(key: str, value: str) -> str:
    """The English value for ``value`` of (English) ``key`` (itself when no alias)."""
    return VALUES.get(key, {}).get(fold(value), value)


def speaks_spanish() -> bool:
    """Whether Tab and the error messages use the Spanish words."""
    return i18n.language().split("_")[0] == "es"


def shown_key(key: str) -> str:
    """``key`` (English) as the user's language writes it."""
    if not speaks_spanish():
        return key
    spanish = next((es for es, en in KEYS.items() if en == key), key)
    return SHOWN_KEYS.get(spanish, spanish)


def shown_value(key: str, value: str) -> str:
    """``value`` of (English) ``key`` as the user's language writes it."""
    if not speaks_spanish():
        return value
    spanish = next((es for es, en in VALUES.get(key, {}).items() if en == value), value)
    return SHOWN_VALUES.get(spanish, spanish)
