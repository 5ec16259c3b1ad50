"""The rule reader on counts of stored records: past emails, accumulated consultation logs and
reviewed scripts are data to learn from, not traffic, and a named reviewer's approval makes
them high quality. A count per period with nothing that says the records are kept stays
traffic.

These read with the rules alone, so that what the rules do is what is tested.
"""

from __future__ import annotations

import pytest

from bot.core.facts import DataAmount, FactName, Quality, Volume
from bot.core.ports import Extraction
from bot.llm.reader.read import read

F = FactName


def rules(text: str, pending: FactName | None = None) -> Extraction:
    return read(text, pending)[0]


def rule_names(text: str) -> list[str]:
    return [r.rule for r in rules(text).readings]


# --- stored records are data, whatever noun counts them --------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("We have about 25,000 past emails that our editors approved.", 25000),
        ("we have ~10k past correction notes, clean and consistent", 10000),
        ("We have roughly 6,000 historical test scripts.", 6000),
        ("We have around 3000 old reports, checked by QA team.", 3000),
        ("We have 15,000 resolved lookups our parts managers verified.", 15000),
        ("we've got about 3k approved copies from our copywriters", 3000),
        ("writers have reviewed ~30k lines, lore is locked", 30000),
        ("지난 3년간 상담 기록이 2만 건 정도 쌓여 있어요", 20000),
        ("기존 상품 설명이 2만 건 있는데 MD팀이 검수한 거라 깔끔해요.", 20000),
        ("과거 문의 답변 200건 정도 있긴 한데 품질이 들쭉날쭉해요", 200),
        ("검수된 상품 설명 3만 건 있고 참고 문서는 필요 없어요", 30000),
        ("기존 원고 1,800편이 있고 학예사들이 다 감수했습니다.", 1800),
    ],
)
def test_a_count_of_stored_records_is_data(text: str, count: int) -> None:
    ex = rules(text)
    assert ex.facts.data_examples == count
    assert ex.facts.data_amount is not None
    assert ex.facts.volume is None
    assert all(not r.startswith("learned.") for r in rule_names(text))


def test_accumulated_records_over_years_are_not_a_yearly_rate() -> None:
    """ "지난 3년간 … 쌓여 있어요": the period is how long they piled up, not a request rate."""
    names = rule_names("지난 3년간 상담 기록이 2만 건 정도 쌓여 있어요")
    assert "count.data" in names
    assert "count.requests" not in names


@pytest.mark.parametrize(
    "text",
    [
        "data: we have tons of resolved tickets, hundreds of thousands, QA'd by support leads.",
        "We have years of quality-reviewed transcripts.",
        "The team says prompting has plateaued. We have a large archive of physician-reviewed "
        "summaries.",
    ],
)
def test_a_store_of_records_is_plenty_of_data(text: str) -> None:
    ex = rules(text)
    assert ex.facts.data_amount is DataAmount.PLENTY
    assert ex.facts.data_quality is Quality.HIGH
    assert ex.facts.volume is None


def test_a_count_after_plus_is_its_own_conjunct() -> None:
    """ "8k reviewed examples + an eval set": the eval set does not take the count."""
    ex = rules("8k reviewed examples + an eval set. format reqs shift a bit every quarter")
    assert ex.facts.data_examples == 8000


def test_model_answers_are_counted() -> None:
    ex = rules("Over 25,000 contacts a day, and QA has reviewed about 14,000 model answers.")
    assert ex.facts.volume is Volume.HIGH
    assert ex.facts.data_examples == 14000
    assert ex.facts.data_quality is Quality.HIGH


# --- a named reviewer's approval is high quality ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We have about 25,000 past emails that our editors approved.",
        "we have ~10k past correction notes, editors approved every one",
        "We have 2,200 scripts written and approved by curators.",
        "we have ~2,500 reports that our safety managers cleaned up and reviewed.",
        "we have about 3,000 past staff recommendations that our head sommelier went through",
        "we have about 1,500 past ref rulings that the league reviewed",
        "tens of thousands of sent emails that passed QA",
        "We have 7,400 reviewed redlines and a 300-item eval set.",
        "We have 60k labelled transactions, double-annotated with κ = 0.92.",
        "학습 데이터는 에디터들이 직접 쓴 요약 8천 건이고 전부 review 끝난 거예요.",
        "데이터는 과거 노트 1만 건 있고 테크라이터가 다 다듬은 거예요.",
        "라벨 4.5만 건 (2회 검수), 프롬프트는 plateau",
    ],
)
def test_approval_by_a_named_reviewer_is_high_quality(text: str) -> None:
    assert rules(text).facts.data_quality is Quality.HIGH


def test_a_review_never_done_stays_low() -> None:
    text = "we have roughly 3,000 old emails but they're a mess, never reviewed"
    ex = rules(text)
    assert ex.facts.data_examples == 3000
    assert ex.facts.data_quality is Quality.LOW


# --- traffic stays traffic ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "volume"),
    [
        ("we send ~15k shipment exception emails a day", Volume.HIGH),
        ("We answer ~2,000 parts questions a day", Volume.HIGH),
        ("we get about 40 emails a day", Volume.LOW),
        ("하루 문의가 2만 건 넘게 들어와요", Volume.HIGH),
        ("월 10만 건 이상 처리합니다", Volume.HIGH),
    ],
)
def test_a_count_per_period_without_stored_words_is_traffic(text: str, volume: Volume) -> None:
    ex = rules(text)
    assert ex.facts.volume is volume
    assert ex.facts.data_examples is None


def test_reviewed_per_day_is_traffic() -> None:
    """Work done on records each day is traffic: "reviewed" marks stored data only when the
    count names no period."""
    ex = rules("our agents send 5,000 reviewed replies a day")
    assert ex.facts.volume is Volume.HIGH
    assert ex.facts.data_examples is None


def test_hand_written_notes_say_nothing_of_quality() -> None:
    ex = rules("we have a handful of past episodes with hand-written notes, a few dozen maybe")
    assert ex.facts.data_amount is DataAmount.SOME
    assert ex.facts.data_quality is None


def test_an_eval_set_answer_is_not_training_data_quality() -> None:
    ex = rules("yep, 150 hand-checked cases", F.EVAL_SET)
    assert ex.facts.data_quality is None
