"""Wording from the round on dev51: comparisons with last month's, sums worked out before a
count, a contrast set off by commas, in-between change rates, and Korean answers given in
passing.

- "compare this month's letter with last month's" asks for no freshness.
- "14 sites x 12 x 5 = ~840? … prob closer to 700": the factors are no counts; 700 stands.
- "The on-call roster, though, changes every month": one clause.
- "not often not never", "not the end of the world", "not a thing we've got, no".
- "그걸 제때 알려주는 게 젤 중요해요", "최신성으로 할게요", "틀린 건 없고", "그대로 쓰긴 좀..".
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


def test_english_goals() -> None:
    text = "Tone first, then accuracy. Readers hold this week's notice against last week's."
    assert Goal.FRESHNESS not in (rules(text, FactName.TOP_GOAL).facts.goals or ())
    text = "Accuracy above all. Keeping the rota current matters too, but it comes second."
    assert Goal.FRESHNESS in (rules(text, FactName.TOP_GOAL).facts.goals or ())
    text = "Correctness first. The style of the replies is honestly not a worry for us."
    assert Goal.CONSISTENCY not in (rules(text, FactName.TOP_GOAL).facts.goals or ())
    text = "hmm, getting it right and, like, sounding like us? can't choose"
    assert Goal.CONSISTENCY in (rules(text, FactName.TOP_GOAL).facts.goals or ())


def test_a_sum_worked_out_then_revised() -> None:
    text = "all archived. 9 depots x 12 x 4 = ~430? minus the new depots, prob closer to 350"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 350


def test_documents_and_change_rates() -> None:
    text = "The handbook is reviewed every few years. The duty roster, however, changes every week."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    text = "prices move by the hour; the brochure once a year"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    text = "the board tweaks the form every year or two. not often, not never"
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.SOMETIMES


def test_english_short_answers() -> None:
    text = "launch is in about 3 weeks, nice to have it by then but not the end of the world"
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL
    assert rules("not a thing we have, no", FactName.EVAL_SET).facts.eval_set is False
    text = "honestly we don't use AI at all here"
    assert rules(text).facts.prompting is PromptingStatus.NOT_TRIED


def test_korean_goals_picked_or_put_first() -> None:
    text = "눈 오면 휴장하는데 그걸 제때 알려주는 게 젤 중요해요"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.FRESHNESS
    assert rules("최신성으로 할게요", FactName.TOP_GOAL).facts.top_goal is Goal.FRESHNESS
    text = "최신성은 우리 업무랑은 별 상관이 없어요. 정확성이 중요하죠"
    assert Goal.FRESHNESS not in (rules(text, FactName.TOP_GOAL).facts.goals or ())
    # "상관없이" is "regardless of", which takes nothing back.
    text = "안내문 양식이랑 톤은 지점 상관없이 늘 같아야 해요"
    assert Goal.CONSISTENCY in (rules(text).facts.goals or ())


def test_korean_data_and_documents() -> None:
    text = "제가 전부 직접 쓴 거라 틀린 건 없고 가끔 다시 보고 고쳐 뒀어요"
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH
    text = "직원마다 말투가 다르고 오타도 많아서 그대로 쓰긴 좀.."
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    text = "답장 원본은 있는데 손님 질문은 안 적어놔서 짝으로 된 건 없어요"
    facts = rules(text, FactName.DATA_AMOUNT).facts
    assert facts.data_amount is DataAmount.NONE and facts.volume is None
    text = "작업 일지는 예전엔 해마다 고쳤는데 요즘은 8년째 안 고쳤어요"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY
    for text in (
        "참고문서 같은 건 없지 그냥 손님 얘기 듣고 쓰는 거",
        "SDS는 아니고 MSDS는 매주 새로 늘어나요",
    ):
        assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is not None, text
    assert rules("업무가 달마다 바뀜", FactName.CHANGE_RATE).facts.change_rate is ChangeRate.OFTEN
