"""The default scoring rules file, its comments in the user's language.

The keys and numbers are the same in every language (they are what leadtui reads);
only the comments are translated, each one a catalog message of its own.
:data:`DEFAULT_RULES_TOML` is the English text, the source of the default rules;
:func:`default_rules_text` is what a new rules file is written with.
"""

from __future__ import annotations

from collections.abc import Callable

from leadtui.i18n import N_, _

_HEADER = N_(
    "leadtui lead scoring rules. Every number is points; a score is kept between\n"
    "[caps] min and max. Edit, save, and leadtui recomputes every lead (in the app:\n"
    'Ctrl+P "Scoring rules"; in a shell: leadtui score --recompute).\n'
    "A lead whose score you type by hand is pinned and left alone until unpinned."
)
_COMMENT_COLUMN = 24
"""Where a comment after a setting starts (the settings line up)."""

_LINES: tuple[tuple[str, str], ...] = (
    ("[qualified]", ""),
    ("threshold = 60", N_("at or above this a lead is qualified (MQL)")),
    ("", ""),
    ("[fit]", ""),
    ("company_given = 5", N_("the lead names its company")),
    ("free_mail = -10", N_("the email is at a free-mail provider (below)")),
    (
        'free_mail_domains = ["gmail.com", "googlemail.com", "hotmail.com", "outlook.com",\n'
        '  "live.com", "yahoo.com", "yahoo.es", "icloud.com", "aol.com", "gmx.com", "proton.me"]',
        "",
    ),
    ("", ""),
    ("[fit.source]", N_("where the lead came from")),
    ("referral = 20\nevent = 15\nlanding_page = 10\ncontent_download = 10", ""),
    ("newsletter = 5\nads = 5\nsocial = 3", ""),
    ("", ""),
    ("[fit.campaign]", N_("a word in the campaign name (any case)")),
    ("webinar = 15\ndemo = 20\nferia = 10", ""),
    ("", ""),
    ("[fit.job_title]", N_("a word in the job title (any case); the best one counts")),
    ("ceo = 20\nfounder = 20\ndirector = 10\ndirectora = 10\nhead = 10", ""),
    ("manager = 5\ngerente = 5\nstudent = -10", ""),
    ("", ""),
    ("[fit.email_domain]", N_('the email\'s domain, e.g. "acme.com" = 10')),
    ("", ""),
    ("[fit.country]", N_("the country of the phone number (ISO code)")),
    ("ES = 5", ""),
    ("", ""),
    ("[behaviour]", N_("points for each touch of that kind, at most max_per_kind")),
    ("call = 5\nemail = 3\nmeeting = 10\nform = 8\nreply = 8\nmax_per_kind = 30", ""),
    ("recent_days = 14", N_("a touch within this many days adds recent_points")),
    ("recent_points = 10", ""),
    ("", ""),
    ("[decay]", ""),
    ("points_per_week = 1", N_("lost per full week since the last touch (or since created)")),
    ("max_points = 30", N_("never more than this")),
    ("", ""),
    ("[caps]", ""),
    ("min = 0\nmax = 100", ""),
)


def rules_text(translate: Callable[[str], str] = str) -> str:
    """The default rules file with its comments passed through ``translate``."""
    lines = ["# " + line if line else "#" for line in translate(_HEADER).splitlines()]
    lines.append("")
    for code, comment in _LINES:
        if not comment:
            lines.append(code)
            continue
        # A comment is one line: a translation must not turn its tail into TOML.
        note = " ".join(translate(comment).split())
        lines.append(f"{code:<{_COMMENT_COLUMN - 1}} # {note}")
    return "\n".join(lines) + "\n"


DEFAULT_RULES_TOML = rules_text()
"""The default rules file in English (the default rules are read from it)."""


def default_rules_text() -> str:
    """The default rules file in the user's language (keys and numbers unchanged)."""
    return rules_text(_)
