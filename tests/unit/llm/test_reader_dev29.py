"""Wording from a round on dev29: a deadline weeks away or "not critical" is no rush, and "next
saturday" a near one; documents that change "every few years" rarely, a sheet "updated every
single morning" often; "no need to cite" says nothing of documents; "terminology has to be
exact" asks for accuracy; a prompt that "wasnt bad at all" works, one "tweaked for weeks and
it's stuck" is at its ceiling; "no cost or latency tracking" is not tracked; a hedged pick
("굳이 고르라면 최신성?") is an answer, not a question; "아무리 고쳐도" changes no document;
"질문량 자체가 적어요", "같은 질문이 미친듯이 와요" weigh the traffic; "반은 틀렸을걸요" is poor
data; "가맹점 210곳" counts no traffic; "정확도가 먼저요" puts it first; "prompt 짠 적은 없어요" has
not tried; "반년 남음" is no rush; things done "a season" are a rate."""

from __future__ import annotations

import pytest

from bot.core.facts import DocsChange, FactName, Goal, PromptingStatus, Quality, Urgency, Volume
from testkit.reading import rules


@pytest.mark.parametrize(
    ("text", "urgency"),
    [
        (
            "the busy season is ~5 weeks out. nice to have by then but it's not critical",
            Urgency.NORMAL,
        ),
        ("next week if possible, the new term starts monday", Urgency.FAST),
        ("we open next saturday!!", Urgency.FAST),
        ("연말 오픈이라 ㅎㅎ 아직 반년 남음", Urgency.NORMAL),
    ],
)
def test_how_soon(text: str, urgency: Urgency) -> None:
    assert rules(text, FactName.URGENCY).facts.urgency is urgency


@pytest.mark.parametrize(
    ("text", "docs"),
    [
        ("the licence terms change every few years, that's it", DocsChange.RARELY),
        ("the tide sheet gets updated every single morning", DocsChange.OFTEN),
    ],
)
def test_how_often_the_documents_change(text: str, docs: DocsChange) -> None:
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is docs


def test_no_need_to_cite_says_nothing_of_the_documents() -> None:
    text = "the gallery texts barely ever change. and no need to cite sources, it's a chat"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_exact_terminology_is_accuracy() -> None:
    assert Goal.ACCURACY in (rules("legal terminology has to be exact").facts.goals or ())


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "tried chatgpt with a few old quotes pasted in, it wasnt bad at all",
            PromptingStatus.WORKING,
        ),
        (
            "tried a long prompt with the style guide pasted in. we've tweaked it for weeks and "
            "it's stuck",
            PromptingStatus.CEILING,
        ),
        (
            "사장님이 chatgpt 써보긴 했는데 우리 가게 걸로 prompt 짠 적은 없어요",
            PromptingStatus.NOT_TRIED,
        ),
    ],
)
def test_how_far_prompting_got(text: str, status: PromptingStatus) -> None:
    assert rules(text, FactName.PROMPTING).facts.prompting is status


def test_no_cost_tracking_is_not_tracked() -> None:
    facts = rules("no eval set. no cost or latency tracking either", FactName.EVAL_SET).facts
    assert facts.eval_set is False and facts.cost_tracked is False


def test_a_hedged_pick_is_an_answer() -> None:
    text = "정확도랑 최신성 둘 다 중요한데… 굳이 고르라면 최신성? 공지 바뀌면 바로 반영돼야 해서요"
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.FRESHNESS and Goal.ACCURACY in (facts.goals or ())


def test_however_much_one_fixes_changes_no_document() -> None:
    text = "지침 파일 붙여서 prompt 해봤는데 아무리 고쳐도 환불 관련 답이 계속 틀려요"
    facts = rules(text, FactName.PROMPTING).facts
    assert facts.docs_change is None


@pytest.mark.parametrize(
    ("text", "volume"),
    [
        ("평일이든 주말이든 질문량 자체가 적어요", Volume.LOW),
        ("행사 기간엔 같은 질문이 미친듯이 와요", Volume.HIGH),
        ("a few thousand new entries a season, all the same kind of record", Volume.HIGH),
    ],
)
def test_the_traffic(text: str, volume: Volume) -> None:
    assert rules(text, FactName.VOLUME).facts.volume is volume


def test_stores_are_no_traffic() -> None:
    assert rules("매장이 210곳이라서요 ㅎㅎ", FactName.VOLUME).facts.volume is None


def test_poor_answers_are_poor_data() -> None:
    facts = rules("알바생들이 답한 거라 반은 틀렸을걸요", FactName.DATA_QUALITY).facts
    assert facts.data_quality is Quality.LOW


def test_one_of_two_put_first() -> None:
    facts = rules("정확도랑 최신성… 둘 중엔 정확도가 먼저요", FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.ACCURACY


def test_things_done_a_season_are_a_rate_not_data() -> None:
    facts = rules("yes the same task repeats a lot, ~1,500 listings every season").facts
    assert facts.data_examples is None
