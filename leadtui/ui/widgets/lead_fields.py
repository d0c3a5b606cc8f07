"""Every field of one lead, with a funnel progress indicator and the follow-up state.

Data comes in by attribute (:meth:`LeadFields.show`); user text is rendered
as plain ``Text`` cells, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from leadtui.domain.formatting import FollowUpState, followup_state
from leadtui.domain.money import format_money
from leadtui.domain.rows import LeadDetail, StageInfo
from leadtui.domain.sources import source_label
from leadtui.i18n import _
from leadtui.store.scoring import ScoreReport
from leadtui.ui.widgets.score_breakdown import breakdown, score_cell
from leadtui.ui.widgets.timeline import absolute_time, relative_time


def funnel_progress(stage: str, stages: Sequence[StageInfo], reached: str | None) -> Text:
    """The funnel as a chain of stage names: passed ones green, the current one highlighted.

    For a lost lead, ``reached`` is the stage it was lost from; the chain stops there.
    """
    current = next((info for info in stages if info.key == stage), None)
    path = [
        info
        for info in stages
        if info.kind in ("open", "won") or info.key == stage and info.kind == "nurture"
    ]
    text = Text()
    if current is not None and current.kind == "lost":
        last = next((info.position for info in path if info.key == reached), -1)
        for info in path:
            if info.kind == "won":
                continue
            text.append(info.shown_name, style="green" if info.position <= last else "dim")
            text.append(" › ", style="dim")
        text.append(f" ✗ {current.shown_name} ", style="bold reverse red")
        return text
    position = current.position if current is not None else -1
    for index, info in enumerate(path):
        if index:
            text.append(" › ", style="dim")
        if info.key == stage:
            style = "bold reverse green" if info.kind == "won" else "bold reverse"
            text.append(f" {info.shown_name} ", style=style)
        else:
            text.append(info.shown_name, style="green" if info.position < position else "dim")
    return text


def _optional(value: str | None) -> Text:
    return Text(value) if value else Text("—", style="dim")


def _moment(at: datetime | None, now: datetime) -> Text:
    if at is None:
        return Text("—", style="dim")
    return Text(f"{absolute_time(at)}  ({relative_time(at, now)})")


def _followup(at: datetime | None, now: datetime) -> Text:
    state = followup_state(at, now)
    if state is FollowUpState.NONE:
        return Text(_("none — press f to schedule one"), style="dim")
    text = _moment(at, now)
    if state is FollowUpState.OVERDUE:
        text.stylize("bold red")
        text.append("  ")
        text.append(_(" OVERDUE "), style="bold reverse red")
    elif state is FollowUpState.TODAY:
        text.stylize("bold yellow")
        text.append("  ")
        text.append(_(" TODAY "), style="bold reverse yellow")
    return text


def _reached_before_lost(detail: LeadDetail) -> str | None:
    for entry in detail.timeline:
        if entry.kind == "stage" and entry.to_stage == detail.stage:
            return entry.from_stage
    return None


def fields_table(
    detail: LeadDetail,
    stages: Sequence[StageInfo],
    now: datetime,
    score: ScoreReport | None = None,
) -> Group:
    """The header line and a two-column grid of every field (and the score's breakdown)."""
    title = Text(detail.display_name or _("(no name)"), style="bold")
    if detail.deleted:
        title.append("  ")
        title.append(_(" DELETED "), style="bold reverse red")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    names = {info.key: info.shown_name for info in stages}
    consent = Text(_("yes"), style="green") if detail.consent else Text(_("no"), style="yellow")
    if detail.consent and detail.consent_at is not None:
        consent.append(f"  ({absolute_time(detail.consent_at)})", style="dim")
    tags = Text(", ".join(detail.tags)) if detail.tags else Text("—", style="dim")
    score_text = Text(str(detail.score)) if detail.score is not None else Text("—", style="dim")
    if score is not None:
        score_text = score_cell(score)
    rows: list[tuple[str, Text]] = [
        (_("Company"), _optional(detail.company)),
        (_("Job title"), _optional(detail.job_title)),
        (_("Email"), _optional(detail.email)),
        (_("Phone"), _optional(detail.phone)),
        (_("Website"), _optional(detail.website)),
        (_("Stage"), Text(names.get(detail.stage, detail.stage), style="bold")),
        (_("Funnel"), funnel_progress(detail.stage, stages, _reached_before_lost(detail))),
        (_("In stage since"), _moment(detail.stage_changed_at, now)),
        # No value is shown as every empty field is (the list leaves it blank), never "€0".
        (
            _("Value"),
            _optional(
                format_money(detail.value_cents, detail.currency) if detail.value_cents else ""
            ),
        ),
        (_("Score"), score_text),
        (_("Tags"), tags),
        # Only once someone owns it: a lead from before team mode shows what it did.
        *([(_("Assigned to"), Text(detail.owner))] if detail.owner else []),
        (_("Source"), Text(source_label(detail.source))),
        (_("Campaign"), _optional(detail.campaign)),
        (_("UTM source"), _optional(detail.utm_source)),
        (_("UTM medium"), _optional(detail.utm_medium)),
        (_("UTM campaign"), _optional(detail.utm_campaign)),
        (_("Consent"), consent),
        (_("Next follow-up"), _followup(detail.next_followup_at, now)),
        (_("Last activity"), _moment(detail.last_activity_at, now)),
        (_("Created"), _moment(detail.created_at, now)),
        (_("Updated"), _moment(detail.updated_at, now)),
    ]
    for label, value in rows:
        grid.add_row(Text(label), value)
    if score is None:
        return Group(title, Text(""), grid)
    return Group(title, Text(""), grid, Text(""), breakdown(score))


class LeadFields(Static):
    """Every field of one lead; call :meth:`show` with fresh data."""

    def show(
        self,
        detail: LeadDetail,
        stages: Sequence[StageInfo],
        now: datetime,
        score: ScoreReport | None = None,
    ) -> None:
        """Render ``detail`` (with ``score``: its breakdown under the fields)."""
        self.update(fields_table(detail, stages, now, score))
