"""Wording from the round on dev55: documents that change "all day long" or "every two weeks",
measuring "neither" cost nor time, "less of a worry", "since the 2009
session", "no matter how we restructure the prompt", "nothing pressing", "stuck honoring it",
"same format for years", "not for appeals, no", and Korean answers.
"""

from __future__ import annotations

from bot.core.facts import (
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
)
from testkit.reading import rules


def test_all_day_long_and_every_two_weeks_are_often() -> None:
    text = "Stock levels change all day long. The spec sheets, hardly ever."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    text = "every two weeks or so, when the new menu goes out"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN


def test_english_wording() -> None:
    text = "We currently measure neither cost per request nor response time."
    assert rules(text).facts.cost_tracked is not True
    text = "Tone, mate. Accuracy's less of a worry, the surveyors check everything."
    assert rules(text, FactName.TOP_GOAL).facts.goals == frozenset({Goal.CONSISTENCY})
    text = "We kept every report published since the 2011 season, about 3,000 pairs."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 3000
    text = (
        "It's fine on short ones; on long ones it drifts no matter how we restructure the prompt."
    )
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    assert rules("Nothing pressing, spring is quiet.", FactName.URGENCY).facts.urgency is (
        Urgency.NORMAL
    )
    text = (
        "it's freshness. fares change constantly and if it quotes an old one we're stuck paying it"
    )
    assert rules(text, FactName.TOP_GOAL).facts.prompting is None
    text = "Same invoice layout for years. Nobody wants it touched."
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.RARELY
    text = "Not for permits, no. Legal won't allow it yet."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED


def test_korean_wording() -> None:
    text = "제가 급하게 쓴 거라 오타 천지예요 길이도 제각각이고"
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    text = "직원은 3명이고 나중에 2호점 내면 문의가 훨씬 많아지겠죠"
    assert rules(text).facts.volume is None
    assert rules("시즌엔 같은 질문만 수백개 들어와요").facts.volume is Volume.HIGH
    assert rules("응답속도 재는 것도 없고요").facts.cost_tracked is False
    text = "양식이 일정해야 하는 것도 있지만 무엇보다 금액이 틀리면 안 됩니다. 정확성이 우선입니다."
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.ACCURACY and Goal.CONSISTENCY in (facts.goals or ())
    text = "여러 번 고쳐봤는데도 프롬프트로는 안 나아졌어요"
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    text = "행사 전에 열어야 해서 2주 정도밖에 없어요"
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.FAST
    text = "한달에 한번 정도요"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    text = "안내문은 비슷하게 나와야 하고... 근데 틀리면 안되니까 정확한게 더 중요하겠네요"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY
    text = "똑같이 나가는 거요 직원마다 답이 달라서 항의가 왔었어요"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY
    text = "예전 상담 기록이 있긴 했는데 폰을 바꾸면서 다 날아갔어요"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is not DataAmount.SOME
