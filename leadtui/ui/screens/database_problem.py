"""What the app shows instead of a traceback when the database cannot be opened.

The file is never touched here: the screen explains why it was refused, says it
was left unchanged and, when a usable backup exists, offers to restore it (the
refused file is kept in the backups folder).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from leadtui.i18n import _
from leadtui.storage.base import BackupInfo


class DatabaseProblemScreen(Screen[bool]):
    """Explains the refusal; dismisses with ``True`` once a backup has been restored."""

    DEFAULT_CSS = """
    DatabaseProblemScreen { align: center middle; }
    DatabaseProblemScreen #problem { width: 90; height: auto; border: thick $error;
        padding: 1 2; background: $surface; }
    DatabaseProblemScreen #problem-title { text-style: bold; color: $error; padding-bottom: 1; }
    DatabaseProblemScreen #problem-backup { padding-top: 1; color: $success; }
    DatabaseProblemScreen #problem-hint { padding-top: 1; color: $foreground 70%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "restore", _("Restore backup"), id="problem.restore"),
        Binding("q,escape", "quit", _("Quit"), id="problem.quit"),
    ]

    def __init__(
        self, db_path: Path, reason: str, backup: BackupInfo | None, *, title: str | None = None
    ) -> None:
        super().__init__()
        self.title_text = title or _("leadtui cannot open this database")
        self.db_path = db_path
        self.reason = reason
        self.backup = backup

    def compose(self) -> ComposeResult:
        with Vertical(id="problem"):
            yield Static(Content(self.title_text), id="problem-title")
            yield Static(Content(self.reason), id="problem-reason")
            if self.backup is None:
                yield Static(Content(_("No backup of it was found.")), id="problem-backup")
            else:
                yield Static(
                    Content(
                        _(
                            "Latest backup: {name} ({reason}, {when} UTC). Press r to restore it; "
                            "the refused file will be kept in the backups folder."
                        ).format(
                            name=self.backup.path.name,
                            reason=self.backup.reason,
                            when=f"{self.backup.taken_at:%Y-%m-%d %H:%M}",
                        )
                    ),
                    id="problem-backup",
                )
            yield Static(
                Content(
                    _(
                        "Other ways out: start with --db PATH to use another file, or "
                        "`leadtui restore BACKUP` from the command line. Press q to quit."
                    )
                ),
                id="problem-hint",
            )
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Restoring is only offered when there is a backup."""
        return self.backup is not None if action == "restore" else True

    def action_restore(self) -> None:
        """Ask, then replace the file with the backup."""
        from leadtui.ui.screens.confirm import ConfirmScreen

        if self.backup is None:
            return
        body = _(
            "Replace {path} with the backup {name}? The current file is kept in the backups folder."
        ).format(path=self.db_path, name=self.backup.path.name)
        self.app.push_screen(
            ConfirmScreen(_("Restore backup"), body, _("Restore")), self._restore_confirmed
        )

    def _restore_confirmed(self, confirmed: bool | None) -> None:
        from leadtui.domain.errors import LeadtuiError
        from leadtui.store.files import restore_backup

        if not confirmed or self.backup is None:
            return
        try:
            restore_backup(self.db_path, self.backup.path)
        except (LeadtuiError, OSError) as error:
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        self.dismiss(True)

    def action_quit(self) -> None:
        """Leave without changing anything."""
        self.dismiss(False)


class DatabaseProblemApp(App[bool]):
    """A one-screen app around :class:`DatabaseProblemScreen`; returns True after a restore."""

    CSS_PATH = "../leadtui.tcss"
    TITLE = "leadtui"

    def __init__(self, db_path: Path, reason: str, backup: BackupInfo | None) -> None:
        super().__init__()
        self.problem = DatabaseProblemScreen(db_path, reason, backup)

    def on_mount(self) -> None:
        """Show the problem; its answer is the app's return value."""
        self.push_screen(self.problem, self.exit)


def problem_app(db_path: Path, reason: str) -> DatabaseProblemApp:
    """The problem app for ``db_path``, offering its newest usable backup."""
    from leadtui.store.files import latest_backup

    return DatabaseProblemApp(db_path, reason, latest_backup(db_path))
