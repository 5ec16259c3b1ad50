"""What the round on dev93 taught the reader: a reply that does not follow the question answers
nothing, "no such set" is no eval set, "hmm, actually yes" corrects a "not yet", traffic that
hardly comes outside its season is asked about, and "허겁지겁 할 필요는 없어요" is no rush."""

from __future__ import annotations

from bot.core.facts import FactName, Urgency
from bot.llm.reader import extract_facts
from testkit.reading import rules


def test_not_following_the_question_answers_nothing() -> None:
    said = "Sorry I don't understand this one. A test of what exactly?"
    assert rules(said, FactName.EVAL_SET).facts.eval_set is None
    assert rules("We don't, no.", FactName.EVAL_SET).facts.eval_set is False


def test_no_such_set_is_no_eval_set() -> None:
    said = "There is no such set at present. Someone proposed making one, it is not decided."
    assert rules(said, FactName.EVAL_SET).facts.eval_set is False


def test_hmm_actually_yes_corrects_not_yet() -> None:
    said = (
        "Not yet. Hmm, actually yes - new staff sit a 40-question test with the right "
        "answers every month, we could use that."
    )
    assert rules(said, FactName.EVAL_SET).facts.eval_set is True


def test_traffic_that_hardly_comes_outside_its_season_is_asked_about() -> None:
    said = "여름 성수기에만 문의가 폭주하거든요. 그 외엔 거의 안 와요"
    assert extract_facts(said, FactName.VOLUME).facts.volume is None


def test_no_need_to_hurry_is_no_rush() -> None:
    said = "가을 계약 전, 두세 달 안이면 돼요. 허겁지겁 할 필요는 없어요"
    assert rules(said, FactName.URGENCY).facts.urgency is Urgency.NORMAL
