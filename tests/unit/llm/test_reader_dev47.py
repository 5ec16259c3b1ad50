"""Wording from the round on dev47: figures corrected as they are said, numbers spelt out, and
short answers that say no.

- "twelve hundred … no sorry, eight hundred", "call it 17,000", "한 사백 건? 아 사백오십 건":
  the figure said last replaces the one before it.
- "sixty-five proposals", "마흔두 개": numbers in words are counts; kept "with the form
  attached" or "원문이랑 같이", they are pairs.
- "we measure neither", "Not at this time.", "So, infrequently.", "every Tuesday and Friday".
- "If you forced me I'd say current", "최신성이 top이에요", "우선순위를 정한다면 …": the top goal.
"""

from __future__ import annotations

from bot.core.facts import ChangeRate, DocsChange, FactName, Goal
from testkit.reading import rules


def test_a_figure_corrected_as_it_is_said() -> None:
    text = "we have about twelve hundred signed forms with the survey attached. no sorry, 800"
    assert rules(text).facts.data_examples == 800
    text = "the helpdesk has 18,400 question/answer pairs, well, minus the spam, call it 17000"
    assert rules(text).facts.data_examples == 17000
    ex = rules("상담 메일이랑 회신이 짝으로 한 사백 건? 아 사백오십 건 정도요")
    assert ex.facts.data_examples == 450
    assert not ex.side_question


def test_numbers_in_words_kept_with_what_they_answered() -> None:
    text = "I've kept around sixty-five quotes with the original request form still attached"
    assert rules(text).facts.data_examples == 65
    assert rules("번역해 둔 안내문이 원문이랑 같이 마흔두 개 있어요").facts.data_examples == 42
    # A bare word number still needs what it counts: "one of the reasons" is no count.
    assert rules("one of the reasons we ask is the audit").facts.data_examples is None


def test_short_answers_that_say_no_or_how_often() -> None:
    text = "Cost per answer, response time: we measure neither at the moment."
    assert rules(text, FactName.COST_TRACKED).facts.cost_tracked is False
    text = "Not at this time. We could put a set together if it helps."
    assert rules(text, FactName.EVAL_SET).facts.eval_set is False
    text = "the supplier sends a new price list every tuesday and friday"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    text = "They get amended once or twice over a project's life. So, infrequently."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_a_few_samples_tried_are_no_traffic() -> None:
    for text in (
        "I tried it on a few sample questions and the answers were fine",
        "my colleague pasted a couple of customer emails into ChatGPT last week",
    ):
        assert rules(text).facts.volume is None
    assert rules("we only get a few requests a week").facts.volume is not None


def test_the_goal_put_first() -> None:
    for text, goal in (
        ("Being right matters, obviously. If you forced me I'd say current.", Goal.FRESHNESS),
        ("최신성이 top이에요. 물론 정확성도 중요하구요", Goal.FRESHNESS),
        ("안내가 틀리면 큰일이라 정확성이 첫째고요, 톤도 그다음으로 중요해요.", Goal.ACCURACY),
        ("정확성과 일관성 모두 중요하나, 우선순위를 정한다면 일관성입니다.", Goal.CONSISTENCY),
    ):
        assert rules(text, FactName.TOP_GOAL).facts.top_goal is goal, text


def test_goals_said_otherwise_and_all_three_languages() -> None:
    text = "it has to sound like us every single time, that's the whole brand"
    assert Goal.CONSISTENCY in (rules(text).facts.goals or ())
    text = "Our members speak English, Spanish and some Haitian Creole, so all three please."
    assert not rules(text).facts.goals
    text = "the task has been the same year after year"
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.RARELY
