"""Wording from a round on dev79: "no manual or anything", nothing new in years, quality "not
uniform", a prompt that stays on the same level, "gives us ten days", "not been trialled", a
producer's deadline the user does not share, and Korean: no booklet to look at, the last
revision years ago, "미보유", a friend's deadline set against the user's own, and "다만"."""

from __future__ import annotations

from bot.core.facts import (
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    PromptingStatus,
    Quality,
    Urgency,
)
from testkit.reading import rules


def test_english_replies() -> None:
    text = "There's no manual or anything it would look up. Each order comes with its own sheet."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.NONE
    text = "Same questions for twenty years. Sizes, colours, delivery. Nothing new comes."
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.RARELY
    text = (
        "I am afraid the quality is not uniform. Many people wrote them, each in a different way."
    )
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    text = "After two months of tuning the prompt it stays on the same level, whatever we change."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    text = "Before the season opens. Realistically that gives us ten days."
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.FAST
    text = "Prompting has not been trialled here; the policy only allowed such tools this month."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED


def test_a_producers_deadline_the_user_does_not_share() -> None:
    text = "Our producer wants it by Friday, but that's not happening. Next quarter is realistic."
    assert rules(text, FactName.URGENCY).facts.urgency is not Urgency.FAST
    text = "동생은 이번 주까지 끝내자는데 난 ㄴㄴ임 ㅋㅋ 봄까지만 되면 됨"
    assert rules(text, FactName.URGENCY).facts.urgency is not Urgency.FAST


def test_korean_documents_and_eval_set() -> None:
    text = "따로 보는 책자 같은 건 없어요. 손님 체형 보고 그때그때 정하는 거라"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.NONE
    text = "규격표는 신모델 나올 때만 고칩니다. 마지막 개정이 2019년입니다."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY
    text = "관련 지침은 수년째 큰 변동 없음."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY
    assert rules("미보유. 내년에 구축 예정임.", FactName.EVAL_SET).facts.eval_set is False


def test_records_that_may_not_be_trained_on_leave_no_count() -> None:
    text = (
        "We keep the letters, a good three thousand of them, but legal says we can't train on them."
    )
    facts = rules(text, FactName.DATA_AMOUNT).facts
    assert facts.data_amount is DataAmount.NONE
    assert facts.data_examples is None


def test_a_revision_every_model_year_is_rarely() -> None:
    text = "parts manual은 model year마다 revision 나와요. 1년에 한 번이요."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY
