"""Times every language-model call for the ``explainer_llm_seconds`` histogram."""

from __future__ import annotations

import time

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
from bot.metrics import Metrics


class TimedLanguageModel:
    def __init__(self, inner: LanguageModel, metrics: Metrics) -> None:
        self._inner = inner
        self._seconds = metrics.llm_seconds

    async def extract(self, text: str, lang: Lang, pending: FactName | None) -> Extraction:
        started = time.perf_counter()
        try:
            return await self._inner.extract(text, lang, pending)
        finally:
            self._seconds.labels("extract").observe(time.perf_counter() - started)

    async def phrase_question(self, fact: FactName, lang: Lang, facts: Facts) -> QuestionText:
        started = time.perf_counter()
        try:
            return await self._inner.phrase_question(fact, lang, facts)
        finally:
            self._seconds.labels("question").observe(time.perf_counter() - started)

    async def answer(
        self,
        question: str,
        lang: Lang,
        passages: list[Passage],
        sink: TextSink | None = None,
    ) -> Answer:
        started = time.perf_counter()
        try:
            return await self._inner.answer(question, lang, passages, sink)
        finally:
            self._seconds.labels("answer").observe(time.perf_counter() - started)

    async def rationale(self, decision: Decision, facts: Facts, lang: Lang) -> Rationale | None:
        started = time.perf_counter()
        try:
            return await self._inner.rationale(decision, facts, lang)
        finally:
            self._seconds.labels("rationale").observe(time.perf_counter() - started)
