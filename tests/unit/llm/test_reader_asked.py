"""Readings put to the user or read as about the question just asked: none said as zero,
counts given for an eval set, goals in a reply about how the prompt fails."""

from __future__ import annotations

from bot.core.facts import DataAmount, FactName, PromptingStatus
from testkit.reading import rules


def test_zero_examples_is_no_data() -> None:
    for text in ("we have 0 Q&A pairs", "라벨링된 데이터는 0이에요"):
        facts = rules(text).facts
        assert facts.data_amount is DataAmount.NONE
        assert facts.data_examples is None
    assert rules("we have 300 Q&A pairs").facts.data_examples == 300


def test_counts_given_for_an_eval_set_size_it_not_the_data() -> None:
    text = "We keep 200 past enquiries with approved answers and re-run them when the bot changes."
    facts = rules(text, FactName.EVAL_SET).facts
    assert facts.data_examples is None
    assert facts.data_amount is None
    ko = "정답이 확정된 기존 문의 150건을 골라 두고 버전을 바꿀 때마다 결과를 비교하고 있습니다."
    assert rules(ko, FactName.EVAL_SET).facts.data_examples is None


def test_a_count_after_moving_on_is_the_data() -> None:
    assert rules("네, 그리고 데이터는 2만 건이에요", FactName.EVAL_SET).facts.data_examples == 20000
    ko = "ㄴㄴ 아직. 아 글고 Q&A는 팀장님이 더 만들어서 지금 600쌍쯤 돼요"
    facts = rules(ko, FactName.EVAL_SET).facts
    assert facts.data_examples == 600
    assert facts.eval_set is False


def test_goals_in_a_reply_about_how_the_prompt_fails_are_asked() -> None:
    text = (
        "six months of tweaking the prompt. summaries are decent but it keeps drifting from "
        "house style no matter what we add"
    )
    ex = rules(text, FactName.PROMPTING)
    assert ex.facts.prompting is PromptingStatus.CEILING
    assert ex.facts.goals is None
    assert any(r.fact is FactName.GOALS and not r.sure for r in ex.readings)
    # Said without that question, the same words are a goal.
    assert rules("it has to stick to our house style every time").facts.goals


def test_a_no_that_opens_another_facts_words_is_that_facts() -> None:
    # "no eval set yet" to the question about documents says nothing about documents.
    for pending in (FactName.DOCS_CHANGE, FactName.VOLUME, FactName.URGENCY):
        facts = rules("no eval set yet", pending).facts
        assert facts.eval_set is False
        assert facts.get(pending) is None
    # Set off, the "no" answers the question, and the rest is read as well.
    facts = rules("no. we have no eval set either", FactName.DOCS_CHANGE).facts
    assert facts.docs_change is not None
    assert facts.eval_set is False
