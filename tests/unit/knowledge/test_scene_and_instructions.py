"""A section that shares only the scene's words with a question, and a line that tells the
reader to follow the list after it: neither answers on its own."""

from __future__ import annotations

from bot.answer_eval import ask
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.sentences import units
from bot.llm.offline import OfflineLanguageModel


def test_a_line_that_tells_the_reader_to_follow_its_list_is_marked() -> None:
    text = (
        "The choice rests on how often the data changes rather than on its size:\n\n"
        "- Weekly changes favour retrieval.\n"
        "- Stable data can be trained in.\n\n"
        "Before you settle it, follow the routine the other pages describe:\n\n"
        "- Measure first.\n"
        "- Compare after.\n\n"
        "결정하기 전에 다른 문서에서 쓰는 절차를 그대로 따르세요.\n\n"
        "- 먼저 측정합니다.\n"
        "- 나중에 비교합니다.\n"
    )
    leads = {u.text: u.instructs for u in units("s", text) if u.group < 0 and u.block in (0, 3, 6)}
    assert leads == {
        "The choice rests on how often the data changes rather than on its size.": False,
        "Before you settle it, follow the routine the other pages describe.": True,
        "결정하기 전에 다른 문서에서 쓰는 절차를 그대로 따르세요.": True,
    }


def test_a_purpose_clause_before_a_subject_is_no_instruction() -> None:
    text = (
        "To keep costs down, teams usually start with the smaller model:\n\n"
        "- It answers faster.\n"
        "- It costs less.\n"
    )
    lead = next(u for u in units("s", text) if u.text.startswith("To keep"))
    assert not lead.instructs


async def test_a_section_that_shares_only_the_scene_does_not_answer(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    # The scene names templates (the input contract's word); what is asked is how to prove it.
    q = (
        "we replaced the prompt templates a few weeks back. "
        "how do we prove it helped and was not luck?"
    )
    a = await ask(lm, kb, q, "en")
    assert a.covered
    assert "faq-input-contract" not in a.citations
    assert "evaluation" in a.text


async def test_the_line_that_sends_the_reader_to_the_list_is_not_quoted_for_nothing(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await ask(lm, kb, "모델을 제일 큰 걸로 올리면 품질이 확실히 오르나요?", "ko")
    assert a.covered and "model-tier" in a.citations
    assert "그대로 적용하세요" not in a.text
