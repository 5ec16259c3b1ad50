"""What the round on dev101 taught the reader: "couldn't rightly say if that's a lot" leaves the
count undecided; "I wouldn't be so sure" sets someone else's count aside; the same questions
"all the time" are no change; "last year it changed three times" is often; a season when
business "dries up" or "explodes" is traffic of one season; "다 같은 형식" after a count is the
same request over and over; records mixed in "그대로" say nothing of how often documents
change; "legal에서 학습엔 절대 쓰지 말라고 했어요" leaves no training data."""

from __future__ import annotations

from bot.core.facts import ChangeRate, DataAmount, DocsChange, FactName, Volume
from bot.llm.reader import extract_facts
from testkit.reading import rules


def test_a_count_the_user_cannot_call_is_asked_about() -> None:
    said = "Maybe sixty emails a day."
    assert extract_facts(said, FactName.VOLUME).facts.volume is Volume.LOW
    said = "Couldn't rightly say if that's a lot or not. Maybe sixty emails a day."
    assert extract_facts(said, FactName.VOLUME).facts.volume is None


def test_a_count_someone_else_gives_and_the_user_doubts_states_nothing() -> None:
    said = "My partner says we've thousands of replies saved. I wouldn't be so sure."
    assert rules(said, FactName.DATA_AMOUNT).facts.data_amount is None


def test_the_same_questions_all_the_time_are_no_change() -> None:
    said = "The requests are the same ones all the time. Only the prices move."
    assert rules(said, FactName.CHANGE_RATE).facts.change_rate is not ChangeRate.OFTEN


def test_documents_changed_three_times_last_year_change_often() -> None:
    said = (
        "The fee rules don't change often, but the guidance page does. "
        "Last year it changed four times."
    )
    assert rules(said, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN


def test_traffic_of_one_season_in_korean_is_asked_about() -> None:
    for said in (
        "가을엔 하루 스무 건 넘게 오는데 겨울엔 발길이 뚝 끊깁니다.",
        "평소엔 하루 열 건 정도예요. 봄에 문의가 폭발하거든요.",
    ):
        assert rules(said, FactName.VOLUME).facts.volume is None, said


def test_a_count_of_one_format_over_and_over_is_high() -> None:
    said = "접수가 하루 150건 안팎이에요."
    assert rules(said, FactName.VOLUME).facts.volume is Volume.LOW
    said = "접수가 하루 150건 안팎이고 다 같은 형식이에요."
    assert rules(said, FactName.VOLUME).facts.volume is Volume.HIGH


def test_records_mixed_in_as_they_were_say_nothing_of_how_often_documents_change() -> None:
    said = "담당자 바뀔 때마다 쓰는 방식이 달랐고, 규정 바뀌기 전 답변도 그대로 섞여 있어요."
    assert rules(said, FactName.DATA_QUALITY).facts.docs_change is None


def test_records_legal_forbids_training_on_are_no_data() -> None:
    said = "상담 로그가 5천 건 넘게 있어요. 근데 legal에서 학습엔 절대 쓰지 말라고 했어요."
    assert rules(said, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE
