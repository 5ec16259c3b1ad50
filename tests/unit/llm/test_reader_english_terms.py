"""Korean sentences that carry the English term ("cost tracking은 하고 있어요", "quality는
별로예요", "deadline이 너무 tight해요", "realtime으로 바뀌어요") read as the Korean words do, and
"not yet" or "not at all" before a denial still denies ("비용 모니터링은 아직 없어요")."""

from __future__ import annotations

import pytest

from bot.core.facts import DocsChange, PromptingStatus, Quality, Urgency
from bot.llm.reader import extract_facts
from testkit.reading import rules


@pytest.mark.parametrize(
    ("text", "tracked"),
    [
        ("cost tracking은 하고 있어요", True),
        ("요청당 cost는 이미 tracking 중이에요", True),
        ("cost랑 latency는 dashboard로 매주 봐요", True),
        ("cost는 track 안 해요", False),
        ("cost monitoring은 아직 없어요", False),
        ("비용 모니터링은 아직 없어요", False),
        ("비용 추적은 따로 없어요", False),
    ],
)
def test_cost_tracking_said_with_english_terms(text: str, tracked: bool) -> None:
    assert rules(text).facts.cost_tracked is tracked
    # The whole reader agrees: the second opinion adds no "no" where none was said.
    assert extract_facts(text, None).facts.cost_tracked is tracked


def test_data_quality_said_with_the_english_word() -> None:
    facts = rules("data는 한 3k pair 정도 있는데 quality는 별로예요").facts
    assert facts.data_examples == 3000
    assert facts.data_quality is Quality.LOW
    # Without data named, as "품질은 별로예요" alone, it may be the answers' quality.
    assert rules("답변 quality가 별로예요").facts.data_quality is None


def test_prompting_not_got_round_to_is_not_tried() -> None:
    for text in (
        "nah, we haven't bothered with prompting yet",
        "we haven't gotten round to the prompts",
    ):
        assert rules(text).facts.prompting is PromptingStatus.NOT_TRIED
    assert rules("we tried prompting and it works fine").facts.prompting is PromptingStatus.WORKING


@pytest.mark.parametrize(
    "text",
    [
        "deadline이 너무 tight해요",
        "schedule이 빠듯해요",
        "다음 달 launch라 timeline 빡빡해요",
        "launch가 다음 주예요",
    ],
)
def test_a_tight_timeline_said_with_english_terms_is_urgent(text: str) -> None:
    assert rules(text).facts.urgency is Urgency.FAST


def test_a_timeline_said_not_to_be_tight_is_not_urgent() -> None:
    assert rules("일정은 빡빡하지 않아요").facts.urgency is Urgency.NORMAL


def test_documents_that_change_in_real_time_change_often() -> None:
    facts = rules("knowledge base가 realtime으로 바뀌어요").facts
    assert facts.docs_change is DocsChange.OFTEN
