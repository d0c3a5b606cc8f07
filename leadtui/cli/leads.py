"""``leadtui add``, ``list``, ``move`` and ``stats``: the lead commands of the CLI."""

from __future__ import annotations

import json
from typing import Any

import click

from leadtui.cli.common import friendly_errors, stage_key, store_for
from leadtui.cli.duplicates import warn_duplicates
from leadtui.cli.say import echo
from leadtui.cli.views import chosen_filter, filter_options
from leadtui.domain.rows import SortKey
from leadtui.domain.sources import SOURCES
from leadtui.i18n import _


@click.command()
@click.option("--first-name", default="", help=_("First name."))
@click.option("--last-name", default="", help=_("Last name."))
@click.option("--email", default=None, help=_("Email address."))
@click.option("--phone", default=None, help=_("Phone number (with country code, or local)."))
@click.option("--company", default="", help=_("Company."))
@click.option(
    "--source", type=click.Choice(SOURCES), default="manual", help=_("Where it came from.")
)
@click.option("--stage", default="new", help=_("Funnel stage (key or name)."))
@click.pass_context
@friendly_errors
def add(
    ctx: click.Context,
    first_name: str,
    last_name: str,
    email: str | None,
    phone: str | None,
    company: str,
    source: str,
    stage: str,
) -> None:
    """Add a lead and print its id."""
    from leadtui.domain.rows import LeadInput

    with store_for(ctx) as store:
        data = LeadInput(
            first_name=first_name,
            last_name=last_name,
            email=email,
            phone=phone,
            company=company,
            source=source,
            stage=stage_key(store, stage),
        )
        lead = store.leads.add_lead(data)
        echo(lead.id)
        warn_duplicates(store, data, lead.id)


@click.command(name="list")
@click.option("--stage", default=None, help=_("Only this stage."))
@click.option("--search", default="", help=_("Full-text search on name, email and company."))
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON lines."))
@click.option(
    "--sort", "sort_key", type=click.Choice([key.value for key in SortKey]), help=_("Sort column.")
)
@click.option("--ascending", is_flag=True, help=_("Smallest, oldest or A first."))
@filter_options
@click.pass_context
@friendly_errors
def list_leads(
    ctx: click.Context,
    stage: str | None,
    search: str,
    limit: int,
    as_json: bool,
    sort_key: str | None,
    ascending: bool,
    filter_text: str | None,
    view_name: str | None,
) -> None:
    """List leads, newest first (or sorted by --sort, or in the view's order)."""
    from leadtui.domain.rows import LeadFilter, LeadSort

    with store_for(ctx, create=False) as store:
        stages = (stage_key(store, stage),) if stage else ()
        base = LeadFilter(stages=stages, search=search)
        chosen = chosen_filter(store, filter_text, view_name, base)
        sort = chosen.sort or LeadSort()
        if sort_key is not None or ascending:
            sort = LeadSort(SortKey(sort_key) if sort_key else sort.key, not ascending)
        rows = store.reads.page_list(chosen.lead_filter, sort, 0, limit)
        extras = store.reads.phones_and_tags([row.id for row in rows]) if as_json else {}
        stage_names = {info.key: info.shown_name for info in store.reads.stages()}
    if as_json:
        for row in rows:
            phone, tags = extras.get(row.id, ("", []))
            click.echo(json.dumps(_row_json(row, phone, tags), ensure_ascii=False))
        return
    from leadtui.cli.output import print_lead_rows

    print_lead_rows(rows, stage_names, show_score=sort.key is SortKey.SCORE)


def _row_json(row: Any, phone: str, tags: list[str]) -> dict[str, Any]:
    """One lead of ``list --json`` (the fields are listed in the README)."""
    return {
        "id": row.id,
        "first_name": row.first_name,
        "last_name": row.last_name,
        "email": row.email,
        "phone": phone,
        "tags": tags,
        "company": row.company,
        "stage": row.stage,
        "source": row.source,
        "owner": row.owner,
        "score": row.score,
        "value_cents": row.value_cents,
        "currency": row.currency,
        "next_followup_at": row.next_followup_at.isoformat() if row.next_followup_at else None,
        "created_at": row.created_at.isoformat(),
    }


@click.command()
@click.argument("lead")
@click.argument("stage")
@click.option("--reason", default="", help=_("Why (stored with the stage change)."))
@click.pass_context
@friendly_errors
def move(ctx: click.Context, lead: str, stage: str, reason: str) -> None:
    """Move LEAD (id or email) to STAGE."""
    with store_for(ctx, create=False) as store:
        target = store.leads.find_lead(lead)
        key = stage_key(store, stage)
        result = store.pipeline.move_lead(target.id, key, reason)
        if result is None:
            echo(_("Lead {id} is already in {stage}.").format(id=target.id, stage=key))
        else:
            echo(
                _("Lead {id}: {old} → {new}").format(
                    id=target.id, old=result.from_stage, new=result.to_stage
                )
            )


@click.command()
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
@click.option(
    "--time-in-stage",
    "time_in_stage",
    is_flag=True,
    help=_("Also the median time in each stage (reads the whole history; all leads only)."),
)
@filter_options
@click.pass_context
@friendly_errors
def stats(
    ctx: click.Context,
    as_json: bool,
    time_in_stage: bool,
    filter_text: str | None,
    view_name: str | None,
) -> None:
    """Funnel per stage (count, value, reached, conversion), win rate, leads/week, and the
    same by source and by month of creation.

    With --filter or --view: the same numbers for that segment.
    """
    from leadtui.cli.metrics_output import compute, print_json, print_stats, with_medians

    with store_for(ctx, create=False) as store:
        chosen = chosen_filter(store, filter_text, view_name)
        segment = compute(store, chosen, quiet=as_json)
        medians = time_in_stage and not chosen.narrows
        if medians:
            segment = with_medians(store, segment)
    if as_json:
        print_json(segment)
        return
    print_stats(segment, medians=medians)


def register(group: click.Group) -> None:
    """Add ``add``, ``list``, ``move`` and ``stats`` to ``group``."""
    for command in (add, list_leads, move, stats):
        group.add_command(command)
