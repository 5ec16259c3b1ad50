"""Wording from a round on dev30: a date months off, with the month it is now, sets no deadline
("mid-december and it's september now", "3월이라. 지금 11월이니까"); "season starts monday",
"열흘 뒤" are near; "every 15 min" is often, and "each term" rare; a feed that changes by the
minute but is not the model's to read leaves no documents; "audited", "깔끔함" are good data
and "모순" poor; "near-identical enquiries", "all day long" are heavy traffic; "couldn't get past
a certain point", "아무리 예시 넣어도 … 안 나요" are the ceiling; "잘 써줘요" works; "재고 있진
않지만" is not tracked."""

from __future__ import annotations

import pytest

from bot.core.facts import DocsChange, FactName, PromptingStatus, Quality, Urgency, Volume
from bot.llm.reader.dates import months_off
from testkit.reading import rules


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("first snow is usually mid-december and it's september now", 3),
        ("벚꽃 시즌이 3월이라 아직 넉넉해요. 지금 11월이니까", 4),
        ("we open on 1 may, it's february now", 3),
        ("it is march now and we need it by april", 1),
        ("we may launch in june", None),
        ("the fair is in june", None),
    ],
)
def test_months_off(text: str, months: int | None) -> None:
    assert months_off(text) == months


@pytest.mark.parametrize(
    ("text", "urgency"),
    [
        ("the christmas rush starts in december and it's august now", Urgency.NORMAL),
        ("it is march now and we need it by april", None),
        ("season starts monday!!", Urgency.FAST),
        ("모집이 열흘 뒤라 그 전에 뭐라도 있으면 좋겠어요", Urgency.FAST),
    ],
)
def test_how_soon(text: str, urgency: Urgency | None) -> None:
    assert rules(text, FactName.URGENCY).facts.urgency is urgency


@pytest.mark.parametrize(
    ("text", "docs"),
    [
        (
            "manuals are reviewed annually. but answers also need the flood bulletins, "
            "updated every 15 min",
            DocsChange.OFTEN,
        ),
        ("class timetable changes each term", DocsChange.RARELY),
        (
            "the stock feed changes every few minutes but another service handles it, the model "
            "doesn't need to read any docs",
            DocsChange.NONE,
        ),
    ],
)
def test_how_often_the_documents_change(text: str, docs: DocsChange) -> None:
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is docs


@pytest.mark.parametrize(
    ("text", "quality"),
    [
        ("they're audited, every single one", Quality.HIGH),
        ("원장님이 다 직접 쓴 거라 톤 완전 일관되고 깔끔함", Quality.HIGH),
        ("담당자마다 답이 달라서 서로 모순되는 것도 있어요", Quality.LOW),
    ],
)
def test_what_the_data_is_like(text: str, quality: Quality) -> None:
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is quality


@pytest.mark.parametrize(
    "text",
    [
        "we get loads and loads of near-identical enquiries asking for quotes",
        "same handful of question types all day long",
    ],
)
def test_heavy_repetition(text: str) -> None:
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "tried, couldn't get past a certain point. it keeps inventing dates",
            PromptingStatus.CEILING,
        ),
        (
            "프롬프트로 말투 흉내 내보라고 했는데 아무리 예시 넣어도 우리 느낌이 안 나요",
            PromptingStatus.CEILING,
        ),
        ("ChatGPT로 공지문 몇 번 써봤는데 꽤 잘 써줘요", PromptingStatus.WORKING),
    ],
)
def test_how_far_prompting_got(text: str, status: PromptingStatus) -> None:
    assert rules(text, FactName.PROMPTING).facts.prompting is status


def test_not_measuring_what_one_worries_about() -> None:
    facts = rules(
        "건당 비용이 신경 쓰이긴 하는데 따로 재고 있진 않아요", FactName.COST_TRACKED
    ).facts
    assert facts.cost_tracked is False
