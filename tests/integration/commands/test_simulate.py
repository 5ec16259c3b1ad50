"""`explainer eval --simulate`: a user with a profile answers every question until the card."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from bot.cli import main
from bot.core.facts import DataAmount, FactName, Facts, Goal, Quality
from bot.core.replies import DecisionReply
from bot.core.service import ConsultationService
from bot.core.state import Consultation, Place, Status, Turn, TurnKind
from bot.evaluation import (
    SCENARIOS_FILE,
    Scenario,
    informative,
    load_scenarios,
    profile_answer,
    question_split,
    run_all,
    run_scenario,
)
from bot.knowledge.base import KnowledgeBase
from bot.llm.offline import OfflineLanguageModel
from bot.render.card import build_card
from bot.texts import texts
from testkit.fakes import MemoryStore
from testkit.redis_servers import SHARED_REDIS_URL

_KB = KnowledgeBase.load()


def _service() -> ConsultationService:
    counter = itertools.count()
    return ConsultationService(
        MemoryStore(),
        OfflineLanguageModel(),
        _KB,
        clock=lambda: 1.0,
        new_id=lambda: f"c{next(counter)}",
    )


def _scenario(profile: dict[str, object], expect: str = "fine_tuning") -> Scenario:
    return Scenario.model_validate(
        {
            "id": "helpdesk",
            "lang": "en",
            "turns": ["We're building an internal helpdesk assistant."],
            "expect": {"recommendation": expect},
            "profile": profile,
        }
    )


async def _consultation(service: ConsultationService, s: Scenario, run: str) -> Consultation:
    found = await service.find(Place(surface="eval", channel="eval", thread_ts=f"{run}:{s.id}"))
    assert found is not None
    return found


def test_the_profile_gives_the_button_a_user_would_press() -> None:
    p = Facts(
        goals=frozenset({Goal.ACCURACY, Goal.CONSISTENCY}),
        data_examples=300,
        eval_set=False,
    )
    assert profile_answer(p, FactName.TOP_GOAL) == "consistency"
    assert profile_answer(p, FactName.DATA_AMOUNT) == "some"
    assert profile_answer(p, FactName.EVAL_SET) == "no"
    assert profile_answer(p, FactName.VOLUME) is None  # silent: skip
    both = Facts(goals=frozenset({Goal.CONSISTENCY, Goal.FRESHNESS}))
    assert profile_answer(both, FactName.TOP_GOAL) == "all"
    ranked = Facts(goals=frozenset(Goal), top_goal=Goal.FRESHNESS)
    assert profile_answer(ranked, FactName.TOP_GOAL) == "freshness"


def test_a_profile_uses_the_fact_schema_exactly() -> None:
    with pytest.raises(ValidationError):
        _scenario({"doc_change": "often"})
    with pytest.raises(ValidationError):
        _scenario({"docs_change": "weekly"})


async def test_the_simulated_user_answers_from_the_profile_until_the_card() -> None:
    service = _service()
    s = _scenario(
        {
            "goals": ["consistency"],
            "data_examples": 5000,
            "data_quality": "high",
            "docs_change": "none",
            "change_rate": "rarely",
            "urgency": "normal",
        }
    )
    # The old harness pressed "decide now" after the one message: a generic prompting card.
    pressed = await run_scenario(service, s, "plain")
    assert (pressed.got, pressed.questions) == ("prompting", 1)

    result = await run_scenario(service, s, "sim", simulate=True)
    assert result.got == "fine_tuning" == result.expected
    c = await _consultation(service, s, "sim")
    assert c.status is Status.DECIDED
    assert result.questions == len(c.asked) >= 3
    assert c.asked[0] is FactName.TOP_GOAL
    assert not c.skipped
    assert c.facts.data_amount is DataAmount.PLENTY
    assert c.facts.data_quality is Quality.HIGH


async def test_the_simulated_user_skips_where_the_profile_is_silent() -> None:
    service = _service()
    s = _scenario({"eval_set": True}, expect="prompting")
    result = await run_scenario(service, s, "silent", simulate=True)
    c = await _consultation(service, s, "silent")
    assert result.got == "prompting"
    assert result.questions == len(c.asked) > 0
    assert set(c.skipped) == set(c.asked)


async def test_the_card_names_what_was_not_asked() -> None:
    service = _service()
    place = Place(surface="eval", channel="eval", thread_ts="regs")
    c = await service.open(place, user="u", lang="en")
    text = "Our internal regulations change often, and answers must follow the latest version."
    result = await service.handle(c, Turn(op_id="1", kind=TurnKind.TEXT, text=text))
    while result.consultation.status is not Status.DECIDED:
        skip = Turn(op_id=f"s{len(result.consultation.asked)}", kind=TurnKind.SKIP)
        result = await service.handle(result.consultation, skip)
    c = result.consultation
    assert c.outcome is not None and c.outcome.value == "rag"
    assert len(c.asked) <= 1
    (reply,) = [r for r in result.replies if isinstance(r, DecisionReply)]
    t = texts("en")
    card = build_card(reply, t, lambda k: k)
    # Each fact whose answer could have moved RAG and was not answered is stated as assumed.
    for key in (
        "assume.change_rate_stable",
        "assume.no_deadline",
        "assume.volume_modest",
        "assume.prompting_not_at_ceiling",
    ):
        assert t.get(key) in card.assumptions


def test_informative_means_two_facts_about_the_situation() -> None:
    assert not informative(Facts(use_case="helpdesk", languages=frozenset({"en"})))
    assert not informative(Facts(goals=frozenset({Goal.ACCURACY}), top_goal=Goal.ACCURACY))
    assert not informative(Facts(data_examples=20, data_amount=DataAmount.SOME))
    assert informative(Facts(goals=frozenset({Goal.FRESHNESS}), data_amount=DataAmount.NONE))


async def test_the_developer_scenarios_simulated_meet_the_question_budget() -> None:
    report = await run_all(_service(), load_scenarios(SCENARIOS_FILE), simulate=True)
    assert report.accuracy == 1.0
    split = question_split(report.results)
    assert split["informative"][0] > 0 and split["vague"][0] > 0
    assert split["informative"][1] <= 2
    assert split["vague"][1] <= 4


def test_eval_command_simulates_with_the_same_json_shape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    scenarios = tmp_path / "scenarios.yaml"
    one = _scenario(
        {"goals": ["consistency"], "data_amount": "plenty", "data_quality": "high"}
    ).model_dump(mode="json", exclude_none=True)
    scenarios.write_text(yaml.safe_dump([one], allow_unicode=True), encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("REDIS_URL", SHARED_REDIS_URL)
    monkeypatch.setenv("EXPLAINER_LLM", "offline")
    assert main(["eval", "--scenarios", str(scenarios), "--simulate", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"total", "correct", "accuracy", "avg_questions", "results"}
    (row,) = report["results"]
    assert set(row) == {"id", "expected", "got", "questions"}
    assert row["got"] == "fine_tuning" and row["questions"] >= 2
    assert main(["eval", "--scenarios", str(scenarios), "--simulate"]) == 0
    table = capsys.readouterr().out
    assert "informative 0.00 over 0, vague" in table
