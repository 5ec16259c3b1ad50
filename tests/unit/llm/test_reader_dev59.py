"""Wording from the round on dev59: "safety data sheets" are documents, not data, and "많다 적다
하기가 애매하네예" judges no traffic either way."""

from __future__ import annotations

from bot.core.facts import FactName, Volume
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
