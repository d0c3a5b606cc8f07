"""Parsed stylesheets kept between starts (leadtui.ui.css_cache): the same rules as a
fresh parse, no parse at all once stored, and a cache that can only cost time, never
styles (bad files ignored, unwritable folders tolerated, CSS with errors not kept)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import platformdirs
import pytest
from textual.css import stylesheet as textual_stylesheet
from textual.css.stylesheet import Stylesheet, StylesheetParseError

from leadtui import launch, paths
from leadtui.store import LeadStore
from leadtui.ui.app import LeadApp
from leadtui.ui.css_cache import CachingStylesheet, ParsedCss, textual_build

CSS = "Screen { background: $surface; } #a > .b:focus { color: $error 40%; padding: 0 1; }"
VARIABLES = {"surface": "#101010", "error": "#ff0000"}
WHERE = ("test.tcss", "")


def _parsed(folder: Path, variables: dict[str, str] = VARIABLES, css: str = CSS) -> list[str]:
    """The rules of ``css`` as TCSS text, parsed through a cache in ``folder`` (saved)."""
    parsed = ParsedCss(folder)
    sheet = CachingStylesheet(parsed, variables=variables)
    sheet.add_source(css, read_from=WHERE)
    rules = [rule.css for rule in sheet.rules]
    parsed.save()
    return rules


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("parsed although the rules were stored")

    monkeypatch.setattr(textual_stylesheet, "parse", refuse)


def _fresh(variables: dict[str, str] = VARIABLES) -> list[str]:
    sheet = Stylesheet(variables=variables)
    sheet.add_source(CSS, read_from=WHERE)
    return [rule.css for rule in sheet.rules]


def test_stored_rules_are_the_parsed_ones_and_skip_the_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = _parsed(tmp_path)
    assert cold == _fresh()
    assert len(list(tmp_path.glob("css-*.pickle"))) == 1
    _no_parsing(monkeypatch)
    assert _parsed(tmp_path) == cold


def test_other_variables_parse_again(tmp_path: Path) -> None:
    _parsed(tmp_path)
    other = {"surface": "#202020", "error": "#00ff00"}
    assert _parsed(tmp_path, other) == _fresh(other) != _fresh()


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05K\x01.", b"\x80\x05]\x94."])
def test_a_bad_file_is_ignored_and_replaced(tmp_path: Path, content: bytes) -> None:
    parsed = ParsedCss(tmp_path)
    parsed.path.write_bytes(content)  # empty, garbage, an int, a list
    assert _parsed(tmp_path) == _fresh()
    assert ParsedCss(tmp_path).get(next(iter(_keys(tmp_path)))) is not None


def test_an_earlier_format_is_ignored_and_replaced(tmp_path: Path) -> None:
    import pickle

    rules = CachingStylesheet(ParsedCss(tmp_path / "elsewhere"), variables=VARIABLES)
    rules.add_source(CSS, read_from=WHERE)
    ParsedCss(tmp_path).path.write_bytes(pickle.dumps({"a digest": rules.rules}))
    assert _parsed(tmp_path) == _fresh()
    assert all(isinstance(key, tuple) for key in _keys(tmp_path))


def test_an_entry_that_no_longer_unpickles_is_parsed_again(tmp_path: Path) -> None:
    import pickle

    _parsed(tmp_path)
    path = ParsedCss(tmp_path).path
    path.write_bytes(pickle.dumps(dict.fromkeys(_keys(tmp_path), b"\x80\x05truncated")))
    assert _parsed(tmp_path) == _fresh()
    assert ParsedCss(tmp_path).get(_keys(tmp_path)[0]) is not None


def test_only_the_rule_sets_asked_for_are_unpickled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pickle

    parsed = ParsedCss(tmp_path)
    sheet = CachingStylesheet(parsed, variables=VARIABLES)
    sheet.add_source(CSS, read_from=WHERE)
    sheet.add_source("Label { color: red; }", read_from=("other.tcss", ""))
    sheet.parse()
    parsed.save()
    unpickled: list[bytes] = []
    real_loads = pickle.loads

    def counting(data: bytes, *args: Any, **kwargs: Any) -> Any:
        unpickled.append(data)
        return real_loads(data, *args, **kwargs)

    monkeypatch.setattr(pickle, "loads", counting)
    assert len(_keys(tmp_path)) == 2  # (this reads the file with pickle.loads)
    unpickled.clear()
    again = ParsedCss(tmp_path)
    assert again.get(_keys(tmp_path)[0]) is not None
    assert len(unpickled) == 2  # _keys' read of the whole file, and the one rule set


def _keys(folder: Path) -> list[tuple[str, str]]:
    import pickle

    return list(pickle.loads(ParsedCss(folder).path.read_bytes()))


def test_an_unwritable_folder_costs_only_the_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be")
    assert _parsed(blocker / "css") == _fresh()  # save() could not write: no error
    assert not (blocker / "css").exists()


def test_rules_that_do_not_pickle_are_not_kept(tmp_path: Path) -> None:
    parsed = ParsedCss(tmp_path)
    parsed.put(("variables", "key"), [lambda: None])  # type: ignore[list-item]  # no pickle
    parsed.save()  # no error: the app's warm-up worker runs it
    assert not parsed.path.exists()
    parsed.put(("variables", "other"), [])
    parsed.save()
    assert _keys(tmp_path) == [("variables", "other")]  # the others are kept


def test_css_with_errors_is_never_stored(tmp_path: Path) -> None:
    parsed = ParsedCss(tmp_path)
    sheet = CachingStylesheet(parsed, variables=VARIABLES)
    sheet.add_source("Screen { colour: red; }", read_from=WHERE)
    with pytest.raises(StylesheetParseError):
        sheet.parse()
    parsed.save()
    assert not parsed.path.exists()


def test_the_file_is_named_after_textuals_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import textual

    package = tmp_path / "textual"
    for folder in (package, package / "css", package / "layouts"):
        folder.mkdir(parents=True)
        (folder / "__init__.py").write_text("")
    monkeypatch.setattr(textual, "__file__", str(package / "__init__.py"))
    before = textual_build()
    assert textual_build() == before
    (package / "css" / "model.py").write_text("# an upgrade")
    assert textual_build() != before


@pytest.mark.parametrize("xdg", [None, "", "  ", "relative/cache", "/var/cache/someone"])
def test_the_cache_folder_is_platformdirs_own(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert paths.cache_dir() == platformdirs.user_cache_path("leadtui", appauthor=False)


async def test_the_app_looks_the_same_from_the_cache(
    tmp_path: Path, demo_store: LeadStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list's first screen, uncached, from a cold cache and from a warm one (which
    parses nothing)."""

    async def screen(parsed: ParsedCss | None) -> str:
        app = launch.make_app(demo_store)
        if parsed is not None:
            app.keep_parsed_css(parsed)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            shown = app.export_screenshot()
        if parsed is not None:
            parsed.save()
        return shown

    plain = await screen(None)
    assert await screen(ParsedCss(tmp_path)) == plain
    warm = ParsedCss(tmp_path)
    _no_parsing(monkeypatch)
    assert await screen(warm) == plain
    assert warm.get(next(iter(_keys(tmp_path)))) is not None


