"""Runs labelled scenarios through the same consultation service the Slack path uses."""

from __future__ import annotations

import uuid
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from bot.core.consultation import ConsultationService
from bot.core.engine import Outcome
from bot.core.facts import Lang
from bot.core.state import Place, Status, Turn, TurnKind, Usage
from bot.knowledge.base import KNOWLEDGE_DIR

SCENARIOS_FILE = KNOWLEDGE_DIR / "eval" / "scenarios.yaml"


class Expect(BaseModel):
    model_config = ConfigDict(extra="forbid")

    recommendation: Outcome


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    lang: Lang
    turns: list[str] = Field(min_length=1)
    expect: Expect


class ScenarioResult(BaseModel):
    id: str
    expected: str
    got: str | None
    questions: int
    # Not part of the --json contract; shown in the table.
    usage: Usage = Field(default_factory=Usage, exclude=True)


class EvalReport(BaseModel):
    user: str
    total: int
    correct: int
    accuracy: float
    avg_questions: float
    results: list[ScenarioResult]


def load_scenarios(path: Path = SCENARIOS_FILE) -> list[Scenario]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    scenarios = TypeAdapter(list[Scenario]).validate_python(raw)
    ids = [s.id for s in scenarios]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"duplicate scenario ids: {', '.join(dupes)}")
    return scenarios


async def run_scenario(service: ConsultationService, s: Scenario, run_id: str) -> ScenarioResult:
    """Turn 1 starts; each later turn answers the bot; then the harness presses decide now."""
    place = Place(surface="eval", channel="eval", thread_ts=f"{run_id}:{s.id}")
    c = await service.open(place, user=_user(run_id), lang=s.lang)
    for i, text in enumerate(s.turns, start=1):
        c = (
            await service.handle(c, Turn(op_id=f"{s.id}:{i}", kind=TurnKind.TEXT, text=text))
        ).consultation
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
    )


async def run_all(service: ConsultationService, scenarios: list[Scenario]) -> EvalReport:
    run_id = uuid.uuid4().hex[:8]
    results = [await run_scenario(service, s, run_id) for s in scenarios]
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
