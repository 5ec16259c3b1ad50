"""What the round on dev92 taught the reader: "자주 바뀌진 않습니다" denies the change, "많다고
하긴 좀 그렇죠" declines to call traffic a lot, "뭐가 first인지 모르겠어요" puts no goal first, the
token bill is a cost, "생각도 안 해 봤어요" is not measured, "We are not allowed." and "no GPT at
all" are not tried, "say 3,500 to be safe" corrects a count, and output that comes out uneven is
no change of work."""

from __future__ import annotations

import pytest

from bot.core.facts import DocsChange, FactName, PromptingStatus, Volume
from bot.llm.reader import extract_facts
from testkit.reading import rules


def test_a_denied_change_after_the_frequency_is_rare() -> None:
    said = "규정집 보는데요, 개정은 일 년에 한 번 정도예요. 자주 바뀌진 않습니다."
    assert rules(said, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY
    # A denial of something else is no denial of the answer.
    said = "아직 시도하지 않았습니다."
    assert rules(said, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED


def test_declining_to_call_it_a_lot_is_not_a_lot() -> None:
    said = "봄에 좀 몰리긴 하는데 평소엔 일주일에 두세 건이라 많다고 하긴 좀 그렇죠."
    assert extract_facts(said, FactName.VOLUME).facts.volume is not Volume.HIGH


def test_not_knowing_which_comes_first_puts_no_goal_first() -> None:
    said = "요금 계산 맞는 거랑 최신 요금인 거… 둘 다 중요해서 뭐가 first인지 모르겠어요."
    assert rules(said, FactName.TOP_GOAL).facts.top_goal is None


@pytest.mark.parametrize(
    ("text", "tracked"),
    [
        ("아 그리고 토큰비 매일 찍어보고 있음 하루 천원도 안나옴", True),
        ("비용은 아직 생각도 안 해 봤어요.", False),
    ],
)
def test_cost_in_other_words(text: str, tracked: bool) -> None:
    assert rules(text).facts.cost_tracked is tracked


@pytest.mark.parametrize(
    "text",
    [
        "We are not allowed. Council rule is no public AI tools with residents' data.",
        "now only keyword auto-reply, no GPT at all. boss said maybe try it next month",
    ],
)
def test_not_allowed_or_no_gpt_at_all_is_not_tried(text: str) -> None:
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED


def test_say_a_number_to_be_safe_corrects_the_count() -> None:
    said = "Every case file back to 2010 with the notes... maybe 5,000? Say 4,200 to be safe."
    assert rules(said, FactName.DATA_AMOUNT).facts.data_examples == 4_200


def test_output_that_comes_out_uneven_is_no_change_of_work() -> None:
    said = "프롬프트를 계속 고쳐도 양식이 들쭉날쭉 나와서 더는 안 올라가요."
    facts = rules(said, FactName.PROMPTING).facts
    assert facts.change_rate is None
    assert facts.prompting is PromptingStatus.CEILING
