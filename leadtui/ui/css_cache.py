"""Parsed stylesheets kept between starts, as Python keeps compiled modules.

Textual parses every stylesheet at every start: the app's own and the default CSS of
each widget class on the first screen (~13 ms of CSS before the first frame on a
2-core machine, more than the first page's query). Reading the same parsed rules back
from one file takes ~1.5 ms. A rule set is stored under everything its parse depends
on (the theme's variables, and the CSS text, where it was read from, its defaults
flag, tie-breaker and scope), in a file named after Textual's own files (any reinstall
or upgrade of Textual starts a new file) and the Python version. Each rule set is
pickled on its own and unpickled only when asked for: the file also holds the rules
of screens opened in earlier sessions (a hundred kilobytes after a day's use), which
the first screen does not need (unpickling them all cost ~3 ms at start).

The file is only a cache: one that is missing, unreadable, corrupt or from another
build is ignored (the CSS is parsed as without it), and one that cannot be written is
not written. It lives in the user's own cache folder (pickle: only that user can
write there, as with their ``.pyc`` files); CSS with errors is never stored.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import tempfile
import threading
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

import textual
from textual.css.stylesheet import Stylesheet

if TYPE_CHECKING:
    from textual.css.model import RuleSet
    from textual.css.types import CSSLocation

MAX_ENTRIES = 400
"""Rule sets kept (oldest dropped first): every widget's CSS for a few themes."""


def textual_build() -> str:
    """A digest of Textual's installed CSS code (names, sizes and times of its files).

    Not ``importlib.metadata.version``: that costs ~16 ms at start, more than the cache
    saves; any pip install or upgrade rewrites these files and so changes the digest.
    """
    package = Path(textual.__file__).parent
    seen: list[str] = []
    for folder in (package, package / "css", package / "layouts"):
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(".py"):
                    stat = entry.stat()
                    seen.append(f"{entry.path}:{stat.st_size}:{stat.st_mtime_ns}")
    # Not hashlib: importing it costs ~1.5 ms at start (OpenSSL), and this is a file name.
    listing = "\n".join(sorted(seen)).encode()
    return f"{zlib.crc32(listing):08x}{zlib.adler32(listing):08x}"


Key = tuple[str, str]
"""A rule set's key: the theme's variables and the parse's inputs, as text."""


class ParsedCss:
    """The parsed rule sets in one file of ``folder``, loaded on first use.

    Thread-safe: rules are added from the UI thread while :meth:`save` may run in a
    worker.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._entries: dict[Key, bytes | list[RuleSet]] | None = None
        """Each rule set as read (pickled) or as parsed here (a list)."""
        self._unsaved = False
        self._lock = threading.Lock()
        self._path: Path | None = None

    @property
    def path(self) -> Path:
        """The cache file for this Textual and Python (computed on first use)."""
        if self._path is None:
            version = f"{sys.version_info.major}{sys.version_info.minor}"
            self._path = self.folder / f"css-{textual_build()}-py{version}.pickle"
        return self._path

    def get(self, key: Key) -> list[RuleSet] | None:
        """The rule sets stored under ``key``, or ``None`` (also for one that no longer
        unpickles: it is dropped)."""
        with self._lock:
            entries = self._loaded()
            stored = entries.get(key)
            if not isinstance(stored, bytes):
                return stored
            try:
                rules = pickle.loads(stored)
            # Whatever a truncated or foreign entry raises while unpickling: parsed again.
            except Exception:
                rules = None
            if not isinstance(rules, list):
                del entries[key]
                return None
            entries[key] = rules
            return rules

    def put(self, key: Key, rules: list[RuleSet]) -> None:
        """Store ``rules`` under ``key`` (written by the next :meth:`save`)."""
        with self._lock:
            entries = self._loaded()
            entries[key] = rules
            while len(entries) > MAX_ENTRIES:
                del entries[next(iter(entries))]
            self._unsaved = True

    def save(self) -> None:
        """Write the file if rules were added since it was read; never raises (it runs in
        the app's warm-up worker): what cannot be pickled or written is parsed next time."""
        with self._lock:
            if not self._unsaved or self._entries is None:
                return
            entries = dict(self._entries)
            self._unsaved = False
        stored: dict[Key, bytes] = {}
        for key, rules in entries.items():
            if isinstance(rules, bytes):
                stored[key] = rules
                continue
            try:
                stored[key] = pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
            # Whatever a rule another Textual could hold that does not pickle raises.
            except Exception:
                continue
        if not stored:
            return
        data = pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL)
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(data)
                os.replace(temporary, self.path)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temporary)

    def _loaded(self) -> dict[Key, bytes | list[RuleSet]]:
        if self._entries is None:
            self._entries = _read(self.path)
        return self._entries


def _read(path: Path) -> dict[Key, bytes | list[RuleSet]]:
    try:
        with path.open("rb") as file:
            entries = pickle.load(file)
    # Whatever a missing, truncated or foreign file raises while unpickling: ignored.
    except Exception:
        return {}
    if not isinstance(entries, dict):
        return {}
    return {
        (sys.intern(key[0]), key[1]): rules
        for key, rules in entries.items()
        if isinstance(key, tuple)
        and len(key) == 2
        and all(isinstance(part, str) for part in key)
        and isinstance(rules, bytes)
    }


class CachingStylesheet(Stylesheet):
    """Textual's stylesheet, taking the rules it would parse from a :class:`ParsedCss`
    and giving it the ones it did parse."""

    def __init__(self, parsed: ParsedCss, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self.parsed = parsed
        self._variables_text: str | None = None

    def set_variables(self, variables: dict[str, str]) -> None:
        """Set the CSS variables (a new theme): later parses are stored under them."""
        super().set_variables(variables)
        self._variables_text = None

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        in_memory = (css, read_from, is_default_rules, tie_breaker, scope)
        if in_memory in self._parse_cache:
            return super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        key = self._key(in_memory)
        rules = self.parsed.get(key)
        if rules is not None:
            self._parse_cache[in_memory] = rules
            return rules
        rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        if not any(rule.errors for rule in rules):
            self.parsed.put(key, rules)
        return rules

    def _key(self, parse_inputs: tuple[str, CSSLocation, bool, int, str]) -> Key:
        if self._variables_text is None:
            # Interned: every key of one theme shares the string, in memory and in the file.
            self._variables_text = sys.intern(repr(sorted(self._variables.items())))
        return self._variables_text, repr(parse_inputs)
