"""The decision engine: every matrix row, the data guard, flips, assumptions and checklist."""

from __future__ import annotations

import pytest

from bot.core.decision import Outcome, Stage
from bot.core.engine import decide
from bot.core.facts import (
    ASKABLE,
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
    apply_choice,
)
from bot.core.matrix import outcome_for
from testkit.facts import sample_facts

CONSISTENCY = frozenset({Goal.CONSISTENCY})
FRESHNESS = frozenset({Goal.FRESHNESS})


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (Facts(), Outcome.PROMPTING),
        (Facts(change_rate=ChangeRate.OFTEN), Outcome.PROMPTING),
        (Facts(urgency=Urgency.FAST), Outcome.PROMPTING),
        (Facts(data_amount=DataAmount.NONE), Outcome.PROMPTING),
        (Facts(goals=CONSISTENCY), Outcome.FINE_TUNING),
        (Facts(volume=Volume.HIGH, data_amount=DataAmount.PLENTY), Outcome.FINE_TUNING),
        (Facts(prompting=PromptingStatus.CEILING), Outcome.FINE_TUNING),
        (Facts(goals=FRESHNESS), Outcome.RAG),
        (Facts(docs_change=DocsChange.OFTEN), Outcome.RAG),
        (Facts(goals=FRESHNESS, change_rate=ChangeRate.OFTEN), Outcome.PROMPTING_RAG),
        (
            Facts(goals=frozenset(Goal), change_rate=ChangeRate.OFTEN),
            Outcome.PROMPTING_RAG_FINE_TUNING,
        ),
        (Facts(goals=CONSISTENCY | FRESHNESS), Outcome.PROMPTING_RAG_FINE_TUNING),
    ],
)
def test_matrix_rows(facts: Facts, expected: Outcome) -> None:
    assert outcome_for(facts) is expected


@pytest.mark.parametrize(
    "blocking",
    [
        Facts(data_amount=DataAmount.NONE),
        Facts(data_amount=DataAmount.SOME, data_quality=Quality.LOW),
    ],
)
def test_missing_or_low_quality_data_blocks_fine_tuning(blocking: Facts) -> None:
    consistent = Facts(goals=CONSISTENCY).merge(blocking)
    assert outcome_for(consistent) is Outcome.PROMPTING
    d = decide(consistent)
    assert any(s.key in ("plan.ft_after_data",) and s.stage is Stage.LATER for s in d.plan)
    assert {r.key for r in d.reasons} & {"reason.no_data", "reason.low_quality_data"}
    all_three = Facts(goals=CONSISTENCY | FRESHNESS).merge(blocking)
    assert outcome_for(all_three) is Outcome.PROMPTING_RAG


def test_change_speed_beats_consistency_for_now() -> None:
    f = Facts(goals=CONSISTENCY, data_amount=DataAmount.PLENTY, change_rate=ChangeRate.OFTEN)
    d = decide(f)
    assert d.outcome is Outcome.PROMPTING
    assert "reason.agile_beats_ft" in {r.key for r in d.reasons}
    assert any(fl.fact is FactName.CHANGE_RATE and fl.to is Outcome.FINE_TUNING for fl in d.flips)


def test_no_eval_set_puts_building_one_first_and_says_it_once() -> None:
    """The plan's first step covers the eval set; the checklist and next steps do not repeat
    it (a card used to say it three times)."""
    for eval_set, key in ((False, "plan.build_eval_first"), (None, "plan.check_eval_first")):
        d = decide(Facts(goals=CONSISTENCY, eval_set=eval_set))
        assert d.plan[0].key == key and d.plan[0].stage is Stage.NOW
        said = [k for k in (*[g.key for g in d.checklist_gaps], *d.next_steps) if "eval" in k]
        assert said == []
    with_eval = decide(Facts(goals=CONSISTENCY, eval_set=True))
    assert not {"plan.build_eval_first", "plan.check_eval_first"} & {s.key for s in with_eval.plan}


