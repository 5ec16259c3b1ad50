"""Wording from the round on dev57: a count whose own noun is people or places ("2.300 service
dealers", "600 families a month"), "of which", "the 2016 ones", "by a mile", "it comes second",
"current comes first", "correct and current", "last month's memo", "the same no matter who
asks", a form kept for years, "run out of ways", "acceptable", "rough as anything", and Korean
answers.
"""

from __future__ import annotations

from bot.core.facts import (
    ChangeRate,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
)
from testkit.reading import rules


def test_a_count_of_people_or_places_is_neither_data_nor_traffic() -> None:
    text = "Our roughly 1.800 authorised dealers open tickets when a machine misbehaves."
    facts = rules(text).facts
    assert facts.data_examples is None and facts.data_amount is None
    assert rules("We feed around 700 families a month").facts.volume is None
    # A people noun that only qualifies the work counts the work.
    assert rules("maybe 6,000 site visits a week", FactName.VOLUME).facts.volume is Volume.HIGH


def test_the_part_counted_after_the_whole() -> None:
    text = "The export lists 90,000 cases, of which about 60,000 have the final letter attached."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 60000
    text = (
        "About 5,200 letters with replies since 2015. Actually, make that 4,800:"
        " the 2015 ones are lost."
    )
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 4800


def test_rankings() -> None:
    text = "accuracy by a mile. tone matters too, but second"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY
    text = (
        "My voice, first and foremost; readers know it. Accuracy matters too but it comes second."
    )
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY
    text = "Correct and current both matter. If I must rank them, current comes first."
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.FRESHNESS and Goal.ACCURACY in (facts.goals or ())


def test_no_goal_and_no_traffic_from_passing_words() -> None:
    text = "No. Policy didn't allow it until last month's memo, so nobody has tried."
    assert rules(text, FactName.PROMPTING).facts.goals is None
    text = "wrong info is bad, and answers should read the same no matter who asks"
    assert rules(text).facts.volume is None


def test_a_form_kept_for_years_changes_rarely() -> None:
    text = "the invoice is the same layout my mum used in the 90s, never changed"
    facts = rules(text).facts
    assert facts.change_rate is ChangeRate.RARELY and facts.goals is None
    text = "Mostly tidy. Same template since 2018 and I check every one."
    assert rules(text, FactName.DATA_QUALITY).facts.change_rate is ChangeRate.RARELY
    # A wish for the same form every time is a goal, not a history.
    assert rules("every reply must use the same template").facts.goals == frozenset(
        {Goal.CONSISTENCY}
    )


def test_prompting_and_data_answers() -> None:
    text = "It was decent at first, but we've run out of ways to stop it rambling."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    text = "A couple of colleagues still use it for drafts and find it acceptable."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING
    text = "rough as anything, half of them are my own shorthand"
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW


def test_korean_wording() -> None:
    text = "거래처에서 단가 바뀌었다고 거의 달마다 연락이 와요"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    text = "게시판에 새 공고가 하루에도 몇 개씩 올라와요"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    assert rules("답장은 늘 같은 모양이었으면 해요").facts.goals == frozenset({Goal.CONSISTENCY})
    text = "문의는 가끔 와요. 많다고는 못하겠고요"
    assert rules(text, FactName.VOLUME).facts.volume is Volume.LOW
    assert rules("한 달에 몇 팀 안 돼요", FactName.VOLUME).facts.volume is Volume.LOW
    text = "혼자 챗GPT에 매뉴얼 올려서 물어보는데 꽤 잘 맞아요! 직원들한테 여는 건 아직이고요"
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING
    text = "클로바X로 안내문 써 봤는데 생각보다 잘 써서 몇 번은 그대로 보냈어요"
    facts = rules(text, FactName.PROMPTING).facts
    assert facts.prompting is PromptingStatus.WORKING and facts.docs_change is None
    text = "한 번도요. 앱에 AI 기능이 생겼다는데 눌러 보진 않았어요"
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED
    text = "일은 매년 비슷하게 돌아가요"
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.RARELY
    text = "견적 금액 맞는 게 제일이죠. 모양은 대충 비슷하면 되고요"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY
    assert rules("한 5주 남음", FactName.URGENCY).facts.urgency is Urgency.NORMAL
    text = "본부에서는 건당 비용을 물어볼 텐데, 지금은 그런 수치를 재고 있지 않습니다."
    assert rules(text).facts.cost_tracked is False


def test_the_same_question_all_day_is_high_traffic() -> None:
    text = "방학이면 학생들이 카톡으로 엄청 보내요. 똑같은 질문이 하루 종일 반복돼요"
    assert rules(text).facts.volume is Volume.HIGH
    assert rules("같은 걸 수십 명이 똑같이 물어보세요").facts.volume is Volume.HIGH
    # At most ten a day stays low, however alike they are.
    text = "문의는 하루에 많아야 열 건이에요. 근데 같은 질문이 계속 반복돼요"
    assert rules(text, FactName.VOLUME).facts.volume is Volume.LOW
