"""The question planner: likely-decisive questions first, never a re-ask, stops when no answer
is likely to change the outcome, and the card names every default it kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.decision import Outcome
from bot.core.engine import decide
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
from bot.core.matrix import flips, outcome_for
from bot.core.planner import FLIP_THRESHOLD, can_flip, flip_chance, next_question, prior
from bot.llm.reader import extract_facts


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


def _asked_until_done(f: Facts, max_questions: int = 9) -> list[FactName]:
    """Every question the planner asks when the user skips each one."""
    asked: list[FactName] = []
    while (q := next_question(f, asked=asked, max_questions=max_questions)) is not None:
        asked.append(q)
    return asked


@settings(max_examples=200, deadline=None)
@given(st.lists(_choice, max_size=6))
def test_planner_asks_only_likely_flips_and_the_card_names_the_rest(
    answers: list[tuple[FactName, str]],
) -> None:
    f = Facts()
    for name, choice in answers:
        f = apply_choice(f, name, choice)
    asked: list[FactName] = []
    while (q := next_question(f, asked=asked, max_questions=9)) is not None:
        assert q not in asked
        assert not is_known(f, q)
        assert can_flip(f, q)
        assert flip_chance(f, q) > FLIP_THRESHOLD
        asked.append(q)
    assumed = {a.fact for a in decide(f).assumptions}
    for name in ASKABLE:
        if name in asked or is_known(f, name):
            continue
        # When it stops, no unasked fact is likely to change the outcome ...
        assert flip_chance(f, name) <= FLIP_THRESHOLD
        # ... and every one that could is stated on the card as an assumption.
        if can_flip(f, name):
            assert (FactName.GOALS if name is FactName.TOP_GOAL else name) in assumed, name


def test_priors_cover_every_answer_and_sum_to_one() -> None:
    samples = [
        Facts(),
        Facts(docs_change=DocsChange.OFTEN),
        Facts(docs_change=DocsChange.NONE, data_quality=Quality.HIGH),
        Facts(change_rate=ChangeRate.OFTEN),
    ]
    for f in samples:
        for name, choices in ASKABLE.items():
            p = prior(f, name)
            assert set(p) == set(choices)
            assert sum(p.values()) == pytest.approx(1.0)
            assert all(0 < v < 1 for v in p.values())


@pytest.mark.parametrize(
    "text",
    [
        "Our internal regulations change often, and answers must follow the latest version.",
        "사내 규정이 자주 바뀌어서 답변은 항상 최신 버전을 따라야 해요",
    ],
)
def test_changing_regulations_get_a_rag_card_after_at_most_one_question(text: str) -> None:
    f = extract_facts(text, None).facts
    assert f.docs_change is DocsChange.OFTEN
    assert outcome_for(f).value == "rag"
    # Use case, deadline, volume and prompting could each move RAG, but rarely do here.
    assert len(_asked_until_done(f)) <= 1


def test_a_vague_first_message_still_gets_the_decisive_questions() -> None:
    f = extract_facts("We're building an internal helpdesk assistant.", None).facts
    assert not (f.known() - {FactName.USE_CASE})
    asked = _asked_until_done(f)
    assert asked[0] is FactName.TOP_GOAL
    # Each of these alone moves "prompting": documents to RAG, volume or a ceiling to fine-tuning.
    assert {FactName.DOCS_CHANGE, FactName.VOLUME, FactName.PROMPTING} <= set(asked)
    # A goal of consistency makes fine-tuning the guess: its guards are asked next.
    consistent = apply_choice(f, FactName.TOP_GOAL, "consistency")
    then = _asked_until_done(consistent)
    assert then[:2] == [FactName.DATA_AMOUNT, FactName.DATA_QUALITY]
    assert {FactName.CHANGE_RATE, FactName.URGENCY} <= set(then)


def test_a_deadline_rarely_decides_a_documents_project() -> None:
    docs = Facts(docs_change=DocsChange.OFTEN)
    assert (
        flip_chance(docs, FactName.URGENCY)
        <= FLIP_THRESHOLD
        < flip_chance(Facts(goals=frozenset({Goal.CONSISTENCY})), FactName.URGENCY)
    )


def test_a_hinted_fact_is_confirmed_even_when_unlikely_to_flip() -> None:
    f = Facts(docs_change=DocsChange.OFTEN, goals=frozenset({Goal.FRESHNESS}))
    assert flip_chance(f, FactName.URGENCY) <= FLIP_THRESHOLD
    assert next_question(f, asked=(), prefer=(FactName.URGENCY,)) is FactName.URGENCY


@settings(max_examples=100, deadline=None)
@given(st.lists(_choice, max_size=6))
def test_a_flip_chance_given_the_current_outcome_is_the_one_worked_out(
    answers: list[tuple[FactName, str]],
) -> None:
    f = Facts()
    for name, choice in answers:
        f = apply_choice(f, name, choice)
    current = outcome_for(f)
    for name in ASKABLE:
        assert flip_chance(f, name, current) == flip_chance(f, name)


def test_flips_against_another_outcome_never_name_the_answer_already_given() -> None:
    f = Facts(goals=frozenset({Goal.CONSISTENCY}), docs_change=DocsChange.OFTEN)
    stale = next(o for o in Outcome if o is not outcome_for(f))
    listed = {(fl.fact, fl.choice) for fl in flips(f, stale)}
    assert (FactName.DOCS_CHANGE, "often") not in listed
    assert (FactName.DOCS_CHANGE, "rarely") in listed
