"""Wording from a round on dev84: "what counts as urgent" is no deadline, "I'd not call that
often", and Korean: urgency called low, records barred from training by contract, one writer's
even tone but old tables mixed in after "다만", "제가 직접 쓴", and the same thing asked "자꾸"."""

from __future__ import annotations

from bot.core.facts import DataAmount, DocsChange, FactName, Quality, Urgency, Volume
from testkit.reading import rules


def test_english_urgency_and_documents() -> None:
    text = "Each site has a sheet with who is on call and what counts as urgent."
    assert rules(text, FactName.DOCS_CHANGE).facts.urgency is None
    text = "The rulebook changes by decree, a few a year. I'd not call that often."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is not DocsChange.OFTEN


def test_korean_urgency_and_data() -> None:
    text = "내년 계획에 넣을 예정이고, 지금 당장의 시급성은 낮습니다."
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL
    text = "문의 이력은 수만 건인데 계약상 그 내용을 학습에 쓰는 건 금지예요."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE


def test_korean_quality_and_volume() -> None:
    text = "내가 혼자 다 썼으니 말투는 같네. 다만 옛날 가격표 보고 쓴 답도 꽤 섞였을 걸세."
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    text = "전부 제가 직접 쓴 답장이라 말투는 고른 편이에요."
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH
    text = "하루에 열댓 개 오네. 같은 걸 자꾸들 묻지."
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH
