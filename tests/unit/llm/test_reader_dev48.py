"""Wording from the round on dev48: a judgement said after a count, a zero taken back, a figure
revised mid-sentence, and plain answers.

- "hundreds … in a week, so I'd call it high", "하루에도 몇십 건씩 … 많아요": the user's own word
  for the traffic beats where the count falls.
- "like… 0? … wait actually, maybe 40 questions and answers": the zero's "none" goes with it.
- "over 3 years it's more like 2,500": the later figure replaces the earlier one.
- "Rewrote the prompt a dozen times, no better.", "We have not.", "We haven't any.",
  "굳이 하나 고르면 consistency요", "개정된 내용이 제때 반영되는 것도 중요하고요".
"""

from __future__ import annotations

from bot.core.facts import DataAmount, FactName, Goal, PromptingStatus, Volume
from testkit.reading import rules


def test_the_users_word_for_the_count() -> None:
    text = "In storm season it's hundreds of near-identical calls a week, so I'd call it high."
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH
    text = "장마철엔 하루에도 몇십 건씩 비슷한 문의가 와요. 많아요."
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH
    for text in ("maybe 30 a day, which is nothing really", "하루 몇십 건? 별로 안 많아요"):
        assert rules(text, FactName.VOLUME).facts.volume is not Volume.HIGH, text


def test_a_zero_taken_back_and_a_figure_revised() -> None:
    text = "hmm, 0? nothing like that. wait actually, HR keeps about 40 questions and answers"
    facts = rules(text, FactName.DATA_AMOUNT).facts
    assert facts.data_examples == 40
    assert facts.data_amount is not DataAmount.NONE
    text = "900 reports kept with their notes, no wait, that's this year. it's more like 3,000"
    assert rules(text, FactName.DATA_EXAMPLES).facts.data_examples == 3000


def test_plain_answers() -> None:
    text = "Tried a long prompt. Rewrote it a dozen times, no better."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    text = "We have not. Legal wants a review before any pilot."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED
    text = "Answers written out next to the questions? We haven't any."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE


def test_korean_goals_put_first_or_kept_current() -> None:
    text = "accuracy, consistency 둘 다 중요한데… 굳이 하나 고르면 consistency요."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY
    text = "정확성이 가장 중요하고, 개정된 내용이 제때 반영되는 것도 중요해요."
    assert Goal.FRESHNESS in (rules(text).facts.goals or ())
