"""Wording from the round on dev56: "60.000" and "1.2 lakh", "a few hundred thousand", a goal
"we don't need" or "nice but not essential", "해당 사항이 없", documents that "can come any time",
examples "pasted in as examples", "그중에 … N개" and "… 빼면 N", a count corrected by a colleague,
"right comes first", "X first … Y second", a count of requests that keep repeating, and Korean
answers.
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
    Volume,
)
from testkit.reading import rules


def test_european_and_indian_figures() -> None:
    text = "Every protocol is stored with its report, I'd say 45.000 reports."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 45000
    text = "All enquiries and our replies are in the CRM, roughly 2.5 lakh of them."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 250000
    # A score keeps its decimal point.
    assert rules("F1 is 0.710 on that set", FactName.DATA_AMOUNT).facts.data_examples is None


def test_a_few_hundred_thousand_is_plenty() -> None:
    text = "Every chat with the agent's answer is archived: a few hundred thousand, I think."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.PLENTY


def test_goals_said_not_to_be_needed() -> None:
    text = "Being correct, obviously. Freshness we don't need at all."
    assert rules(text, FactName.TOP_GOAL).facts.goals == frozenset({Goal.ACCURACY})
    text = "Accuracy above all. A uniform tone would be nice but it's not essential."
    assert Goal.CONSISTENCY not in (rules(text, FactName.TOP_GOAL).facts.goals or ())
    # Not taken back: the "but" starts a clause of its own.
    text = "A consistent tone is nice but accuracy matters more."
    assert Goal.CONSISTENCY in (rules(text).facts.goals or ())
    text = "말투가 한결같은 게 제일 중요해요. 최신 정보는 저희랑 해당 사항이 없어요."
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.CONSISTENCY and Goal.FRESHNESS not in (facts.goals or ())


def test_documents_that_can_change_any_time_change_often() -> None:
    text = "The tariff book is annual, but notices can come any time, sometimes twice in a month."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN


def test_examples_pasted_into_a_prompt_are_no_data() -> None:
    text = "i have a prompt with like 15 old product blurbs pasted in as examples, works ok"
    facts = rules(text, FactName.PROMPTING).facts
    assert facts.data_examples is None and facts.prompting is PromptingStatus.WORKING


def test_the_part_that_counts_corrects_the_whole() -> None:
    text = "그동안 접수된 사연이 한 2천 건? 근데 그중에 답장까지 남아있는 건 500건 정도밖에 없어요"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 500
    text = "상담 기록이 한 8천 건인데, 아 스팸 빼면 6천 정도요."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 6000
    text = "보고서가 한 30개인데 항목 단위로 쪼개면 질문-답변 pair가 2천 개쯤 돼요"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 2000
    text = "I was going to say 12,000 pairs, but our archivist has just corrected me: about 9,500."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 9500
    text = "maybe 4 thousand letters... no, wait, half had no reply, so about 2 thousand."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 2000


def test_only_so_many_is_not_none() -> None:
    text = "올린 건 한 900개? 메모가 같이 남아있는 건 200개 정도밖에 없음"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is not DataAmount.NONE


def test_what_comes_first() -> None:
    text = "Has to be right and has to be current. Right comes first though."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY
    text = "being right first, a wrong grade costs us. same friendly tone on every post second"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY
    text = (
        "tricky. the inspectors want it to look the same every time, but if a number is wrong"
        " we fail the audit. so accuracy, then consistency!"
    )
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY
    text = "Accuracy. Then currency of the regulations. Tone is not a priority."
    assert rules(text, FactName.TOP_GOAL).facts.goals == frozenset({Goal.ACCURACY, Goal.FRESHNESS})


def test_english_wording() -> None:
    text = "The board wants a demo at the review on the 9th, that is eight days from today."
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.FAST
    text = "The reply templates? We changed them last in 2017, with the new system."
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.RARELY
    text = "Substantial. Well over 8,000 applications a year, each needs a letter."
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH
    assert rules("after every launch we get tons of the same emails").facts.volume is Volume.HIGH
    text = "Clear wording. Correct content also, of course."
    assert Goal.ACCURACY in (rules(text, FactName.TOP_GOAL).facts.goals or ())


def test_a_count_of_requests_that_keep_repeating_is_high() -> None:
    text = "busy weeks it's like 250 orders a week and every one needs the exact same form"
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH
    text = "하루 20-30건 오는데 거의 다 같은 문의가 계속 반복돼요"
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH
    # A count and nothing else stays a count.
    assert rules("하루 20-30건 정도요", FactName.VOLUME).facts.volume is Volume.LOW


def test_korean_wording() -> None:
    text = "성수기엔 하루에 백 통 넘게 오는데 전부 똑같은 질문이에요"
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH
    text = "평소엔 많지 않아요. 여름 성수기 빼면 한가한 편이에요"
    assert rules(text, FactName.VOLUME).facts.volume is Volume.LOW
    text = "모든 글을 편집장이 두 번씩 교정을 본 거라 품질은 자신 있습니다."
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH
    text = "띄어쓰기는 개판이고 가격 빼먹은 것도 수두룩해요"
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    text = "참고할 건 원고뿐이라 따로 찾아볼 문서는 없다고 보시면 돼요."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.NONE
    text = "Copilot으로 해봤는데 모델명을 지어내는 게 프롬프트를 어떻게 바꿔도 해결되지 않았어요."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
