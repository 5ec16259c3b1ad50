"""Wording from a round on dev85: "ain't" denies an answer word, money is no request count,
"be right back" is no goal, "right after that" ranks, cost "checked", records "never kept",
"nothing like that" for documents, "nah, more like 4k" corrects a count; and Korean: a "-면
그때" clause that says when, "아 잠깐 … 하고 올게요" as stepping away, "아직까지는 괜찮게",
money and answer speed spelled out, "재 보지는 않고", correct replies attached as an eval set,
checked against the standard before sending, records barred from training by a boss."""

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


def test_english_denials_and_money() -> None:
    text = "It ain't high volume, we're a small shop. A dozen calls a day maybe."
    assert rules(text, FactName.VOLUME).facts.volume is not Volume.HIGH
    text = "Pretty rough. Half of them quote 40 bucks an hour, my old price."
    assert rules(text, FactName.DATA_QUALITY).facts.volume is None


def test_english_goals() -> None:
    got = rules("Sorry, phone's ringing, be right back.", FactName.TOP_GOAL).facts
    assert not got.goals and got.top_goal is None
    text = "Consistency I'd say. Same layout every time. Accuracy right after that."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY
    text = "The look matters most, but correct dates also matter."
    assert Goal.ACCURACY in (rules(text, FactName.TOP_GOAL).facts.goals or ())


def test_english_cost_data_and_documents() -> None:
    text = "We check what every answer costs in the console, and the latency too."
    assert rules(text, None).facts.cost_tracked is True
    text = "Honestly we never kept them, the chats get wiped every month."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE
    text = "Docs? No, nothing like that. It's all in the owner's head."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.NONE
    text = "we have like 3k saved chats, nah more like 4k"
    got = rules(text, FactName.DATA_AMOUNT).facts
    assert got.data_amount is DataAmount.PLENTY and got.data_examples == 4000


def test_korean_when_then_and_stepping_away() -> None:
    text = "양식이 하나 있는데, 해마다 한 번 공문이 내려오면 그때 고쳐요."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY
    text = "아직 안 써 봤어요. 아 잠깐 택배 좀 받고 올게요."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED
    text = "재작년부터 프롬프트로 안내문 초안을 뽑아 써요. 아직까지는 괜찮게 나와요."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING


def test_korean_cost_and_urgency() -> None:
    text = "한달에 돈이 얼마 드는지, 답이 얼마나 빨리 나오는지 그런 건 재본 적 없어요."
    got = rules(text, None).facts
    assert got.cost_tracked is False and got.urgency is not Urgency.FAST
    text = "건당 비용 같은 건 아직 따로 재 보지는 않고 있어요."
    assert rules(text, None).facts.cost_tracked is False
    assert rules("서두르고 싶지 않아요. 가을쯤이면 돼요.", FactName.URGENCY).facts.urgency is (
        Urgency.NORMAL
    )


def test_korean_eval_quality_and_data() -> None:
    text = "지난달 민원 중 30건을 골라 정답 답변을 달아 놨고, 바꿀 때마다 그걸로 맞춰 봐요."
    assert rules(text, FactName.EVAL_SET).facts.eval_set is True
    text = "제가 다 직접 썼고요, 보내기 전에 매뉴얼이랑 한 번씩 맞춰 보고 보냈어요."
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH
    text = "직원마다 답장 쓰는 방식이 꽤 달라서 고르다고 말씀드리기는 어려워요."
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    text = "상담 기록은 많은데 학습용으로는 절대 안 된다고 원장님이 정하셨어요."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE
    text = "일정이 제일이고 그다음이 바뀐 내용을 바로 아는 거예요."
    assert Goal.FRESHNESS in (rules(text, FactName.TOP_GOAL).facts.goals or ())
