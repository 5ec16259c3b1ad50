"""The matrix's outcomes for hypothetical answers: worked out without copying the facts, and
the same as those of the facts each answer would give, for every answer and any facts."""

from __future__ import annotations

from dataclasses import asdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.facts import (
    FLIPPABLE,
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Facts,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
    answer_value,
    with_choice_replacing,
)
from bot.core.matrix import outcome_for, outcomes_if, signals


def _maybe(values: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.none() | values


# Any facts, normalised or not: a top goal outside the goals, a count without its amount.
FACTS = st.builds(
    Facts,
    goals=_maybe(st.frozensets(st.sampled_from(Goal), min_size=1)),
    top_goal=_maybe(st.sampled_from(Goal)),
    docs_change=_maybe(st.sampled_from(DocsChange)),
    change_rate=_maybe(st.sampled_from(ChangeRate)),
    data_amount=_maybe(st.sampled_from(DataAmount)),
    data_examples=_maybe(st.sampled_from([0, 40, 5000])),
    data_quality=_maybe(st.sampled_from(Quality)),
    urgency=_maybe(st.sampled_from(Urgency)),
    volume=_maybe(st.sampled_from(Volume)),
    prompting=_maybe(st.sampled_from(PromptingStatus)),
    eval_set=_maybe(st.booleans()),
    citations=_maybe(st.booleans()),
)


@settings(max_examples=400, deadline=None)
@given(FACTS)
def test_the_outcomes_of_answers_are_those_of_the_facts_they_would_give(f: Facts) -> None:
    for name, choices in FLIPPABLE.items():
        expected = [outcome_for(with_choice_replacing(f, name, c)) for c in choices]
        assert outcomes_if(f, name, choices) == expected, (f, name)


def test_an_unknown_answer_is_refused_as_with_choice_replacing_refuses_it() -> None:
    for name, choice in ((FactName.VOLUME, "huge"), (FactName.USE_CASE, "x")):
        with pytest.raises(ValueError, match="unknown choice"):
            with_choice_replacing(Facts(), name, choice)
        with pytest.raises(ValueError, match="unknown choice"):
            outcomes_if(Facts(), name, [choice])
    with pytest.raises(ValueError, match="unknown choice"):
        answer_value(FactName.TOP_GOAL, "accuracy")
    assert answer_value(FactName.CITATIONS, "no") is False
    assert answer_value(FactName.DOCS_CHANGE, "often") is DocsChange.OFTEN


def test_each_signal_comes_from_its_own_facts() -> None:
    one_each = {
        "fresh": Facts(docs_change=DocsChange.OFTEN),
        "grounded": Facts(citations=True),
        "consistent": Facts(volume=Volume.HIGH),
        "agile": Facts(urgency=Urgency.FAST),
        "data_blocked": Facts(data_quality=Quality.LOW),
    }
    for name, f in one_each.items():
        assert {k for k, v in asdict(signals(f)).items() if v} == {name}
