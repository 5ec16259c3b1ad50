"""Times every language-model call for the ``explainer_llm_seconds`` histogram."""

from __future__ import annotations

import time
from collections.abc import Awaitable

from bot.core.metering import ModelWrapper, R
from bot.core.ports import LanguageModel
from bot.metrics import Metrics


class TimedLanguageModel(ModelWrapper):
    def __init__(self, inner: LanguageModel, metrics: Metrics) -> None:
        super().__init__(inner)
        self._seconds = metrics.llm_seconds

    async def _run(self, job: str, call: Awaitable[R]) -> R:
        started = time.perf_counter()
        try:
            return await call
        finally:
            self._seconds.labels(job).observe(time.perf_counter() - started)
