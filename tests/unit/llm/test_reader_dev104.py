"""What the round on dev104 taught the reader: a view the user denies stays set aside for the
second opinion too; "is not a requirement" and Scots "no really an issue" negate a goal; "I am
not so sure" after someone's claim sets it aside; "I read somewhere …" is reported; a deadline
"in ten days" or "ten business days from today" is near; a reply that cannot call its traffic, or
knows only its busy season, leaves it open; a guessed count the user then calls "많은 편" is
high; "둘 다 중요해요" is no "all"; "큰일나요" asks nothing; "틀리게 말하면" is a condition; a
casual "… 바뀜" ends a sentence; "Tell a lie, …" corrects a count."""

from __future__ import annotations

from bot.core.facts import DocsChange, FactName, Goal, Urgency, Volume
from bot.llm.reader import extract_facts
from bot.llm.reader.read import read
from testkit.reading import goals, rules


def test_a_denied_view_is_not_read_back_by_the_second_opinion() -> None:
    said = "Our director says it has to be live by next Monday. Honestly that's not realistic."
    _, trace = read(said, FactName.URGENCY)
    assert (FactName.URGENCY, Urgency.FAST.value) in trace.declined
    both = extract_facts(said, FactName.URGENCY)
    assert all(r.value != Urgency.FAST.value for r in both.readings if r.fact is FactName.URGENCY)


def test_goals_said_not_to_matter_are_no_goals() -> None:
    assert Goal.CONSISTENCY not in goals("Consistency of wording is not a requirement for us.")
    said = "tone's no really an issue, it's the prices that have to be right"
    assert goals(said) == {Goal.ACCURACY}


def test_doubting_someone_elses_claim_sets_it_aside() -> None:
    said = "My partner tried ChatGPT, she says it works fine. I am not so sure, it got one wrong."
    assert rules(said, FactName.PROMPTING).facts.prompting is None


def test_what_the_user_read_somewhere_is_reported() -> None:
    said = "Which is cheaper to run? I heard online fine-tuned models always stay on brand."
    ex = rules(said)
    assert ex.side_question
    assert ex.facts.goals is None


def test_a_deadline_days_away_is_near() -> None:
    for said in (
        "The board wants a demo before the audit, that's in nine days.",
        "We promised a first version for the 3rd, eight working days from today.",
    ):
        assert rules(said).facts.urgency is Urgency.FAST, said


def test_traffic_the_user_cannot_call_is_left_open() -> None:
    for said in (
        "연말 정산 때는 엄청 많아요. 다른 달은... 잘 모르겠네요.",
        "마감 주간엔 폭주하는데 다른 때는 음 많다 적다 말하기 애매합니다",
        "지점 열두 곳에서 하루 몇 번씩 전화 올 텐데 그게 많은 건지는 감이 안 와요",
    ):
        assert rules(said, FactName.VOLUME).facts.volume is None, said
    # A count with a rising tone, then a word for it that still wonders: nothing applied.
    said = "성수기엔 하루 서른 개, 비수기엔 주에 두세 개? 이걸 많다고 해야 할지 모르겠네요"
    assert rules(said, FactName.VOLUME).facts.volume is None


def test_a_guessed_count_the_user_then_calls_a_lot_is_high() -> None:
    said = "평일엔 하루 스무 개, 월말엔 그 세 배쯤? 둘이 보기엔 많은 편이에요"
    assert rules(said, FactName.VOLUME).facts.volume is Volume.HIGH


def test_both_goals_named_are_not_all_three() -> None:
    said = "틀린 안내는 안 돼요. 그리고 배차 시간이 지금 거랑 맞아야 돼요. 둘 다 중요해요."
    assert Goal.CONSISTENCY not in (rules(said, FactName.TOP_GOAL).facts.goals or ())


def test_saying_it_wrong_is_a_condition_and_trouble_asks_nothing() -> None:
    said = "환불 규정 틀리게 말하면 큰일나요. 그게 1순위예요"
    ex = rules(said, FactName.TOP_GOAL)
    assert not ex.side_question
    assert ex.facts.goals == frozenset({Goal.ACCURACY})
    assert ex.facts.top_goal is Goal.ACCURACY


def test_a_casual_change_ending_closes_its_sentence() -> None:
    said = "요금표 거의 매주 바뀜 노선 새로 생기면 하루에도 두세 번"
    assert rules(said, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN


def test_tell_a_lie_corrects_the_count() -> None:
    said = "We have about 8,000 answered emails. Tell a lie, it's 5,000, the rest are auto-replies."
    assert rules(said, FactName.DATA_AMOUNT).facts.data_examples == 5000