async def test_a_theme_chosen_later_looks_as_without_the_cache(
    tmp_path: Path, demo_store: LeadStore
) -> None:
    """Another theme (other variables) after start, then a screen with new widgets."""

    async def screens(parsed: ParsedCss | None) -> tuple[str, str]:
        app = launch.make_app(demo_store)
        if parsed is not None:
            app.keep_parsed_css(parsed)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.theme = "textual-light"
            await pilot.pause()
            light = app.export_screenshot()
            await pilot.press("enter")  # the detail: widgets not on the list
            await pilot.pause()
            shown = light, app.export_screenshot()
        if parsed is not None:
            parsed.save()
        return shown

    plain = await screens(None)
    assert await screens(ParsedCss(tmp_path)) == plain  # cold
    assert await screens(ParsedCss(tmp_path)) == plain  # warm, both themes stored


def test_a_plain_start_keeps_what_it_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """run_tui hands the app the user's cache, written after the first frame."""
    seen: list[CachingStylesheet] = []

    def run(app: LeadApp) -> None:
        assert isinstance(app.stylesheet, CachingStylesheet)
        seen.append(app.stylesheet)
        app.stylesheet.add_source(CSS, read_from=WHERE)
        app.stylesheet.parse()
        for job in app.after_first_frame:
            job()
        assert list((paths.cache_dir() / "css").glob("css-*.pickle"))
        app.store.close()

    monkeypatch.setattr(LeadApp, "run", run)
    launch.run_tui(tmp_path / "leads.db")
    assert seen and seen[0].parsed.folder == paths.cache_dir() / "css"
    assert Path(os.environ["XDG_CACHE_HOME"]) in seen[0].parsed.folder.parents  # the test's own
