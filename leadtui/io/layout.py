"""What an export layout is: its :class:`Format`, and how header names are compared.

The layouts themselves live in :mod:`leadtui.io.layouts_crm`,
:mod:`leadtui.io.layouts_contacts` and :mod:`leadtui.io.layouts_forms`;
:mod:`leadtui.io.formats` recognises them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

IGNORE = "ignore"
ANSWER = "answer"
"""A form answer no lead field takes: kept in the lead's note as ``question: answer``."""
FORMULA_GUARD = "'"
"""What a spreadsheet-safe export (:func:`leadtui.io.export.neutralise`) puts before a cell
starting with one of :data:`FORMULA_STARTS`; taken off again when that export is imported."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def normalize_header(header: str) -> str:
    """Lower case, no accents, punctuation as single spaces: ``¿Tu Correo?`` → ``tu correo``."""
    text = unicodedata.normalize("NFKD", header.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


@dataclass(frozen=True, slots=True)
class Format:
    """A recognised export layout."""

    key: str
    label: str
    source: str = "import"
    day_first: bool = False
    consent: bool | None = None
    """Consent of every row (Mailchimp: subscribed True, unsubscribed/cleaned False)."""
    exact: dict[str, str] = field(default_factory=dict)
    """Normalised header → field."""
    multi_values: bool = False
    """Cells may hold several values separated by `` ::: `` (Google Contacts)."""
    keywords: bool = True
    """Headers it does not name exactly are read by keywords (a form's question titles);
    ``False`` for lead ads, whose custom questions are never guessed into a field."""
    answers: bool = False
    """Columns no field takes are the person's answers: kept in the note (:data:`ANSWER`),
    not dropped as "not imported"."""


def header_table(pairs: dict[str, str]) -> dict[str, str]:
    """``pairs`` (header as exported → field) keyed by :func:`normalize_header` instead."""
    return {normalize_header(header): target for header, target in pairs.items()}
