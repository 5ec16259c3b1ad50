"""Wording from the round on dev50: goals said not to be the issue or ranked with numbers, a
low traffic said by denying a high one, hedged years and counts, records kept with what they
answered, prompt revisions that changed nothing, chat tools tried with the user's own text,
and Korean fears, wishes, corrections and replies.

- "Accuracy is not the issue", "1) Consistency, 2) accuracy", a goal before a long aside.
- "I wouldn't call forty clients a month high volume": low.
- "back to about 2015", "predate our 2019 migration" are years; "a bit over 9,000" is a count.
- "member messages with the agent's reply attached", "each linked to its work order".
- "two months of prompt revisions did not move that": the prompt's ceiling.
- "숫자 틀리는 게 제일 무서워요", "따로 적어 둔 건 없어요", "잘 정리됐다고 하기는 어려워요" …
"""

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
from testkit.reading import rules


def test_goals_denied_ranked_or_put_first_around_an_aside() -> None:
    text = "Format, clearly. Each client has a house template. Accuracy is not the issue here."
    assert Goal.ACCURACY not in (rules(text, FactName.TOP_GOAL).facts.goals or ())
    text = "1) Accuracy, 2) tone. Freshness barely matters to us."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY
    text = (
        "Honestly the voice being consistent (friendly, plain, never without a next step) "
        "matters most. Accuracy counts too, of course."
    )
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY
    text = "nothing usable, just chat logs, it's not question -> correct answer at all"
    assert rules(text, FactName.DATA_AMOUNT).facts.goals is None


def test_traffic_called_low_by_denying_high() -> None:
    text = "Small. I wouldn't call forty new patients a month a high volume."
    assert rules(text, FactName.VOLUME).facts.volume is Volume.LOW


def test_years_hedged_counts_and_kept_pairs() -> None:
    text = "The archive goes back to about 2015, but nobody knows how many there are."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples is None
    text = "Our admin ran a query yesterday: a bit over 9,000."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 9000
    text = "We estimate 85,000 member messages with the banker's reply attached."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 85000
    text = "We have 1,210 closed repairs, each linked to its work order. Half predate our 2019 ERP."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 1210


def test_prompting_and_documents() -> None:
    text = "Fields were right half the time, and two months of prompt revisions did not move that."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    text = "I don't think it would need to look anything up; it only rewrites the caller's notes."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.NONE
    text = "Not this spring. We're aiming for next winter."
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL


def test_korean_goals_data_and_quality() -> None:
    for text in (
        "어투는 아무래도 상관없고 금액 틀리는 게 제일 무서워요",
        "정확한거지 뭐 잘못 안내하면 난리나요",
    ):
        facts = rules(text, FactName.TOP_GOAL).facts
        assert facts.top_goal is Goal.ACCURACY, text
    for text in (
        "손님 질문이랑 답을 따로 적어 둔 건 없어요. 다 말로 했거든요",
        "그런 거 모아둔 거 없어 다 지웠어",
    ):
        assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE, text
    text = "전부 제가 쓴 거라 문체가 한결같아요"
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH
    text = "선생님마다 쓰는 방식이 달라서 들쭉날쭉해요"
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    # Hard to call it tidy: the reading is turned round and asked, not applied.
    read = rules("깔끔하게 정리된 자료라고 하기는 좀 어렵네요", FactName.DATA_QUALITY)
    assert read.facts.data_quality is not Quality.HIGH


def test_korean_answers_in_passing() -> None:
    text = "아 깜빡했는데 러시아어로도 답할 수 있으면 좋겠어요"
    assert rules(text, FactName.EVAL_SET).facts.eval_set is None
    text = "있어요. 작년 민원 30건을 문항으로 만들고 모범답안도 달아 뒀어요."
    facts = rules(text, FactName.EVAL_SET).facts
    assert facts.eval_set is True and facts.data_examples is None
    text = "다음 달 초 행사 전엔 보여드려야 하는데… 세어 보니 딱 열흘 남았네요."
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.FAST
    text = "예산이 빠듯한데 요청 한 번에 얼마 드는지나 속도 같은 건 아직 안 재고 있어요"
    assert rules(text).facts.cost_tracked is False
    assert rules("비용은 신경 안 쓰셔도 돼요. 기관 라이선스라서요.").facts.cost_tracked is None
    text = "룰북 자체는 그대로인데 매달 확장팩이 나와서 룰북이 계속 늘어나요"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    text = "이천 건쯤으로 알고 있었는데, 방금 시스템에서 조회해 보니 천이백 건 정도네요."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 1200


def test_a_chat_tool_tried_with_their_text_works() -> None:
    for text in (
        "지난주에 챗지피티에 공지문 붙여넣으니까 답은 꽤 잘 하더라고요",
        "ChatGPT에 매뉴얼 올려서 써 보니까 대체로 맞게 답해요",
    ):
        assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING, text
