"""Korean messages that name their records in English ("copy는 한 3천 개", "sample이 500개"):
the count is of examples to learn from, as it is with the Korean word; an English sentence is
read by the English rules alone."""

from __future__ import annotations

import pytest

from bot.core.facts import DataAmount, Quality
from testkit.reading import rules


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("예전 상품 copy는 한 3천 개?", 3000),
        ("log는 한 2만 건 되는데 반은 쓰레기예요", 20000),
    ],
)
def test_english_record_nouns_in_korean_count_as_examples(text: str, count: int) -> None:
    assert rules(text).facts.data_examples == count


def test_their_quality_is_read_beside_them() -> None:
    facts = rules("기존 광고 copy는 2천 개쯤? 근데 작가별로 퀄 차이가 커요").facts
    assert facts.data_examples == 2000
    assert facts.data_quality is Quality.LOW
    assert rules("log는 한 2만 건 되는데 반은 쓰레기예요").facts.data_quality is Quality.LOW


def test_an_english_word_not_followed_by_korean_is_left_to_the_english_rules() -> None:
    # The Korean classes do not take the English noun: "no training data" still reads "none".
    facts = rules("there's no training data, it's just decades of articles").facts
    assert facts.data_amount is DataAmount.NONE
    # A Korean sentence that only mentions reports it will write states no count of examples.
    assert rules("매주 report 3개를 자동으로 쓰고 싶어요").facts.data_examples is None
