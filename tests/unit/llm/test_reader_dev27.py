"""Wording from a round on dev27: a prompt that no amount of rewording fixed has hit its ceiling
("그 이상은 안 되더라구요" too); a short first sentence answers the question before the rest
says more; an offer ("I could pull 20 … if that'd help") states nothing; "not huge", "전화
불나요" weigh the traffic; a goal put first at the end of a clause ("정확도가 먼저") or after "if
I had to pick" is the top one; what something is said to cost "I couldn't care less about" is
no goal; a wish ("…되면 최고") is not a supposition."""

from __future__ import annotations

import pytest

from bot.core.facts import DocsChange, FactName, Goal, PromptingStatus, Urgency, Volume
from testkit.reading import rules


@pytest.mark.parametrize(
    "text",
    [
        "we tried a prompt with the handbook pasted in. fine at first, but it kept giving the "
        "old opening hours and no amount of rewording fixed it",
        "he tried prompting. decent in french, but the dutch stayed wooden whatever he changed",
        "프롬프트로 해봤는데 예시를 넣어도 그 이상은 안 되더라구요",
    ],
)
def test_a_prompt_past_which_nothing_helps_is_at_its_ceiling(text: str) -> None:
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING


def test_a_short_first_sentence_answers_before_the_rest_says_more() -> None:
    facts = rules("not tried yet. and no, we have no test set either", FactName.PROMPTING).facts
    assert facts.prompting is PromptingStatus.NOT_TRIED and facts.eval_set is False


def test_a_short_dont_know_is_no_answer() -> None:
    facts = rules("그건 아직 모르겠고요, 하루 문의는 많지 않아요", FactName.PROMPTING).facts
    assert facts.prompting is None


def test_an_offer_states_no_data() -> None:
    text = "no, nothing like that. I could dig up 30 old tickets with answers if that'd help"
    facts = rules(text, FactName.EVAL_SET).facts
    assert facts.eval_set is False
    assert facts.data_examples is None and facts.data_amount is None


@pytest.mark.parametrize(
    ("text", "pending", "volume"),
    [
        ("not huge honestly. a rush before each deadline, then quiet", FactName.VOLUME, Volume.LOW),
        ("it's a handful of reports a week, so not really", FactName.VOLUME, Volume.LOW),
        ("접수 기간엔 전화 불나요. 다 똑같은 질문이고요", FactName.VOLUME, Volume.HIGH),
        ("시즌엔 카톡 문의가 빗발쳐요", None, Volume.HIGH),
    ],
)
def test_the_users_word_for_their_traffic(
    text: str, pending: FactName | None, volume: Volume
) -> None:
    assert rules(text, pending).facts.volume is volume


@pytest.mark.parametrize(
    ("text", "top"),
    [
        ("정확도... 근데 최신성도 중요하고. 음 그래도 정확도가 먼저", Goal.ACCURACY),
        (
            "wrong prices are bad, stale hours are worse. if I had to pick: freshness",
            Goal.FRESHNESS,
        ),
    ],
)
def test_a_goal_put_first(text: str, top: Goal) -> None:
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is top
    assert Goal.ACCURACY in (facts.goals or ())


def test_what_they_could_not_care_less_about_is_no_goal() -> None:
    facts = rules("accuracy first, then freshness. tone i couldn't care less about").facts
    assert facts.goals == frozenset({Goal.ACCURACY, Goal.FRESHNESS})


def test_wrong_info_and_off_brand_wording_are_goals() -> None:
    facts = rules("wrong info is bad and off-brand replies are bad too").facts
    assert {Goal.ACCURACY, Goal.CONSISTENCY} <= (facts.goals or frozenset())


@pytest.mark.parametrize(
    ("text", "pending", "urgency"),
    [
        ("다음 주 토요일 행사 전에 되면 최고 ㅠㅠ", FactName.URGENCY, Urgency.FAST),
        (
            "our main supplier launches a new range next week and we want it live by then",
            None,
            Urgency.FAST,
        ),
    ],
)
def test_a_wished_deadline(text: str, pending: FactName | None, urgency: Urgency) -> None:
    assert rules(text, pending).facts.urgency is urgency


@pytest.mark.parametrize(
    ("text", "pending", "tracked"),
    [("비용은 월 청구서만 봐요, 요청당 얼마인지는 안 재봤어요", FactName.COST_TRACKED, False)],
)
def test_a_monthly_bill_is_not_cost_per_request(
    text: str, pending: FactName, tracked: bool
) -> None:
    assert rules(text, pending).facts.cost_tracked is tracked


@pytest.mark.parametrize(
    ("text", "docs"),
    [
        ("참고로 운영 매뉴얼은 매년 5월에 한 번 개정돼요", DocsChange.RARELY),
        ("the rate and promo sheets change every week or so", DocsChange.OFTEN),
    ],
)
def test_how_often_named_documents_change(text: str, docs: DocsChange) -> None:
    assert rules(text, None).facts.docs_change is docs


def test_a_spreadsheet_used_to_test_the_old_bot_is_an_eval_set() -> None:
    text = "yes, a sheet of 150 questions with right answers that we used to test the old bot"
    assert rules(text, FactName.EVAL_SET).facts.eval_set is True
