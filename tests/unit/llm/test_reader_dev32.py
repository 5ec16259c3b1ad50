"""Wording from a round on dev32.

- A goal named after a correction takes back the goals before it (unless added to them).
- What is said to hold now ("normally", "요즘은") beats what changed before.
- "not rushing" is no rush; "going back to 2015" is a year, not a count.
- Data "barely legible", "can't use as-is", "그대로는 못 씀", "X마다 답이 다르고" is poor.
- A reply to the question just asked, with a rising tone and nothing that asks ("셋 다요?",
  "대략 800문항?"), is an answer, not a side question; a rising echo of the question that
  another sentence then answers states nothing; "…을 정도?" asks back; "whats" asks.
"""

from __future__ import annotations

import pytest

from bot.core.facts import DataAmount, DocsChange, FactName, Goal, Quality, Urgency
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
    assert set(facts.goals or ()) == {goal}
    assert facts.top_goal is goal


def test_a_goal_added_after_a_correction_keeps_the_one_before() -> None:
    facts = rules("accuracy matters. actually, consistency too", FactName.TOP_GOAL).facts
    assert set(facts.goals or ()) == {Goal.ACCURACY, Goal.CONSISTENCY}


@pytest.mark.parametrize(
    "text",
    [
        "The menu changed weekly during the pilot, but normally it's revised once a year.",
        "작년엔 규정이 매주 바뀌었는데 요즘은 1년에 한 번 개정돼요",
    ],
)
def test_what_holds_now_beats_what_changed_before(text: str) -> None:
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_not_rushing_is_no_rush() -> None:
    assert rules("we're not rushing this", FactName.URGENCY).facts.urgency is Urgency.NORMAL


def test_a_year_gone_back_to_is_no_count() -> None:
    facts = rules("about 900 answered emails going back to 2016", FactName.DATA_AMOUNT).facts
    assert facts.data_examples == 900


@pytest.mark.parametrize(
    "text",
    [
        "scanned forms, half of them barely legible",
        "we can't use them as-is, honestly",
        "팀장마다 답이 달라서 그대로는 못 써요",
    ],
)
def test_data_that_cannot_be_used_as_it_is_is_poor(text: str) -> None:
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW


def test_a_correction_closing_a_clause_takes_back_the_goal_before_it() -> None:
    facts = rules("consistency i guess? no wait, accuracy. for sure", FactName.TOP_GOAL).facts
    assert set(facts.goals or ()) == {Goal.ACCURACY}
