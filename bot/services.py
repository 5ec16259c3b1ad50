"""The composition root: builds the store, language layer and retriever, and closes them."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from types import TracebackType

from redis import asyncio as aioredis

from bot.core.consultation import ConsultationService
from bot.core.ports import LanguageModel
from bot.knowledge.base import KnowledgeBase
from bot.llm.fallback import FallbackLanguageModel
from bot.llm.offline import OfflineLanguageModel
from bot.llm.reader.rules import default_rules
from bot.llm.timed import TimedLanguageModel
from bot.metrics import Metrics
from bot.settings import Settings
from bot.store.client import connect
from bot.store.embedded import EmbeddedRedis
from bot.store.redis import RedisConsultationStore


def build_language_model(
    settings: Settings, kb: KnowledgeBase, offline: OfflineLanguageModel | None = None
) -> LanguageModel:
    """Claude when asked for (or, in auto mode, when a key is set), with ``offline`` answering
    any call Claude cannot; the offline layer alone otherwise."""
    offline = offline or OfflineLanguageModel()
    if settings.llm_mode() == "anthropic":
        if settings.anthropic_api_key is None:
            raise SystemExit("EXPLAINER_LLM=anthropic needs ANTHROPIC_API_KEY.")
        # Imported here so the offline path never loads the SDK.
        from bot.llm.claude.adapter import ClaudeLanguageModel
        from bot.llm.claude.client import ClaudeConfig, claude_client

        claude = ClaudeLanguageModel(
            claude_client(settings), kb, offline, ClaudeConfig.from_settings(settings)
        )
        return FallbackLanguageModel(claude, offline)
    return offline


@dataclass
class Services:
    settings: Settings
    redis: aioredis.Redis
    store: RedisConsultationStore
    lm: LanguageModel
    kb: KnowledgeBase
    consultations: ConsultationService
    metrics: Metrics
    embedded: EmbeddedRedis | None = None

    @classmethod
    async def start(cls, settings: Settings) -> Services:
        embedded = None
        url = settings.redis_url
        if not url:
            embedded = EmbeddedRedis(settings.data_dir / "redis")
            embedded.start()
            url = embedded.url
        try:
            client = connect(url)
        except ValueError as exc:  # the message names the problem, never the URL's secrets
            raise SystemExit(str(exc)) from None
        store = RedisConsultationStore(client, retention_seconds=settings.retention_seconds)
        kb = KnowledgeBase.load()
        # Compiled here rather than on the first message, which would wait for it.
        default_rules()
        metrics = Metrics()
        offline = OfflineLanguageModel()
        lm = build_language_model(settings, kb, offline)
        consultations = ConsultationService(
            store,
            TimedLanguageModel(lm, metrics),
            kb,
            clock=time.time,
            new_id=lambda: uuid.uuid4().hex[:16],
            max_questions=settings.max_questions,
            fallback_lm=offline,
            token_budget=settings.llm_token_budget,
            # With a remote model, the offline rules guess each message's facts so the next
            # question is phrased while the model reads it: one model round trip per turn.
            predictor=offline if settings.llm_mode() == "anthropic" else None,
        )
        return cls(settings, client, store, lm, kb, consultations, metrics, embedded)

    async def close(self) -> None:
        closer = getattr(self.lm, "aclose", None)
        if closer is not None:
            await closer()
        await self.redis.aclose()
        if self.embedded is not None:
            self.embedded.stop()

    async def __aenter__(self) -> Services:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
