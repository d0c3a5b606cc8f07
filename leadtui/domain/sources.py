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
