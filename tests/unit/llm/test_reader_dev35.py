"""Wording from a round on dev35.

- A goal ranked by how much trouble it is ("tone is the bigger problem", "… is what kills us",
  "일관성이 더 문제예요") or said to be still #1 is the top goal; a goal said to come next
  ("정확성은 그 다음이고요") is not the answer to "what matters most?", the opening word is
  ("톤앤매너요!").
- "fresh" food, a fresh start, fresh eyes: no freshness goal.
- A plan to build an eval set is not one ("만들 생각은 있는데").
- Notices issued at any time ("고시는 수시로 나옵니다") change often.
- A prompt reworked for months that "won't get past" the trouble, or that drifts "no matter how
  many lines we add", is at its ceiling.
- "빠를수록 좋아요" is urgent; "석 달 뒤" is not; a form "제멋대로" is poor data.
- "많진 않아요" and "같은 요청이 반복되는 구조는 아니에요" are light traffic; "많은데" about
  something else before a count says nothing of it.
"""

from __future__ import annotations

import pytest

from bot.core.facts import (
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
)
from testkit.reading import goals, rules


@pytest.mark.parametrize(
    ("text", "top"),
    [
        ("Speed is nice, but honestly tone is the bigger problem for us.", Goal.CONSISTENCY),
        ("accuracy matters, sure. but consistency is what kills us, every agent", Goal.CONSISTENCY),
        ("consistency matters too, but freshness is still #1 for the menu bot", Goal.FRESHNESS),
        ("최신성도 중요하긴 한데 정확도가 더 문제예요.", Goal.ACCURACY),
    ],
)
def test_the_goal_ranked_above_the_others_is_the_top_one(text: str, top: Goal) -> None:
    assert rules(text).facts.top_goal is top


@pytest.mark.parametrize(
    ("text", "top"),
    [
        ("톤앤매너요! 정확도는 그 다음이고요", Goal.CONSISTENCY),
        ("말투요. 최신성은 두 번째고요", Goal.CONSISTENCY),
    ],
)
def test_a_goal_said_to_come_next_is_not_the_answer(text: str, top: Goal) -> None:
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is top


def test_the_one_goal_named_still_answers_what_matters_most() -> None:
    assert rules("정확도요", FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY


@pytest.mark.parametrize(
    "text",
    [
        "we're a fresh seafood wholesaler and want a bot for restaurant orders",
        "our bakery sells fresh bread, the bot answers opening-hours questions",
        "a fresh pair of eyes on the prompt would help",
    ],
)
def test_fresh_goods_are_no_freshness_goal(text: str) -> None:
    assert Goal.FRESHNESS not in goals(text)


def test_freshness_itself_still_counts() -> None:
    assert Goal.FRESHNESS in goals("answers have to be fresh, last week's prices are useless")


def test_a_plan_to_build_an_eval_set_is_not_one() -> None:
    assert rules("평가셋은 만들 계획은 있는데 아직은 없어요.").facts.eval_set is not True
    assert rules("평가셋은 이미 있어요").facts.eval_set is True


def test_notices_issued_any_time_change_often() -> None:
    text = "법 개정은 1년에 한 번이고, 지침이나 고시는 수시로 나옵니다."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN


@pytest.mark.parametrize(
    ("text", "pending"),
    [
        (
            "It got better at first, but we've been tweaking it for two months and it won't get "
            "past the jargon.",
            FactName.PROMPTING,
        ),
        (
            "the prompt is ok but it slides back to stiff legalese no matter how many 'be "
            "friendly' lines we add",
            None,
        ),
    ],
)
def test_a_prompt_reworked_for_months_is_at_its_ceiling(
    text: str, pending: FactName | None
) -> None:
    assert rules(text, pending).facts.prompting is PromptingStatus.CEILING


def test_the_sooner_the_better_is_urgent_and_three_months_off_is_not() -> None:
    assert rules("대표님이 빠를수록 좋대요", FactName.URGENCY).facts.urgency is Urgency.FAST
    normal = rules("개관 행사가 석 달 뒤라 그때 열면 돼요.", FactName.URGENCY).facts.urgency
    assert normal is Urgency.NORMAL


def test_a_form_filled_any_which_way_is_poor_data() -> None:
    text = "다 직원들이 손으로 적은 거라 양식이 제멋대로예요"
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW


@pytest.mark.parametrize(
    "text",
    [
        "지점은 많은데 문의는 하루 스무 건 정도라 많진 않아요.",
        "직원 300명이 가끔 쓰긴 할 텐데, 같은 요청이 반복되는 구조는 아니에요.",
    ],
)
def test_light_traffic_said_outright(text: str) -> None:
    assert rules(text, FactName.VOLUME).facts.volume is Volume.LOW
