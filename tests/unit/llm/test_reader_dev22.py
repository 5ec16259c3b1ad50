"""Wording from a round on dev22: asked how often documents change, "like 2-3 a week" says how
often, not how much traffic; a prompt that is fine but "drifts back no matter how I tweak it"
is at its ceiling; "양은 꽤 됩니다" after a count calls it a lot; "1순위라기보단" puts no goal
first; "통일이 제일 급해요" ranks a goal, it sets no deadline; "정확도... 아니다 말투요" takes the
first goal back; of two sets of documents, the one that changes often is what counts."""

from __future__ import annotations

import pytest

from bot.core.facts import DocsChange, FactName, Goal, PromptingStatus, Urgency, Volume
from testkit.reading import rules


@pytest.mark.parametrize(
    "text",
    [
        "head office sends out safety notices constantly, maybe 3-4 a week",
        "the menu gets reworked all the time, like twice a week",
    ],
)
def test_a_count_per_week_to_how_often_documents_change_is_no_traffic(text: str) -> None:
    got = rules(text, FactName.DOCS_CHANGE)
    assert got.facts.volume is None
    assert got.facts.docs_change is DocsChange.OFTEN


def test_a_count_of_requests_per_week_is_traffic_whatever_was_asked() -> None:
    got = rules("we get 3000 requests a week, and the manuals change monthly", FactName.DOCS_CHANGE)
    assert got.facts.volume is not None


@pytest.mark.parametrize(
    "text",
    [
        "it's fine for a few days, then drifts back to the bland default no matter how I tweak it",
        "voice is ok-ish but it keeps slipping out of character, no matter what we add",
    ],
)
def test_a_prompt_that_slides_back_whatever_is_changed_is_at_its_ceiling(text: str) -> None:
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING


def test_a_prompt_that_works_is_still_working() -> None:
    got = rules("it's fine honestly, does what we need", FactName.PROMPTING)
    assert got.facts.prompting is PromptingStatus.WORKING


def test_asked_about_traffic_a_count_then_called_a_lot_in_korean_is_heavy() -> None:
    text = "주에 300건 정도 들어오는데 건마다 서류가 두꺼워서 양은 꽤 됩니다"
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH
    assert rules("주에 300건 정도 들어와요", FactName.VOLUME).facts.volume is Volume.LOW


@pytest.mark.parametrize(
    "text",
    [
        "딱히 1순위라기보단 저희 가게 말투가 매번 똑같이 나왔으면 해요",
        "no single top priority really, but the replies should sound the same every time",
    ],
)
def test_goals_none_put_first_set_no_top_goal(text: str) -> None:
    got = rules(text, FactName.TOP_GOAL)
    assert got.facts.top_goal is None
    assert Goal.CONSISTENCY in set(got.facts.goals or ())


def test_all_of_them_none_first_is_still_every_goal() -> None:
    got = rules("all three, can't pick one", FactName.TOP_GOAL)
    assert got.facts.top_goal is None
    assert set(got.facts.goals or ()) == {Goal.ACCURACY, Goal.CONSISTENCY, Goal.FRESHNESS}


def test_a_goal_said_to_be_most_pressing_sets_no_deadline() -> None:
    got = rules("용어가 사람마다 달라서 그걸 통일하는 게 제일 급해요")
    assert got.facts.urgency is None
    assert rules("다음 주 데모라 급해요").facts.urgency is Urgency.FAST


def test_a_goal_taken_back_mid_sentence_is_no_goal() -> None:
    got = rules("정확도... 아니다 톤 통일이요. 답글이 매번 같은 느낌이어야 해서", FactName.TOP_GOAL)
    assert set(got.facts.goals or ()) == {Goal.CONSISTENCY}
    assert got.facts.top_goal is Goal.CONSISTENCY


def test_of_two_sets_of_documents_the_one_that_changes_often_counts() -> None:
    text = "회원 약관은 거의 안 바뀌는데 수업 시간표는 매주 바뀌어요"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    text = "회원 약관은 거의 안 바뀌어요"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_this_quarter_and_next_is_a_plan_not_a_deadline() -> None:
    text = "이번 분기는 약관 문의, 다음 분기는 해지 상담 스크립트까지 할 거예요"
    assert rules(text).facts.urgency is None
    assert rules("다음 분기에 오픈이라 급하진 않아요").facts.urgency is Urgency.NORMAL


@pytest.mark.parametrize(
    "text", ["답변 말투가 매번 똑같이 나왔으면 해요", "답변 말투가 매번 똑같이 나왔으면 싶어요"]
)
def test_a_wish_with_myeon_is_no_hypothetical(text: str) -> None:
    assert Goal.CONSISTENCY in set(rules(text).facts.goals or ())


def test_a_condition_with_myeon_is_still_a_hypothetical() -> None:
    assert rules("답변 말투가 매번 똑같이 나왔으면, 그때 다시 볼게요").facts.goals is None


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        ("솔직히 나쁘지 않았어요, 말투만 좀 어색하고", FactName.PROMPTING, "prompting", "working"),
        ("아직 안 해봄 ㅎㅎ", FactName.PROMPTING, "prompting", "not_tried"),
        ("whenever really, doesn't matter", FactName.URGENCY, "urgency", "normal"),
        ("Massive. a few million lines a year", FactName.VOLUME, "volume", "high"),
        ("it's the same job every season", FactName.CHANGE_RATE, "change_rate", "rarely"),
        ("hit or miss, depends who typed it up", FactName.DATA_QUALITY, "data_quality", "low"),
        ("lol no, we just pay the invoice", FactName.COST_TRACKED, "cost_tracked", False),
    ],
)
def test_plain_replies_answer_the_question_just_asked(
    text: str, pending: FactName, fact: str, value: object
) -> None:
    got = getattr(rules(text, pending).facts, fact)
    assert (got.value if hasattr(got, "value") else got) == value


@pytest.mark.parametrize(
    ("text", "pending", "fact"),
    [
        ("whenever we get a deadline it's usually tight", FactName.URGENCY, "urgency"),
        ("the same thing every time would be nice", FactName.CHANGE_RATE, "change_rate"),
    ],
)
def test_the_same_words_inside_another_statement_do_not_answer(
    text: str, pending: FactName, fact: str
) -> None:
    got = getattr(rules(text, pending).facts, fact)
    assert got is None or got.value != {"urgency": "normal", "change_rate": "rarely"}[fact]
