"""Seeded synthetic leads for benchmarks, fed to ``LeadStore.bulk_insert_leads``.

``synthetic_leads(n)`` yields dicts keyed by Lead column names plus the bulk
path's extras (``history``, ``activities``, ``tags``). The same ``n``, ``seed``
and ``now`` always give the same rows. Timestamps are yielded already in the
database's text format (``YYYY-MM-DD HH:MM:SS``, UTC), which the bulk path
accepts as is: formatting a million datetimes would dominate the load time.

Usage from another benchmark::

    from benchmarks.generate import build_db, synthetic_leads
    store = build_db(tmp / "leads.db", 100_000)
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from leadtui.launch import open_store
from leadtui.store import LeadStore

BENCH_NOW = datetime(2026, 3, 16, 10, 0, tzinfo=UTC)
"""The fixed "now" of generated data (the demo date), so reads are repeatable."""

HISTORY_DAYS = 730
"""Leads are created over the two years before ``now``."""

FUNNEL = ("new", "contacted", "qualified", "proposal", "won")
STAGE_WEIGHTS = {
    "new": 34,
    "contacted": 24,
    "qualified": 15,
    "proposal": 9,
    "won": 8,
    "lost": 10,
}
SOURCE_WEIGHTS = {
    "landing_page": 24,
    "content_download": 12,
    "newsletter": 8,
    "event": 7,
    "ads": 15,
    "social": 10,
    "referral": 10,
    "import": 8,
    "manual": 5,
    "other": 1,
}
FIRST_NAMES = (
    "María",
    "Carmen",
    "Lucía",
    "Ana",
    "Laura",
    "Marta",
    "Elena",
    "Sofía",
    "Paula",
    "Julia",
    "José",
    "Antonio",
    "Manuel",
    "Francisco",
    "David",
    "Javier",
    "Daniel",
    "Carlos",
    "Jesús",
    "Alejandro",
    "Miguel",
    "Pablo",
    "Álvaro",
    "Sergio",
    "Iñaki",
    "Núria",
    "Jordi",
    "Montserrat",
    "James",
    "Oliver",
    "Emma",
    "Olivia",
    "Amelia",
    "George",
    "Harry",
    "Jack",
    "Sophie",
    "Charlotte",
    "William",
    "Thomas",
    "Emily",
    "Grace",
    "Liam",
    "Noah",
    "Ava",
    "Mia",
    "Ethan",
    "Chloe",
    "Lucas",
    "Zoë",
)
LAST_NAMES = (
    "García",
    "Rodríguez",
    "González",
    "Fernández",
    "López",
    "Martínez",
    "Sánchez",
    "Pérez",
    "Gómez",
    "Martín",
    "Jiménez",
    "Ruiz",
    "Hernández",
    "Díaz",
    "Moreno",
    "Muñoz",
    "Álvarez",
    "Romero",
    "Alonso",
    "Gutiérrez",
    "Navarro",
    "Torres",
    "Domínguez",
    "Vázquez",
    "Ramos",
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Wood",
    "Jackson",
    "Clarke",
    "O'Brien",
    "Murphy",
    "Kelly",
    "Byrne",
    "Walsh",
)
COMPANY_WORDS = (
    "Acme",
    "Iberia",
    "Nova",
    "Atlas",
    "Sol",
    "Norte",
    "Delta",
    "Vértice",
    "Brisa",
    "Cobalt",
    "Summit",
    "Harbor",
    "Pioneer",
    "Quantum",
    "Lumen",
    "Orbit",
    "Cedar",
    "Falcon",
    "Granite",
    "Meridian",
    "Aurora",
    "Tajo",
    "Ebro",
    "Duero",
    "Levante",
    "Castell",
    "Vela",
    "Faro",
)
COMPANY_SUFFIXES = (
    "S.L.",
    "S.A.",
    "Ltd",
    "Inc.",
    "Group",
    "Labs",
    "Consulting",
    "Logística",
    "Digital",
    "Soluciones",
    "Partners",
    "Systems",
    "Media",
    "Foods",
)
JOB_TITLES = (
    "CEO",
    "CTO",
    "Marketing Manager",
    "Head of Sales",
    "Operations Director",
    "Founder",
    "Responsable de compras",
    "Directora financiera",
    "IT Manager",
    "Product Owner",
    "",
)
MAIL_DOMAINS = ("gmail.com", "outlook.com", "yahoo.es", "hotmail.com", "icloud.com")
TAGS = (
    "vip",
    "partner",
    "webinar-2026",
    "newsletter",
    "enterprise",
    "smb",
    "madrid",
    "barcelona",
    "london",
    "follow-up",
)
ACTIVITY_KINDS = ("note", "call", "email", "meeting", "form")
ACTIVITY_BODIES = {
    "note": (
        "Interested in the annual plan.",
        "Pide presupuesto para 20 usuarios.",
        "Budget approved for Q3.",
        "Llamar después de vacaciones.",
    ),
    "call": ("Intro call, 15 min.", "Llamada de seguimiento.", "No answer, left voicemail."),
    "email": ("Sent pricing.", "Enviada propuesta revisada.", "Replied with questions."),
    "meeting": ("Demo with the team.", "Reunión en sus oficinas."),
    "form": ("Filled in the contact form.", "Descargó el ebook."),
}
ACTIVITY_COUNTS = (0, 1, 1, 2, 2, 3)
TAG_COUNTS = (0, 0, 0, 1, 1, 2)
CAMPAIGNS = ("", "", "spring-2026", "black-friday", "webinar-ai", "ebook-crm", "feria-madrid")
_ASCII = str.maketrans("áéíóúñÁÉÍÓÚÑàèçÇüÜëïöÖ'", "aeiounAEIOUNaecCuUeioO-")


def _weighted(weights: dict[str, int]) -> tuple[list[str], list[int]]:
    keys = list(weights)
    cumulative: list[int] = []
    running = 0
    for key in keys:
        running += weights[key]
        cumulative.append(running)
    return keys, cumulative


class _Clock:
    """Seconds since ``now - HISTORY_DAYS`` to DB text, with a per-day string cache."""

    def __init__(self, now: datetime) -> None:
        self.origin = (now - timedelta(days=HISTORY_DAYS)).replace(hour=0, minute=0, second=0)
        self.now_s = int((now - self.origin).total_seconds())
        self._days: dict[int, str] = {}

    def text(self, seconds: int) -> str:
        day, rest = divmod(seconds, 86_400)
        prefix = self._days.get(day)
        if prefix is None:
            prefix = (self.origin + timedelta(days=day)).strftime("%Y-%m-%d ")
            self._days[day] = prefix
        hour, rest = divmod(rest, 3600)
        return f"{prefix}{hour:02d}:{rest // 60:02d}:{rest % 60:02d}"


def _path_to(stage: str, rand: Callable[[], float]) -> list[str]:
    """The stages a lead went through to reach ``stage`` (``lost`` leaves from anywhere)."""
    if stage == "lost":
        return [*FUNNEL[: 1 + int(rand() * 4)], "lost"]
    return list(FUNNEL[: FUNNEL.index(stage) + 1])


def synthetic_leads(n: int, seed: int = 1, now: datetime = BENCH_NOW) -> Iterator[dict[str, Any]]:
    """Yield ``n`` realistic lead rows for ``LeadStore.bulk_insert_leads`` (deterministic).

    Stage history runs new → … → the lead's stage at increasing times; won and
    lost leads have no follow-up; open ones mostly have one around ``now`` (some
    overdue). Each lead has 0–3 activities between its creation and ``now``.
    About 4% have no email; emails are unique (an index number is part of them).
    """
    rng = random.Random(seed)
    rand = rng.random  # one float per choice: random.choice/randrange cost 3x more

    def pick(options: tuple[str, ...]) -> str:
        return options[int(rand() * len(options))]

    def between(low: int, high: int) -> int:
        return low + int(rand() * (high - low))

    clock = _Clock(now)
    text = clock.text
    now_s = clock.now_s
    stages, stage_cum = _weighted(STAGE_WEIGHTS)
    sources, source_cum = _weighted(SOURCE_WEIGHTS)
    for index in range(n):
        first = pick(FIRST_NAMES)
        last = pick(LAST_NAMES)
        stage = stages[bisect(stage_cum, rand() * stage_cum[-1])]
        source = sources[bisect(source_cum, rand() * source_cum[-1])]
        company = f"{pick(COMPANY_WORDS)} {pick(COMPANY_SUFFIXES)}" if rand() < 0.8 else ""
        email: str | None = None
        if rand() >= 0.04:
            local = f"{first}.{last}".translate(_ASCII).lower()
            email = f"{local}{index}@{pick(MAIL_DOMAINS)}"
        created = between(0, now_s - 3600)
        path = _path_to(stage, rand)
        moments = sorted(between(created, now_s) for _ in range(len(path) - 1))
        history: list[tuple[str | None, str, str, str]] = [(None, path[0], text(created), "")]
        history += [(path[i], path[i + 1], text(moments[i]), "") for i in range(len(path) - 1)]
        activities = []
        last_activity: int | None = None
        for _ in range(ACTIVITY_COUNTS[int(rand() * len(ACTIVITY_COUNTS))]):
            at = between(created, now_s)
            kind = pick(ACTIVITY_KINDS)
            activities.append((kind, text(at), pick(ACTIVITY_BODIES[kind])))
            last_activity = at if last_activity is None else max(last_activity, at)
        followup: str | None = None
        if stage not in ("won", "lost") and rand() < 0.7:
            followup = text(now_s + between(-14 * 86_400, 30 * 86_400))
        value = 0 if stage == "new" and rand() < 0.7 else between(50, 5000) * 1000
        campaign = pick(CAMPAIGNS)
        updated = max(created, *moments, last_activity or created)
        tag_count = TAG_COUNTS[int(rand() * len(TAG_COUNTS))]
        yield {
            "first_name": first,
            "last_name": last,
            "email": email,
            "email_key": email,  # already lower-case ASCII: equal to email_key(email)
            "phone": None,
            "company": company,
            "job_title": pick(JOB_TITLES),
            "source": source,
            "campaign": campaign,
            "utm_source": "google" if source == "ads" else "",
            "utm_medium": "cpc" if source == "ads" else "",
            "utm_campaign": campaign,
            "consent": rand() < 0.6,
            "stage": stage,
            "value_cents": value,
            "currency": "EUR",
            "score": int(rand() * 101) if rand() < 0.5 else None,
            "next_followup_at": followup,
            "created_at": text(created),
            "updated_at": text(updated),
            "last_activity_at": None if last_activity is None else text(last_activity),
            "history": history,
            "activities": activities,
            "tags": [pick(TAGS)] if tag_count == 1 else rng.sample(TAGS, tag_count),
        }


def build_db(path: Path, n: int, *, seed: int = 1, now: datetime = BENCH_NOW) -> LeadStore:
    """Create a fresh database at ``path`` holding ``n`` synthetic leads; return its store.

    The store's clock is fixed at ``now``, so follow-up filters are repeatable.
    """
    store = open_store(path, clock=lambda: now)
    store.imports.bulk_insert_leads(synthetic_leads(n, seed=seed, now=now))
    return store
