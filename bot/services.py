"""The composition root: everything any command runs on is built here, and closed here.

``Language.build`` gives the knowledge base and the language layer (``explainer ask``);
``Services.start`` adds the store and the consultation service (``demo``, ``eval``);
``runtime`` adds the Slack side (Web API client, Bolt app, inbox and worker) for ``serve``.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Self, TypeVar

from redis import asyncio as aioredis
from redis.exceptions import ConnectionError as RedisConnectionError

from bot.core.facts import Lang
from bot.core.ports import LanguageModel
from bot.core.replies import Result
from bot.core.service import ConsultationService
from bot.core.state import Consultation, Place, Turn
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.chooser_model import default_model as default_chooser_model
from bot.llm.fallback import FallbackLanguageModel
from bot.llm.offline import OfflineLanguageModel
from bot.llm.reader.learned import default_model
from bot.llm.reader.rules import default_rules
from bot.llm.timed import TimedLanguageModel
from bot.metrics import Metrics
from bot.settings import Settings
from bot.store.client import connect
from bot.store.embedded import EmbeddedRedis
from bot.store.redis import RedisConsultationStore

if TYPE_CHECKING:
    from slack_bolt.async_app import AsyncApp
    from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
    from slack_sdk.web.async_client import AsyncWebClient

    from bot.slack.fast_lane import FastLane
    from bot.slack.poster import Tokens
    from bot.slack.worker import SlackWorker
    from bot.slack.worker_pool import WorkerPool

_T = TypeVar("_T")


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


class _Closing:
    """``async with`` closes what ``close`` closes."""

    async def close(self) -> None:
        raise NotImplementedError

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()


@dataclass
class Language(_Closing):
    """The knowledge base, the one offline layer and the language model the settings choose."""

    kb: KnowledgeBase
    offline: OfflineLanguageModel
    lm: LanguageModel

    @classmethod
    def build(cls, settings: Settings) -> Language:
        kb = KnowledgeBase.load()
        offline = OfflineLanguageModel()
        return cls(kb, offline, build_language_model(settings, kb, offline))

    async def close(self) -> None:
        closer = getattr(self.lm, "aclose", None)
        if closer is not None:
            await closer()


@dataclass
class Services(_Closing):
    settings: Settings
    redis: aioredis.Redis
    store: RedisConsultationStore
    language: Language
    consultations: ConsultationService
    metrics: Metrics
    embedded: EmbeddedRedis | None = None

    @property
    def kb(self) -> KnowledgeBase:
        return self.language.kb

    @property
    def lm(self) -> LanguageModel:
        return self.language.lm

    @classmethod
    async def start(cls, settings: Settings, *, reads: bool = True) -> Services:
        """``reads=False``: a process that only acks (its workers read the messages) does not
        load the reader's rules and models; they would still load on first use."""
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
        language = Language.build(settings)
        # Loaded here rather than on the first message, which would wait for them. Each rule
        # pattern is built on its first search, from the compiled file ``explainer warm`` wrote
        # where it holds it (microseconds), else compiled (up to hundreds of milliseconds).
        if reads:
            default_rules()
            default_model()
            default_chooser_model()
        metrics = Metrics()
        offline = language.offline
        consultations = ConsultationService(
            store,
            TimedLanguageModel(language.lm, metrics),
            language.kb,
            clock=time.time,
            new_id=lambda: uuid.uuid4().hex[:16],
            max_questions=settings.max_questions,
            fallback_lm=offline,
            token_budget=settings.llm_token_budget,
            # With a remote model, the offline rules guess each message's facts so the next
            # question is phrased while the model reads it: one model round trip per turn.
            predictor=offline if settings.llm_mode() == "anthropic" else None,
        )
        return cls(settings, client, store, language, consultations, metrics, embedded)

    async def close(self) -> None:
        await self.language.close()
        await self.redis.aclose()
        if self.embedded is not None:
            self.embedded.stop()

    async def again(self, call: Callable[[], Awaitable[_T]]) -> _T:
        """``call()``, carrying on if a shared embedded Redis went away.

        Another local run on the same data directory (a demo, an eval) may own the server this
        one reused, and stops it when it exits. This run then starts its own on the same data
        and calls again: opening a consultation and applying a turn are both safe to repeat.
        """
        try:
            return await call()
        except RedisConnectionError:
            if self.embedded is None:
                raise
        # In this thread, not a worker's: Linux ties the server's lifetime to the starting thread.
        self.embedded.ensure_running()
        return await call()

    @property
    def local(self) -> LocalConsultations:
        """The consultations of a local run (demo, eval): a shared server that goes away is
        started again."""
        return LocalConsultations(self)


