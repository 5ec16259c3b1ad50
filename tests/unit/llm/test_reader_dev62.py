"""Wording from the round on dev62: Jeolla and Chungcheong endings ("안 혀 봤어라", "급헐 거
없어라"), "at the latest" is a deadline, "work data" is no "works", "next year's" is no "next
year", a part of the data counted after the whole ("까지 치면"), traffic said of asking
("쏟아집니다", "inquiry를 많이 넣으세요", "heaps"), and data that may not train anything."""

from __future__ import annotations

from bot.core.facts import (
    DataAmount,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
)
from testkit.reading import goals, rules


def test_more_regional_endings() -> None:
    ex = rules("안 혀 봤어라", FactName.PROMPTING)
    assert ex.facts.prompting is PromptingStatus.NOT_TRIED
    assert any("혀 봤어라" in r.quote for r in ex.readings)
    text = "급헐 거 없어라. 봄 돼야 주문이 몰링께 그 전에만 되믄 되지라"
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL
    assert rules("시도한 바 없습니다", FactName.PROMPTING).facts.prompting is (
        PromptingStatus.NOT_TRIED
    )


def test_words_that_only_look_like_a_fact() -> None:
    assert goals("She does not answer email at midnight. 11:40 at the latest.") == set()
    assert goals("It must use the latest rates.") == {Goal.FRESHNESS}
    text = "We're not allowed to use public AI tools with any work data, so no"
    assert rules(text, FactName.PROMPTING).facts.prompting is not PromptingStatus.WORKING
    text = "Next year's cap is announced in two weeks, so as fast as possible honestly"
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.FAST
    # "the right answers" in data stay data, not a goal.
    text = "examples with the right answers? no nothing like that"
    assert goals(text) == set()
    assert Goal.ACCURACY in goals("All of it really, the right rule, the same friendly tone")


def test_a_part_counted_after_the_whole() -> None:
    text = "문자 답한 게 한 오백 건? 아 댓글 답한 거까지 치믄 칠백은 될 거예요"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 700


def test_traffic_said_of_asking() -> None:
    assert rules("상담 게시판에 같은 질문이 쏟아집니다").facts.volume is Volume.HIGH
    text = "판매자분들이 수수료 관련해서 inquiry를 정말 많이 넣으세요"
    assert rules(text).facts.volume is Volume.HIGH
    assert rules("하루 종일 같은 질문이에요", FactName.VOLUME).facts.volume is Volume.HIGH
    text = "하루 40~50건. 비슷한 문의 반복이 대부분이라 많다고 봐야죠"
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH
    assert rules("heaps. every farmer wants a price", FactName.VOLUME).facts.volume is Volume.HIGH


def test_data_that_may_not_train_anything() -> None:
    text = (
        "Chat transcripts, yes. But compliance ruled we can't use customer chats to train anything"
    )
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE
    text = "Our DPO has said no applicant data can be used to train a model."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE


def test_quality_goal_and_eval_answers() -> None:
    text = "Every reply is built from approved templates, so they're very uniform"
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH
    text = "Variable. Three partners, three styles."
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    text = "견적서는 엑셀 양식 하나로 십 년을 써 왔응께 다 똑같여"
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH
    text = "가격 맞게 말하는게 젤 중요. 근데 내 말투도 살아야 됨"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY
    text = "Accuracy, and the tone. I wouldn't rank them"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is None
    text = "We're putting one together with the technical team"
    assert rules(text, FactName.EVAL_SET).facts.eval_set is False
    text = "클로드에 가격표 넣고 써보라 했는데 꽤 괜찮던데? 지금도 가끔 그렇게 씀"
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING


def test_acknowledged_heard_and_unchanged() -> None:
    text = "ㅇㅋ 이해함. 그런거 없음"
    assert rules(text, FactName.EVAL_SET).facts.eval_set is False
    text = "근데 이렇게 적은데도 되나요? 수천 개는 있어야 한다고 들었는데"
    assert rules(text).facts.data_amount is None
    # What they heard of their own work is still theirs to tell.
    text = "법무팀 판례 요약 건인데, 새 판례가 매일 추가된다고 들었어요"
    assert rules(text).facts.docs_change is DocsChange.OFTEN
    text = "모델이 몇 년째 그대로라 바뀔 게 없어요"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY
    assert rules("문서는 없어요", FactName.DOCS_CHANGE).facts.docs_change is DocsChange.NONE
    text = "The Act itself hasn't changed since 1996."
    assert rules(text).facts.change_rate is None
