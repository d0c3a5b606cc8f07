"""The filter language: every key, negation, lists, quotes, errors with positions, round trips."""

from __future__ import annotations

from datetime import date

import pytest
from filter_strategies import free_values, queries
from hypothesis import given
from hypothesis import strategies as st

from leadtui.domain.filter_query import (
    Compare,
    FilterQuery,
    FilterSyntaxError,
    Key,
    Match,
    Op,
    Text,
    Vocabulary,
    parse,
    render,
)
from leadtui.domain.filter_query_complete import complete

VOCAB = Vocabulary(tags=("feria-2026", "cliente", "vip list"))
EXAMPLE = (
    "stage:qualified,proposal source:event tag:feria-2026 -tag:cliente due:overdue,today "
    'score>40 created>2026-11-01 company:acme phone:600 "free text" note:budget'
)


def test_the_issue_example_parses_into_every_kind_of_term() -> None:
    query = parse(EXAMPLE, VOCAB)
    assert query.terms == (
        Match(Key.STAGE, ("qualified", "proposal")),
        Match(Key.SOURCE, ("event",)),
        Match(Key.TAG, ("feria-2026",)),
        Match(Key.TAG, ("cliente",), negated=True),
        Match(Key.DUE, ("overdue", "today")),
        Compare(Key.SCORE, Op.GT, 40),
        Compare(Key.CREATED, Op.GT, date(2026, 11, 1)),
        Match(Key.COMPANY, ("acme",)),
        Match(Key.PHONE, ("600",)),
        Text("free text", quoted=True),
        Match(Key.NOTE, ("budget",)),
    )
    assert render(query) == EXAMPLE
    assert query.words == ("free", "text")


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("score>=10", Compare(Key.SCORE, Op.GE, 10)),
        ("score<=10", Compare(Key.SCORE, Op.LE, 10)),
        ("score<5", Compare(Key.SCORE, Op.LT, 5)),
        ("score=5", Compare(Key.SCORE, Op.EQ, 5)),
        ("score:5", Compare(Key.SCORE, Op.EQ, 5)),
        ("-created<2026-01-31", Compare(Key.CREATED, Op.LT, date(2026, 1, 31), negated=True)),
        ("STAGE:Won", Match(Key.STAGE, ("won",))),
        ("due:WEEK,none", Match(Key.DUE, ("week", "none"))),
        ('tag:"vip list",cliente', Match(Key.TAG, ("vip list", "cliente"))),
        ("stage:new,new", Match(Key.STAGE, ("new",))),
        ('company:"say \\"hi\\""', Match(Key.COMPANY, ('say "hi"',))),
        ("ana", Text("ana")),
        ('"stage:won"', Text("stage:won", quoted=True)),
    ],
)
def test_each_form_of_a_term(text: str, term: object) -> None:
    assert parse(text, VOCAB).terms == (term,)


@pytest.mark.parametrize(
    ("text", "start", "end", "says"),
    [
        ("ana colour:red", 4, 10, "Unknown key “colour”"),
        ("stage:qualifed", 6, 14, "Unknown stage “qualifed”"),
        ("source:webinar", 7, 14, "Unknown source"),
        ("due:tomorrow", 4, 12, "Unknown due"),
        ("score>abc", 6, 9, "score needs a number"),
        ("score>101", 6, 9, "score needs a number"),
        ("created>2026-13-01", 8, 18, "created needs a date"),
        ("created>01/11/2026", 8, 18, "created needs a date"),
        ('tag:"open', 4, 9, "A quote is not closed"),
        ("tag:", 4, 5, "tag: needs a value"),
        ("stage:new,", 10, 11, "stage: needs a value"),
        ("phone:abc", 6, 9, "phone: needs digits"),
        ("tag>x", 0, 5, "tag is written tag:value"),
        ("-ana", 0, 4, "Only key terms can be negated"),
        ('"a"b', 3, 4, "Put a space after a closing quote"),
        ("score>1,2", 0, 9, "score takes one value"),
    ],
)
def test_errors_say_what_and_where(text: str, start: int, end: int, says: str) -> None:
    with pytest.raises(FilterSyntaxError) as raised:
        parse(text, VOCAB)
    assert says in str(raised.value)
    assert (raised.value.start, raised.value.end) == (start, end)


def test_stages_come_from_the_vocabulary() -> None:
    custom = Vocabulary(stages=("lead", "demo"))
    assert parse("stage:demo", custom).terms == (Match(Key.STAGE, ("demo",)),)
    with pytest.raises(FilterSyntaxError):
        parse("stage:won", custom)


def test_the_empty_text_is_the_empty_query() -> None:
    assert parse("   ", VOCAB) == FilterQuery()
    assert render(FilterQuery()) == ""


_WORDS = st.text(st.characters(codec="utf-8", categories=("L", "N")), min_size=1, max_size=8)
_PHONES = st.from_regex(r"\A[0-9]{1,6}\Z")


@given(queries(VOCAB, values=free_values(), words=free_values(), phones=_PHONES, max_terms=6))
def test_render_then_parse_gives_the_query_back(query: FilterQuery) -> None:
    assert parse(render(query), VOCAB) == query


@given(st.text(st.sampled_from('stage:won,new -tag"\\ a>=1 score<5 x'), max_size=30))
def test_render_of_parse_round_trips_for_any_text_that_parses(text: str) -> None:
    try:
        query = parse(text, VOCAB)
    except FilterSyntaxError as error:
        assert 0 <= error.start < error.end <= max(len(text), error.start + 1)
        return
    canonical = render(query)
    assert parse(canonical, VOCAB) == query
    assert render(parse(canonical, VOCAB)) == canonical


@pytest.mark.parametrize(
    ("typed", "after"),
    [
        ("st", "stage:"),
        ("ana sco", "ana score>"),
        ("tag:fe", "tag:feria-2026"),
        ("-tag:cl", "-tag:cliente"),
        ("stage:qualified,pro", "stage:qualified,proposal"),
        ("due:o", "due:overdue"),
        ("source:land", "source:landing_page"),
    ],
)
def test_tab_completes_keys_and_known_values(typed: str, after: str) -> None:
    done = complete(typed, VOCAB)
    assert done is not None and done.text == after


def test_tab_lists_every_candidate_and_completes_nothing_unknown() -> None:
    many = complete("s", VOCAB)
    assert many is not None and set(many.candidates) == {"stage:", "source:", "score>"}
    assert complete("ana ", VOCAB) is None
    assert complete("colour:r", VOCAB) is None
    assert complete("tag:zz", VOCAB) is None
