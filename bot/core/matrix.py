"""The decision matrix: the signals the facts give, the outcome they point to, and the
answers that would change it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from bot.core.decision import Flip, Outcome, Signals
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
    goals_answered,
    normalise,
    with_choice_replacing,
)

# The goals the decision matrix reads; accuracy matters to every team and points nowhere.
DECISIVE_GOALS = frozenset({Goal.CONSISTENCY, Goal.FRESHNESS})


class _Read(NamedTuple):
    """The facts the matrix reads."""

    goals: frozenset[Goal]
    docs_change: DocsChange | None
    citations: bool | None
    volume: Volume | None
    prompting: PromptingStatus | None
    change_rate: ChangeRate | None
    urgency: Urgency | None
    data_amount: DataAmount | None
    data_quality: Quality | None


def _read(f: Facts) -> _Read:
    return _Read(
        f.goals or frozenset(),
        f.docs_change,
        f.citations,
        f.volume,
        f.prompting,
        f.change_rate,
        f.urgency,
        f.data_amount,
        f.data_quality,
    )


def signals(f: Facts) -> Signals:
    return Signals(*_axes(_read(f)))


def _axes(f: _Read) -> tuple[bool, bool, bool, bool, bool]:
    """``Signals``' fields, in order."""
    return (
        Goal.FRESHNESS in f.goals or f.docs_change is DocsChange.OFTEN,
        f.citations is True and f.docs_change is not DocsChange.NONE,
        Goal.CONSISTENCY in f.goals
        or f.volume is Volume.HIGH
        or f.prompting is PromptingStatus.CEILING,
        f.change_rate is ChangeRate.OFTEN or f.urgency is Urgency.FAST,
        f.data_amount is DataAmount.NONE or f.data_quality is Quality.LOW,
    )


def outcome_for(f: Facts) -> Outcome:
    """The decision matrix, with low-quality or missing data guarding fine-tuning.

    Answers that must cite their documents call for retrieval as fresh documents do: the
    staged path adds RAG for freshness and for evidence alike.
    """
    return _outcome(_read(f))


def _outcome(f: _Read) -> Outcome:
    fresh, grounded, consistent, agile, data_blocked = _axes(f)
    wants_ft = consistent and not data_blocked
    if fresh or grounded:
        return (
            Outcome.PROMPTING_RAG_FINE_TUNING
            if wants_ft
            else (Outcome.PROMPTING_RAG if agile or consistent else Outcome.RAG)
        )
    if wants_ft and not agile:
        return Outcome.FINE_TUNING
    return Outcome.PROMPTING


def outcomes_if(f: Facts, name: FactName, choices: Iterable[str]) -> list[Outcome]:
    """``outcome_for(with_choice_replacing(f, name, c))`` for each of ``choices``.

    The planner asks this of every answer to every open question, so the facts are not
    copied: an answer sets one value (the top goal's, the goals) and leaves the rest as
    ``normalise`` has them, and those values are all the matrix reads.
    """
    read = _read(normalise(f))
    if name is FactName.TOP_GOAL:
        field, values = "goals", [goals_answered(c) for c in choices]
    else:
        field, values = name.value, [answer_value(name, c) for c in choices]
    if field not in _Read._fields:
        return [_outcome(read)] * len(values)
    at = _Read._fields.index(field)
    out = []
    for v in values:
        changed = list(read)
        changed[at] = v
        out.append(_outcome(_Read._make(changed)))
    return out


def flips(f: Facts, outcome: Outcome) -> list[Flip]:
    """Every single quick-answer change (and citations required or not) that would change the
    outcome, most relevant first."""
    found: list[Flip] = []
    for name, choices in FLIPPABLE.items():
        for choice, to in zip(choices, outcomes_if(f, name, choices), strict=True):
            if to is outcome:
                continue
            alt = with_choice_replacing(f, name, choice)
            if alt == f:
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
