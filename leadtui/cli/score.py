"""``leadtui score``: explain, pin and recompute lead scores; write the rules file.

``leadtui score LEAD --explain`` prints the breakdown, ``--pin N`` / ``--unpin`` set or
clear a score typed by hand, ``leadtui score --recompute`` scores every lead again (a
progress line on a terminal) and ``leadtui score --init`` writes the commented rules.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from leadtui.cli.common import friendly_errors, store_for
from leadtui.cli.say import echo
from leadtui.i18n import _, ngettext


def explain_lines(report: Any) -> list[str]:
    """The breakdown as the CLI prints it: the score, then one reason per line."""
    if report.pinned:
        head = _("Score {score} (pinned by hand; the rules give {computed})").format(
            score=report.score, computed=report.computed.value
        )
    else:
        head = _("Score {score}").format(score=report.score)
    if report.qualified:
        head += "  " + _("Qualified (threshold {n})").format(n=report.threshold)
    lines = [head]
    lines += [f"  {line}" for line in report.computed.lines]
    if not report.computed.lines:
        lines.append("  " + _("no rule applies"))
    return lines


def _progress() -> Any:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        click.echo(f"\r{_('Scoring')} {done:,}/{total:,} ({percent}%)", nl=False, err=True)

    return show


def register(main: click.Group) -> None:
    """Add ``score`` to the CLI."""

    @main.command("score")
    @click.argument("lead", required=False)
    @click.option("--explain", is_flag=True, help=_("Show the score's breakdown, line by line."))
    @click.option(
        "--pin",
        type=click.IntRange(0, 100),
        default=None,
        metavar="N",
        help=_("Set the score by hand (0–100); it stays until --unpin."),
    )
    @click.option("--unpin", is_flag=True, help=_("Let the rules score the lead again."))
    @click.option("--recompute", is_flag=True, help=_("Score every lead again."))
    @click.option(
        "--decay",
        is_flag=True,
        help=_(
            "Rescore only the leads whose decay or recency changed since the last pass "
            "(the app does it once a day)."
        ),
    )
    @click.option(
        "--init",
        "init",
        is_flag=True,
        help=_("Write the default rules file (with comments) if there is none."),
    )
    @click.pass_context
    @friendly_errors
    def score(
        ctx: click.Context,
        lead: str | None,
        explain: bool,
        pin: int | None,
        unpin: bool,
        recompute: bool,
        decay: bool,
        init: bool,
    ) -> None:
        """Explain, pin or recompute lead scores (rules: the scoring.toml file)."""
        if lead is None and not (recompute or decay or init):
            raise click.UsageError(_("Name a lead, or give --recompute, --decay or --init."))
        if pin is not None and unpin:
            raise click.UsageError(_("--pin and --unpin cannot be used together."))
        with store_for(ctx) as store:
            scoring = store.scoring
            if init:
                wrote = scoring.init_rules_file()
                message = _("Wrote {path}.") if wrote else _("{path} exists; left as it is.")
                echo(message.format(path=scoring.rules_path))
            if scoring.rules_error is not None:
                raise click.ClickException(scoring.rules_error)
            if lead is not None:
                lead_id = store.leads.find_lead(lead).id
                if pin is not None:
                    scoring.pin(lead_id, pin)
                elif unpin:
                    scoring.unpin(lead_id)
                if explain or (pin is None and not unpin):
                    for line in explain_lines(scoring.explain(lead_id)):
                        echo(line)
            if recompute or decay:
                progress = _progress()
                if recompute:
                    changed = scoring.recompute(progress)
                else:
                    changed = scoring.rescore_decayed(progress, force=True) or 0
                if progress is not None:
                    click.echo("", err=True)
                echo(
                    ngettext("{n} score changed.", "{n} scores changed.", changed).format(
                        n=f"{changed:,}"
                    )
                )
