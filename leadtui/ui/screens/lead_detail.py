"""LeadDetailScreen: every field and the timeline of one lead, and the nurturing keys.

The writes behind the keys (log, follow-up, stage, won/lost, tags, delete) are in
:class:`~leadtui.ui.screens.detail_actions.DetailActions`, a helper the screen owns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import quote

from textual import work
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header

from leadtui.domain.rows import LeadDetail, StageInfo
from leadtui.i18n import _, language
from leadtui.ui.keymap import bind
from leadtui.ui.screens.base import StoreScreen, survives_outage
from leadtui.ui.screens.detail_actions import DetailActions
from leadtui.ui.screens.detail_edit import EditLeadForm
from leadtui.ui.screens.detail_merges import load_merges, unmerge_in_detail
from leadtui.ui.screens.duplicates_hint import show_duplicate_hint
from leadtui.ui.undo_actions import undo_last
from leadtui.ui.widgets.lead_fields import LeadFields
from leadtui.ui.widgets.timeline import Timeline

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel

Neighbours = Callable[[int, int], int | None]
"""``neighbours(current_id, step)``: the lead ``step`` (-1/+1) rows away in the list, or None."""


def open_external(app: App[object], url: str) -> bool | None:
    """Open ``url`` outside the terminal; ``False`` when no program can (a test seam).

    Without a desktop opener (``xdg-open`` and friends, ``$BROWSER``) a mailto: link
    goes nowhere and nothing says so; then nothing is tried and the caller tells the user.
    """
    import os
    import shutil
    import sys

    driver = app._driver
    web = driver is not None and driver.is_web
    openers = ("xdg-open", "gio", "sensible-browser", "x-www-browser", "www-browser")
    if not (
        web
        or sys.platform in ("darwin", "win32")
        or os.environ.get("BROWSER")
        or any(shutil.which(name) for name in openers)
    ):
        return False
    app.open_url(url)
    return True


def mailto_url(email: str) -> str:
    """A mailto: link for ``email`` (already validated, quoted anyway)."""
    return "mailto:" + quote(email, safe="@+.-_")


def _commands() -> type[Provider]:
    from leadtui.ui.screens.detail_commands import LeadDetailCommands

    return LeadDetailCommands


class LeadDetailScreen(StoreScreen[None]):
    """One lead: fields, funnel position, timeline; log touches and schedule the next one."""

    COMMANDS = {_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("detail", "back", show=False),
        bind("detail", "edit"),
        bind("detail", "log"),
        *(
            bind("detail", f"log_{kind}", f"log_activity('{kind}')", show=False)
            for kind in ("call", "email", "meeting", "note")
        ),
        bind("detail", "followup"),
        bind("detail", "next_stage", "step_stage(1)"),
        bind("detail", "previous_stage", "step_stage(-1)", show=False),
        bind("detail", "won", show=False),
        bind("detail", "lost", show=False),
        bind("detail", "tags", show=False),
        bind("detail", "assign", show=False),
        bind("detail", "mail", show=False),
        bind("detail", "copy_email", show=False),
        bind("detail", "previous", "neighbour(-1)", show=False),
        bind("detail", "next", "neighbour(1)", show=False),
        bind("detail", "delete"),
        bind("detail", "undo"),
        bind("detail", "list", show=False),
        bind("detail", "board", show=False),
        bind("detail", "agenda", show=False),
    ]

    def __init__(self, lead_id: int, neighbours: Neighbours | None = None) -> None:
        super().__init__()
        self.lead_id = lead_id
        self.neighbours = neighbours
        self.detail: LeadDetail | None = None
        self.stages: list[StageInfo] = []
        self.actions = DetailActions(self)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="detail-body"):
            with VerticalScroll(id="detail-fields"):
                yield LeadFields(id="lead-fields")
            yield Timeline(id="timeline")
        yield Footer(compact=language() != "en")  # Spanish labels are longer

    @survives_outage(first_read=True)
    def on_mount(self) -> None:
        """Read the stages once, then the lead."""
        self.stages = self.store.reads.stages()
        self.reload()
        self.query_one("#timeline", Timeline).focus()

    @survives_outage(first_read=False)
    def on_screen_resume(self) -> None:
        """Another screen may have changed the lead meanwhile."""
        if self.stages:
            self.reload()

    @property
    def stage_names(self) -> dict[str, str]:
        """Stage key to display name (a default stage's name translated)."""
        return {stage.key: stage.shown_name for stage in self.stages}

    def reload(self) -> None:
        """Read the lead again (one short stdlib read) and show it."""
        detail = self.store.reads.lead_detail(self.lead_id)
        if detail is None:
            self.toast(_("This lead no longer exists."), severity="error")
            self.dismiss(None)
            return
        self.detail = detail
        self.title = detail.display_name
        self.sub_title = _("Lead #{id}").format(id=detail.id)
        now = self.now()
        score = self.store.scoring.explain(detail.id) if not detail.deleted else None
        self.query_one("#lead-fields", LeadFields).show(detail, self.stages, now, score)
        self.query_one("#timeline", Timeline).show(detail.timeline, now, self.stage_names)
        show_duplicate_hint(self, detail.id)
        load_merges(self, detail.id, detail.timeline, self.query_one("#timeline", Timeline))

    def on_timeline_unmerge(self, message: Timeline.Unmerge) -> None:
        """``U`` on a merge in the timeline: both leads back as before (``u`` merges again)."""
        unmerge_in_detail(self, message.merge_id, message.other_id, self.reload)

    def colleague_changed(self) -> None:
        """Someone else may have changed this lead: show it as it is now."""
        self.reload()

    def toast(self, message: str, *, severity: SeverityLevel = "information") -> None:
        """Notify without parsing ``message`` as markup (it may hold user text)."""
        self.notify(message, severity=severity, markup=False)

    @property
    def up_to_date(self) -> bool:
        """False while a write of the app is on its way."""
        return self.writes_idle

    # -- navigation -------------------------------------------------------------------

    def action_back(self) -> None:
        """Back to the list or board it came from."""
        self.dismiss(None)

    def action_neighbour(self, step: int) -> None:
        """Show the previous/next lead of the list this screen came from."""
        found = self.neighbours(self.lead_id, step) if self.neighbours is not None else None
        if found is None:
            self.toast(_("No previous lead.") if step < 0 else _("No next lead."))
            return
        self.lead_id = found
        self.reload()
        self.query_one("#timeline", Timeline).scroll_home(animate=False)

    # -- writes (the DetailActions helper does the work) ----------------------------

    def action_log_activity(self, kind: str = "note") -> None:
        """Log a note, call, email or meeting (``c`` starts on a call)."""
        self.actions.log_activity(kind)

    def action_followup(self) -> None:
        """Schedule (or clear) the next follow-up."""
        self.actions.followup()

    def action_step_stage(self, step: int) -> None:
        """Next/previous stage in funnel order (lost is reached with x only)."""
        self.actions.step_stage(step)

    def action_won(self) -> None:
        """Mark the lead won."""
        self.actions.won()

    def action_lost(self) -> None:
        """Mark the lead lost, asking why."""
        self.actions.lost()

    def action_tags(self) -> None:
        """Add or remove tags."""
        self.actions.tags()

    def action_assign(self) -> None:
        """Assign the lead to someone, or to nobody (@)."""
        from leadtui.ui.screens.assign import assign_leads

        name = self.detail.display_name if self.detail is not None else f"#{self.lead_id}"
        assign_leads(self, self.store, [self.lead_id], name, self.reload)

    def action_delete(self) -> None:
        """Soft-delete the lead after a confirmation; u brings it back."""
        self.actions.delete()

    def action_edit_entry(self) -> None:
        """Edit the timeline entry selected with j/k (the newest when none is)."""
        self.query_one("#timeline", Timeline).action_edit_entry()

    def action_delete_entry(self) -> None:
        """Delete the selected timeline entry, after asking."""
        self.query_one("#timeline", Timeline).action_delete_entry()

    def on_timeline_entry_chosen(self, event: Timeline.EntryChosen) -> None:
        """Enter or X on a timeline entry (see :mod:`detail_timeline`)."""
        from leadtui.ui.screens.detail_timeline import delete_entry, edit_entry

        (edit_entry if event.verb == "edit" else delete_entry)(self, event.entry)

    def action_undo(self) -> None:
        """Revert this lead's most recent change (never another lead's)."""
        name = self.detail.display_name if self.detail is not None else ""
        undo_last(
            self, after=lambda _entry, _ok: self.reload(), lead_id=self.lead_id, lead_name=name
        )

    # -- edit and conflicts -----------------------------------------------------------

    def action_edit(self) -> None:
        """Edit every field in the same form as the list."""
        form = EditLeadForm(self.stages, self.lead_id)
        self.app.push_screen(form, lambda result: self._edited(form, result))

    def _edited(self, form: EditLeadForm, result: object) -> None:
        open_id = getattr(result, "open_id", None)
        if open_id is not None:
            self.lead_id = open_id
        self.reload()

    # -- outside the app ----------------------------------------------------------------

    def action_mail(self) -> None:
        """Write to the lead in the mail program (mailto: link)."""
        if self.detail is None or not self.detail.email:
            self.toast(_("This lead has no email address."), severity="warning")
            return
        self._open_url(mailto_url(self.detail.email))

    @work(thread=True, exclusive=True, group="open-url")
    def _open_url(self, url: str) -> None:
        if open_external(self.app, url) is False:
            email = self.detail.email if self.detail is not None else ""
            self.app.call_from_thread(
                self.toast,
                _("No mail program opened for {email}; press c to copy the address.").format(
                    email=email
                ),
                severity="warning",
            )

    def action_copy_email(self) -> None:
        """Copy the email address to the clipboard."""
        if self.detail is None or not self.detail.email:
            self.toast(_("This lead has no email address."), severity="warning")
            return
        self.app.copy_to_clipboard(self.detail.email)
        self.toast(_("Copied {email}").format(email=self.detail.email))
