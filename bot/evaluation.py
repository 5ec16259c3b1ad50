"""Runs labelled scenarios through the same consultation service the Slack path uses."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from bot.core.decision import Outcome
from bot.core.facts import (
    ASKABLE,
    FactName,
    Facts,
    Goal,
    Lang,
    amount_for_examples,
    value_text,
)
from bot.core.replies import Result
from bot.core.state import Consultation, Place, Status, Turn, TurnKind, Usage
from bot.knowledge.base import KNOWLEDGE_DIR
from bot.llm.reader import extract_facts
from bot.yamlfiles import no_duplicate_ids, read_data_file

SCENARIOS_FILE = KNOWLEDGE_DIR / "eval" / "scenarios.yaml"
# More answers than any consultation asks questions: a guard against a loop, not a limit.
MAX_SIMULATED_ANSWERS = 20
# Facts that label a message rather than describe the situation: not counted towards
# "informative", and a count is counted once, as the amount it implies.
_LABELS = frozenset({FactName.USE_CASE, FactName.LANGUAGES, FactName.DATA_EXAMPLES})
INFORMATIVE_FACTS = 2


class Expect(BaseModel):
    model_config = ConfigDict(extra="forbid")

    recommendation: Outcome


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    lang: Lang
    turns: list[str] = Field(min_length=1)
    expect: Expect
    # The user's true situation, as facts: what they would answer if asked (--simulate).
    # Names and values as in the fact schema (``Facts`` forbids unknown names, so a typo
    # fails to load instead of passing for silence).
    profile: Facts = Field(default_factory=Facts)
    # Why the writer's expected outcome, taken from the article, differs from what the decision
    # matrix gives for the profile. The expectation is kept: the scenario counts as a miss.
    disputed: str = ""


class ScenarioResult(BaseModel):
    id: str
    expected: str
    got: str | None
    questions: int
    # Not part of the --json contract; shown in the table.
    usage: Usage = Field(default_factory=Usage, exclude=True)
    informative: bool = Field(default=False, exclude=True)


class EvalReport(BaseModel):
    user: str
    total: int
    correct: int
    accuracy: float
    avg_questions: float
    results: list[ScenarioResult]


def load_scenarios(path: Path = SCENARIOS_FILE) -> list[Scenario]:
    scenarios = read_data_file(path, TypeAdapter(list[Scenario]).validate_python)
    no_duplicate_ids([s.id for s in scenarios], "scenario")
    return scenarios


def profile_answer(profile: Facts, fact: FactName) -> str | None:
    """The quick answer a user with this profile presses for ``fact``; ``None``: skip."""
    if fact is FactName.TOP_GOAL:
        if profile.top_goal is not None:
            return profile.top_goal.value
        if not profile.goals:
            return None
        # Accuracy never moves the matrix: goals besides it decide, and two of them are "all".
        others = sorted(g.value for g in profile.goals - {Goal.ACCURACY})
        return "accuracy" if not others else others[0] if len(others) == 1 else "all"
    if fact is FactName.DATA_AMOUNT and profile.data_amount is None:
        count = profile.data_examples
        return None if count is None else amount_for_examples(count).value
    value = profile.get(fact)
    if value is None:
        return None
    choice = "yes" if value is True else "no" if value is False else value_text(value)
    return choice if choice in ASKABLE.get(fact, ()) else None


def informative(facts: Facts) -> bool:
    """Whether a message stated at least ``INFORMATIVE_FACTS`` facts about the situation.

    Judged on the offline reading, so the split does not depend on the language model; the
    top goal and the goals it belongs to count once.
    """
    known = facts.known() - _LABELS
    if FactName.TOP_GOAL in known:
        known.discard(FactName.GOALS)
    return len(known) >= INFORMATIVE_FACTS


class Consultations(Protocol):
    """What a scenario needs of the consultation service."""

    async def open(self, place: Place, user: str, lang: Lang = "en") -> Consultation: ...

    async def handle(self, consultation: Consultation, turn: Turn) -> Result: ...


async def run_scenario(
    service: Consultations, s: Scenario, run_id: str, simulate: bool = False
) -> ScenarioResult:
    """Turn 1 starts; each later turn answers the bot; then the harness presses decide now.

    With ``simulate``, a user with the scenario's profile answers every further question
    instead (skipping where the profile is silent) until the card comes.
    """
    place = Place(surface="eval", channel="eval", thread_ts=f"{run_id}:{s.id}")
    c = await service.open(place, user=_user(run_id), lang=s.lang)
    for i, text in enumerate(s.turns, start=1):
        c = (
            await service.handle(c, Turn(op_id=f"{s.id}:{i}", kind=TurnKind.TEXT, text=text))
        ).consultation
    if simulate:
        c = await _answer_from_profile(service, c, s)
    if c.status is not Status.DECIDED:
        c = (
            await service.handle(c, Turn(op_id=f"{s.id}:decide", kind=TurnKind.DECIDE_NOW))
        ).consultation
    got = c.outcome.value if c.outcome else None
    return ScenarioResult(
        id=s.id,
        expected=s.expect.recommendation.value,
        got=got,
        questions=len(c.asked),
        usage=c.usage,
        informative=informative(extract_facts(s.turns[0], None).facts),
    )


async def _answer_from_profile(
    service: Consultations, c: Consultation, s: Scenario
) -> Consultation:
    for n in range(MAX_SIMULATED_ANSWERS):
        if c.status is Status.DECIDED or c.pending is None:
            break
        choice = profile_answer(s.profile, c.pending)
        op = f"{s.id}:sim{n}"
        turn = (
            Turn(op_id=op, kind=TurnKind.SKIP, fact=c.pending)
            if choice is None
            else Turn(op_id=op, kind=TurnKind.CHOICE, fact=c.pending, choice=choice)
        )
        c = (await service.handle(c, turn)).consultation
    return c


async def run_all(
    service: Consultations, scenarios: list[Scenario], simulate: bool = False
) -> EvalReport:
    run_id = uuid.uuid4().hex[:8]
    results = [await run_scenario(service, s, run_id, simulate) for s in scenarios]
    correct = sum(r.got == r.expected for r in results)
    n = len(results)
    return EvalReport(
        user=_user(run_id),
        total=n,
        correct=correct,
        accuracy=round(correct / n, 4) if n else 0.0,
        avg_questions=round(sum(r.questions for r in results) / n, 3) if n else 0.0,
        results=results,
    )


def _user(run_id: str) -> str:
    return f"eval-{run_id}"


def question_split(results: list[ScenarioResult]) -> dict[str, tuple[int, float]]:
    """Scenarios and average questions, for informative and for vague first messages."""
    out: dict[str, tuple[int, float]] = {}
    for name, flag in (("informative", True), ("vague", False)):
        group = [r.questions for r in results if r.informative is flag]
        out[name] = (len(group), round(sum(group) / len(group), 3) if group else 0.0)
    return out
