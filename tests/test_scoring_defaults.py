"""The default rules file is written in the user's language: comments translated, the
keys and numbers unchanged (so both read as the same rules)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from language import speaking

from leadtui.domain.scoring_defaults import DEFAULT_RULES_TOML, default_rules_text
from leadtui.domain.scoring_rules import DEFAULT_RULES, parse_rules
from leadtui.io.scoring_file import ensure_rules_file, read_rules_file


def _settings(text: str) -> list[str]:
    """The file's lines with their comments taken off (what TOML reads)."""
    lines = (line.split("#", 1)[0].rstrip() for line in text.splitlines())
    return [line for line in lines if line]


def _comments(text: str) -> str:
    return "\n".join(line.split("#", 1)[1] for line in text.splitlines() if "#" in line)


def test_the_english_file_is_the_default_rules() -> None:
    assert default_rules_text() == DEFAULT_RULES_TOML
    assert parse_rules(DEFAULT_RULES_TOML) == DEFAULT_RULES
    assert "# at or above this a lead is qualified (MQL)" in DEFAULT_RULES_TOML


def test_the_spanish_file_has_spanish_comments_and_the_same_rules(tmp_path: Path) -> None:
    path = tmp_path / "scoring.toml"
    with speaking("es"):
        assert ensure_rules_file(path)
        missing = read_rules_file(tmp_path / "none.toml")
    text = path.read_text(encoding="utf-8")
    assert "de dónde vino el lead" in text and "Reglas de puntuación de leads" in text
    assert "where the lead came from" not in text
    assert _settings(text) == _settings(DEFAULT_RULES_TOML)
    assert parse_rules(text) == DEFAULT_RULES
    tomllib.loads(text)  # every translated comment stays a comment
    # No file yet shows the text a new file gets: writing it to edit it is no change.
    assert missing.text == text
    assert missing.fingerprint == read_rules_file(path).fingerprint
    assert _comments(text) != _comments(DEFAULT_RULES_TOML)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("es_ES.UTF-8", "# de dónde vino el lead"), ("en_US.UTF-8", "# where the lead came from")],
)
def test_score_init_writes_the_file_in_the_shells_language(
    tmp_path: Path, lang: str, expected: str
) -> None:
    rules = tmp_path / "scoring.toml"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LEADTUI_LANG"}
    }
    env.update(
        LANG=lang,
        LEADTUI_SCORING=str(rules),
        LEADTUI_SETTINGS=str(tmp_path / "settings.toml"),
    )
    done = subprocess.run(
        [sys.executable, "-m", "leadtui", "--db", str(tmp_path / "x.db"), "score", "--init"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    text = rules.read_text(encoding="utf-8")
    assert any(line.endswith(expected) for line in text.splitlines())
    assert parse_rules(text) == DEFAULT_RULES
