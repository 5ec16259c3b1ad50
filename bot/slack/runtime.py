"""The composition of one Slack process: services, Web API client, Bolt app, inbox worker."""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_sdk.web.async_client import AsyncWebClient

from bot.metrics import Metrics
from bot.services import Services
from bot.settings import Settings
from bot.slack.app import create_app
from bot.slack.client import make_client, make_oauth_flow, slack_session
from bot.slack.oauth import find_bot_token
from bot.slack.worker import SlackWorker, slack_worker
from bot.slack.worker_pool import WorkerPool
from bot.store.health import warm_up
from bot.store.inbox import Inbox


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


@contextlib.asynccontextmanager
async def runtime(settings: Settings) -> AsyncIterator[Runtime]:
    services = await Services.start(settings)
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
        app = create_app(
            settings, inbox, client, metrics, oauth, thread_binding=services.store.place_key
        )
        worker = slack_worker(
            services.consultations,
            services.kb,
            client,
            inbox,
            metrics=metrics,
            tokens=_bot_tokens(oauth) if oauth else None,
        )
        # In the background: the server listens at once, and a Redis that is down or slow at
        # start-up delays nothing.
        warming = asyncio.create_task(warm_up(services.redis))
        # The knowledge base, its index and the libraries live as long as the process: keep
        # them out of the collector's way, so full collections under load only scan new objects.
        gc.collect()
        gc.freeze()
        try:
            yield Runtime(services, app, worker, metrics, warming, client)
        finally:
            warming.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await warming
    finally:
        await session.close()
        await services.close()


def _bot_tokens(oauth: AsyncOAuthFlow) -> Callable[[str, str], Awaitable[str | None]]:
    """``bot_token(team, enterprise="")``: the installed bot's token for a workspace, found in
    its Enterprise Grid org when it has one (``bot_token(team)`` alone still works)."""
    store = oauth.settings.installation_store

    async def bot_token(team: str, enterprise: str = "") -> str | None:
        return await find_bot_token(store, team, enterprise)

    return bot_token
