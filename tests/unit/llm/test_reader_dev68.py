"""Wording from a short round on dev68: traffic heavy in one season only, "nothing urgent" in
dialect, "not few", goals the user cannot rank, and "1:1" as no count."""

from __future__ import annotations

from bot.core.facts import FactName, Urgency, Volume
from testkit.reading import rules


def test_traffic_of_one_season_is_asked_not_applied() -> None:
    assert rules("방학 때만 폭주하고 평소엔 조용해요.", FactName.VOLUME).facts.volume is None
    text = "Depends. In a renewal year we get thousands a week, the rest of the time its quiet."
    read = rules(text, FactName.VOLUME)
    assert read.facts.volume is None
    assert [r.sure for r in read.readings if r.fact is FactName.VOLUME] == [False]
    # A reply that opens by calling it still says it.
    assert rules("Low. A handful a day, hardly any in winter.", FactName.VOLUME).facts.volume is (
        Volume.LOW
    )


def test_not_few_is_many() -> None:
    ko = "단풍철엔 엄청나고 평소에도 적지 않아요."
    assert rules(ko, FactName.VOLUME).facts.volume is Volume.HIGH


def test_nothing_urgent_in_dialect() -> None:
    ko = "급할 거 하나도 없어예. 바늘 잡은 지 사십 년인데 뭐가 급하겠십니꺼."
    assert rules(ko, FactName.URGENCY).facts.urgency is Urgency.NORMAL


def test_goals_the_user_cannot_rank() -> None:
    text = "Accuracy. But they must read as one company, and I can't put one above the other."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is None


def test_one_to_one_is_no_count() -> None:
    ko = "예약 시스템 1:1 문의 답변이 수만 건은 될 거예요."
    assert rules(ko, FactName.DATA_AMOUNT).facts.data_examples is None
