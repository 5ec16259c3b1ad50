"""Wording from the round on dev53: examples pasted into a prompt, a goal that matters "less
so", a figure reconsidered, dates weeks away that are "not a crisis", documents that change
hourly, and Korean answers.

- "pasted the template and a few examples": no data.
- "Freshness less so." takes the goal back.
- "I'd estimate 2,500 …, so maybe 1,100 that are digital": the second figure stands.
- "in about six weeks … but it's not a crisis": no hurry; "sometimes hourly": often.
- "한 오년은 안 바꼈어요", "저희 회사 톤이요!", "스튜디오 2개".
"""

from __future__ import annotations

from bot.core.facts import ChangeRate, DocsChange, FactName, Goal, Urgency
from testkit.reading import rules


def test_english_answers() -> None:
    text = "we tried chatgpt, pasted the style guide and a few examples, it still drifts"
    assert rules(text, FactName.PROMPTING).facts.data_amount is None
    text = "Accuracy and tone matter about equally for us. Freshness less so."
    assert Goal.FRESHNESS not in (rules(text, FactName.TOP_GOAL).facts.goals or ())
    text = "I'd estimate 4,000 in all, although the old ones are on paper, so maybe 1,500 digital."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 1500
    text = "Renewals go out in about five weeks, so ideally by then, but it's not a crisis."
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL
    text = "Trail status changes whenever the weather does, sometimes hourly in spring."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN


def test_korean_answers() -> None:
    text = "신청서 양식은 구청에서 정한 거라 한 삼 년은 안 바꼈어요"
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.RARELY
    text = "우리 가게 톤이요! 직원마다 말투가 다르면 항의가 와요"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY
    text = "디자이너는 외주 포함 4명이고 스튜디오 3개 있어요"
    assert rules(text).facts.data_examples is None
