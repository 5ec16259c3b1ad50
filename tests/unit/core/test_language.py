"""Language detection: the words that carry grammar decide, not the share of letters."""

from __future__ import annotations

import pytest

from bot.core.facts import Lang
from bot.core.language import detect_language


@pytest.mark.parametrize(
    "text",
    [
        "저희 CS bot은 tone consistency가 제일 important해요, RAG pipeline은 이미 있어요",
        "customer support bot인데 brand tone이랑 output format을 항상 맞춰야 해요",
        "labelled data는 20k examples 정도 있고 weekly update돼요",
        "RAG가 뭐예요?",
        # An English quote inside a Korean sentence.
        "고객이 'I want to cancel my order' 라고 하면 취소 처리해야 해요",
        "IT 부서에서 쓰는 internal wiki search bot이에요",
    ],
)
def test_korean_full_of_english_terms_is_korean(text: str) -> None:
    assert detect_language(text, default="en") == "ko"


@pytest.mark.parametrize(
    "text",
    [
        "We are building a support bot for 우리은행 customers",
        "Our client is 우리은행 and they need answers from their policy docs",
        "When a customer says '주문 취소해 주세요', the bot should cancel the order",
        "we don’t have any labelled data yet",
    ],
)
def test_english_with_a_few_korean_words_is_english(text: str) -> None:
    assert detect_language(text, default="ko") == "en"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("고객지원 봇인데 회사 톤과 형식을 항상 일정하게 맞춰야 해요", "ko"),
        ("We need the answers to follow our latest pricing documents.", "en"),
        ("ㅋㅋ", "ko"),
    ],
)
def test_single_language_text(text: str, lang: Lang) -> None:
    assert detect_language(text, default="en") == lang
    assert detect_language(text, default="ko") == lang


@pytest.mark.parametrize("text", ["", "   \n", "20000", "👍 !!", "RAG", "fine-tuning LoRA"])
def test_text_without_grammar_words_keeps_the_default(text: str) -> None:
    # Terms and numbers alone say nothing about the language a person writes in.
    assert detect_language(text, default="en") == "en"
    assert detect_language(text, default="ko") == "ko"


def test_a_balance_keeps_the_default() -> None:
    assert detect_language("우리은행 is", default="ko") == "ko"
    assert detect_language("우리은행 is", default="en") == "en"
