"""Wording from a round on dev25, read as about the question just asked: "none" to how often the
documents change says there are none; asked about an eval set, how its items were checked says
nothing of the training data; asked how often the work changes, a style guide or a template that
rarely changes, or "always the same stuff", answers that; "반기마다" is twice a year; what a
condition would lead to ("…되면 급해지겠지만") states nothing; "not yet" is no clause of its own."""

from __future__ import annotations

import pytest

from bot.core.facts import ChangeRate, DocsChange, FactName, Urgency
from bot.llm.reader.text import clauses
from testkit.reading import rules


@pytest.mark.parametrize(
    "text",
    ["None needed, it writes from the notes we give it.", "none, it only uses the call log", "n/a"],
)
def test_none_to_how_often_documents_change_is_no_documents(text: str) -> None:
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.NONE


@pytest.mark.parametrize(("text", "value"), [("no, not often", "rarely"), ("nope", "rarely")])
def test_a_bare_no_to_how_often_is_still_rarely(text: str, value: str) -> None:
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change == DocsChange(value)


def test_how_an_eval_sets_items_were_checked_is_no_data_quality() -> None:
    text = "yes, 80 replies our team lead approved, we compare every new draft to them"
    asked = rules(text, FactName.EVAL_SET).facts
    assert asked.eval_set is True and asked.data_quality is None
    # Asked about the data, the same words say its quality.
    said = rules("we have 80 replies our team lead approved", FactName.DATA_QUALITY).facts
    assert said.data_quality is not None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The template was last revised in 2018. It does not change.", ChangeRate.RARELY),
        ("it's always the same stuff, opening hours, prices, parking", ChangeRate.RARELY),
        ("안내 방식이나 대상이 바뀔 일은 거의 없어요", ChangeRate.RARELY),
    ],
)
def test_asked_how_often_the_work_changes_these_answer_it(text: str, value: ChangeRate) -> None:
    facts = rules(text, FactName.CHANGE_RATE).facts
    assert facts.change_rate is value
    assert facts.docs_change is None and facts.volume is None


def test_what_the_work_looks_up_still_reads_as_documents() -> None:
    facts = rules("the task is the same but the price list changes weekly", FactName.CHANGE_RATE)
    assert facts.facts.docs_change is DocsChange.OFTEN and facts.facts.change_rate is None


@pytest.mark.parametrize("text", ["매뉴얼은 반기마다 개정돼요", "규정은 학기마다 바뀌어요"])
def test_twice_a_year_is_rarely(text: str) -> None:
    assert rules(text, None).facts.docs_change is DocsChange.RARELY


def test_every_week_is_still_often() -> None:
    assert rules("매뉴얼은 매주마다 바뀌어요", None).facts.docs_change is DocsChange.OFTEN


def test_not_yet_is_no_clause_of_its_own() -> None:
    text = "not yet, but if you send me a template I could have 40 questions written by monday"
    assert next(c.text for c in clauses(text)) == "not yet"
    facts = rules(text, FactName.EVAL_SET).facts
    # The offer is a hypothetical: neither data nor a deadline.
    assert facts.eval_set is False and facts.data_examples is None and facts.urgency is None


@pytest.mark.parametrize(
    "text", ["nothing happens fast here, next fiscal year is fine", "next school year works"]
)
def test_a_slow_place_or_a_far_year_is_no_deadline(text: str) -> None:
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL


@pytest.mark.parametrize(
    "text",
    [
        "만약 내년 박람회에 내게 되면 급해지겠지만, 아직 정해진 건 없어요",
        "혹시 본사에서 쓰자고 하면 바빠질 거예요",
    ],
)
def test_what_a_condition_would_lead_to_states_nothing(text: str) -> None:
    assert rules(text, FactName.URGENCY).facts.urgency is None


def test_a_plain_reason_still_states_urgency() -> None:
    assert rules("다음 달에 오픈이라 급해요", FactName.URGENCY).facts.urgency is Urgency.FAST


def test_asked_about_an_eval_set_when_it_will_be_written_is_no_deadline() -> None:
    facts = rules("평가셋은 아직인데 다음 주에 100문항 만들 예정이에요", FactName.EVAL_SET).facts
    assert facts.eval_set is False and facts.urgency is None


def test_a_no_after_a_question_about_it_still_answers() -> None:
    facts = rules("평가셋 없으면 시작 못 하나요? 지금은 없어요", FactName.EVAL_SET).facts
    assert facts.eval_set is False


def test_the_same_stuff_beside_a_stated_rate_is_no_traffic() -> None:
    text = "the topics? nah they never really change, it's always the same stuff"
    facts = rules(text, FactName.CHANGE_RATE).facts
    assert facts.change_rate is ChangeRate.RARELY and facts.volume is None


_NORMAL = Urgency.NORMAL


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        ("cost per request? no. latency neither", FactName.COST_TRACKED, "cost_tracked", False),
        ("Not as such. What would one look like for us?", FactName.EVAL_SET, "eval_set", False),
        ("아무 때나 상관없어요~ 시즌 끝나고 해도 되고", FactName.URGENCY, "urgency", _NORMAL),
        ("행사 전에만 되면 돼요. 아직 석 달 넘게 남았어요", FactName.URGENCY, "urgency", _NORMAL),
    ],
)
def test_answers_said_around_other_words(
    text: str, pending: FactName, fact: str, value: object
) -> None:
    """A yes or no after the question echoed back, "not as such" before a question of their own,
    "any time", "months left"."""
    assert getattr(rules(text, pending).facts, fact) == value


def test_a_hesitant_answer_is_no_echo() -> None:
    text = "sometimes? we added two services last year so the write-ups changed a bit"
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.SOMETIMES
