"""The offline language model: rules and templates, no network, no randomness.

It implements the ``LanguageModel`` port so the whole consultation runs without an API key:
facts come from ``bot.llm.reader``, questions from ``prompts/questions.{lang}.yaml``, side answers
from the sentences of the retrieved passages that answer the question (``bot.knowledge.answer``),
and the card from the engine's templates.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.core.decision import Decision
from bot.core.facts import ASKABLE, FactName, Facts, Lang
from bot.core.ports import (
    Answer,
    Extraction,
    Option,
    Passage,
    QuestionText,
    Rationale,
    TextSink,
)
from bot.knowledge.answer import MIN_SECTION_SCORE, NOT_COVERED, compose
from bot.knowledge.vocabulary import Vocabulary, default_vocabulary
from bot.llm.guard import only_injection
from bot.llm.reader import extract_facts
from bot.texts import PROMPTS_DIR
from bot.yamlfiles import load_yaml

if TYPE_CHECKING:
    from bot.core.ports import LanguageModel

TEMPLATE_VERSION = 1
# Retrieval scores (BM25, positive only) below this mean the knowledge base has nothing on the
# question.
MIN_SCORE = MIN_SECTION_SCORE

KB_SECTIONS = frozenset(
    {
        "definitions",
        "why-it-matters",
        "staged-evolution",
        "when-prompting",
        "when-fine-tuning",
        "decision-matrix",
        "support-bot-example",
        "cost-operations",
        "misconception-finetuning-accuracy",
        "misconception-prompting-temporary",
        "misconception-one-or-other",
        "operator-checklist",
        "execution-summary",
        "faq-input-contract",
        "faq-team-fit",
        "faq-context-layers",
        "rag-basics",
        "rag-evaluation",
        "context-memory",
        "model-tier",
    }
)


class QuestionTemplate(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str = Field(min_length=1)
    why: str = Field(min_length=1)
    kb: tuple[str, ...] = Field(min_length=1)
    options: dict[str, str]


class Templates(BaseModel):
    """One language's question texts and short UI strings."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    lang: Lang
    skip: str = Field(min_length=1)
    decide_now: str = Field(min_length=1)
    not_covered: str = Field(min_length=1)
    questions: dict[FactName, QuestionTemplate]

    @model_validator(mode="after")
    def _complete(self) -> Templates:
        if self.version != TEMPLATE_VERSION:
            raise ValueError(f"template version {self.version}, expected {TEMPLATE_VERSION}")
        for fact, choices in ASKABLE.items():
            q = self.questions.get(fact)
            if q is None:
                raise ValueError(f"no question for {fact}")
            if set(q.options) != set(choices):
                raise ValueError(f"options for {fact} must be exactly {choices}")
            unknown = set(q.kb) - KB_SECTIONS
            if unknown:
                raise ValueError(f"unknown knowledge-base sections for {fact}: {sorted(unknown)}")
        return self


def load_templates(lang: Lang, prompts_dir: Path | None = None) -> Templates:
    path = (prompts_dir or PROMPTS_DIR) / f"questions.{lang}.yaml"
    templates = Templates.model_validate(load_yaml(path.read_text(encoding="utf-8")))
    if templates.lang != lang:
        raise ValueError(f"{path} says lang {templates.lang!r}, expected {lang!r}")
    return templates


class OfflineLanguageModel:
    """Deterministic KO/EN language jobs; templates load on first use and stay cached."""

    def __init__(
        self,
        prompts_dir: Path | None = None,
        min_score: float = MIN_SCORE,
        vocabulary: Vocabulary | None = None,
    ) -> None:
        """``vocabulary``: what the knowledge base talks about, for declining questions it does
        not cover; by default the knowledge base on disk, read on the first answer."""
        self._prompts_dir = prompts_dir or PROMPTS_DIR
        self._min_score = min_score
        self._vocabulary = vocabulary
        self._templates: dict[Lang, Templates] = {}

    def templates(self, lang: Lang) -> Templates:
        cached = self._templates.get(lang)
        if cached is None:
            cached = self._templates[lang] = load_templates(lang, self._prompts_dir)
        return cached

    async def extract(self, text: str, lang: Lang, pending: FactName | None) -> Extraction:
        # The rules read Korean, English and mixed text alike, so ``lang`` changes nothing.
        return extract_facts(text, pending)

    async def phrase_question(self, fact: FactName, lang: Lang, facts: Facts) -> QuestionText:
        template = self.templates(lang).questions.get(fact)
        if template is None:
            raise ValueError(f"{fact} is not a question the bot asks")
        options = tuple(Option(choice=c, label=template.options[c]) for c in ASKABLE[fact])
        return QuestionText(
            fact=fact, text=template.text, why=template.why, options=options, kb=template.kb
        )

    async def answer(
        self,
        question: str,
        lang: Lang,
        passages: list[Passage],
        sink: TextSink | None = None,
    ) -> Answer:
        vocabulary = self._vocabulary or default_vocabulary()
        if only_injection(question):
            return Answer(text=NOT_COVERED[lang], covered=False)
        return compose(question, lang, passages, vocabulary, self._min_score)

    async def rationale(self, decision: Decision, facts: Facts, lang: Lang) -> Rationale | None:
        # Offline, the card is rendered from the engine's reason templates alone.
        return None


if TYPE_CHECKING:
    # mypy checks that the class satisfies the port without constructing anything at import.
    _conforms: LanguageModel = OfflineLanguageModel()
