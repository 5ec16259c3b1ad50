"""Regression test for the extractor: every labelled scenario reaches its expected outcome.

Each scenario's turns are read without a pending question and merged, then the engine decides;
a second check replays them the way a consultation would, with the planner's question pending.
Each scenario's profile (the user's whole situation) leads to its expected outcome too.
A reading the reader is unsure of is asked before it is applied; the scenario's user meant what
they wrote, so they confirm it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.core.decision import Outcome
from bot.core.facts import FactName, Facts
from bot.core.matrix import outcome_for
from bot.core.planner import next_question
from bot.core.ports import Extraction
from bot.llm.reader import extract_facts
from testkit.paths import ROOT

EVAL = ROOT / "knowledge" / "eval"
SCENARIOS_PATH = EVAL / "scenarios.yaml"
SCENARIOS: list[dict[str, Any]] = yaml.safe_load(SCENARIOS_PATH.read_text(encoding="utf-8"))
# Files whose scenarios carry a profile: the developers' and the development splits.
PROFILED = [SCENARIOS_PATH, *sorted(EVAL.glob("dev*/scenarios*.yaml"))]


def _confirmed(ex: Extraction) -> Facts:
    """The facts read, with every unsure reading confirmed by the user who wrote it."""
    facts = ex.facts
    for r in ex.readings:
        if not r.sure:
            value: object = [r.value] if r.fact is FactName.GOALS else r.value
            facts = facts.merge(Facts.model_validate({r.fact.value: value}))
    return facts


def test_scenario_file_shape() -> None:
    ids = [s["id"] for s in SCENARIOS]
    assert len(ids) == len(set(ids))
    assert len(SCENARIOS) >= 44
    for s in SCENARIOS:
        assert set(s) == {"id", "lang", "turns", "expect", "profile"}
        assert s["profile"], s["id"]
        assert s["lang"] in ("ko", "en")
        assert s["turns"]
        assert all(isinstance(t, str) and t.strip() for t in s["turns"])
        assert set(s["expect"]) == {"recommendation"}
        Outcome(s["expect"]["recommendation"])


def test_scenario_coverage() -> None:
    outcomes = Counter(s["expect"]["recommendation"] for s in SCENARIOS)
    assert set(outcomes) == {o.value for o in Outcome}
    assert min(outcomes.values()) >= 3
    langs = Counter(s["lang"] for s in SCENARIOS)
    assert abs(langs["ko"] - langs["en"]) <= len(SCENARIOS) // 5
    assert sum("injection" in s["id"] for s in SCENARIOS) >= 4
    assert sum(len(s["turns"]) > 1 for s in SCENARIOS) >= len(SCENARIOS) // 2


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s["id"])
def test_scenario_outcome_from_merged_turns(scenario: dict[str, Any]) -> None:
    facts = Facts()
    for turn in scenario["turns"]:
        facts = facts.merge(_confirmed(extract_facts(turn, None)))
    assert outcome_for(facts).value == scenario["expect"]["recommendation"], facts


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s["id"])
def test_scenario_outcome_with_pending_questions(scenario: dict[str, Any]) -> None:
    facts = Facts()
    asked: list[FactName] = []
    skipped: list[FactName] = []
    pending: FactName | None = None
    decided = False
    for turn in scenario["turns"]:
        got = extract_facts(turn, pending)
        if got.skip and pending is not None:
            skipped.append(pending)
        facts = facts.merge(_confirmed(got))
        if got.decide_now:
            break
        # Once the card is out, later messages revise it; nothing is pending any more.
        pending = None if decided else next_question(facts, asked, skipped)
        decided = pending is None
        if pending is not None:
            asked.append(pending)
    assert outcome_for(facts).value == scenario["expect"]["recommendation"], facts


@pytest.mark.parametrize("path", PROFILED, ids=lambda p: str(p.relative_to(EVAL)))
def test_every_profile_leads_to_the_expected_outcome(path: Path) -> None:
    scenarios = yaml.safe_load(path.read_text(encoding="utf-8"))
    for s in scenarios:
        profile = Facts.model_validate(s["profile"])
        agrees = outcome_for(profile).value == s["expect"]["recommendation"]
        # A disputed expectation must still be one the matrix disagrees with: once it agrees,
        # the note is stale and goes.
        assert agrees is not bool(s.get("disputed")), s["id"]


@pytest.mark.parametrize(
    "scenario", [s for s in SCENARIOS if "injection" in s["id"]], ids=lambda s: s["id"]
)
def test_injected_turns_change_nothing(scenario: dict[str, Any]) -> None:
    honest = Facts()
    for turn in scenario["turns"][:-1]:
        honest = honest.merge(extract_facts(turn, None).facts)
    attacked = honest.merge(extract_facts(scenario["turns"][-1], None).facts)
    assert attacked == honest
