"""The rule reader on wording from people outside software: a correction closing the clause it
takes back, a wish conceded before "but not urgent", a time named with a hedge as the answer to
"when", questions listed for one verb ("얼마 드는지, 몇 초 걸리는지 안 재봤어요"), a "so yes"
closing a longer answer, a denial of the model's cost in the clause after the business's own,
and what the user said before, now taken back.

These read with the rules alone, so that what the rules do is what is tested.
"""

from __future__ import annotations

import pytest

from bot.core.facts import DocsChange, FactName, Goal, PromptingStatus, Urgency, Volume
from bot.core.facts import FactName as F
from testkit.reading import goals, rules

# --- Korean ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # A correction closing a clause takes that clause back; one opening a clause still
        # corrects the clause before it.
        (
            "톤 맞추는 게 제일 중요하… 아 아니다, 정확성이 제일이에요",
            F.TOP_GOAL,
            "top_goal",
            Goal.ACCURACY,
        ),
        ("문서는 매주 바뀌어요. 아니다, 매달 바뀌어요", None, "docs_change", DocsChange.OFTEN),
        # A wish conceded is not a deadline; a wish alone still is.
        ("빨리 나오면 좋겠지만 꼭 급한 건 아니에요", None, "urgency", Urgency.NORMAL),
        ("다음 주까지 되면 좋겠어요", None, "urgency", Urgency.FAST),
        # Questions listed for one verb are read together.
        (
            "한 건에 얼마 드는지, 답이 몇 초 걸리는지 그런 건 따로 안 봐요",
            None,
            "cost_tracked",
            False,
        ),
        # Documents not needed, with words between; citing them not needed is something else.
        ("매뉴얼 같은 건 따로 참고할 필요는 없을 것 같아요", None, "docs_change", DocsChange.NONE),
        (
            "문서는 매주 바뀌는데 출처 같은 건 따로 붙일 필요는 없어요",
            None,
            "docs_change",
            DocsChange.OFTEN,
        ),
        (
            "지시문을 몇 번 바꿔 봤어요. 더는 안 나아지더라고요",
            F.PROMPTING,
            "prompting",
            PromptingStatus.CEILING,
        ),
        ("잘은 모르겠는데 안 해본 것 같아요", F.PROMPTING, "prompting", PromptingStatus.NOT_TRIED),
        (
            "제가 챗GPT에 규정 붙여넣고 물어봤는데 꽤 잘 하던데요",
            F.PROMPTING,
            "prompting",
            PromptingStatus.WORKING,
        ),
        ("그런 게 있을 리가요 ㅋㅋ", F.EVAL_SET, "eval_set", False),
        ("그럴 리가요", F.EVAL_SET, "eval_set", False),
        ("정확한 게 1번이에요. 말투는 그다음이고요", None, "top_goal", Goal.ACCURACY),
        ("고객들이 맨날 똑같은 거 물어봐요", None, "volume", Volume.HIGH),
    ],
)
def test_korean_wording(text: str, pending: FactName | None, fact: str, value: object) -> None:
    assert getattr(rules(text, pending).facts, fact) is value


@pytest.mark.parametrize("text", ["내년 초쯤?", "글쎄요, 내년 가을 정도?"])
def test_a_time_named_with_a_hedge_answers_when(text: str) -> None:
    ex = rules(text, F.URGENCY)
    assert ex.facts.urgency is Urgency.NORMAL
    assert not ex.side_question


def test_a_real_question_about_time_stays_a_question() -> None:
    assert rules("언제쯤 시작하면 될까요?", F.URGENCY).facts.urgency is None


def test_a_hedge_without_a_time_still_asks() -> None:
    # "있을 정도?" names no time: it asks back, it does not answer how much data there is.
    ex = rules("데이터가 충분히 있을 정도?", F.DATA_AMOUNT)
    assert ex.side_question
    assert ex.facts.data_amount is None


def test_other_commas_still_cut_clauses() -> None:
    ex = rules("규정은 매주 바뀌어요, 데이터는 없어요")
    assert ex.facts.docs_change is DocsChange.OFTEN
    assert ex.facts.data_amount is not None


def test_unless_reflected_it_is_useless() -> None:
    assert Goal.FRESHNESS in goals("행사 일정이 자주 바뀌어요. 그게 반영 안 되면 소용없어요")


# --- English ---------------------------------------------------------------------------------


def test_rewording_by_someone_else_that_kept_failing_is_a_ceiling() -> None:
    text = "My colleague tried it. No matter how he rephrased the prompt it kept dropping totals"
    assert rules(text, F.PROMPTING).facts.prompting is PromptingStatus.CEILING


@pytest.mark.parametrize(
    ("text", "volume"),
    [
        ("members ask us the same questions every month", None),
        ("they're basically all the same kind, hundreds of them", Volume.HIGH),
    ],
)
def test_repetition_and_traffic(text: str, volume: Volume | None) -> None:
    assert rules(text).facts.volume is volume


def test_the_business_cost_is_not_the_model_cost() -> None:
    text = "we track cost per shipment and delivery time, not per AI request since there is none"
    assert rules(text).facts.cost_tracked is None


def test_the_model_cost_tracked_is_still_read() -> None:
    assert rules("we track the cost per request on a dashboard").facts.cost_tracked is True


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("There's a folder of signed-off samples we compare new drafts against. So yes", True),
        ("Not that I know of", False),
        ("huh? no, definitely not", False),
    ],
)
def test_answers_about_an_eval_set(text: str, value: bool) -> None:
    assert rules(text, F.EVAL_SET).facts.eval_set is value


def test_what_the_user_said_before_is_taken_back() -> None:
    text = "I said it wasn't urgent earlier but the launch moved up, so it's urgent now"
    assert rules(text).facts.urgency is Urgency.FAST


def test_as_i_said_before_still_states() -> None:
    assert rules("as I said before, there is no rush").facts.urgency is Urgency.NORMAL


@pytest.mark.parametrize(
    ("text", "pending", "expected"),
    [
        ("sometime next year", F.URGENCY, Urgency.NORMAL),
        ("Q2 works for us", F.URGENCY, Urgency.NORMAL),
        ("not tried it yet", F.PROMPTING, PromptingStatus.NOT_TRIED),
    ],
)
def test_terse_english_answers(text: str, pending: FactName, expected: object) -> None:
    facts = rules(text, pending).facts
    assert getattr(facts, pending.value) is expected
