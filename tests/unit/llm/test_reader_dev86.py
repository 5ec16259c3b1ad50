"""Wording from a short round on dev86: "Naw", "almost never", "every year or two", "there's no
panic", "no written record", "ain't got nothin like that"; and Korean: old prices still in the
records, styles that differ, "허투루 쓰지 않았습니다" as care rather than a denial, and documents
revised several times a year."""

from __future__ import annotations

from bot.core.facts import (
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Quality,
    Urgency,
)
from testkit.reading import rules


def test_english_short_answers() -> None:
    assert rules("Naw.", FactName.EVAL_SET).facts.eval_set is False
    text = "Almost never. The forms have looked the same for years."
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.RARELY
    text = "The spec sheets change when a new model comes out, so once every year or two."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_english_urgency_and_data() -> None:
    text = "End of summer would be grand, but there's no panic."
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL
    text = "We only talk on the phone, so there's no written record of any of it."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE
    text = "We ain't got nothin like that, it's all in my head."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE


def test_korean_quality() -> None:
    text = "제가 다 쓰고 실장님 결재 받아 나간 거라 품질은 자신 있어요. 허투루 쓰지 않았습니다."
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH
    text = "저는 표로 정리해서 쓰는데 동생은 대충 써요. 스타일 완전 다름"
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW


def test_korean_documents_revised_several_times_a_year() -> None:
    text = "운영 지침이 기준인데, 지침은 한 해에도 몇 번씩 바뀌어요."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    text = "단가표가 기준인데 작년엔 다섯 번 바뀌었어요."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