def test_every_reason_cites_the_knowledge_base() -> None:
    for f in sample_facts():
        d = decide(f)
        assert d.reasons
        for r in (*d.reasons, *d.risks, *d.checklist_gaps):
            assert r.kb, r.key


def test_flips_are_exact() -> None:
    """Each flip really changes the outcome, and every single change that does is listed."""
    for f in sample_facts():
        d = decide(f)
        listed = {(fl.fact, fl.choice) for fl in d.flips}
        for name, choices in ASKABLE.items():
            for choice in choices:
                alt = apply_choice(
                    f.model_copy(update={"goals": None, "top_goal": None})
                    if name is FactName.TOP_GOAL
                    else f,
                    name,
                    choice,
                )
                changes = outcome_for(alt) is not d.outcome and alt != f
                assert ((name, choice) in listed) == changes, (f, name, choice)


def test_unknown_facts_are_stated_as_assumptions() -> None:
    d = decide(Facts(goals=CONSISTENCY))
    assert d.outcome is Outcome.FINE_TUNING
    assumed = {a.fact for a in d.assumptions}
    assert {FactName.DATA_AMOUNT, FactName.DATA_QUALITY, FactName.CHANGE_RATE} <= assumed
    known = decide(
        Facts(
            goals=CONSISTENCY,
            data_amount=DataAmount.PLENTY,
            data_quality=Quality.HIGH,
            change_rate=ChangeRate.RARELY,
            docs_change=DocsChange.NONE,
        )
    )
    assert not {a.fact for a in known.assumptions} & {FactName.DATA_AMOUNT, FactName.CHANGE_RATE}


def test_same_facts_same_decision() -> None:
    for f in sample_facts():
        assert decide(f) == decide(Facts.model_validate(f.model_dump()))


def test_multilingual_adds_a_risk() -> None:
    d = decide(Facts(languages=frozenset({"ko", "en"})))
    assert "risk.multilingual" in {r.key for r in d.risks}


def test_a_new_count_decides_the_amount_and_none_drops_an_old_count() -> None:
    none_then_count = Facts(data_amount=DataAmount.NONE).merge(Facts(data_examples=5000))
    assert none_then_count.data_amount is DataAmount.PLENTY
    count_then_none = Facts(data_examples=5000).merge(Facts(data_amount=DataAmount.NONE))
    assert count_then_none.data_amount is DataAmount.NONE
    assert count_then_none.data_examples is None


def test_unnamed_multilingual_counts_as_several_languages() -> None:
    assert "risk.multilingual" in {
        r.key for r in decide(Facts(languages=frozenset({"multi"}))).risks
    }


def test_a_rag_card_does_not_argue_for_prompting() -> None:
    d = decide(Facts(docs_change=DocsChange.OFTEN, data_amount=DataAmount.NONE))
    assert d.outcome is Outcome.RAG
    assert "reason.data_hard" not in {r.key for r in d.reasons}


def test_fine_tuning_on_unmentioned_data_counts_the_examples_before_training() -> None:
    """ "Tone must be consistent" and nothing on data: the plan counts the examples and trains
    only once they are there, rather than training on examples nobody said exist."""
    d = decide(Facts(goals=CONSISTENCY))
    assert d.outcome is Outcome.FINE_TUNING
    stages = {s.key: s.stage for s in d.plan}
    assert stages.get("plan.check_ft_data") is Stage.NEXT
    assert stages.get("plan.ft_train_if_data") is Stage.LATER
    assert "plan.ft_train" not in stages
    # The plan counts them; the next steps do not say it again.
    assert "next.count_data" not in d.next_steps
    fresh = decide(Facts(goals=CONSISTENCY | FRESHNESS))
    assert fresh.outcome is Outcome.PROMPTING_RAG_FINE_TUNING
    assert "plan.check_ft_data" in {s.key for s in fresh.plan}
    for amount in DataAmount:
        keys = {s.key for s in decide(Facts(goals=CONSISTENCY, data_amount=amount)).plan}
        assert "plan.check_ft_data" not in keys
        assert "plan.ft_train_if_data" not in keys
