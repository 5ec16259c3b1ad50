"""Wording from the round on dev44: numbers in words, what a reply labels, what does not apply,
and the same words every time.

- "forty-five thousand", "스무 개": compound and native number words.
- "Detour bulletins: multiple per day. Fare policy: once every couple yrs": a set named, then
  how often it comes; "hasn't been touched since" is rarely.
- "drops in 6 weeks, would be nice by then but not dying over it": no rush.
- "급하게 쓴 건 오타투성이": written in a hurry is about the data, not the deadline.
- "그렇다면 최신성이 가장 중요하겠습니다": "in that case" is no condition.
- "매번 같은 문구로", "늘 같은 정중한 어조", "말씨": consistency; "quite irrelevant" takes a
  goal back; "순서는 잘 모르겠어요" puts none first.
- "it has not been tried", "써보진 않았어요", "however I phrase the instruction", "nothin to
  look up", "we don't really have that".
"""

from __future__ import annotations

from bot.core.facts import (
    DataAmount,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
)
from testkit.reading import rules


def test_number_words() -> None:
    text = "the archive has the notes attached to each lot, something like forty-five thousand lots"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 45_000
    assert rules("thirty-two labelled examples").facts.data_examples == 32
    text = "문의랑 답변 쌍이 스무 개 있어요"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 20


def test_sets_named_then_how_often() -> None:
    text = "Service notices: several per day. Membership rules: once every few years."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    text = "It follows our house manual, written in 2015 and hasn't been touched since."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_weeks_away_is_no_rush() -> None:
    text = "the season opens in 7 weeks, would be nice by then but not dying over it"
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL


def test_written_in_a_hurry_is_about_the_data() -> None:
    text = "급하게 쓴 건 오타투성이고 여유 있을 때 쓴 건 엄청 길어요.. 완전 들쑥날쑥해요"
    facts = rules(text, FactName.DATA_QUALITY).facts
    assert facts.data_quality is Quality.LOW and facts.urgency is None


def test_in_that_case_is_no_condition() -> None:
    text = "설명 감사합니다. 그렇다면 정확성이 가장 중요하겠습니다."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY


def test_the_same_words_every_time() -> None:
    text = "정확성입니다. 또 상담원마다 안내가 달라지면 안 되니까 매번 같은 문구로 나와야 합니다."
    goals = rules(text, FactName.TOP_GOAL).facts.goals or ()
    assert Goal.CONSISTENCY in goals
    text = "가장 중요한 건 말씨입니다. 늘 같은 정중한 어조여야 해요."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY
    text = "음 저는 말투요!! 항상 똑같은 느낌으로 나가야 돼요"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY
    text = "Consistency, without question. Our listings have a house style. Freshness is quite "
    text += "irrelevant to us."
    assert Goal.FRESHNESS not in (rules(text, FactName.TOP_GOAL).facts.goals or ())
    text = "말투는 늘 같은 따뜻한 느낌이면 좋겠고 안내는 틀리면 안 되니까 그것도요.. "
    text += "순서는 잘 모르겠어요"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is None


def test_how_a_try_went_or_did_not() -> None:
    text = "Policy bans public AI tools here, so no, it has not been tried."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED
    text = "써보진 않았어요… 혹시 써보고 괜찮으면 다른 팀도 쓰게 하려고요"
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED
    text = "I've tried ChatGPT. Nice prose, but it won't keep our field order however I phrase it."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING


def test_nothing_to_look_up_and_nothing_kept() -> None:
    text = "nothin to look up, we type the numbers in ourselves"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.NONE
    text = "Hmm, we don't really have that. Nobody saved the emails with members."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE


def test_the_same_calls_all_day() -> None:
    text = "성수기엔 하루 종일 '이거 언제 와요?' 그 전화만 옵니다. 똑같은 거 수십 번"
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH
    assert rules("주말엔 전화 불남", FactName.VOLUME).facts.volume is Volume.HIGH
