"""Lead sources and the words users read for them.

A leaf module (gettext and the enums only): the CLI's option choices come from here without
importing the ORM models or the list's read code.
"""

from __future__ import annotations

from leadtui.domain.enums import LeadSource
from leadtui.i18n import _

SOURCES = tuple(source.value for source in LeadSource)
"""Lead source keys, in the order users see them."""

SOURCE_LABELS: dict[str, str] = {
    "landing_page": _("landing page"),
    "content_download": _("content download"),
    "newsletter": _("newsletter"),
    "event": _("event"),
    "ads": _("ads"),
    "social": _("social"),
    "referral": _("referral"),
    "import": _("import"),
    "manual": _("manual"),
    "other": _("other"),
}


def source_label(source: str) -> str:
    """What a user reads for a source key ("landing_page" -> "landing page")."""
    return SOURCE_LABELS.get(source) or source.replace("_", " ")


# What people write in a source column, in English and Spanish, folded (lower case, no
# accents, "_" and "-" as spaces). Anything else that is not empty maps to "other": an
# unknown source never rejects a row.
_ALIASES: dict[str, str] = {
    **{key.replace("_", " "): key for key in SOURCES},
    "landing": "landing_page",
    "web": "landing_page",
    "website": "landing_page",
    "web form": "landing_page",
    "form": "landing_page",
    "formulario": "landing_page",
    "formulario web": "landing_page",
    "pagina web": "landing_page",
    "sitio web": "landing_page",
    "content": "content_download",
    "download": "content_download",
    "descarga": "content_download",
    "ebook": "content_download",
    "whitepaper": "content_download",
    "webinar": "event",
    "boletin": "newsletter",
    "email": "newsletter",
    "evento": "event",
    "eventos": "event",
    "feria": "event",
    "trade show": "event",
    "conference": "event",
    "congreso": "event",
    "ad": "ads",
    "google ads": "ads",
    "adwords": "ads",
    "ppc": "ads",
    "anuncio": "ads",
    "anuncios": "ads",
    "publicidad": "ads",
    "social media": "social",
    "redes sociales": "social",
    "redes": "social",
    "instagram": "social",
    "facebook": "social",
    "linkedin": "social",
    "twitter": "social",
    "x": "social",
    "tiktok": "social",
    "youtube": "social",
    "referido": "referral",
    "referidos": "referral",
    "recomendacion": "referral",
    "boca a boca": "referral",
    "word of mouth": "referral",
    "importacion": "import",
    "importado": "import",
    "otro": "other",
    "otros": "other",
}


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.replace("_", " ").replace("-", " ").split())


def source_key(text: str) -> str:
    """The source key a typed or imported source means ("Evento" -> "event").

    Keys, their English and Spanish labels and common words (``web``, ``Instagram``,
    ``feria``) are known; any other text is ``"other"``, so a source never rejects a row.
    """
    folded = _fold(text)
    found = _ALIASES.get(folded)
    if found is None:
        found = next(
            (key for key in SOURCES if _fold(_(SOURCE_LABELS.get(key, key))) == folded), "other"
        )
    return found
