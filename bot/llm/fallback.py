"""One place where a failed language-model call is answered by another model instead."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

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

log = logging.getLogger("bot.llm.fallback")


class ModelFailed(Exception):
    """A call whose result cannot be used; ``usage`` is what it spent before failing."""

    def __init__(self, job: str, usage: Usage) -> None:
        super().__init__(job)
        self.job = job
        self.usage = usage


def _spent(err: BaseException) -> Usage:
    return err.usage if isinstance(err, ModelFailed) else Usage()


def _note(job: str, err: BaseException) -> None:
    # Type names only: exception text can carry user input or response bodies.
    cause = err.__cause__ if isinstance(err, ModelFailed) and err.__cause__ else err
    log.warning("claude %s fell back to offline (%s)", job, type(cause).__name__)


class FallbackLanguageModel:
    """``primary`` answers; on any failure ``fallback`` answers that call, marked ``fallback``
    and carrying what the failed attempt cost."""

    def __init__(self, primary: LanguageModel, fallback: LanguageModel) -> None:
        self.primary = primary
        self._fallback = fallback

    async def aclose(self) -> None:
        closer = getattr(self.primary, "aclose", None)
        if closer is not None:
            await closer()

    async def extract(self, text: str, lang: Lang, pending: FactName | None) -> Extraction:
        try:
            return await self.primary.extract(text, lang, pending)
        except Exception as err:
            _note("extract", err)
            r = await self._fallback.extract(text, lang, pending)
            return r.model_copy(update={"usage": _spent(err), "fallback": True})

    async def phrase_question(self, fact: FactName, lang: Lang, facts: Facts) -> QuestionText:
        try:
            return await self.primary.phrase_question(fact, lang, facts)
        except Exception as err:
            _note("phrase_question", err)
            r = await self._fallback.phrase_question(fact, lang, facts)
            return r.model_copy(update={"usage": _spent(err), "fallback": True})

    async def answer(
        self,
        question: str,
        lang: Lang,
        passages: list[Passage],
        sink: TextSink | None = None,
    ) -> Answer:
        try:
            return await self.primary.answer(question, lang, passages, sink)
        except Exception as err:
            _note("answer", err)
            # No sink: the caller shows an answer that did not stream when it comes back.
            r = await self._fallback.answer(question, lang, passages)
            return r.model_copy(update={"usage": _spent(err), "fallback": True})

    async def rationale(self, decision: Decision, facts: Facts, lang: Lang) -> Rationale | None:
        try:
            return await self.primary.rationale(decision, facts, lang)
        except Exception as err:
            _note("rationale", err)
            r = await self._fallback.rationale(decision, facts, lang)
            # Without a rationale the card keeps its template reasons; the empty one carries
            # the cost of the attempt.
            return (r or Rationale(text="")).model_copy(
                update={"usage": _spent(err), "fallback": True}
            )


if TYPE_CHECKING:
    _conforms: LanguageModel = cast(FallbackLanguageModel, None)
