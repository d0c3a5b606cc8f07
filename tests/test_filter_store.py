"""Filters through the list's read API against an independent Python filter over the same rows.

The rows are generated here; the oracle below reads them as plain dicts (no SQL, no store),
so a wrong condition, a lost parameter or a dialect difference shows as a different set.
"""

from __future__ import annotations

import random
import re
import unicodedata
from datetime import datetime, timedelta
from typing import Any

import pytest
from conftest import DEMO_NOW
from filter_strategies import queries
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pg_fixtures import both_backends

from leadtui.domain.filter_query import (
    Compare,
    Due,
    FilterQuery,
    Key,
    Match,
    Op,
    Text,
    Vocabulary,
    parse,
    render,
)
from leadtui.domain.rows import LeadFilter, LeadSort
from leadtui.domain.sources import SOURCES
from leadtui.domain.timefmt import day_bounds, local_day_start
from leadtui.store import LeadStore

pytestmark = both_backends

TAGS = ("feria-2026", "cliente", "vip", "madrid-norte", "evento")
FIRST = ("Ana", "Anabel", "José", "Jose", "María", "Mark", "Evan", "Lucía")
LAST = ("García", "Garcia", "Smith", "Núñez", "Ortega", "Evans", "Feria")
COMPANIES = ("Acme", "ACME Labs", "Nova 100%", "Évora Tech", "", "Feria_SL", "Cliente Uno")
NOTES = (
    "Called about budget",
    "Sent the PROPOSAL",
    "left voicemail",
    "Reunión en Madrid",
    "50% off",
)
STAGES = ("new", "contacted", "qualified", "proposal", "won", "lost")
OWNERS = ("ana", "luis", None)
VOCAB = Vocabulary(stages=STAGES, tags=TAGS, owners=("ana", "luis"), me="ana")


def _rows(count: int = 140) -> list[dict[str, Any]]:
    rng = random.Random(15)
    rows = []
    for i in range(count):
        phone = None if i % 4 == 0 else f"+34{rng.choice('69')}{rng.randint(0, 99_999_999):08d}"
        if i % 9 == 1:
            phone = "+34600123456"
        rows.append(
            {
                "first_name": rng.choice(FIRST),
                "last_name": rng.choice(LAST),
                "email": f"p{i}@mail{i % 3}.com",
                "email_key": f"p{i}@mail{i % 3}.com",
                "phone": phone,
                "phone_e164": phone,
                "company": rng.choice(COMPANIES),
                "source": rng.choice(SOURCES),
                "stage": rng.choice(STAGES),
                "owner": OWNERS[i % 7 % 3],
                "score": None if i % 5 == 0 else rng.randint(0, 100),
                "created_at": DEMO_NOW - timedelta(hours=rng.randint(0, 24 * 100)),
                "next_followup_at": None
                if i % 3 == 0
                else DEMO_NOW + timedelta(hours=rng.randint(-80, 240)),
                "tags": rng.sample(TAGS, rng.randint(0, 2)),
                "activities": [
                    ("note", DEMO_NOW - timedelta(days=1), rng.choice(NOTES))
                    for _ in range(rng.randint(0, 2))
                ],
            }
        )
    return rows


ROWS = _rows()
DELETED = {"p3@mail0.com", "p17@mail2.com", "p40@mail1.com"}


# -- the oracle --------------------------------------------------------------------


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _ascii_lower(text: str) -> str:
    return "".join(c.lower() if "A" <= c <= "Z" else c for c in text)


def _contains(haystack: str | None, needle: str) -> bool:
    return haystack is not None and _ascii_lower(needle) in _ascii_lower(haystack)


def _word_matches(word: str, row: dict[str, Any]) -> bool:
    fields = (row["first_name"], row["last_name"], row["email"], row["company"])
    tokens = [t for field in fields for t in re.findall(r"[^\W_]+", _fold(field or ""))]
    if any(token.startswith(_fold(word)) for token in tokens):
        return True
    if len(word) >= 2:
        named = [row["source"], *row["tags"]]
        if any(
            t.casefold().startswith(word.casefold()) for n in named for t in re.findall(r"\w+", n)
        ):
            return True
    return word.isdigit() and len(word) >= 3 and word in (row["phone_e164"] or "")


def _due(value: str, at: datetime | None) -> bool:
    start, end = day_bounds(DEMO_NOW)
    if value == Due.NONE:
        return at is None
    if at is None:
        return False
    if value == Due.OVERDUE:
        return at < start
    return start <= at < (end if value == Due.TODAY else start + timedelta(days=7))


def _match(term: Match, row: dict[str, Any]) -> bool:
    values = term.values
    match term.key:
        case Key.STAGE | Key.SOURCE:
            return row[term.key.value] in values
        case Key.TAG:
            return any(tag in values for tag in row["tags"])
        case Key.DUE:
            return any(_due(v, row["next_followup_at"]) for v in values)
        case Key.COMPANY:
            return any(_contains(row["company"], v) for v in values)
        case Key.PHONE:
            return any(_contains(row["phone_e164"], re.sub(r"\D", "", v)) for v in values)
        case Key.OWNER:
            meant = {{"me": VOCAB.me, "none": None}.get(v, v) for v in values}
            return row["owner"] in meant
    return any(_contains(body, v) for _kind, _at, body in row["activities"] for v in values)


