"""The staged plan a decision recommends and the concrete first actions beside it."""

from __future__ import annotations

from bot.core.decision import Outcome, Signals, Stage, topic_of
from bot.core.facts import DataAmount, Facts, Quality
from bot.core.matrix import signals

_PLANS: dict[Outcome, tuple[tuple[Stage, str], ...]] = {
    Outcome.PROMPTING: (
        (Stage.NOW, "plan.prompt_baseline"),
        (Stage.NEXT, "plan.prompt_iterate"),
        (Stage.LATER, "plan.consider_ft_when_stable"),
    ),
    Outcome.RAG: (
        (Stage.NOW, "plan.rag_index"),
        (Stage.NEXT, "plan.rag_eval"),
        (Stage.LATER, "plan.rag_refresh"),
    ),
    Outcome.FINE_TUNING: (
        (Stage.NOW, "plan.ft_baseline"),
        (Stage.NEXT, "plan.ft_train"),
        (Stage.LATER, "plan.ft_monitor"),
    ),
    Outcome.PROMPTING_RAG: (
        (Stage.NOW, "plan.prompt_baseline"),
        (Stage.NEXT, "plan.rag_index"),
        (Stage.LATER, "plan.rag_eval"),
    ),
    Outcome.PROMPTING_RAG_FINE_TUNING: (
        (Stage.NOW, "plan.prompt_rag"),
        (Stage.NEXT, "plan.collect_ft_data"),
        (Stage.LATER, "plan.partial_ft"),
    ),
}


def plan_for(f: Facts, outcome: Outcome) -> tuple[tuple[Stage, str], ...]:
    plan = _PLANS[outcome]
    s = signals(f)
    if s.consistent and s.data_blocked and outcome in (Outcome.PROMPTING, Outcome.PROMPTING_RAG):
        data = "plan.collect_ft_data" if f.data_amount is DataAmount.NONE else "plan.clean_data"
        if outcome is Outcome.PROMPTING:
            plan = (
                (Stage.NOW, "plan.prompt_baseline"),
                (Stage.NEXT, data),
                (Stage.LATER, "plan.ft_after_data"),
            )
        else:
            plan = (
                (Stage.NOW, "plan.prompt_rag"),
                (Stage.NEXT, data),
                (Stage.LATER, "plan.partial_ft"),
            )
    elif outcome in (Outcome.FINE_TUNING, Outcome.PROMPTING_RAG_FINE_TUNING) and (
        f.data_amount is None and f.data_examples is None
    ):
        # Nobody said there are examples to train on: the plan counts them before any training,
        # and the training step waits for them.
        if outcome is Outcome.FINE_TUNING:
            plan = (
                (Stage.NOW, "plan.ft_baseline"),
                (Stage.NEXT, "plan.check_ft_data"),
                (Stage.LATER, "plan.ft_train_if_data"),
            )
        else:
            plan = (
                (Stage.NOW, "plan.prompt_rag"),
                (Stage.NEXT, "plan.check_ft_data"),
                (Stage.LATER, "plan.partial_ft"),
            )
    elif outcome is Outcome.PROMPTING_RAG_FINE_TUNING and f.data_amount in (
        DataAmount.SOME,
        DataAmount.PLENTY,
    ):
        # They have examples: the next stage uses them rather than collecting new ones.
        data = "plan.select_ft_data" if f.data_quality is Quality.HIGH else "plan.review_ft_data"
        plan = (
            (Stage.NOW, "plan.prompt_rag"),
            (Stage.NEXT, data),
            (Stage.LATER, "plan.partial_ft"),
        )
    if f.eval_set is False:
        plan = ((Stage.NOW, "plan.build_eval_first"), *plan)
    elif f.eval_set is None:
        plan = ((Stage.NOW, "plan.check_eval_first"), *plan)
    return plan


def next_steps_for(f: Facts, s: Signals, outcome: Outcome, plan: tuple[str, ...]) -> list[str]:
    """Concrete first actions that fit the facts, none on a topic the plan already covers."""
    steps: list[str] = []
    if outcome in (Outcome.RAG, Outcome.PROMPTING_RAG, Outcome.PROMPTING_RAG_FINE_TUNING):
        steps.append("next.inventory_docs")
    if outcome in (Outcome.PROMPTING, Outcome.PROMPTING_RAG, Outcome.PROMPTING_RAG_FINE_TUNING):
        steps.append("next.input_contract")
    if outcome in (Outcome.FINE_TUNING, Outcome.PROMPTING_RAG_FINE_TUNING):
        # What to do with the data they have; missing or noisy data is a plan step of its own.
        if f.data_amount in (DataAmount.SOME, DataAmount.PLENTY):
            steps.append("next.split_data" if f.data_quality is Quality.HIGH else "next.audit_data")
        elif f.data_amount is None:
            steps.append("next.count_data")
    if outcome is Outcome.FINE_TUNING:
        steps.append("next.benchmark_base_model")
    covered = {topic_of(k) for k in plan}
    if "plan.check_ft_data" in plan:
        # Counting the examples is that plan step's job.
        covered.add(topic_of("next.count_data"))
    out: list[str] = []
    for key in steps:
        if topic_of(key) not in covered:
            covered.add(topic_of(key))
            out.append(key)
    return out
