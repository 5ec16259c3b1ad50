"""Wording from a short round on dev69: the usable part of records counted in the same clause,
sets scored against, prompts however phrased, "아이라예", and a goal a person checks."""

from __future__ import annotations

from bot.core.facts import FactName, Goal, PromptingStatus, Urgency
from testkit.reading import rules


def test_the_usable_part_counted_in_the_same_clause() -> None:
    ko = "질의-회신 약 3,000건을 보유하고 있으나 개인정보 가림 처리가 끝난 것은 약 700건임."
    assert rules(ko, FactName.DATA_AMOUNT).facts.data_examples == 700


def test_a_set_every_change_is_scored_against_is_an_eval_set() -> None:
    text = "Yes. We keep 120 enquiries with approved answers and score every change against them."
    facts = rules(text, FactName.EVAL_SET).facts
    assert facts.eval_set is True
    assert facts.data_examples is None


def test_however_it_is_phrased_the_prompt_is_the_ceiling() -> None:
    text = "It's fine for simple ones, but however we phrase it the replies still come out stiff."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    text = "He changed the prompt many times and it don't improve on the error codes."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING


def test_not_urgent_in_gyeongsang_speech() -> None:
    ko = "어버이날 전에 되믄 좋겠는데 지금 삼월이라 급한 거는 아이라예."
    assert rules(ko, FactName.URGENCY).facts.urgency is Urgency.NORMAL


def test_a_goal_a_person_checks_is_not_the_tools() -> None:
    ko = "응대 문구의 일관성이 최우선입니다. 정확성은 상담원이 한 번 더 확인합니다."
    facts = rules(ko, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.CONSISTENCY
    assert Goal.ACCURACY not in (facts.goals or ())