_OPS = {
    Op.EQ: lambda a, b: a == b,
    Op.GT: lambda a, b: a > b,
    Op.GE: lambda a, b: a >= b,
    Op.LT: lambda a, b: a < b,
    Op.LE: lambda a, b: a <= b,
}


def _compare(term: Compare, row: dict[str, Any]) -> bool:
    if term.key is Key.SCORE:
        return row["score"] is not None and _OPS[term.op](row["score"], term.value)
    day = row["created_at"].astimezone(local_day_start(term.value).tzinfo).date()  # type: ignore[arg-type]
    return bool(_OPS[term.op](day, term.value))


def oracle(query: FilterQuery) -> set[str]:
    """The emails of the live rows a query should list."""
    found = set()
    for row in ROWS:
        if row["email"] in DELETED:
            continue
        ok = True
        for term in query.terms:
            if isinstance(term, Text):
                ok = all(_word_matches(word, row) for word in term.words)
            elif isinstance(term, Match):
                ok = _match(term, row) != term.negated
            else:
                ok = _compare(term, row) != term.negated
            if not ok:
                break
        if ok:
            found.add(row["email"])
    return found


# -- the store side ------------------------------------------------------------------


@pytest.fixture
def filled(store: LeadStore) -> LeadStore:
    """The generated rows in the store, three of them deleted."""
    given = [
        {**{k: v for k, v in row.items() if k != "computed"}}
        | ({"score": None} if row.get("computed") else {})
        for row in ROWS
    ]
    store.imports.bulk_insert_leads(given)
    for row in ROWS:  # a lead given no score gets the one the scoring rules compute
        if row["score"] is None or row.get("computed"):
            found = store.leads.find_by_email(row["email"])
            assert found is not None
            row["score"], row["computed"] = found.score, True
    everyone = store.reads.page_list(LeadFilter(), LeadSort(), 0, 1000)
    store.leads.delete_leads([row.id for row in everyone if row.email in DELETED])
    return store


def listed(store: LeadStore, query: FilterQuery) -> set[str]:
    """The emails the list shows for a query, after checking the count agrees."""
    lead_filter = LeadFilter(query=query)
    rows = store.reads.page_list(lead_filter, LeadSort(), 0, 1000)
    emails = {row.email or "" for row in rows}
    assert len(emails) == len(rows), "a lead listed twice"
    counts = store.reads.count_list(lead_filter)
    assert counts.total == len(rows)
    start, _end = day_bounds(DEMO_NOW)
    late = {r["email"] for r in ROWS if r["next_followup_at"] and r["next_followup_at"] < start}
    assert counts.overdue == len(emails & late)
    return emails


_WORDS = st.sampled_from(
    (
        "ana",
        "jos",
        "garc",
        "ev",
        "event",
        "feria",
        "2026",
        "600",
        "6001",
        "34",
        "acme",
        "nova",
        "mail1",
        "p1",
        "vip",
        "cli",
        "évo",
        "nunez",
        "lab",
        "a",
        "zz",
        "ref",
    )
)
_VALUES = st.sampled_from(
    ("acme", "ACM", "nova", "évora", "la", "budget", "propos", "madrid", "%", "_", "0% o", "voice")
)
_PHONES = st.sampled_from(("600", "123", "34", "9", "6-0-0"))


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(queries(VOCAB, values=_VALUES, words=_WORDS, phones=_PHONES, max_terms=3))
def test_random_filters_list_what_the_python_filter_finds(
    filled: LeadStore, query: FilterQuery
) -> None:
    assert listed(filled, parse(render(query), VOCAB)) == oracle(query)


@pytest.mark.parametrize(
    "text",
    [
        "stage:qualified,proposal -tag:cliente",
        "due:overdue,today score>40",
        "-due:none created>=2026-02-01",
        "company:acme phone:600",
        "note:budget",
        "owner:me stage:new",
        "-owner:luis,none",
        "feria",
        "evento garc",
        "600",
        "tag:vip 2026",
        "company:% -note:50%",
    ],
)
def test_hand_picked_filters(filled: LeadStore, text: str) -> None:
    query = parse(text, VOCAB)
    expected = oracle(query)
    assert listed(filled, query) == expected


def test_plain_words_now_reach_tags_sources_and_phones(filled: LeadStore) -> None:
    def emails(text: str) -> set[str]:
        return listed(filled, parse(text, VOCAB))

    assert emails("feria") >= {r["email"] for r in ROWS if "feria-2026" in r["tags"]} - DELETED
    assert (
        emails("newsletter") == {r["email"] for r in ROWS if r["source"] == "newsletter"} - DELETED
    )
    assert (
        emails("600123")
        == {r["email"] for r in ROWS if r["phone_e164"] == "+34600123456"} - DELETED
    )


@pytest.mark.parametrize(
    "text", ["tag:vip", "tag:vip,cliente stage:new,won", "-tag:vip tag:evento"]
)
def test_big_tags_walking_the_sort_index_list_the_same(
    filled: LeadStore, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every tag counts as big: the page reads through the EXISTS probe (SQLite)."""
    import leadtui.storage.sqlite.reads as sqlite_reads

    monkeypatch.setattr(sqlite_reads, "BIG_TAG", 1)
    query = parse(text, VOCAB)
    assert listed(filled, query) == oracle(query)
