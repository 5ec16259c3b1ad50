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
from bot.llm.offline import OfflineLanguageModel
from bot.settings import Settings
from bot.store.embedded import EmbeddedRedis
from bot.store.redis import RedisConsultationStore, connect


def build_language_model(settings: Settings) -> LanguageModel:
    if settings.llm_mode() == "anthropic":
        raise SystemExit(
            "EXPLAINER_LLM=anthropic is not available in this build; unset it to run offline."
        )
    return OfflineLanguageModel()


@dataclass
class Services:
    settings: Settings
    redis: aioredis.Redis
    store: RedisConsultationStore
    lm: LanguageModel
    kb: KnowledgeBase
    consultations: ConsultationService
    embedded: EmbeddedRedis | None = None

    @classmethod
    async def start(cls, settings: Settings) -> Services:
        embedded = None
        url = settings.redis_url
        if not url:
            embedded = EmbeddedRedis(settings.data_dir / "redis")
            embedded.start()
            url = embedded.url
        client = connect(url)
        store = RedisConsultationStore(client, retention_seconds=settings.retention_seconds)
        kb = KnowledgeBase.load()
        lm = build_language_model(settings)
        consultations = ConsultationService(
            store,
            lm,
            kb,
            clock=time.time,
            new_id=lambda: uuid.uuid4().hex[:16],
            max_questions=settings.max_questions,
        )
        return cls(settings, client, store, lm, kb, consultations, embedded)

    async def close(self) -> None:
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
