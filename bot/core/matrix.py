"""The decision matrix: the signals the facts give, the outcome they point to, and the
answers that would change it."""

from __future__ import annotations

from bot.core.decision import Flip, Outcome, Signals
from bot.core.facts import (
    FLIPPABLE,
    ChangeRate,
    DataAmount,
    DocsChange,
    Facts,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
    with_choice_replacing,
)

# The goals the decision matrix reads; accuracy matters to every team and points nowhere.
DECISIVE_GOALS = frozenset({Goal.CONSISTENCY, Goal.FRESHNESS})


def signals(f: Facts) -> Signals:
    goals = f.goals or frozenset()
    return Signals(
        fresh=Goal.FRESHNESS in goals or f.docs_change is DocsChange.OFTEN,
        grounded=f.citations is True and f.docs_change is not DocsChange.NONE,
        consistent=(
            Goal.CONSISTENCY in goals
            or f.volume is Volume.HIGH
            or f.prompting is PromptingStatus.CEILING
        ),
        agile=f.change_rate is ChangeRate.OFTEN or f.urgency is Urgency.FAST,
        data_blocked=f.data_amount is DataAmount.NONE or f.data_quality is Quality.LOW,
    )


def outcome_for(f: Facts) -> Outcome:
    """The decision matrix, with low-quality or missing data guarding fine-tuning.

    Answers that must cite their documents call for retrieval as fresh documents do: the
    staged path adds RAG for freshness and for evidence alike.
    """
    s = signals(f)
    wants_ft = s.consistent and not s.data_blocked
    if s.fresh or s.grounded:
        return (
            Outcome.PROMPTING_RAG_FINE_TUNING
            if wants_ft
            else (Outcome.PROMPTING_RAG if s.agile or s.consistent else Outcome.RAG)
        )
    if wants_ft and not s.agile:
        return Outcome.FINE_TUNING
    return Outcome.PROMPTING


def flips(f: Facts, outcome: Outcome) -> list[Flip]:
    """Every single quick-answer change (and citations required or not) that would change the
    outcome, most relevant first."""
    found: list[Flip] = []
    for name, choices in FLIPPABLE.items():
        for choice in choices:
            alt = with_choice_replacing(f, name, choice)
            to = outcome_for(alt)
            # The outcome first: comparing whole facts costs more, and is rarely needed.
            if to is outcome or alt == f:
                continue
            before = (f.goals or frozenset()) & DECISIVE_GOALS
            after = (alt.goals or frozenset()) & DECISIVE_GOALS
            found.append(
                Flip(
                    fact=name,
                    choice=choice,
                    to=to,
                    goals_added=tuple(sorted(after - before)),
                    goals_dropped=tuple(sorted(before - after)),
                )
            )
    return found
