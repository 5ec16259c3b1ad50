"""Wording from a round on dev67: counts of traffic the user cannot call, what compliance will
not let be trained on, frequencies in English inside Korean, and replies in an official style."""

from __future__ import annotations

from bot.core.facts import ChangeRate, DataAmount, DocsChange, FactName, PromptingStatus, Quality
from testkit.reading import rules


def test_a_count_the_user_cannot_call_is_asked_not_applied() -> None:
    read = rules("Around 30 a week. I don't know, is this much?", FactName.VOLUME)
    assert read.facts.volume is None
    assert [r.sure for r in read.readings if r.fact is FactName.VOLUME] == [False]
    ko = rules("하루 스무 건 정도요. 그게 많은 건지는 잘 몰겠어요", FactName.VOLUME)
    assert ko.facts.volume is None
    # Said plainly, the same count is read.
    assert rules("Around 30 a week.", FactName.VOLUME).facts.volume is not None


def test_what_compliance_will_not_let_be_trained_on_is_no_data() -> None:
    text = "We have years of call notes, but compliance won't let us use them for training."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE


def test_back_later_is_no_deadline() -> None:
    text = "Sorry, the network's just gone down, I have to jump on a call. Back later."
    assert rules(text, FactName.URGENCY).facts.urgency is None


def test_keeps_is_a_frequency_only_before_a_verb() -> None:
    text = "Our QA team keeps a test set of 200 questions, which we used when the template changed."
    assert rules(text, FactName.EVAL_SET).facts.change_rate is None
    assert rules("the format keeps changing").facts.change_rate is ChangeRate.OFTEN


def test_english_frequencies_in_korean() -> None:
    ko = "Service bulletin이 거의 weekly로 나와요. Manual은 yearly로 update되고요."
    assert rules(ko, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    ko = "운영 지침은 연 1회 개정됨. 다만 세부 해설은 수시로 보완됨."
    assert rules(ko, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN


def test_official_replies() -> None:
    assert rules("평가용 문항 세트는 미보유.", FactName.EVAL_SET).facts.eval_set is False
    ko = "내부 지침상 외부 생성형 AI 사용이 제한되어 미시행."
    assert rules(ko, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED
    ko = "팀장 검토 후 게시하는 구조로 답변 품질은 양호함."
    assert rules(ko, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH


def test_replies_in_speech() -> None:
    ko = "묻는 건 맨날 비슷해요. 무슨 책 있냐, 언제 오냐."
    assert rules(ko, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.RARELY
    ko = "정확한거요. 근데 최신 기준이어야 되는것도 똑같이 중요해서 뭐가 먼저라고 하긴 어렵네유"
    assert rules(ko, FactName.TOP_GOAL).facts.top_goal is None
    text = "Accuracy. And the warnings the same every time. I cannot say one is more important."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is None


def test_drafting_quickly_is_no_deadline() -> None:
    ko = "상담사들이 답변 초안을 빨리 쓸 수 있게 도와주는 도구가 필요해요."
    assert rules(ko).facts.urgency is None
    ko = "이벤트 공지는 매달 바뀌는데 그건 챗봇이 안 다뤄도 되요. 약관은 작년에 한 번 바뀌었어요."
    assert rules(ko, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY
