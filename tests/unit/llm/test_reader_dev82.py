"""Wording from a round on dev82: documents revised every quarter, the work's pace given by its
exception ("otherwise nothing changes"), a count cut down to the real part, a range of counts in
words, corrections counted per day, a boss's goal set against the user's own, stock that must be
right, writers who each do it differently, questions kept with their right answers, and Korean:
quarterly documents, a deadline "하라시는데" set against "저는 … 봐요", one writer who reads each
reply before it goes, stock that must not be wrong, "이번 주" as content or inside a quote, a
"reply마다" that is no change, a repetition denied, a demo before an event ten days away, and a
goal said to come "그다음"."""

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


def test_english_documents_and_change() -> None:
    text = "The parts price list is revised every quarter."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    assert rules("every few months", FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    text = "New kinds of requests come maybe once a year. Otherwise the work is very stable."
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.SOMETIMES
    text = "Once per year a new batch of questions arrives."
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.SOMETIMES


def test_english_counts() -> None:
    text = "Around 700 replies in the mail archive, each one with the customer's request."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 700
    text = "We have 40,000 chats. But half are spam, real customer chats maybe 12,000."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 12_000
    facts = rules("I guess two, three thousand written replies.", FactName.DATA_AMOUNT).facts
    assert facts.data_amount is DataAmount.PLENTY
    assert facts.data_examples is None
    text = "It drafts them fine with my saved prompt, I correct one or two a day."
    facts = rules(text, FactName.PROMPTING).facts
    assert facts.volume is None
    assert facts.prompting is PromptingStatus.WORKING


def test_english_views_and_goals() -> None:
    text = "Manager says consistency first. I think accuracy is more important, so accuracy."
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.ACCURACY
    assert Goal.CONSISTENCY not in (facts.goals or ())
    facts = rules("My manager say fine-tuning is always more accurate. Is it true?").facts
    assert not facts.goals
    text = "Each answer must show the manual page. I think it is the right rule."
    assert not rules(text).facts.goals
    text = "stock must be right and prices must be right, cant choose"
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.goals == frozenset({Goal.ACCURACY, Goal.FRESHNESS})
    assert facts.top_goal is None
    text = "Right, and always the same answer. I cannot choose."
    assert Goal.CONSISTENCY in (rules(text, FactName.TOP_GOAL).facts.goals or ())


def test_english_quality_eval_and_prompting() -> None:
    text = "Four of us reply and we all do it differently."
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    text = "We kept 30 hard questions with the correct answers and test every new hire on them."
    assert rules(text, FactName.EVAL_SET).facts.eval_set is True
    text = "We tried maybe thirty versions of prompt, still wrong."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING


def test_korean_documents_and_urgency() -> None:
    assert rules("단가표는 분기마다 바뀌어요", FactName.DOCS_CHANGE).facts.docs_change is (
        DocsChange.OFTEN
    )
    text = "규정은 분기에 한 번 바뀔까 말까예요"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY
    text = "팀장님은 이번 주 안에 하라시는데, 저는 다음 달에 천천히 해도 된다고 봐요."
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL
    text = "사장님이 2주 뒤 박람회 전에 보여 달래요. 맞춰야죠."
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.FAST
    text = "이번주 신메뉴 목록이 최신으로 나오는 거 그게 제일 중요해요"
    assert rules(text, FactName.TOP_GOAL).facts.urgency is None
    text = "손님들이 '이번 주 언제 와요' 하고 물어보는데 답장 도우미를 만들고 싶어요"
    assert rules(text).facts.urgency is None
    text = "팀장님이 reply마다 manual page랑 revision을 꼭 붙이라고 하세요."
    assert rules(text).facts.docs_change is None


def test_korean_quality_eval_volume() -> None:
    text = "전부 제가 쓴 거예요. 보내기 전에 한 번씩 읽어 보고 보냈어요."
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH
    text = "직원마다 작성 방식 상이하고 구 요금 기준 답변 혼재함."
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    text = "정답 붙은 질문 200개 따로 모아 놨어요."
    assert rules(text, FactName.EVAL_SET).facts.eval_set is True
    text = "같은 질문이 대량으로 반복되지는 않아요. 건마다 달라요."
    assert rules(text, FactName.VOLUME).facts.volume is Volume.LOW
    text = "하루 서른 개쯤 오는데 맨날 배송비 그거 똑같은 거만 물어봐요"
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH


def test_korean_goals() -> None:
    text = "신상 재고 있는지 그거 제때 알려주는게 젤이여 재고 틀리믄 손님이 헛걸음해유"
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.FRESHNESS
    assert Goal.ACCURACY not in (facts.goals or ())
    text = "가격 틀리면 끝이에요. 그게 첫째고, 말투 맞추는 건 그다음이래요."
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.ACCURACY
    assert Goal.CONSISTENCY in (facts.goals or ())
