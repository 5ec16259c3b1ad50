"""Questions that ask for a whole checklist without naming it, the reason behind one item, the
meaning of a term the text names in passing, and how many fields a list has; and what must not
change around them."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.core.ports import Answer
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.figures import gives_figure
from bot.knowledge.question import read_question
from bot.knowledge.sentences import units
from bot.knowledge.words import asking_sentences, unused
from bot.llm.offline import OfflineLanguageModel


async def _ask(lm: OfflineLanguageModel, kb: KnowledgeBase, q: str, lang: Lang) -> Answer:
    return await ask(lm, kb, q, lang)


# -- reading the question ------------------------------------------------------------------------


def test_asking_what_to_check_is_read_as_such() -> None:
    assert read_question("any sanity checks we should run before going live?").checks
    assert read_question("운영 전에 점검 항목 정리해 주세요").checks
    # Verifying a risk, or checking one thing, asks for no checklist.
    assert not read_question("what risks should we verify for a bilingual bot?").checks
    assert not read_question("프롬프트 말고 먼저 점검해야 할 게 있나요?").checks


def test_a_reason_is_asked_only_where_the_question_asks() -> None:
    assert read_question("how come the checks include cost tracking?").why
    assert read_question("평가셋은 왜 고정해 둬야 해요?").why
    # "why" told in the scene is no reason asked for.
    assert not read_question("it got better and we can't say why. what went wrong?").why


def test_a_sentence_that_opens_with_a_question_word_asks_without_a_question_mark() -> None:
    text = "we already prompt a lot. why would anyone add retrieval on top"
    assert "why would anyone" in asking_sentences(text)
    assert asking_sentences("we already prompt a lot. retrieval sounds heavy.") == ""


def test_a_quoted_term_is_what_is_asked_even_with_more_said_after_it() -> None:
    q = read_question("what does 'input contract' mean? my lead keeps bringing it up")
    assert q.term == ("input", "contract") and not q.what
    # An approach's own name, with filler around it, is still asked for its definition.
    assert read_question("whats prompting exactly").what
    assert read_question("whats prompting exactly").term == ()


def test_the_usual_order_asks_for_steps_but_in_order_to_does_not() -> None:
    assert read_question("in which order do teams usually bring these in?").how
    assert not read_question("in order to keep costs down, is RAG enough?").how


def test_one_approach_as_a_form_of_another_is_a_comparison_of_what_each_is() -> None:
    q = read_question("isn't fine-tuning basically a fancier form of prompting?")
    assert q.comparison and q.only_differ


def test_a_count_of_items_is_answered_in_either_korean_counter() -> None:
    q = read_question("체크 항목이 몇 개예요?")
    assert gives_figure(q, "다음 세 가지를 점검하세요")
    assert gives_figure(q, "항목은 세 개입니다")
    # Another counter is still another thing.
    assert not gives_figure(read_question("몇 번 돌려야 돼요?"), "세 가지를 점검하세요")


def test_what_a_question_is_for_at_its_end_is_set_apart() -> None:
    assert unused("which checks come first for our claim letters?") == "which checks come first?"
    assert unused("what should we check first?") == "what should we check first?"


def test_a_long_sentence_that_opens_an_unlabelled_list_is_kept_alone() -> None:
    text = (
        "What to pick depends on how much the team can maintain over time:\n\n"
        "- Small teams may prefer fewer moving parts.\n"
        "- Larger teams can afford more.\n\n"
        "Why this matters:\n\n"
        "- One.\n"
        "- Two.\n"
    )
    said = [u.text for u in units("s", text)]
    assert "What to pick depends on how much the team can maintain over time." in said
    # A short line that only announces its list says nothing alone.
    assert not any(t.startswith("Why this matters") for t in said)


# -- answers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "lang", "needles"),
    [
        (
            "we move to a trained model next month; what should the on-call team check beforehand?",
            "en",
            ("accuracy", "test cases", "latency"),
        ),
        (
            "도입하기 전에 꼭 확인해야 할 점검표가 있을까요?",
            "ko",
            ("정확도", "테스트", "지연"),
        ),
    ],
)
async def test_a_checklist_asked_for_without_its_name_comes_whole(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang, needles: tuple[str, ...]
) -> None:
    a = await _ask(lm, kb, question, lang)
    assert a.covered and a.citations[:1] == ("operator-checklist",)
    assert all(n in a.text for n in needles)


async def test_why_one_check_is_there_gets_its_reason(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await _ask(lm, kb, "on the operator checklist, why bother splitting the goal at all?", "en")
    # The check, then its reason; not the checklist summed up first.
    assert a.covered and "which method addresses which need" in a.sentences[1].text
    assert "three checks" not in a.text


async def test_a_term_named_in_passing_is_answered_where_the_text_says_what_it_is(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await _ask(lm, kb, "what is the 'quality ceiling' people talk about?", "en")
    assert a.covered and a.citations[:1] == ("staged-evolution",)
    assert "how good the output can get" in a.text


async def test_asking_for_the_field_count_of_the_input_contract_is_answered(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await _ask(lm, kb, "입력 계약에 넣어야 하는 항목이 몇 개예요?", "ko")
    assert a.covered and "네 가지" in a.text


async def test_a_tier_question_hears_that_the_task_decides(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await _ask(lm, kb, "does a bigger model always give better results?", "en")
    assert a.covered and "type of task" in a.text


async def test_a_use_named_at_the_end_does_not_make_a_question_out_of_scope(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    q = "what are the basic checks before we commit to fine-tuning for underwriting memos?"
    assert (await _ask(lm, kb, q, "en")).covered


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        # What the use is for does not bring in what the question asks about.
        ("which embedding model is best for our RAG index?", "en"),
        ("which standing desk is best for long prompt-writing sessions?", "en"),
    ],
)
async def test_what_is_out_of_scope_stays_out_whatever_it_is_for(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    assert not (await _ask(lm, kb, question, lang)).covered


async def test_a_definition_of_an_approach_still_comes_from_the_definitions(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await _ask(lm, kb, "what does RAG actually mean?", "en")
    assert a.citations[:1] == ("definitions",) or a.citations[:1] == ("rag-basics",)


async def test_a_question_about_prompts_is_not_answered_from_the_rag_playbook(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    q = "we changed the system prompt and the team thinks it's better. how do we prove it?"
    a = await _ask(lm, kb, q, "en")
    assert a.covered and "rag-evaluation" not in a.citations
    # A question about RAG still gets its playbook.
    a = await _ask(lm, kb, "how do we debug a flaky RAG bot?", "en")
    assert a.citations[:1] == ("rag-evaluation",)
