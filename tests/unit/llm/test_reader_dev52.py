"""Wording from the round on dev52: instructions reworded many times, change with every
contract, totals said after their parts, goals a close second, documents that trickle out,
errors that repeat, and Korean answers.

- "reworded the instructions like 20 times": the prompt's ceiling.
- "~650 of ours plus roughly 400 …, so about 1,050": the total stands.
- "Consistency, with accuracy close behind"; "I care whether it's right".
- "rulings trickle out" are documents, "misses the same issues every time" the model's errors.
- "틀린 말 안 하는 거요", "하루에도 몇 번씩 나옵니다", "매달 말고", "어떤 건 … 어떤 건 …".
"""

from __future__ import annotations

from bot.core.facts import (
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
)
from testkit.reading import rules


def test_english_prompting_and_counts() -> None:
    text = "pasted the menu into chatgpt, reworded the instructions like 15 times, still wrong"
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    text = "~300 from the old system plus roughly 250 since, so about 550."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 550
    text = "We keep no records of that kind; people just phone us."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE


def test_english_goals() -> None:
    text = "Tone, I think, with accuracy close behind. Mostly the tone though."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY
    text = "My boss puts it simply: 'I care whether it's right.'"
    assert Goal.ACCURACY in (rules(text).facts.goals or ())


def test_english_documents_traffic_and_answers() -> None:
    text = "Our regs barely move; guidance letters trickle out twice a year."
    assert rules(text, FactName.DOCS_CHANGE).facts.volume is None
    text = "I've rewritten the prompt ten times and it misses the same label issues every time."
    assert rules(text, FactName.PROMPTING).facts.volume is None
    text = "The master specification gets updated about once a year."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY
    text = "each venue wants its own layout. changes with every contract"
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.OFTEN
    assert rules("opening is may 3 so about 6 weeks", FactName.URGENCY).facts.urgency is (
        Urgency.NORMAL
    )
    text = "We have training quizzes with keys, but nothing for checking a bot's answers."
    assert rules(text, FactName.EVAL_SET).facts.eval_set is False
    text = "they're fine?? a few predate the price change so those are just wrong now"
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW


def test_korean_answers() -> None:
    text = "음 틀린 말 안 하는 거요. 약 복용법 물어보시는 분이 많아서"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY
    text = "기상 특보 공지는 하루에도 몇 번씩 나와요. 이용 규정은 거의 안 바뀌고요."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    text = "매주 말고 1년에 두어 번? 회칙이 바뀔 때요"
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is not ChangeRate.OFTEN
    text = "직원들이 돌아가며 써서 어떤 건 반말이고 어떤 건 너무 딱딱해요"
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    text = "요즘은 하루 열 건 남짓이에요. 질문도 다 제각각이고요."
    assert rules(text, FactName.VOLUME).facts.data_quality is None
