"""What the round on dev100 taught the reader: "I don't agree" sets a boss's view aside; "hard
to choose … both are important" puts no goal first; "it comes in waves" is traffic of some
seasons; a count followed by "패턴이 거의 같아요" or "똑같은 말만 물어요" is the same request
over and over; "많은 건지 적은 건지 판단이 안 섭니다" and "많다기보다는 몰리는 거죠" leave the
amount undecided; "계속 같아요" is no change; a format that differs for each client is no
consistency goal, and "양식을 새로 맞추고 있습니다" adapts rather than keeps one; "요지부동"
is unchanged; a year with "onward" after it is no count."""

from __future__ import annotations

from bot.core.facts import ChangeRate, DocsChange, FactName, Goal, Volume
from testkit.reading import rules


def test_a_boss_s_view_the_user_disagrees_with_is_set_aside() -> None:
    said = (
        "My boss says tone matters most. I don't agree, the prices must be correct. That is first."
    )
    ex = rules(said, FactName.TOP_GOAL)
    assert ex.facts.top_goal is Goal.ACCURACY


def test_hard_to_choose_puts_no_goal_first() -> None:
    said = (
        "It is difficult to choose. Correct opening hours are very important, and the tone "
        "must always be the same. Both are important for us."
    )
    assert rules(said, FactName.TOP_GOAL).facts.top_goal is None


def test_traffic_that_comes_in_waves_is_asked_about() -> None:
    said = "It comes in waves. Around exams it is crazy, maybe 300 emails a day."
    assert rules(said, FactName.VOLUME).facts.volume is None


def test_a_count_of_the_same_request_over_and_over_is_high() -> None:
    for said in (
        "문의가 하루 120건 안팎이고 패턴이 거의 같아요.",
        "하루 오십 통은 와요. 거의 똑같은 말만 물어요.",
    ):
        assert rules(said, FactName.VOLUME).facts.volume is Volume.HIGH, said


def test_a_count_the_user_cannot_weigh_is_asked_about() -> None:
    for said in (
        "하루 90통 정도인데 이게 많은 건지 적은 건지는 판단이 잘 안 섭니다.",
        "명절 전엔 하루 서른 건 넘게 오는데 많다기보다는 몰리는 거죠.",
    ):
        assert rules(said, FactName.VOLUME).facts.volume is None, said


def test_work_that_stays_the_same_is_rarely_changed() -> None:
    said = "하는 일은 계속 같아요. 바뀔 게 없습니다."
    assert rules(said, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.RARELY


def test_a_format_that_differs_by_client_is_no_consistency_goal() -> None:
    said = "자주 바뀝니다. 고객사마다 요구하는 양식이 달라서 매번 양식을 새로 맞추고 있어요."
    ex = rules(said, FactName.CHANGE_RATE)
    assert not ex.facts.goals and ex.facts.change_rate is ChangeRate.OFTEN


def test_documents_that_do_not_budge_change_rarely() -> None:
    said = "참고할 문서는 요금 규정 하나인데 5년째 요지부동입니다."
    assert rules(said, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_a_year_followed_by_onward_is_no_count() -> None:
    said = "We hold about 5,000 replies, and roughly 3,000 of them (2018 onward) are usable."
    assert rules(said, FactName.DATA_AMOUNT).facts.data_examples == 3000
