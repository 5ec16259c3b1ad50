"""Asked which approach fits a scene ("our price lists change every month — which one fits
us?"), the answer comes from the section on when an approach fits the need the scene states,
and opens with the sentence on that need; a need denied, supposed or told only in another
question is no scene."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.knowledge.base import KnowledgeBase, load_sections
from bot.knowledge.fits import CONSISTENCY, FRESHNESS, SPEED, asks_fit, scene_needs
from bot.llm.offline import OfflineLanguageModel


@pytest.mark.parametrize(
    ("question", "needs"),
    [
        (
            "we run a ski rental shop and our price lists change every month. which one fits us?",
            (FRESHNESS,),
        ),
        ("렌터카 영업소인데 요금 약관이 매달 개정돼요. 셋 중에 뭘 써야 하나요?", (FRESHNESS,)),
        (
            "our replies must sound exactly the same every time, 20k a day. what should we use?",
            (CONSISTENCY,),
        ),
        ("답변 말투가 상담원마다 제각각이에요. 어느 쪽이 맞아요?", (CONSISTENCY,)),
        (
            "the scope of our pilot changes every few days and we want to try lots of variants. "
            "what's the right approach?",
            (SPEED,),
        ),
        ("기획 방향이 매주 바뀌는 팀이에요. 뭐부터 해요?", (SPEED,)),
    ],
)
def test_a_scene_and_a_question_of_which_fits_state_its_needs(
    question: str, needs: tuple[str, ...]
) -> None:
    assert asks_fit(question)
    assert scene_needs(question) == needs


@pytest.mark.parametrize(
    "question",
    [
        # Denied: the documents barely change.
        "참고 문서는 거의 안 바뀌어요. 뭐가 맞아요?",
        "our manuals rarely change. which one fits?",
        # Supposed, not told.
        "what if our docs suddenly changed every week, where do we start?",
        # Which goes with which: the matrix, not a scene.
        "quick iteration vs identical answers: which method goes with which?",
        # A scene without a question of which fits.
        "our price lists change every month. what is RAG?",
        # Whether a need changes the choice at all: why the choice matters.
        "our goal is 'improve it fast' but IT says 'same every time': does that change which "
        "method we pick?",
        # Standardised requests are no consistent output.
        "요청 양식을 통일해 두면 뭐가 좋은 거예요?",
    ],
)
def test_no_scene_to_fit(question: str) -> None:
    assert scene_needs(question) == ()


def test_a_need_told_in_another_question_is_no_scene() -> None:
    # The second question asks about tone; the scene states only fresh documents.
    q = "최신 내규 문서로 답해야 해요. 어떤 방법이 맞아요? 그리고 말투까지 통일되나요?"
    assert scene_needs(q) == (FRESHNESS,)


def test_every_need_has_a_section_of_its_own() -> None:
    fits = {(s.id, n) for s in load_sections() for n in s.fits}
    for need in (FRESHNESS, CONSISTENCY, SPEED):
        assert any(n == need for _, n in fits)


@pytest.mark.parametrize(
    ("question", "lang", "section", "opening"),
    [
        (
            "I'm at a ski rental shop, our price lists change every month. which one fits us?",
            "en",
            "rag-basics",
            "latest",
        ),
        (
            "렌터카 영업소인데 요금 약관이 매달 개정돼요. 셋 중에 뭘 써야 하나요?",
            "ko",
            "rag-basics",
            "최신",
        ),
        (
            "기획 방향이 매주 바뀌는 팀이에요. 뭐부터 해요?",
            "ko",
            "when-prompting",
            "",
        ),
    ],
)
async def test_which_fits_a_scene_is_answered_from_the_section_on_its_need(
    lm: OfflineLanguageModel,
    kb: KnowledgeBase,
    question: str,
    lang: Lang,
    section: str,
    opening: str,
) -> None:
    a = await ask(lm, kb, question, lang)
    assert a.covered
    assert a.citations[0] == section
    assert opening in a.sentences[0].text.casefold()


def test_a_denial_earlier_in_the_sentence_does_not_deny_a_later_need() -> None:
    q = "학습시킬 데이터가 거의 없음..ㅠ 게다가 사장님이 요구사항을 맨날 바꾸심. 뭐가 맞아요?"
    assert scene_needs(q) == (SPEED,)


def test_a_need_denied_just_before_is_none() -> None:
    assert scene_needs("we don't really need the latest docs in there. which one fits?") == ()
