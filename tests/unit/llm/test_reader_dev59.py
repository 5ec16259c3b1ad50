"""Wording from the round on dev59: "safety data sheets" are documents, not data, "많다 적다
하기가 애매하네예" judges no traffic either way, and an answer to "what matters most?" that
corrects itself ("Consistency. Sorry, no, accuracy.") is read from the correction on."""

from __future__ import annotations

from bot.core.facts import FactName, Goal, Volume
from testkit.reading import rules


def test_data_sheets_are_not_data() -> None:
    text = "We hold roughly 300 safety data sheets, and suppliers revise them most weeks."
    facts = rules(text).facts
    assert facts.data_examples is None and facts.data_amount is None
    # Data is still data.
    text = "We have 300 data points with the answer next to each."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 300


def test_neither_many_nor_few_is_no_judgement() -> None:
    text = "주말엔 좀 몰리고 평일은 조용해예. 많다 적다 하기가 좀 애매하네예"
    assert rules(text, FactName.VOLUME).facts.volume is None
    assert rules("문의가 적어요", FactName.VOLUME).facts.volume is Volume.LOW
    assert rules("문의가 많아요", FactName.VOLUME).facts.volume is Volume.HIGH


def test_a_corrected_answer_to_what_matters_most() -> None:
    text = "Tone. Sorry, no, accuracy. Tone matters, but a wrong rule is worse."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY
    # Corrected into all three: none is put first.
    text = (
        "정확성이랑 일관성이요. 최신성은 솔직히 덜… 아 아니다 규정 바뀌면 바로 반영돼야 되니까"
        " 그것도 중요하네요 ㅋㅋ 셋 다로 할게요"
    )
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is None
