"""``leadtui agenda``, ``log`` and ``followup``: the nurture loop from the shell."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import click

from leadtui.cli.common import friendly_errors, store_for
from leadtui.domain.sanitize import sanitize
from leadtui.i18n import _

_LOGGED_KINDS = ("call", "email", "meeting", "note", "reply")


def _when(store: Any, text: str) -> tuple[datetime | None, str]:
    """A typed follow-up (``+3d``, ``tomorrow 10:00 send quote``, ``clear``) for the CLI."""
    from leadtui.domain.followup_input import FollowUpInputError, parse_followup

    if text.strip().casefold() in ("clear", "none", "borrar", "ninguno"):
        return None, ""
    try:
        parsed = parse_followup(text, store.now())
    except FollowUpInputError as error:
        raise click.BadParameter(str(error), param_hint="WHEN") from None
    if parsed is None:
        raise click.BadParameter(_("Type when, for example +3d or tomorrow."), param_hint="WHEN")
    return parsed.at, parsed.note


def _agenda_row_json(section: str, row: Any) -> dict[str, Any]:
    lead = row.lead
    touch = row.last_touch
    return {
        "section": section,
        "id": lead.id,
        "name": lead.display_name,
        "company": lead.company,
        "stage": lead.stage,
        "next_followup_at": lead.next_followup_at.isoformat() if lead.next_followup_at else None,
        "followup_note": row.followup_note,
        "last_touch": None
        if touch is None
        else {"kind": touch.kind, "at": touch.at.isoformat(), "body": touch.body},
    }


@click.command()
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
@click.pass_context
@friendly_errors
def agenda(ctx: click.Context, limit: int, as_json: bool) -> None:
    """Who to contact: overdue, today, no next step, going cold, upcoming."""
    from leadtui.domain.agenda import COUNT_CAP, SECTION_TITLES, AgendaSection

    with store_for(ctx, create=False) as store:
        found = [
            (section, store.reads.agenda_count(section), store.reads.agenda_page(section, 0, limit))
            for section in AgendaSection
        ]
        now = store.now()
        stage_names = {stage.key: stage.shown_name for stage in store.reads.stages()}
    if as_json:
        sections = [
            {
                "section": section.value,
                "title": _(SECTION_TITLES[section]),
                "count": min(count, COUNT_CAP),
                "capped": count > COUNT_CAP,
                "rows": [_agenda_row_json(section.value, row) for row in rows],
            }
            for section, count, rows in found
        ]
        click.echo(json.dumps({"sections": sections}, ensure_ascii=False))
        return
    from leadtui.cli.agenda_output import print_agenda

    print_agenda(found, now, stage_names)


@click.command(name="log")
@click.argument("lead")
@click.argument("text", nargs=-1)
@click.option(
    "--kind",
    type=click.Choice(_LOGGED_KINDS),
    default="note",
    show_default=True,
    help=_("What kind of touch."),
)
@click.option(
    "--followup",
    "when",
    default=None,
    help=_("Next follow-up: +3d, +2w, tomorrow, mon, 15/12 10:00 (a note may follow)."),
)
@click.pass_context
@friendly_errors
def log_touch(
    ctx: click.Context, lead: str, text: tuple[str, ...], kind: str, when: str | None
) -> None:
    """Log a touch on LEAD (id or email); with --followup, set the next one too."""
    from leadtui.store import KEEP

    with store_for(ctx, create=False) as store:
        target = store.leads.find_lead(lead)
        followup: datetime | None | str = KEEP
        note = ""
        if when is not None:
            followup, note = _when(store, when)
        logged = store.agenda.log_touch(target.id, kind, " ".join(text), followup, note)
        click.echo(sanitize(_("Lead {id}: {kind} logged.").format(id=target.id, kind=kind)))
        if logged.followup is not None:
            click.echo(
                _followup_line(target.id, followup if isinstance(followup, datetime) else None)
            )


def _followup_line(lead_id: int, at: datetime | None) -> str:
    if at is None:
        return _("Lead {id}: follow-up cleared.").format(id=lead_id)
    return _("Lead {id}: next follow-up {when}.").format(
        id=lead_id, when=at.astimezone().strftime("%Y-%m-%d %H:%M")
    )


@click.command()
@click.argument("lead")
@click.argument("when", nargs=-1, required=True)
@click.option("--note", default=None, help=_("What the follow-up is for."))
@click.pass_context
@friendly_errors
def followup(ctx: click.Context, lead: str, when: tuple[str, ...], note: str | None) -> None:
    """Set LEAD's next follow-up: +3d, +2w, tomorrow, mon, 15/12, 15/12 10:00, or clear."""
    with store_for(ctx, create=False) as store:
        target = store.leads.find_lead(lead)
        at, typed_note = _when(store, " ".join(when))
        store.agenda.schedule_followup(target.id, at, note if note is not None else typed_note)
        click.echo(_followup_line(target.id, at))


def register(group: click.Group) -> None:
    """Add ``agenda``, ``log`` and ``followup`` to ``group``."""
    for command in (agenda, log_touch, followup):
        group.add_command(command)
