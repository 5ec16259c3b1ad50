"""Wording from the round on dev45: notices issued, guidance handed down, rates said per day,
things left untouched for years, and a "yes" between two sentences.

- "notices are issued several times a week", "지침은 매달 공문으로 내려와요", "하루 네 번 갱신":
  changes, and of two sets the one that changes often counts.
- "Last amended 2009", "오년째 안 바꿨어요", "몇 년째 손을 못 댔어요": rarely.
- "closing in 8 days": soon. "Not formally, no.": no eval set.
- "that has not been possible", "시도해 본 바 없습니다": not tried.
- "반은 바로 쓸 만했음 ㅇㅇ 프롬프트 만지면 …": the "yes" ends the sentence before the condition.
- "금액 틀리는 것도 절대 안 되지만", "정확도는 크게 안 따짐", "톤이요 톤", "same look every time",
  "적은 양은 아닙니다", "so high, I'd say".
"""

from __future__ import annotations

from bot.core.facts import DocsChange, FactName, Goal, PromptingStatus, Urgency, Volume
from testkit.reading import rules


def test_issued_and_handed_down() -> None:
    text = "Outage notices are issued several times a week. The tariff is adopted once a year."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    text = "가이드는 몇 달에 한 번 바뀌는 거 같고 본사 지침은 매달 공문으로 내려와요"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    text = "관측 자료는 하루 네 번 갱신되고, 용어 지침은 몇 년에 한 번 바뀝니다."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN


def test_left_untouched_for_years() -> None:
    for text in (
        "The county design standards. Last amended 2011.",
        "참고할 건 벽에 붙은 요금표 한 장이요 그것도 오년째 안 바꿨어요",
        "센터 용어집이 하나 있는데 몇 년째 손을 못 댔어요.",
    ):
        assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_days_away_and_not_formally() -> None:
    text = "The audit closes in 9 days. I want to try it on that one."
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.FAST
    assert rules("Not formally, no.", FactName.EVAL_SET).facts.eval_set is False


def test_not_tried_said_formally() -> None:
    for text in (
        "Public AI tools are blocked under our IT policy, so that has not been possible.",
        "보안 정책상 외부 AI 접속이 막혀 있어 시도해 본 바 없습니다.",
    ):
        assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED


def test_a_yes_between_two_sentences() -> None:
    text = "예시 몇 개 주고 써보라 했는데 반은 바로 쓸 만했음 ㅇㅇ 프롬프트 만지면 더 좋아질 듯"
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING
    assert rules("ㅇㅇ", FactName.EVAL_SET).facts.eval_set is True


def test_goals_said_in_passing() -> None:
    text = "톤앤매너요!! 말투 다르면 안 돼요 물론 금액 틀리는 것도 절대 안 되지만 그래도 톤이 먼저!"
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.CONSISTENCY and Goal.ACCURACY in (facts.goals or ())
    text = "톤이요 톤 ㅋㅋ 다른 데처럼 쓰면 바로 티남. 정확도는 뭐 크게 안 따짐"
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.CONSISTENCY and Goal.ACCURACY not in (facts.goals or ())
    text = "same look every time. two of my quotes side by side should read alike"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY


def test_traffic_the_user_calls_high() -> None:
    text = "같은 형식의 원고를 하루 네 번 반복해서 씁니다. 적은 양은 아닙니다."
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH
    text = "At renewal time it's the same question hundreds of times a week, so high, I'd say."
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH
