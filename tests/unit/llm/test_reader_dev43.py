"""Wording from the round on dev43: questions quoted from others, counting up, what does not
apply, and more ways of saying that nothing is kept.

- "다 '토요일 가능한가요? 견적 얼마예요?' 똑같은 질문": quoted questions are what others ask.
- "메모랑 실제로 나간 리포트 묶어보면 이천사백 개": counting up is no condition.
- "최신성은 저희 케이스엔 해당이 없고요": a goal that does not apply.
- "백 개는 안 될 겁니다": a ceiling, not a count; "예시 몇 개 주고 … 했더니 괜찮아요": examples in a
  prompt are no data, and the try went well.
- "We keep no record of questions and answers", "질의와 답변을 쌍으로 정리해 둔 자료는 없습니다".
- "notices go out several times a week", "거의 매일 올라갑니다": changes, and of two sets the one
  that changes often counts, also when a "these days" corrects the past of that set.
"""

from __future__ import annotations

from bot.core.facts import (
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Volume,
)
from testkit.reading import rules


def test_questions_quoted_from_others_are_not_asked() -> None:
    text = "행사 끝나면 문의 폭발해요 다 '토요일 저녁 가능한가요? 가격 얼마예요?' 똑같은 질문이에요"
    ex = rules(text, FactName.VOLUME)
    assert ex.facts.volume is Volume.HIGH and not ex.side_question
    assert rules("'RAG가 뭐예요?'").side_question


def test_counting_up_is_no_condition() -> None:
    text = "상담 메모랑 실제로 나간 안내문 묶어보면 천이백 개 정도는 될 거예요"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 1200


def test_a_goal_that_does_not_apply() -> None:
    text = "정확성이 최우선입니다. 최신성은 저희 업무엔 해당이 없고요."
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.ACCURACY and Goal.FRESHNESS not in (facts.goals or ())


def test_a_ceiling_and_examples_in_a_prompt_are_no_count() -> None:
    text = "답한 메일이 조금 있긴 한데 세어 보지는 않았어요. 오십 개는 안 될 거예요."
    facts = rules(text, FactName.DATA_AMOUNT).facts
    assert facts.data_examples is None and facts.data_amount is DataAmount.SOME
    text = "네 해봤어요! 챗지피티한테 예시 두세 개 주고 써 달라 했더니 꽤 괜찮아요"
    facts = rules(text, FactName.PROMPTING).facts
    assert facts.prompting is PromptingStatus.WORKING and facts.data_amount is None


def test_nothing_kept_said_another_way() -> None:
    en = "We keep no record of calls and answers. The front desk isn't logged."
    assert rules(en, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE
    ko = "고객 문의와 답변을 쌍으로 정리해 둔 자료는 따로 없습니다."
    facts = rules(ko, FactName.DATA_AMOUNT).facts
    assert facts.data_amount is DataAmount.NONE and facts.docs_change is None


def test_the_set_that_changes_often() -> None:
    en = "The board sets the tariff each January. Outage notices go out several times a week."
    assert rules(en, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    ko = (
        "관리규약은 몇 년에 한 번 바뀌고요.. 공지는 예전엔 한 달에 한두 개였는데 요즘은 "
        "공사 때문에 거의 매일 올라갑니다"
    )
    assert rules(ko, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    assert rules("관리규약은 몇 년에 한 번 개정해요", FactName.DOCS_CHANGE).facts.docs_change is (
        DocsChange.RARELY
    )


def test_the_same_work_every_day() -> None:
    text = "하는 일이야 맨날 같죠 주차 소음 누수 ㅎㅎ"
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.RARELY
    text = "I don't think it would need to consult any documents; it's all in the notes."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.NONE
