"""The offline language model: templates, questions, side answers, and the port contract."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.core.engine import decide
from bot.core.facts import ASKABLE, FactName, Facts, Goal, Lang, apply_choice
from bot.core.language import detect_language
from bot.core.ports import Passage
from bot.knowledge.answer import NOT_COVERED
from bot.knowledge.screen import MAX_WIDTH
from bot.llm.offline import (
    KB_SECTIONS,
    TEMPLATE_VERSION,
    OfflineLanguageModel,
    Templates,
    load_templates,
)
from bot.texts import PROMPTS_DIR
from testkit.paths import ROOT

LANGS: tuple[Lang, ...] = ("ko", "en")
KNOWLEDGE = ROOT / "knowledge"


@pytest.fixture
def lm() -> OfflineLanguageModel:
    return OfflineLanguageModel()


def passage(pid: str, lang: Lang, score: float, text: str) -> Passage:
    return Passage(id=pid, title=pid, lang=lang, score=score, text=text)


# --- templates --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_template_files_are_versioned_and_complete(lang: Lang) -> None:
    raw = yaml.safe_load((PROMPTS_DIR / f"questions.{lang}.yaml").read_text(encoding="utf-8"))
    assert raw["version"] == TEMPLATE_VERSION
    templates = load_templates(lang)
    assert set(templates.questions) >= set(ASKABLE)
    for text in (templates.skip, templates.decide_now, templates.not_covered):
        assert text.strip()


@pytest.mark.parametrize("lang", LANGS)
def test_template_kb_ids_exist_in_the_knowledge_base(lang: Lang) -> None:
    on_disk = {p.stem for p in (KNOWLEDGE / "en").glob("*.md")}
    for question in load_templates(lang).questions.values():
        assert set(question.kb) <= KB_SECTIONS
        if on_disk:
            assert set(question.kb) <= on_disk


@pytest.mark.parametrize("lang", LANGS)
def test_questions_are_in_their_language(lang: Lang) -> None:
    for question in load_templates(lang).questions.values():
        assert detect_language(question.text, default="en") == lang
        assert detect_language(question.why, default="en") == lang
        assert question.text.rstrip().endswith("?")
        assert len(question.text) <= 120


def test_korean_questions_are_polite() -> None:
    for question in load_templates("ko").questions.values():
        assert question.text.rstrip("?").endswith(("요", "나요", "까요")), question.text


def test_templates_reject_a_missing_option() -> None:
    raw = yaml.safe_load((PROMPTS_DIR / "questions.en.yaml").read_text(encoding="utf-8"))
    del raw["questions"]["volume"]["options"]["low"]
    with pytest.raises(ValueError, match="volume"):
        Templates.model_validate(raw)


def test_templates_reject_an_unknown_kb_section() -> None:
    raw = yaml.safe_load((PROMPTS_DIR / "questions.en.yaml").read_text(encoding="utf-8"))
    raw["questions"]["urgency"]["kb"] = ["no-such-section"]
    with pytest.raises(ValueError, match="no-such-section"):
        Templates.model_validate(raw)


def test_templates_reject_another_version() -> None:
    raw = yaml.safe_load((PROMPTS_DIR / "questions.en.yaml").read_text(encoding="utf-8"))
    raw["version"] = TEMPLATE_VERSION + 1
    with pytest.raises(ValueError, match="version"):
        Templates.model_validate(raw)


async def test_templates_load_lazily_and_once(tmp_path: Path) -> None:
    # Construction reads nothing: a missing directory only fails on first use.
    missing = OfflineLanguageModel(prompts_dir=tmp_path / "nowhere")
    with pytest.raises(FileNotFoundError):
        await missing.phrase_question(FactName.URGENCY, "en", Facts())

    for lang in LANGS:
        (tmp_path / f"questions.{lang}.yaml").write_bytes(
            (PROMPTS_DIR / f"questions.{lang}.yaml").read_bytes()
        )
    lm = OfflineLanguageModel(prompts_dir=tmp_path)
    first = await lm.phrase_question(FactName.URGENCY, "en", Facts())
    (tmp_path / "questions.en.yaml").write_text("broken: [", encoding="utf-8")
    again = await lm.phrase_question(FactName.URGENCY, "en", Facts())
    assert again == first


# --- phrase_question --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fact", list(ASKABLE))
async def test_phrase_question_offers_every_choice(
    lm: OfflineLanguageModel, fact: FactName, lang: Lang
) -> None:
    q = await lm.phrase_question(fact, lang, Facts())
    assert q.fact is fact
    assert tuple(o.choice for o in q.options) == ASKABLE[fact]
    assert all(o.label.strip() for o in q.options)
    assert len({o.label for o in q.options}) == len(q.options)
    assert q.text.strip()
    assert q.why.strip()
    assert q.kb
    assert set(q.kb) <= KB_SECTIONS


async def test_phrase_question_is_deterministic(lm: OfflineLanguageModel) -> None:
    facts = Facts(goals=frozenset({Goal.ACCURACY}))
    a = await lm.phrase_question(FactName.DOCS_CHANGE, "ko", facts)
    b = await lm.phrase_question(FactName.DOCS_CHANGE, "ko", facts)
    assert a == b


async def test_phrase_question_refuses_an_unaskable_fact(lm: OfflineLanguageModel) -> None:
    with pytest.raises(ValueError, match="use_case"):
        await lm.phrase_question(FactName.USE_CASE, "en", Facts())


@pytest.mark.parametrize("answer_lang", LANGS)
@pytest.mark.parametrize("fact", list(ASKABLE))
async def test_typed_button_labels_mean_the_button(
    lm: OfflineLanguageModel, fact: FactName, answer_lang: Lang
) -> None:
    # Users often type the label instead of pressing it, in either language.
    q = await lm.phrase_question(fact, answer_lang, Facts())
    for option in q.options:
        typed = await lm.extract(option.label, answer_lang, fact)
        pressed = apply_choice(Facts(), fact, option.choice)
        assert Facts().merge(typed.facts).get(fact) == pressed.get(fact), option
        if fact is FactName.TOP_GOAL:
            assert typed.facts.goals == pressed.goals, option


@pytest.mark.parametrize("fact", list(ASKABLE))
async def test_typed_choice_codes_mean_the_button(lm: OfflineLanguageModel, fact: FactName) -> None:
    for choice in ASKABLE[fact]:
        typed = await lm.extract(choice, "en", fact)
        assert typed.facts.get(fact) == apply_choice(Facts(), fact, choice).get(fact)


# --- extract ----------------------------------------------------------------------------------


async def test_extract_delegates_to_the_rules(lm: OfflineLanguageModel) -> None:
    got = await lm.extract("검수된 Q&A 데이터가 2만 건 있어요", "ko", None)
    assert got.facts.data_examples == 20_000
    same = await lm.extract("검수된 Q&A 데이터가 2만 건 있어요", "en", None)
    assert same == got


# --- answer -----------------------------------------------------------------------------------

RAG_EN = (
    "---\nid: rag-basics\n---\n# RAG basics\n\n"
    "RAG looks up relevant documents at answer time. It puts them into the prompt.\n\n"
    "Teams often pair it with careful prompting."
)
RAG_KO = (
    "RAG는 답할 때 관련 문서를 찾아 프롬프트에 붙입니다. 그래서 최신 문서를 반영할 수 있습니다.\n\n"
    "프롬프팅과 함께 쓰는 경우가 많습니다."
)
FT_EN = "- **Fine-tuning** updates the model's weights. It changes default behaviour."


async def test_answer_quotes_the_sentences_that_answer_with_their_sections(
    lm: OfflineLanguageModel,
) -> None:
    got = await lm.answer(
        "what is RAG?",
        "en",
        [passage("rag-basics", "en", 7.0, RAG_EN), passage("definitions", "en", 1.0, FT_EN)],
    )
    assert got.covered
    # The defining sentence and the one that finishes its thought; nothing from the weak section.
    assert got.text.startswith(
        "RAG looks up relevant documents at answer time. It puts them into the prompt."
    )
    assert got.citations == ("rag-basics",)
    assert [s.source for s in got.sentences] == ["rag-basics"] * len(got.sentences)
    assert " ".join(s.text for s in got.sentences) == got.text
    assert "#" not in got.text and "---" not in got.text


async def test_answer_prefers_passages_in_the_users_language(lm: OfflineLanguageModel) -> None:
    got = await lm.answer(
        "RAG가 뭐예요?",
        "ko",
        [passage("rag-basics", "en", 9.0, RAG_EN), passage("rag-basics", "ko", 4.0, RAG_KO)],
    )
    assert got.covered
    assert got.citations == ("rag-basics",)
    assert got.text.startswith("RAG는 답할 때")


async def test_answer_falls_back_to_the_other_language(lm: OfflineLanguageModel) -> None:
    got = await lm.answer("RAG가 뭐예요?", "ko", [passage("rag-basics", "en", 9.0, RAG_EN)])
    assert got.covered
    assert got.citations == ("rag-basics",)


@pytest.mark.parametrize("lang", LANGS)
async def test_answer_without_passages_is_not_covered(lm: OfflineLanguageModel, lang: Lang) -> None:
    got = await lm.answer("what is the capital of France?", lang, [])
    assert not got.covered
    assert got.citations == () and got.sentences == ()
    # It says so plainly, and what it can answer instead.
    assert got.text == NOT_COVERED[lang]
    assert "RAG" in got.text
    assert detect_language(got.text) == lang


async def test_answer_below_threshold_is_not_covered(lm: OfflineLanguageModel) -> None:
    got = await lm.answer("weather?", "en", [passage("rag-basics", "en", 0.1, RAG_EN)])
    assert not got.covered
    assert got.citations == ()
    strict = OfflineLanguageModel(min_score=10.0)
    strong = [passage("rag-basics", "en", 9.0, RAG_EN)]
    assert not (await strict.answer("what is rag?", "en", strong)).covered


async def test_answer_ignores_weak_passages_beside_strong_ones(lm: OfflineLanguageModel) -> None:
    got = await lm.answer(
        "what is RAG?",
        "en",
        [passage("rag-basics", "en", 5.0, RAG_EN), passage("model-tier", "en", 0.05, FT_EN)],
    )
    assert got.citations == ("rag-basics",)


async def test_answer_fits_a_phone_screen(lm: OfflineLanguageModel) -> None:
    long = "RAG " + "retrieval " * 150 + "works."
    two = [passage("a", "en", 5.0, long), passage("b", "en", 4.0, long)]
    got = await lm.answer("what is RAG retrieval?", "en", two)
    assert got.covered
    assert len(got.text) <= MAX_WIDTH
    assert got.text.endswith("…")


# --- rationale and the port -------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
async def test_rationale_is_left_to_the_templates(lm: OfflineLanguageModel, lang: Lang) -> None:
    facts = Facts(goals=frozenset({Goal.CONSISTENCY}))
    assert await lm.rationale(decide(facts), facts, lang) is None
