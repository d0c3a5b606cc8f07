"""Tab completion for the filter language: keys, then the known values of a key (pure)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from leadtui.domain.filter_query import COMPARE_KEYS, Due, Key, Vocabulary
from leadtui.domain.filter_query_es import english_key, fold, shown_key, shown_value
from leadtui.domain.team import ME, NOBODY

_VALUE_AT_END = re.compile(r"(-?)([^\W\d]+):((?:[^\s,]*,)*)([^\s,]*)$")
_WORD_AT_END = re.compile(r"(-?)([^\W\d]*)$")


@dataclass(frozen=True, slots=True)
class Completion:
    """The text after Tab, and every candidate that fitted (to show as a hint)."""

    text: str
    candidates: tuple[str, ...]


def _values_of(key: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """The values of ``key`` (English or Spanish) in the words of the UI's language."""
    english = english_key(key)
    return tuple(shown_value(english, value) for value in _english_values(english, vocabulary))


def _english_values(key: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    match key:
        case Key.STAGE:
            return vocabulary.stages
        case Key.SOURCE:
            return vocabulary.sources
        case Key.TAG:
            return vocabulary.tags
        case Key.DUE:
            return tuple(due.value for due in Due)
        case Key.OWNER:
            return (
                ME,
                NOBODY,
                *(owner for owner in vocabulary.owners if owner not in (ME, NOBODY)),
            )
    return ()


def _extend(typed: str, candidates: list[str]) -> str:
    """What the candidates have in common beyond ``typed`` (``typed`` itself when nothing)."""
    common = os.path.commonprefix([candidate.casefold() for candidate in candidates])
    if len(candidates) == 1:
        return candidates[0]
    return candidates[0][: len(common)] if len(common) > len(typed) else typed


def complete(text: str, vocabulary: Vocabulary) -> Completion | None:
    """Complete the term at the end of ``text``; ``None`` when nothing fits."""
    if text and text[-1].isspace():
        return None
    value = _VALUE_AT_END.search(text)
    if value is not None and (value.start() == 0 or text[value.start() - 1].isspace()):
        typed = value.group(4)
        folded = typed.casefold()
        fits = [
            v for v in _values_of(value.group(2), vocabulary) if fold(v).startswith(fold(folded))
        ]
        if not fits:
            return None
        chosen = _extend(typed, fits)
        return Completion(text[: len(text) - len(typed)] + chosen, tuple(fits))
    word = _WORD_AT_END.search(text)
    if word is None or (word.start() > 0 and not text[word.start() - 1].isspace()):
        return None
    typed = fold(word.group(2))
    keys = [
        shown_key(key.value) + (">" if key in COMPARE_KEYS else ":")
        for key in Key
        if fold(shown_key(key.value)).startswith(typed)
    ] or [  # English keys work in every language
        key.value + (">" if key in COMPARE_KEYS else ":")
        for key in Key
        if key.value.startswith(typed)
    ]
    if not keys:
        return None
    chosen = _extend(typed, keys)
    return Completion(text[: len(text) - len(word.group(2))] + chosen, tuple(keys))
