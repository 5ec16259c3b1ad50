"""Wording from a round on dev19: a quality said to be "all over" (without "the place") is
uneven; "all over" of anything else says nothing of the data."""

from __future__ import annotations

import pytest

from bot.core.facts import Quality
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
