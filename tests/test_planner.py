"""The question planner: decisive questions first, never a re-ask, stops when nothing can flip."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.engine import outcome_for
from bot.core.facts import (
    ASKABLE,
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Facts,
    Goal,
    Quality,
    apply_choice,
    is_known,
)
from bot.core.planner import can_flip, next_question


def test_blank_consultation_asks_about_goals_first() -> None:
    assert next_question(Facts(), asked=()) is FactName.TOP_GOAL


def test_never_reasks_a_known_or_asked_fact() -> None:
    f = Facts(goals=frozenset({Goal.CONSISTENCY}))
    first = next_question(f, asked=())
    assert first is not None and first is not FactName.TOP_GOAL
    second = next_question(f, asked=(first,))
    assert second not in (first, FactName.TOP_GOAL)


def test_skipped_facts_are_not_asked_again() -> None:
    f = Facts(goals=frozenset({Goal.CONSISTENCY}))
    first = next_question(f, asked=())
    assert first is not None
    assert next_question(f, asked=(), skipped=(first,)) != first


def test_stops_when_nothing_can_flip() -> None:
    # Freshness and consistency with no data: every open fact leaves the outcome as it is.
    f = Facts(
        goals=frozenset(Goal),
        data_amount=DataAmount.NONE,
        docs_change=DocsChange.OFTEN,
        change_rate=ChangeRate.OFTEN,
    )
    assert not any(can_flip(f, n) for n in ASKABLE if not is_known(f, n))
    assert next_question(f, asked=()) is None


def test_respects_the_question_cap() -> None:
    assert next_question(Facts(), asked=(), max_questions=0) is None
    asked = (FactName.TOP_GOAL, FactName.DOCS_CHANGE)
    assert next_question(Facts(), asked=asked, max_questions=2) is None


def test_eval_set_never_changes_the_outcome_so_is_never_asked() -> None:
    f = Facts(
        goals=frozenset({Goal.CONSISTENCY}),
        data_amount=DataAmount.PLENTY,
        data_quality=Quality.HIGH,
    )
    seen: list[FactName] = []
    while (q := next_question(f, asked=seen, max_questions=9)) is not None:
        seen.append(q)
    assert FactName.EVAL_SET not in seen


_choice = st.sampled_from([(n, c) for n, cs in ASKABLE.items() for c in cs])


@settings(max_examples=200, deadline=None)
@given(st.lists(_choice, max_size=6))
def test_planner_only_asks_questions_that_could_flip(answers: list[tuple[FactName, str]]) -> None:
    f = Facts()
    for name, choice in answers:
        f = apply_choice(f, name, choice)
    asked: list[FactName] = []
    while (q := next_question(f, asked=asked, max_questions=9)) is not None:
        assert q not in asked
        assert not is_known(f, q)
        assert can_flip(f, q)
        asked.append(q)
    # When it stops, no single unasked answer could change the outcome.
    current = outcome_for(f)
    for name in ASKABLE:
        if name in asked or is_known(f, name):
            continue
        for c in ASKABLE[name]:
            alt = apply_choice(f, name, c)
            assert outcome_for(alt) is current
