"""Wording from the round on dev58: a prompt changed again and again to no avail ("hasn't cured
it", "stopped making any difference", "소용이 없었습니다", "그래도 안 되더래요"), goals "joint
top", "that's #2", "getting X right", "correct recommendation", "제일은 일관성?", pairs that cannot
be matched, costs "안 재봤음", "아이다" as a correction, and other Korean answers.
"""

from __future__ import annotations

from bot.core.facts import (
    DataAmount,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Quality,
    Volume,
)
from testkit.reading import rules


def test_a_prompt_reworded_to_no_avail_is_the_ceiling() -> None:
    for text in (
        "It invents part numbers, and rewording the prompt ten times hasn't fixed it.",
        "Our analyst keeps tweaking it, but further tweaking has stopped making any difference.",
        "For simple questions fine, but changing the prompt does not improve it any more.",
    ):
        assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING, text
    for text in (
        "작년에 프롬프트로 해봤는데 이것저것 바꿔봤지만 소용이 없었습니다.",
        "프롬프트를 여러 번 바꿔봤대요. 그래도 안 되더래요",
        "물어보는 말을 바꿔 가며 여러 번 해 봐도 계속 틀려서 그만뒀어요",
    ):
        assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING, text
    text = "직원 한 명이 Gemini로 초안 뽑아 쓰는데 손볼 게 별로 없대요"
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING


def test_goals_ranked_or_tied() -> None:
    text = "Accuracy and consistency are joint top for us, I can't separate them."
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is None
    assert facts.goals == frozenset({Goal.ACCURACY, Goal.CONSISTENCY})
    text = "getting the dates right. also it can't be quoting last year's schedule, that's #2"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY
    text = "Correct advice most important. A wrong dose is dangerous."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY
    text = "음 제일은 일관성? 답장마다 말이 다르면 없어 보여서요"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY
    text = "다 중요하지예.. 금액도 맞아야 되고 말투도 맨날 똑같이 나가야 되고"
    assert Goal.ACCURACY in (rules(text, FactName.TOP_GOAL).facts.goals or ())
    assert rules("짧게, 언제나 같은 순서로 나가야 합니다").facts.goals == frozenset(
        {Goal.CONSISTENCY}
    )


def test_replies_that_cannot_be_paired_are_no_data() -> None:
    for text in (
        "보낸 회신은 시스템에 있는데 받은 메일이랑 연결이 안 돼 있어요. 지금은 짝을 못 맞춰요",
        "상담 대장은 종이로 적어 왔는데 답을 뭐라 드렸는지는 안 적었습니다",
    ):
        assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE, text


def test_corrections_and_counts() -> None:
    text = "상담 내역이 한 2천 건 된다 캤는데.. 아이다, 내 폰에 있는 천이백 건 정도라예"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 1200
    text = (
        "We keep about 50,000 emails with replies. Roughly 8,000 got only the"
        " auto-reply, so some 42,000 real answers."
    )
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 42000


def test_korean_answers() -> None:
    text = "아 토큰 비용 그런 건 한 번도 안 재봤음ㅋㅋ"
    assert rules(text).facts.cost_tracked is False
    text = "평가셋은 없고요, 응답 시간이나 건당 비용 같은 것도 따로 재진 않아요"
    assert rules(text, FactName.EVAL_SET).facts.cost_tracked is False
    text = "일지는 제 메모만 있으면 써져요. 뭘 찾아보고 쓰는 건 아니에요"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.NONE
    text = "직원마다 적는 게 다 달라요. 누구는 한 줄, 누구는 반 페이지"
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    text = "일지는 팀장님 결재까지 받은 거라 정리는 잘 돼 있어요"
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH
    text = "예약은 네이버로 받는데 이런 DM이 엄청 많아서 답장 봇을 만들고 싶음"
    assert rules(text).facts.volume is Volume.HIGH


def test_english_answers() -> None:
    text = "tidy enough id say. i write them the same way every time"
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH
    text = "The brochure changes maybe one time in a year. Otherwise same same."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY
