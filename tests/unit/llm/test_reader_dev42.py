"""Wording from the round on dev42: several sets of documents, numbers said loosely, and the
ways people say there is nothing, or that nothing helped.

- "the fee table changes yearly; the notices go out weekly": the fastest set counts.
- "5 or 6 thousand", "300 to 400": a range gives the amount, not a count; "from 12 to 18" is a
  change, not a range.
- "질문과 답변을 정리한 자료가 육십 개": a question kept with its answer counts as an example.
- "육 주 뒤" is no rush, "보름 뒤" is; "…사진 보고 다 고치니까 상관없어요" takes the goal back.
- "no logged questions with answers", "쓸 수 있는 건 없다고 봐야죠": no data.
- "regardless of how the prompt was revised", "백번 써도 그대로": a ceiling.
"""

from __future__ import annotations

from bot.core.facts import (
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Urgency,
    Volume,
)
from testkit.reading import rules


def test_of_several_sets_of_documents_the_fastest_counts() -> None:
    en = "The fee table is revised quarterly; permit notices arrive weekly."
    assert rules(en, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    ko = "요금표는 일 년에 한 번 올리고요, 행사 일정표는 매주 새로 짜요"
    assert rules(ko, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    ko = "기본 규정은 일년에 두번 개정인데 작업 지침은 한 달에 몇 건씩 개정됨"
    assert rules(ko, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    # Documents revised every quarter change often, as the development splits label them.
    alone = "The fee table is revised quarterly."
    assert rules(alone, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    hedged = "The fee table rarely changes, maybe once a quarter."
    assert rules(hedged, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_a_range_said_in_words_is_an_amount() -> None:
    for text in (
        "we kept maybe 4 or 5 thousand customer emails with the agent's reply",
        "there are about 300 to 400 labelled examples",
    ):
        facts = rules(text, FactName.DATA_AMOUNT).facts
        assert facts.data_examples is None and facts.data_amount is not None
    changed = "It's ok. In 2020 we went from 12 to 18 categories, so old tickets use old ones."
    assert rules(changed, FactName.DATA_QUALITY).facts.data_amount is None


def test_questions_kept_with_their_answers_are_examples() -> None:
    text = "상담 때 받은 질문과 직원 답변을 정리한 자료가 칠십 개 정도 있습니다"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 70
    text = "문의랑 답변 정리한 게 삼천 개 있어요"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 3000


def test_weeks_away_in_korean_numerals() -> None:
    assert rules("오픈이 칠 주 뒤입니다", FactName.URGENCY).facts.urgency is Urgency.NORMAL
    soon = "행사가 보름 뒤라 그 전에 써야 해요"
    assert rules(soon, FactName.URGENCY).facts.urgency is Urgency.FAST


def test_a_reason_running_over_words_still_takes_the_goal_back() -> None:
    text = (
        "형식이요. 양식 틀리면 반려돼요. 내용 정확성은 어차피 저희가 도면 보고 다 고치니까 "
        "상관없어요"
    )
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.CONSISTENCY
    assert Goal.ACCURACY not in (facts.goals or ())


def test_nothing_kept_with_its_answer_is_no_data() -> None:
    for text in (
        "We have the rulebook and 30 branch offices, but no logged questions with answers.",
        "there are phone logs but just numbers and times, no replies written down anywhere",
    ):
        assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE
    ko = "지난 상담 기록이 이십 년치 있긴 한데 다 종이라.. 쓸 수 있는 건 없다고 봐야죠"
    assert rules(ko, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE


def test_nothing_helped_is_a_ceiling() -> None:
    en = (
        "Our analyst tried it with the guide pasted in. Fine for the basics; on the exceptions "
        "it was wrong regardless of how the prompt was revised."
    )
    assert rules(en, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    ko = "해봤는데 날짜를 자꾸 틀려요. 프롬프트에 '날짜 바꾸지 마' 수십 번 넣어도 그대로예요"
    assert rules(ko, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING


def test_short_answers_and_tags() -> None:
    text = "It doesn't. A receipt is a receipt; our layout has been the same for decades."
    facts = rules(text, FactName.CHANGE_RATE).facts
    assert facts.change_rate is ChangeRate.RARELY and Goal.CONSISTENCY not in (facts.goals or ())
    assert rules("it has to reply in english and somali. eval set no").facts.eval_set is False
    text = "Nobody here has touched AI yet, we're busy with the new phones"
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED
    text = "We'd like latency measured one day. Currently we measure nothing of the sort."
    assert rules(text).facts.cost_tracked is False
    text = "하루에 안내문이 삼백 통 넘게 나가요. 다 비슷비슷한 내용이라 반복 엄청나요"
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH
