"""Wording from a round on dev32: a goal named after a correction takes back the goals before it
(unless added to them); a reply to the question just asked, worded with a rising tone
and nothing that asks ("셋 다요?", "대략 800문항?"), is an unsure answer, not a side question;
a rising-tone sentence that another sentence answers after it only echoed the question; "…을
정도?" asks back; "whats …" asks as "what's" does."""

from __future__ import annotations

import pytest

from bot.core.facts import DataAmount, FactName, Goal
from testkit.reading import rules


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        ("음… 셋 다요? 하나만 고르긴 어렵네요", FactName.TOP_GOAL, "goals", set(Goal)),
        ("Q&A 정리한 거 800건 정도요?", FactName.DATA_AMOUNT, "data_examples", 800),
        ("정확성?", FactName.TOP_GOAL, "top_goal", Goal.ACCURACY),
    ],
)
def test_a_rising_tone_answers_the_question_asked(
    text: str, pending: FactName, fact: str, value: object
) -> None:
    ex = rules(text, pending)
    assert getattr(ex.facts, fact) == value
    assert not ex.side_question


@pytest.mark.parametrize(
    ("text", "pending"),
    [
        ("RAG랑 파인튜닝은 뭐가 달라요?", FactName.TOP_GOAL),
        ("is that something fine-tuning fixes?", FactName.DATA_AMOUNT),
        ("whats an eval set?", FactName.EVAL_SET),
    ],
)
def test_a_real_question_in_reply_is_still_a_question(text: str, pending: FactName) -> None:
    ex = rules(text, pending)
    assert ex.side_question
    assert not ex.facts.known()


def test_a_rising_echo_of_the_question_states_nothing() -> None:
    text = "questions with the right answers? we've got a few hundred old email replies"
    facts = rules(text, FactName.DATA_AMOUNT).facts
    assert facts.data_amount is DataAmount.SOME
    assert not facts.goals


def test_a_rising_reply_is_no_side_question_even_when_it_reads_nothing() -> None:
    assert not rules("시트로 정리한 거 대략 800문항?", FactName.DATA_AMOUNT).side_question


def test_to_the_point_of_asks_back() -> None:
    assert rules("데이터가 충분히 있을 정도?", FactName.DATA_AMOUNT).side_question


def test_without_a_pending_question_a_rising_tone_still_asks() -> None:
    assert rules("셋 다요?").side_question


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("consistency, we want it to sound like us. actually no — accuracy.", Goal.ACCURACY),
        ("최신성이요. 아 아니다, 정확성이요", Goal.ACCURACY),
    ],
)
def test_a_goal_named_after_a_correction_takes_back_the_one_before(text: str, goal: Goal) -> None:
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.goals == {goal}
    assert facts.top_goal is goal


def test_a_goal_added_after_a_correction_keeps_the_one_before() -> None:
    facts = rules("accuracy matters. actually, consistency too", FactName.TOP_GOAL).facts
    assert facts.goals == {Goal.ACCURACY, Goal.CONSISTENCY}
