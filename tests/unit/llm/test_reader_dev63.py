"""Wording from the round on dev63: traffic the user cannot call many or few, "the same
language as the ticket" is no repetition, documents reissued, data that may not be used for
training, yearly and rarer changes counted in "회", "올해만 세 번", nobody measuring cost, "we
have not used it", and the right part numbers and prices put first."""

from __future__ import annotations

from bot.core.facts import DataAmount, DocsChange, FactName, Goal, PromptingStatus
from testkit.reading import goals, rules


def test_traffic_the_user_cannot_call_is_left_unset() -> None:
    text = "봄엔 몰리고 가을엔 한가해서… 많다고 해야 할지 애매하네요"
    assert rules(text, FactName.VOLUME).facts.volume is None
    text = "여름엔 좀 오고 겨울엔 없고. 많다고 허기도 적다고 허기도 그렇네"
    assert rules(text, FactName.VOLUME).facts.volume is None
    text = "Quiet in winter, busy in spring. Hard to say if that's a lot."
    assert rules(text, FactName.VOLUME).facts.volume is None
    # A plain word is still an answer.
    assert rules("많진 않아요", FactName.VOLUME).facts.volume is not None


def test_the_same_language_is_no_repetition() -> None:
    text = "Tickets come in French and Dutch; the reply must be in the same language as ticket."
    assert rules(text).facts.volume is None
    assert rules("we get the same questions in tickets all day").facts.volume is not None


def test_data_that_may_not_be_used_for_training() -> None:
    text = "Legal says we can't use client emails for training at all."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE


def test_changes_counted_in_hoe_and_this_year_alone() -> None:
    assert rules("지침 개정은 수년에 1회 정도입니다").facts.docs_change is DocsChange.RARELY
    assert rules("지침은 1년에 1회 개정됩니다").facts.docs_change is DocsChange.RARELY
    text = "지원 공고가 올해만 네 번 바뀌었어요"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN


def test_nobody_measuring_cost() -> None:
    text = "호출당 돈 얼마 나가는지 재는 사람 아무도 없어요"
    assert rules(text).facts.cost_tracked is False
    assert rules("비용 재는 사람이 있어요").facts.cost_tracked is None


def test_have_not_used_it() -> None:
    text = "We have not used it for that. Someone uses Copilot for minutes, that's all."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED


def test_right_part_numbers_and_prices() -> None:
    text = "Correct part numbers and the correct procedure, this is first."
    ex = rules(text, FactName.TOP_GOAL)
    assert ex.facts.top_goal is Goal.ACCURACY
    assert Goal.ACCURACY in goals("Warm and friendly first. Then the prices correct.")
    assert rules("This is first time we try it").facts.top_goal is None
