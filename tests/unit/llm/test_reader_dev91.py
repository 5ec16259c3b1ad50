"""What the round on dev91 taught the reader: "a fresh quiz" that is a new one, a "show" that
is an event, a reply that comes later, questions counted by language, records
of which only some are left, and stops typed without a space after them."""

from __future__ import annotations

from bot.core.facts import FactName, Goal, Volume
from testkit.reading import goals, rules


def test_a_count_is_judged_by_the_threshold_and_one_season_is_asked() -> None:
    assert rules("월 2천 통 정도 나가요.", FactName.VOLUME).facts.volume is Volume.LOW
    # One season's traffic stays a question, whatever the user calls it.
    said = "In summer about 300 a day, it's a lot. Rest of year hardly any."
    assert rules(said, FactName.VOLUME).facts.volume is None


def test_a_fresh_quiz_is_a_new_one_not_current_information() -> None:
    assert Goal.FRESHNESS not in goals("Every pub gets a fresh 8 round quiz every week.")
    assert Goal.FRESHNESS in goals("Answers have to be fresh, prices move daily.")


def test_a_show_is_an_event_not_showing_sources() -> None:
    said = "Each show has own FAQ page, we make a new one every week or two."
    assert rules(said, FactName.DOCS_CHANGE).facts.citations is None
    assert rules("It must show the source page for every answer.").facts.citations is True


def test_writing_back_later_is_no_timeline() -> None:
    said = "Sorry, a school group just arrived, I must go down, I write later."
    assert rules(said, FactName.URGENCY).facts.urgency is None


def test_questions_counted_by_language_are_not_traffic() -> None:
    said = "문의는 중국어가 제일 많고 영어도 와요. 한국어 문의는 거의 없어요."
    assert rules(said).facts.volume is None
    assert rules("문의는 거의 없어요").facts.volume is Volume.LOW


def test_only_this_years_records_are_left() -> None:
    said = "답장한 거 한 오백개? 아 근데 폰 바꿔서 없어진 거 많아요… 올해 거만 남았어요, 이백개쯤"
    assert rules(said, FactName.DATA_AMOUNT).facts.data_examples == 200


def test_stops_typed_without_a_space_still_end_the_sentence() -> None:
    said = "많지는 않아요..하루 열통 남짓??주말 앞두면 쪼금 더오고요"
    assert rules(said, FactName.VOLUME).facts.volume is Volume.LOW
