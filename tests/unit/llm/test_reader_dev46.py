"""Wording from the round on dev46: what comes before everything, plain permissions, and plain
praise for a try.

- "Correctness comes before everything else", "Currency of information above all".
- "Not permitted.", "It wouldn't need to look anything up", "no matter how I spell it out".
- "잘 알려줌", "제법 그럴듯하던데요": it works; "변동이 없었습니다": rarely; "nice-to-have 정도"
  takes a goal back.
"""

from __future__ import annotations

from bot.core.facts import ChangeRate, DocsChange, FactName, Goal, PromptingStatus
from testkit.reading import rules


def test_what_comes_before_everything() -> None:
    text = "Correctness comes before everything else. One wrong date can cost someone a lot."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY
    text = "Currency of information above all: acting on last term's deadline is the worst case."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.FRESHNESS


def test_plain_answers() -> None:
    text = "Not permitted. The agency has paused generative AI while the policy is reviewed."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED
    text = "It wouldn't need to look anything up, I think. Everything is on the order form."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.NONE
    text = "Tried it. The layout drifts no matter how I spell it out. Gave up after a week."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING


def test_korean_plain_praise_and_no_change() -> None:
    for text in (
        "챗지피티한테 수치 붙여넣고 물어보는데 꽤 잘 알려줌 ㅇㅇ 지금도 그렇게 쓰는 중",
        "조카가 챗지피티로 답장 한번 만들어 줬는데 제법 그럴듯 하던데요",
    ):
        assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING
    text = "안내 업무의 범위와 형식은 제가 온 뒤로 삼 년간 변동이 없었습니다."
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.RARELY
    text = "freshness가 top이에요. 기준이 자주 바뀌어서요. 말투 통일은 nice-to-have 정도"
    assert Goal.CONSISTENCY not in (rules(text, FactName.TOP_GOAL).facts.goals or ())
