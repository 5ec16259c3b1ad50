"""What the round on dev103 taught the reader: costs that "were not recorded" are not tracked,
and neither are "미측정" ones; a count followed by "Super high" or a closing "High." is called
high by the user, while "I would not describe that as high" is not; "맨날 그기라" is the same
every day, not a change every day."""

from __future__ import annotations

from bot.core.facts import ChangeRate, FactName, Volume
from testkit.reading import rules


def test_costs_not_recorded_are_not_tracked() -> None:
    said = "Per-request costs were not recorded during the pilot."
    assert rules(said, FactName.COST_TRACKED).facts.cost_tracked is not True
    said = "- 요청당 비용: 미측정"
    assert rules(said, FactName.COST_TRACKED).facts.cost_tracked is False


def test_a_count_the_user_then_calls_high_is_high() -> None:
    for said in (
        "About 2,500 letters every month, all the same format. Super high.",
        "Corrections come daily, hundreds every week, the same few kinds. High.",
    ):
        assert rules(said, FactName.VOLUME).facts.volume is Volume.HIGH, said
    said = "Approximately 30 enquiries per week. I would not describe that as high."
    assert rules(said, FactName.VOLUME).facts.volume is Volume.LOW


def test_the_same_thing_every_day_is_no_change() -> None:
    said = "바뀔 기 뭐 있능교. 맨날 그기라."
    assert rules(said, FactName.CHANGE_RATE).facts.change_rate is not ChangeRate.OFTEN
