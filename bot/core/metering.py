"""Wrappers around the language-model port, and the one that adds up what a turn's calls cost."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

from bot.core.decision import Decision
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

R = TypeVar("R", Extraction, QuestionText, Answer, Rationale | None)


class ModelWrapper:
    """Passes every port call to ``inner`` through :meth:`_run`, which subclasses extend."""

    def __init__(self, inner: LanguageModel) -> None:
        self._inner = inner

    @property
    def model(self) -> LanguageModel:
        return self._inner

    async def _run(self, job: str, call: Awaitable[R]) -> R:
        return await call

    async def extract(self, text: str, lang: Lang, pending: FactName | None) -> Extraction:
        return await self._run("extract", self._inner.extract(text, lang, pending))

    async def phrase_question(self, fact: FactName, lang: Lang, facts: Facts) -> QuestionText:
        return await self._run("question", self._inner.phrase_question(fact, lang, facts))

    async def answer(
        self,
        question: str,
        lang: Lang,
        passages: list[Passage],
        sink: TextSink | None = None,
    ) -> Answer:
        return await self._run("answer", self._inner.answer(question, lang, passages, sink))

    async def rationale(self, decision: Decision, facts: Facts, lang: Lang) -> Rationale | None:
        return await self._run("rationale", self._inner.rationale(decision, facts, lang))


class Metered(ModelWrapper):
    """Adds up what each language-model call of one turn cost and whether any fell back."""

    def __init__(self, lm: LanguageModel) -> None:
        super().__init__(lm)
        self.usage = Usage()
        self.fallback = False

    def note(self, usage: Usage, fallback: bool) -> None:
        self.usage = self.usage.plus(usage)
        self.fallback = self.fallback or fallback

    async def _run(self, job: str, call: Awaitable[R]) -> R:
        r = await call
        if r is not None:
            self.note(r.usage, r.fallback)
        return r
