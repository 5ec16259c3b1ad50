"""Wording from a round on dev73: vague hundreds, "that's all" after a goal, the usable part of
records, records that may not leave the building, traffic of one season, kinds counted, weeks
listed, card news, and a few ways of calling data good or poor."""

from __future__ import annotations

from bot.core.facts import (
    DataAmount,
    FactName,
    Goal,
    PromptingStatus,
    Quality,
    Volume,
)
from testkit.reading import rules


def test_a_vague_hundreds_holds_no_count_of_its_own() -> None:
    ex = rules("답장한 메일이 몇 백 건 정도 될 거예요.", FactName.DATA_AMOUNT)
    assert ex.facts.data_examples is None
    assert ex.facts.data_amount is DataAmount.SOME


def test_that_is_all_points_back_to_the_goal_just_named() -> None:
    facts = rules("가격 정확. 그게 전부예요.", FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.ACCURACY
    assert set(facts.goals or ()) == {Goal.ACCURACY}
    # Said alone, "전부" is still every goal, none above the others.
    every = rules("전부 중요해요", FactName.TOP_GOAL).facts
    assert set(every.goals or ()) == set(Goal)
    assert every.top_goal is None


def test_a_template_followed_well_is_how_prompting_went_not_a_goal() -> None:
    ex = rules("몇 명이 써 보는 중인데 양식은 꽤 잘 맞춰요. 지금은 쓸 만해요.", FactName.PROMPTING)
    assert ex.facts.prompting is PromptingStatus.WORKING
    assert not ex.facts.goals
    # A template that must be followed is still a wish for consistency.
    assert rules("양식은 잘 맞춰야 해요").facts.goals == frozenset({Goal.CONSISTENCY})


def test_nothing_anyone_would_call_high_is_low() -> None:
    text = "Nowt you'd call busy, to be honest. Five or so a week."
    assert rules(text, FactName.VOLUME).facts.volume is Volume.LOW


def test_traffic_of_one_window_and_next_to_nothing_otherwise_is_not_applied() -> None:
    en = (
        "In the renewal window it's thousands of calls a day. "
        "For the other ten months it's close to nil."
    )
    assert rules(en, FactName.VOLUME).facts.volume is None
    ko = "3월부터 5월까지는 하루 이천 건이 넘어요. 그 외 기간에는 거의 없어요."
    assert rules(ko, FactName.VOLUME).facts.volume is None


def test_the_usable_part_after_but_is_what_there_is() -> None:
    ko = "주고받은 문의가 한 이천 개? 근데 답이 제대로 달린 건 천이백 개쯤이요."
    assert rules(ko, FactName.DATA_AMOUNT).facts.data_examples == 1200
    ko = "상담 메일 삼천 건쯤? 근데 절반은 스팸이라 쓸 건 천오백 개 정도"
    assert rules(ko, FactName.DATA_AMOUNT).facts.data_examples == 1500
    en = (
        "Around 30k tickets with notes, but the notes aren't answers. "
        "Real pairs maybe a few hundred only."
    )
    ex = rules(en, FactName.DATA_AMOUNT)
    assert ex.facts.data_examples is None
    assert ex.facts.data_amount is DataAmount.SOME


def test_excluding_part_then_a_bare_count_is_the_usable_part() -> None:
    ko = "답변이 4만 건 정도 있어요. 그중 폐지된 제도 답변을 빼면 만 건쯤이요."
    assert rules(ko, FactName.DATA_AMOUNT).facts.data_examples == 10000


def test_records_that_may_not_leave_are_no_data() -> None:
    ko = "보고서가 4,000건 넘게 있긴 한데, 거래처 기밀이라 legal에서 training에는 못 쓴대요."
    assert rules(ko, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE
    ko = "회신 기록이 한 2천 건 있을낀데, 개인정보 때문에 그거 밖으로 못 뺍니더."
    facts = rules(ko, FactName.DATA_AMOUNT).facts
    assert facts.data_amount is DataAmount.NONE
    assert facts.data_examples is None


def test_the_same_few_replies_count_kinds_not_examples() -> None:
    text = "Plenty. 300-odd forms a week and it's the same two or three replies really."
    ex = rules(text, FactName.VOLUME)
    assert ex.facts.data_examples is None
    assert ex.facts.data_amount is None


def test_weeks_listed_one_by_one_are_no_deadline() -> None:
    ko = "매번 달라요. 이번 주는 체육대회, 다음 주는 한파 안내, 그다음은 청년 행사 홍보…"
    assert rules(ko, FactName.CHANGE_RATE).facts.urgency is None
    assert rules("이번 주까지는 꼭 필요해요").facts.urgency == "fast"
    assert rules("이번 주는 급해요").facts.urgency == "fast"


def test_card_news_is_a_format_not_news() -> None:
    assert rules("카드뉴스로 계속 바뀌어요").facts.docs_change is None
    assert rules("뉴스는 매주 새로 바뀌어요").facts.docs_change == "often"


def test_the_same_answer_every_time_said_without_a_verb_is_consistency() -> None:
    for text in ("Same answer every time.", "Same reply to the same question, always."):
        facts = rules(text, FactName.TOP_GOAL).facts
        assert facts.top_goal is Goal.CONSISTENCY, text


def test_fiddling_with_the_prompt_and_getting_the_same_is_a_ceiling() -> None:
    ko = "톤 가이드 붙여서 쓰는데 두 달째 프롬프트 만져도 거기서 거기예요."
    assert rules(ko, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING


def test_ways_of_calling_the_data_poor_or_good() -> None:
    ko = "담당자가 몇 번 바뀌어서 톤이 다 달라요. 예전 건 은어 범벅이고요."
    assert rules(ko, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    en = "She writes long ones, I write two words. All over the shop."
    assert rules(en, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    en = "we both paste from the same macros so pretty samey. checked a bunch, mostly spot on"
    assert rules(en, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH
