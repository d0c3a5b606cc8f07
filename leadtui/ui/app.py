"""LeadApp: modes (list, board), global keys and the command palette."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Input

from leadtui import __version__
from leadtui.domain.errors import ConnectionLost, DatabaseLost
from leadtui.domain.rows import Clock
from leadtui.domain.undo import UndoHistory
from leadtui.i18n import _
from leadtui.store import LeadStore
from leadtui.ui.clean_input import clean_input_value, cleaned_paste
from leadtui.ui.connection import ConnectionDropped, ConnectionWatch
from leadtui.ui.cursor_rest import CursorRest
from leadtui.ui.keymap import bind
from leadtui.ui.live import ColleagueChanged, LiveUpdates
from leadtui.ui.screens.lead_list import LeadListScreen
from leadtui.ui.start_up import StartUp
from leadtui.ui.writes import WriteQueue

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import Notify

    from leadtui.ui.css_cache import ParsedCss
    from leadtui.ui.reopen import Reopen


def _board_screen() -> Screen[Any]:
    # Imported on first use: the board is not on the path to the first frame.
    from leadtui.ui.screens.funnel_board import FunnelBoardScreen

    return FunnelBoardScreen()


def _duplicates_commands() -> type[Provider]:
    from leadtui.ui.duplicates_commands import DuplicatesCommands

    return DuplicatesCommands


def _pipeline_commands() -> type[Provider]:
    from leadtui.ui.pipeline_commands import PipelineCommands

    return PipelineCommands


def _agenda_screen() -> Screen[Any]:
    from leadtui.ui.screens.agenda import AgendaScreen

    return AgendaScreen()


def _language_commands() -> type[Provider]:
    # textual.command is heavy: imported when the palette opens.
    from leadtui.ui.language_commands import LanguageCommands

    return LanguageCommands


def _scoring_commands() -> type[Provider]:
    from leadtui.ui.scoring_commands import ScoringCommands

    return ScoringCommands


MAX_TOASTS = 3
"""Toasts shown at once; a fourth pushes the oldest out."""

_FROZEN = False


def _freeze_start_up_objects() -> None:
    # Start-up leaves a few hundred thousand long-lived objects (Textual, SQLAlchemy);
    # every full collection walked them all, a 40-60 ms pause that landed on keystrokes.
    # Frozen, the collector skips them. Once per process: a second app (tests) would
    # otherwise pin the first one's objects forever. The launcher paused the collector
    # for the start (leadtui.launch.main): it runs again from here on.
    global _FROZEN
    if not _FROZEN:
        _FROZEN = True
        gc.collect()
        gc.freeze()
    gc.enable()


class LeadApp(App[None]):
    """The lead inbox. Build it with :func:`leadtui.launch.make_app`."""

    CSS_PATH = "leadtui.tcss"
    TITLE = "leadtui"
    # Starting in the mode (not switching to it from on_mount) saves a second CSS pass.
    DEFAULT_MODE: ClassVar[str] = "leads"
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {
        "leads": LeadListScreen,
        "board": _board_screen,
        "agenda": _agenda_screen,
    }
    COMMANDS = App.COMMANDS | {
        _language_commands,
        _duplicates_commands,
        _pipeline_commands,
        _scoring_commands,
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("app", "help"),
        bind("app", "quit_now", show=False),
        bind("app", "import", show=False),
        bind("app", "duplicates", show=False),
        bind("app", "pipeline", show=False),
    ]

    def __init__(self, store: LeadStore, clock: Clock, *, demo: bool = False) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.demo = demo
        self.undo_history = UndoHistory()
        self.connection = ConnectionWatch(self, store)
        """The connection to the server dropped: banner, retries (:mod:`leadtui.ui.connection`)."""
        self.writes = WriteQueue(
            self, self.undo_history, store.release_reader, self.show_database_lost
        )
        self.writes.on_unreachable = self.connection.lost
        self.language_switch: Reopen | None = None
        """Set when the user chose another language: the launcher starts the app again."""
        self.reopen: Reopen | None = None
        """What to open once mounted (the launcher sets it after a language switch)."""
        self.database_lost = False
        """True once the database was lost mid-session (see :meth:`show_database_lost`)."""
        self.sub_title = _("demo data") if demo else str(store.path)
        self.live = LiveUpdates(self, store)
        """Colleagues' changes refresh the open screens (:mod:`leadtui.ui.live`)."""
        self.rescore_daily = False
        """Set by the launcher: rescore what time moved, once a day (``ui.decay_pass``)."""
        self.after_first_frame: list[Callable[[], object]] = []
        """Work the launcher leaves for after the first frame (run by the warm-up worker)."""
        self.cursor_rest = CursorRest(self)
        """The focused cursor stops blinking when nobody types (:mod:`.cursor_rest`)."""
        self.start_up = StartUp(self, background=self._start_background)
        """First frame, then the first screen's reads, then the rest (:mod:`.start_up`)."""

    def keep_parsed_css(self, parsed: ParsedCss) -> None:
        """Take the stylesheets' parsed rules from ``parsed`` and give it the new ones
        (:mod:`.css_cache`); before :meth:`run`, while the stylesheet is still empty."""
        from leadtui.ui.css_cache import CachingStylesheet

        # The theme's variables as App.__init__ computed them (asking again costs ~2 ms).
        variables = self.stylesheet._variables
        self.stylesheet = CachingStylesheet(parsed, variables=variables)

    def on_mount(self) -> None:
        """Open the lead list (the ORM and live updates follow its first frame)."""
        if self.store.read_only:
            from leadtui.ui.widgets.read_only_banner import show_read_only_banner

            self.sub_title = _("{path} (read-only)").format(path=self.store.path)
            self.screen_change_signal.subscribe(self, show_read_only_banner)
            show_read_only_banner(self.screen)
        if self.reopen is not None:
            from leadtui.ui.reopen import restore

            self.call_after_refresh(restore, self, self.reopen)

    def on_ready(self) -> None:
        """Once the first frame is painted: the first screen's reads, then the rest."""
        self.cursor_rest.start()
        self.start_up.first_frame_out()

    def _start_background(self) -> None:
        # Not from on_mount: callbacks queued there run before the first frame is written,
        # and the ORM import and the listener's modules then delayed it.
        self._warm_up()
        self.live.start()
        if self.rescore_daily:
            from leadtui.ui.decay_pass import start_decay_pass

            start_decay_pass(self, self.store, self.live.changed)

    def switch_language(self, language: str) -> None:
        """End this app so that the launcher starts it again in ``language``, with the
        same store, view and open leads (strings translated at import need a new app)."""
        from leadtui.ui.reopen import capture

        self.language_switch = capture(self, language)
        self.exit()

    def on_colleague_changed(self, _message: ColleagueChanged) -> None:
        """Someone else's change was committed: refresh the open screens (debounced)."""
        self.live.changed()

    def on_connection_dropped(self, _message: ConnectionDropped) -> None:
        """The live listener lost its connection: show the banner and reconnect."""
        self.connection.lost()

    @work(thread=True, exclusive=True, group="warm-up")
    def _warm_up(self) -> None:
        try:
            for job in self.after_first_frame:
                job()
            self.store.warm_up()
        finally:
            _freeze_start_up_objects()

    async def on_event(self, event: events.Event) -> None:
        """A paste is cleaned here, once, before any field receives it; input wakes cursors."""
        if isinstance(event, events.Paste) and not event.is_forwarded:
            event = cleaned_paste(event) or event
        if isinstance(event, events.Key | events.MouseDown | events.Paste):
            self.cursor_rest.input_seen()
        try:
            await super().on_event(event)
        except ConnectionLost as error:  # a key's action read on the UI thread: keep running
            self.connection.lost(error)

    def _on_notify(self, event: Notify) -> None:
        """Show a toast; the same text shown again replaces itself, and at most
        :data:`MAX_TOASTS` stay on screen (the oldest go first), so toasts never pile up."""
        new = event.notification
        for shown in list(self._notifications):
            if shown.message == new.message and shown.title == new.title:
                self._unnotify(shown, refresh=False)
        self._notifications.add(new)
        shown_now = list(self._notifications)
        for old in shown_now[: max(len(shown_now) - MAX_TOASTS, 0)]:
            self._unnotify(old, refresh=False)
        self._refresh_notifications()

    def on_input_changed(self, event: Input.Changed) -> None:
        """No input keeps a control character, however its value was set."""
        clean_input_value(event)

    def action_toggle_help(self) -> None:
        """The screen's own help when it has one (F1 again closes it), else the key panel."""
        from leadtui.ui.help_texts import help_for

        text = help_for(self.screen)
        if text is not None:
            from leadtui.ui.screens.help_screen import ScreenHelpDialog

            self.push_screen(ScreenHelpDialog(text))
            return
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_ask_quit(self) -> None:
        """``q`` on a top view (list, board, agenda): ask, then quit."""
        from leadtui.ui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit()

        self.push_screen(
            ConfirmScreen(_("Quit leadtui?"), _("Your changes are already saved."), _("Quit")),
            answered,
        )

    def action_import_file(self) -> None:
        """Open the import screen (file, preview, mapping, progress)."""
        from leadtui.ui.screens.import_screen import ImportScreen

        if not isinstance(self.screen, ImportScreen):
            self.push_screen(ImportScreen())

    def _handle_exception(self, error: Exception) -> None:
        # Textual's one funnel for unhandled errors (worker reads included): a lost
        # database gets the problem screen and exit status 1, not a traceback.
        from leadtui.ui.connection import connection_error
        from leadtui.ui.screens.database_lost import lost_error

        dropped = connection_error(error)  # a read in a worker: banner and retries
        if dropped is not None:
            self.connection.lost(dropped)
            return
        lost = lost_error(error, self.store)
        if lost is None:
            super()._handle_exception(error)
        else:
            self.show_database_lost(lost)

    def show_database_lost(self, error: DatabaseLost) -> None:
        """Stop the session: the problem screen with the newest backup, then exit 1."""
        from leadtui.ui.screens.database_lost import show_database_lost

        if not self.database_lost:  # once: later writes were refused by the store anyway
            self.database_lost = True
            show_database_lost(self, error)

    def action_duplicates(self) -> None:
        """Open the duplicates view (one lead's candidates from its detail)."""
        from leadtui.ui.duplicates_commands import open_duplicates

        open_duplicates(self.screen)

    def action_pipeline(self) -> None:
        """Open the pipeline settings (stages, order, cadences)."""
        from leadtui.ui.pipeline_commands import open_pipeline

        open_pipeline(self)

    def on_unmount(self) -> None:
        """Stop listening, and close database connections (kept open for the app of a new
        language)."""
        self.live.stop()
        self.connection.stop()
        if self.language_switch is None:
            self.store.close()

    @property
    def version(self) -> str:
        """The leadtui version, for the about/help text."""
        return __version__
