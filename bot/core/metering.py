"""What the language-model calls of one turn cost, and whether any fell back."""

from __future__ import annotations

from bot.core.engine import Decision
from bot.core.facts import FactName, Facts, Lang
from bot.core.ports import (
    Answer,
    Extraction,
    LanguageModel,
    Passage,
    QuestionText,
    Rationale,
    TextSink,
)
from bot.core.state import Usage


class Metered:
    """Adds up what each language-model call of one turn cost and whether any fell back."""

    def __init__(self, lm: LanguageModel) -> None:
        self._lm = lm
        self.usage = Usage()
        self.fallback = False

    @property
    def model(self) -> LanguageModel:
        return self._lm

    def note(self, usage: Usage, fallback: bool) -> None:
        self.usage = self.usage.plus(usage)
        self.fallback = self.fallback or fallback

    async def extract(self, text: str, lang: Lang, pending: FactName | None) -> Extraction:
        r = await self._lm.extract(text, lang, pending)
        self.note(r.usage, r.fallback)
        return r

    async def phrase_question(self, fact: FactName, lang: Lang, facts: Facts) -> QuestionText:
        r = await self._lm.phrase_question(fact, lang, facts)
        self.note(r.usage, r.fallback)
        return r

    async def answer(
        self,
        question: str,
        lang: Lang,
        passages: list[Passage],
        sink: TextSink | None = None,
    ) -> Answer:
        r = await self._lm.answer(question, lang, passages, sink)
        self.note(r.usage, r.fallback)
        return r

    async def rationale(self, decision: Decision, facts: Facts, lang: Lang) -> Rationale | None:
        r = await self._lm.rationale(decision, facts, lang)
        if r is not None:
            self.note(r.usage, r.fallback)
        return r
