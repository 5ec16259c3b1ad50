"""What the round on dev98 taught the reader: traffic heavy in one season and light the rest of
the year ("체육대회 철엔 … 평소엔 하루 서너 건", "Mad in May and June …, otherwise a handful a
day") is asked about, not read from either count; "not super urgent" and "서두를 일 아닐세" are
no rush, and a boss's "보자 하는데" set against the user's own view states nothing; "we haven't
started it yet" and "nothing like that" are no eval set; "the same forever", "거기서 거기" and
"바뀔 일이 별로 없네" are a stable use case, "one or two new things per year" changes it
sometimes; "ㄱㅊ음" is prompting that works."""

from __future__ import annotations

from bot.core.facts import ChangeRate, FactName, PromptingStatus, Urgency
from testkit.reading import rules


def test_traffic_of_one_season_is_asked_about() -> None:
    for said in (
        "김장철엔 하루 서른 건도 오는데 평소엔 하루 두세 건이에요.",
        "졸업 시즌엔 주문이 몰리고 나머지 달은 한두 건이에요.",
        "평소엔 한 달에 몇 건 안 돼요. 근데 명절 앞두고 2주는 하루 스무 건씩 와요.",
        "Crazy in July and August with the tourists, otherwise a few a day.",
        "In winter we get hundreds a day. In summer almost nothing.",
    ):
        assert rules(said, FactName.VOLUME).facts.volume is None, said
    # Steady traffic named with a season in passing is still read.
    said = "We get about 200 calls a day, a bit more in winter."
    assert rules(said, FactName.VOLUME).facts.volume is not None


def test_not_super_urgent_is_no_rush() -> None:
    said = "The board wants a demo in spring, months away. So not super urgent, no."
    assert rules(said, FactName.URGENCY).facts.urgency is Urgency.NORMAL
    said = "대표님은 이번 주에 당장 해 보자 하는데 저는 생각이 달라요. 서두를 일 아니에요."
    assert rules(said, FactName.URGENCY).facts.urgency is Urgency.NORMAL


def test_an_eval_set_not_started_is_none() -> None:
    said = "Our manager wants a set of 40 questions with answers first. We haven't started it yet."
    assert rules(said, FactName.EVAL_SET).facts.eval_set is False
    said = "Thanks. No, there is nothing like that on file."
    assert rules(said, FactName.EVAL_SET).facts.eval_set is False


def test_ways_of_saying_the_use_case_holds_still_or_shifts_a_little() -> None:
    said = "What they ask? The same forever, honestly. Online booking was the last new thing."
    assert rules(said, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.RARELY
    said = "손님들 묻는 건 맨날 거기서 거기예요. 바뀔 일이 별로 없어요."
    assert rules(said, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.RARELY
    said = "Mostly the same, but one or two new kinds per year, when the law changes."
    assert rules(said, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.SOMETIMES


def test_gwenchana_in_initials_works() -> None:
    said = "ㅇㅇ 지피티로 공지 초안 뽑는 중인데 ㄱㅊ음"
    assert rules(said, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING
