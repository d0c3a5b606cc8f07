"""LeadDetailScreen: every field and the timeline of one lead, and the nurturing keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar
from urllib.parse import quote

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header

from leadtui.domain.errors import LeadtuiError
from leadtui.domain.rows import StageInfo
from leadtui.domain.validation import ValidationError
from leadtui.i18n import _, language
from leadtui.storage.sqlite.lead_detail_read import LeadDetail
from leadtui.ui.screens.activity_dialog import ActivityDialog, ActivityDraft
from leadtui.ui.screens.base import StoreScreen
from leadtui.ui.screens.detail_edit import EditLeadForm, resolve_conflict
from leadtui.ui.screens.followup_dialog import FollowUpDialog, FollowUpPick
from leadtui.ui.screens.lost_reason_dialog import LostReasonDialog
from leadtui.ui.screens.tags_dialog import TagChanges, TagsDialog
from leadtui.ui.widgets.lead_fields import LeadFields
from leadtui.ui.widgets.timeline import Timeline, activity_label

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel

T = TypeVar("T")

Neighbours = Callable[[int, int], int | None]
"""``neighbours(current_id, step)``: the lead ``step`` (-1/+1) rows away in the list, or None."""


def open_external(app: App[object], url: str) -> None:
    """Open ``url`` outside the terminal (a seam: tests replace it)."""
    app.open_url(url)


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
        Binding("escape,q,backspace", "back", _("Back"), id="detail.back"),
        Binding("e", "edit", _("Edit"), id="detail.edit"),
        Binding("a", "log_activity", _("Log"), id="detail.activity"),
        Binding("f", "followup", _("Follow-up"), id="detail.followup"),
        Binding("greater_than_sign", "step_stage(1)", _("Stage →"), id="detail.next_stage"),
        Binding(
            "less_than_sign", "step_stage(-1)", _("← Stage"), id="detail.prev_stage", show=False
        ),
        Binding("w", "won", _("Won"), id="detail.won"),
        Binding("l", "lost", _("Lost"), id="detail.lost"),
        Binding("t", "tags", _("Tags"), id="detail.tags"),
        Binding("m", "mail", _("Mail"), id="detail.mail", show=False),
        Binding("c", "copy_email", _("Copy email"), id="detail.copy", show=False),
        Binding(
            "left_square_bracket", "neighbour(-1)", _("Prev lead"), id="detail.prev", show=False
        ),
        Binding(
            "right_square_bracket", "neighbour(1)", _("Next lead"), id="detail.next", show=False
        ),
        Binding("x", "delete", _("Delete"), id="detail.delete"),
        Binding("u", "undo", _("Undo"), id="detail.undo"),
    ]

    def __init__(self, lead_id: int, neighbours: Neighbours | None = None) -> None:
        super().__init__()
        self.lead_id = lead_id
        self.neighbours = neighbours
        self.detail: LeadDetail | None = None
        self.stages: list[StageInfo] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="detail-body"):
            with VerticalScroll(id="detail-fields"):
                yield LeadFields(id="lead-fields")
            yield Timeline(id="timeline")
        yield Footer(compact=language() != "en")  # Spanish labels are longer

    def on_mount(self) -> None:
        """Read the stages once, then the lead."""
        self.stages = self.store.stages()
        self.reload()
        self.query_one("#timeline", Timeline).focus()

    def on_screen_resume(self) -> None:
        """Another screen may have changed the lead meanwhile."""
        if self.stages:
            self.reload()

    @property
    def stage_names(self) -> dict[str, str]:
        """Stage key to display name (a default stage's name translated)."""
        return {stage.key: _(stage.name) for stage in self.stages}

    def reload(self) -> None:
        """Read the lead again (one short stdlib read) and show it."""
        detail = self.store.lead_detail(self.lead_id)
        if detail is None:
            self.toast(_("This lead no longer exists."), severity="error")
            self.dismiss(None)
            return
        self.detail = detail
        self.title = detail.display_name
        self.sub_title = _("Lead #{id}").format(id=detail.id)
        now = self.now()
        self.query_one("#lead-fields", LeadFields).show(detail, self.stages, now)
        self.query_one("#timeline", Timeline).show(detail.timeline, now, self.stage_names)

    def toast(self, message: str, *, severity: SeverityLevel = "information") -> None:
        """Notify without parsing ``message`` as markup (it may hold user text)."""
        self.notify(message, severity=severity, markup=False)

    def write(self, action: Callable[[], T]) -> tuple[bool, T | None]:
        """Run one store write: ``(True, result)``, or ``(False, None)`` after showing why."""
        try:
            return True, action()
        except (LeadtuiError, ValidationError) as error:
            self.toast(str(error), severity="error")
            return False, None

    def remember(self, description: str, revert: Callable[[], object]) -> None:
        """Put an undo step on the app-wide history."""

        def run() -> None:
            revert()

        self.lead_app.undo_history.push(description, run)

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

    # -- writes ---------------------------------------------------------------------

    def action_log_activity(self) -> None:
        """Log a note, call, email or meeting."""
        self.app.push_screen(ActivityDialog(), self._log)

    def _log(self, draft: ActivityDraft | None) -> None:
        if draft is None:
            return
        store, lead_id = self.store, self.lead_id
        ok, activity = self.write(lambda: store.add_activity(lead_id, draft.kind, draft.body))
        if ok and activity is not None:
            activity_id = activity.id
            if activity_id is not None:
                self.remember(_("logged activity"), lambda: store.delete_activity(activity_id))
            self.toast(_("{kind} logged.").format(kind=activity_label(draft.kind)))
        self.reload()

    def action_followup(self) -> None:
        """Schedule (or clear) the next follow-up."""
        current = self.detail.next_followup_at if self.detail else None
        self.app.push_screen(FollowUpDialog(self.now(), current), self._set_followup)

    def _set_followup(self, pick: FollowUpPick | None) -> None:
        if pick is None or self.detail is None:
            return
        store, lead_id, before = self.store, self.lead_id, self.detail.next_followup_at
        ok, _previous = self.write(lambda: store.set_followup(lead_id, pick.at))
        if ok:
            self.remember(_("follow-up"), lambda: store.set_followup(lead_id, before))
            self.toast(_("Follow-up cleared.") if pick.at is None else _("Follow-up set."))
        self.reload()

    def move_to(self, stage: str, reason: str = "") -> None:
        """Move the lead (refused if it changed elsewhere since it was shown)."""
        if self.detail is None or stage == self.detail.stage:
            return
        store, lead_id, version = self.store, self.lead_id, self.detail.version
        _ok, result = self.write(
            lambda: store.move_lead(lead_id, stage, reason, expected_version=version)
        )
        if result is not None:
            self.remember(_("stage move"), lambda: store.undo_moves([result]))
            self.toast(_("Moved to {stage}.").format(stage=self.stage_names.get(stage, stage)))
        self.reload()

    def action_step_stage(self, step: int) -> None:
        """Next/previous stage in funnel order (lost is reached with l only)."""
        if self.detail is None:
            return
        path = [stage.key for stage in self.stages if stage.kind != "lost"]
        if self.detail.stage not in path:
            if step < 0 and path:
                reached = next(
                    (
                        entry.from_stage
                        for entry in self.detail.timeline
                        if entry.kind == "stage"
                        and entry.to_stage == self.detail.stage
                        and entry.from_stage in path
                    ),
                    None,
                )
                self.move_to(reached or path[0])
            else:
                self.toast(_("This lead is lost; press < to reopen it."))
            return
        index = path.index(self.detail.stage) + step
        if not 0 <= index < len(path):
            self.app.bell()
            return
        self.move_to(path[index])

    def _stage_of_kind(self, kind: str) -> str | None:
        return next((stage.key for stage in self.stages if stage.kind == kind), None)

    def action_won(self) -> None:
        """Mark the lead won."""
        won = self._stage_of_kind("won")
        if won is not None:
            self.move_to(won)

    def action_lost(self) -> None:
        """Mark the lead lost, asking why."""
        lost = self._stage_of_kind("lost")
        if lost is None or self.detail is None or self.detail.stage == lost:
            return
        self.app.push_screen(
            LostReasonDialog(),
            lambda reason: None if reason is None else self.move_to(lost, reason),
        )

    def action_tags(self) -> None:
        """Add or remove tags."""
        if self.detail is None:
            return
        dialog = TagsDialog(list(self.detail.tags), self.store.all_tags())
        self.app.push_screen(dialog, self._retag)

    def _retag(self, changes: TagChanges | None) -> None:
        if changes is None:
            return
        store, lead_id = self.store, self.lead_id
        _ok, done = self.write(lambda: store.retag_lead(lead_id, changes.add, changes.remove))
        if done is not None:
            added, removed = done
            self.remember(_("tags"), lambda: store.retag_lead(lead_id, removed, added))
            self.toast(_("Tags updated."))
        self.reload()

    def action_delete(self) -> None:
        """Soft-delete the lead after a confirmation; u brings it back."""
        from leadtui.ui.screens.confirm import ConfirmScreen

        if self.detail is None:
            return
        body = Text(
            _("Delete {name}? You can undo this with u.").format(name=self.detail.display_name)
        )
        self.app.push_screen(ConfirmScreen(_("Delete lead"), body, _("Delete")), self._delete)

    def _delete(self, confirmed: bool | None) -> None:
        if not confirmed:
            return
        store, lead_id = self.store, self.lead_id
        _ok, deleted = self.write(lambda: store.delete_leads([lead_id]))
        if deleted:
            ids = list(deleted)
            self.remember(_("delete"), lambda: store.restore_leads(ids))
            self.toast(_("Lead deleted. Press u to undo."))
            self.dismiss(None)

    def action_undo(self) -> None:
        """Revert the most recent write of this app."""
        entry = self.lead_app.undo_history.pop()
        if entry is None:
            self.toast(_("Nothing to undo."))
            return
        ok, _result = self.write(entry.revert)
        if ok:
            self.toast(_("Undone: {what}").format(what=entry.description))
        self.reload()

    # -- edit and conflicts -----------------------------------------------------------

    def action_edit(self) -> None:
        """Edit every field in the same form as the list."""
        form = EditLeadForm(self.stages, self.lead_id)
        self.app.push_screen(form, lambda result: self._edited(form, result))

    def _edited(self, form: EditLeadForm, result: object) -> None:
        if form.conflict is not None:
            resolve_conflict(self, form.conflict)
            return
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
        open_external(self.app, url)

    def action_copy_email(self) -> None:
        """Copy the email address to the clipboard."""
        if self.detail is None or not self.detail.email:
            self.toast(_("This lead has no email address."), severity="warning")
            return
        self.app.copy_to_clipboard(self.detail.email)
        self.toast(_("Copied {email}").format(email=self.detail.email))