class LocalConsultations:
    """``open`` and ``handle`` of the consultation service through :meth:`Services.again`."""

    def __init__(self, services: Services) -> None:
        self._services = services

    async def open(self, place: Place, user: str, lang: Lang = "en") -> Consultation:
        consultations = self._services.consultations
        return await self._services.again(lambda: consultations.open(place, user, lang))

    async def handle(self, consultation: Consultation, turn: Turn) -> Result:
        consultations = self._services.consultations
        return await self._services.again(lambda: consultations.handle(consultation, turn))


@dataclass
class Runtime:
    services: Services
    app: AsyncApp
    worker: SlackWorker
    metrics: Metrics
    warming: asyncio.Task[None]
    # The one Web API client of the process: the app's and the worker's.
    client: AsyncWebClient
    # The worker processes ``serve`` supervises, whose metrics ``/metrics`` adds in.
    workers: WorkerPool | None = None
    # Acks the common requests without Bolt's dispatch (single workspace only).
    lane: FastLane | None = None


@contextlib.asynccontextmanager
async def runtime(settings: Settings, *, reads: bool = True) -> AsyncIterator[Runtime]:
    """Everything ``serve`` runs on: the services, then the Slack side on top of them
    (``reads``: see :meth:`Services.start`)."""
    # Imported here so the commands that never talk to Slack never load Bolt.
    from bot.slack.app import create_app
    from bot.slack.client import make_client, make_oauth_flow, slack_session
    from bot.slack.fast_lane import FastLane
    from bot.slack.worker import slack_worker
    from bot.store.health import warm_up
    from bot.store.inbox import Inbox

    services = await Services.start(settings, reads=reads)
    session = slack_session()
    try:
        metrics = services.metrics
        inbox = Inbox(
            services.redis,
            dedupe_ttl=24 * 3600,
            claim_idle_ms=settings.inbox_claim_idle_ms,
            backlog_limit=settings.inbox_backlog_limit,
        )
        oauth = make_oauth_flow(settings, services.redis) if settings.oauth_enabled else None
        client = make_client(settings, with_token=oauth is None, session=session)
        front = create_app(
            settings, inbox, client, metrics, oauth, thread_binding=services.store.place_key
        )
        # Each request is authorised for its own workspace with OAuth: Bolt answers them all.
        lane = FastLane(front.acks, metrics) if oauth is None else None
        worker = slack_worker(
            services.consultations,
            services.kb,
            client,
            inbox,
            metrics=metrics,
            tokens=_bot_tokens(oauth) if oauth else None,
            status_delay=settings.status_delay_seconds,
        )
        # In the background: the server listens at once, and a Redis that is down or slow at
        # start-up delays nothing.
        warming = asyncio.create_task(warm_up(services.redis))
        # The knowledge base, its index and the libraries live as long as the process: keep
        # them out of the collector's way, so full collections under load only scan new objects.
        gc.collect()
        gc.freeze()
        try:
            yield Runtime(services, front.app, worker, metrics, warming, client, lane=lane)
        finally:
            warming.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await warming
    finally:
        await session.close()
        await services.close()


def _bot_tokens(oauth: AsyncOAuthFlow) -> Tokens:
    """``bot_token(team, enterprise="")``: the installed bot's token for a workspace, found in
    its Enterprise Grid org when it has one (``bot_token(team)`` alone still works)."""
    from bot.slack.oauth import find_bot_token

    store = oauth.settings.installation_store

    async def bot_token(team: str, enterprise: str = "") -> str | None:
        return await find_bot_token(store, team, enterprise)

    return bot_token
