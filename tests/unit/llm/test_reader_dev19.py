"""Wording from a round on dev19: cost not worked out ("따로 계산 안 해요", "nobodys tracking
cost") is not tracked; so many "씩" a day is traffic however it piles up; a quality
said to be "all over" (without "the place") is uneven, and "all over" of anything else says
nothing of the data."""

from __future__ import annotations

import pytest

from bot.core.facts import ChangeRate, Quality, Volume
from testkit.reading import rules


@pytest.mark.parametrize(
    "text",
    [
        "we've got ~5k old replies from the front desk but the tone is all over tbh",
        "about 3k tickets with answers, quality's all over though",
        "2,000 labelled examples. formatting is all over, lol",
    ],
)
def test_quality_all_over_is_low(text: str) -> None:
    assert rules(text).facts.data_quality is Quality.LOW


@pytest.mark.parametrize(
    "text",
    [
        "we've got ~5k old replies and they're used all over the company",
        "our customers are all over the world, 3k tickets a month",
    ],
)
def test_all_over_elsewhere_says_nothing_of_quality(text: str) -> None:
    assert rules(text).facts.data_quality is None


@pytest.mark.parametrize(
    "text",
    ["매일 문의 메일이 수백 건씩 쌓여요", "하루에 클레임이 300건씩 쌓여서 못 따라가요"],
)
def test_so_many_each_day_piling_up_is_traffic(text: str) -> None:
    facts = rules(text).facts
    assert facts.volume is Volume.HIGH
    assert facts.data_examples is None and facts.data_amount is None


def test_records_piled_up_over_years_are_still_data() -> None:
    facts = rules("지난 5년간 상담 기록이 3만 건 쌓여 있어요").facts
    assert facts.data_examples == 30000
    assert facts.volume is None


@pytest.mark.parametrize(
    "text", ["요구사항이 아직 고정돼 있질 않아요", "분류 기준이 정해져 있지 않아요"]
)
def test_a_use_case_said_not_to_be_settled_is_not_rarely_changed(text: str) -> None:
    assert rules(text).facts.change_rate is not ChangeRate.RARELY


@pytest.mark.parametrize("text", ["분류 기준은 정해져 있어요", "양식은 고정돼 있어요"])
def test_a_settled_use_case_still_changes_rarely(text: str) -> None:
    assert rules(text).facts.change_rate is ChangeRate.RARELY


@pytest.mark.parametrize(
    ("text", "tracked"),
    [
        ("건당 비용 같은 건 따로 계산 안 해요", False),
        ("요청당 비용은 매달 계산해요", True),
        ("and nobodys tracking cost, we just pay the bill", False),
        ("no one is tracking cost per request yet", False),
    ],
)
def test_cost_worked_out_or_not(text: str, tracked: bool) -> None:
    assert rules(text).facts.cost_tracked is tracked
