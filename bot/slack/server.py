"""HTTP and Socket Mode front ends: the Bolt app, the inbox worker, health endpoints, shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow

from bot.metrics import CONTENT_TYPE, Metrics
from bot.services import Services
from bot.settings import Settings
from bot.slack.app import create_app, make_client, make_oauth_flow, slack_session
from bot.slack.worker import SlackWorker
from bot.store.inbox import Inbox
from bot.store.redis import warm_up

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024
EVENTS_PATH = "/slack/events"


@dataclass
class Runtime:
    services: Services
    app: AsyncApp
    worker: SlackWorker
    metrics: Metrics
    warming: asyncio.Task[None]


@contextlib.asynccontextmanager
async def runtime(settings: Settings) -> AsyncIterator[Runtime]:
    services = await Services.start(settings)
    session = slack_session()
    try:
        metrics = services.metrics
        inbox = Inbox(
            services.redis, dedupe_ttl=24 * 3600, claim_idle_ms=settings.inbox_claim_idle_ms
        )
        oauth = make_oauth_flow(settings, services.redis) if settings.oauth_enabled else None
        client = make_client(settings, with_token=oauth is None, session=session)
        app = create_app(settings, inbox, client, metrics, oauth)
        worker = SlackWorker(
            services.consultations,
            services.store,
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
            yield Runtime(services, app, worker, metrics, warming)
        finally:
            warming.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await warming
    finally:
        await session.close()
        await services.close()


def build_web_app(rt: Runtime) -> web.Application:
    """``POST /slack/events`` plus ``/healthz`` and ``/readyz``; bodies over 1 MiB get 413."""

    async def events(request: web.Request) -> web.Response:
        started = time.perf_counter()
        try:
            bolt_req = await to_bolt_request(request)
            bolt_resp = await rt.app.async_dispatch(bolt_req)
        except web.HTTPRequestEntityTooLarge:
            return web.json_response({"error": "body too large"}, status=413)
        except (ValueError, KeyError, TypeError, AttributeError):
            # Unparseable body (bad JSON, broken payload=, not UTF-8): the client's error.
            return web.json_response({"error": "malformed request"}, status=400)
        rt.metrics.ack_seconds.labels(_kind(bolt_req.body)).observe(time.perf_counter() - started)
        return await to_aiohttp_response(bolt_resp)

    async def healthz(_: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    async def readyz(_: web.Request) -> web.Response:
        ok = await rt.services.store.ping()
        return web.json_response({"ok": ok, "redis": ok}, status=200 if ok else 503)

    async def metrics(_: web.Request) -> web.Response:
        return web.Response(body=rt.metrics.render(), headers={"Content-Type": CONTENT_TYPE})

    async def install(request: web.Request) -> web.Response:
        flow = rt.app.oauth_flow
        if flow is None:
            raise web.HTTPNotFound()
        bolt_req = await to_bolt_request(request)
        if request.path == flow.redirect_uri_path:
            return await to_aiohttp_response(await flow.handle_callback(bolt_req))
        return await to_aiohttp_response(await flow.handle_installation(bolt_req))

    web_app = web.Application(client_max_size=MAX_BODY_BYTES)
    web_app.router.add_get("/slack/install", install)
    web_app.router.add_get("/slack/oauth_redirect", install)
    web_app.router.add_get("/metrics", metrics)
    web_app.router.add_post(EVENTS_PATH, events)
    web_app.router.add_get("/healthz", healthz)
    web_app.router.add_get("/readyz", readyz)
    return web_app


def build_health_app(rt: Runtime) -> web.Application:
    """What a worker-only process serves: ``/healthz``, ``/readyz`` and ``/metrics``."""
    full = build_web_app(rt)
    health = web.Application()
    for route in full.router.routes():
        if route.method == "GET" and route.resource is not None:
            path = route.resource.canonical
            if path in ("/healthz", "/readyz", "/metrics"):
                health.router.add_get(path, route.handler)
    return health


def _bot_tokens(oauth: AsyncOAuthFlow) -> Callable[[str], Awaitable[str | None]]:
    store = oauth.settings.installation_store

    async def token(team: str) -> str | None:
        bot = await store.async_find_bot(enterprise_id=None, team_id=team or None)
        return bot.bot_token if bot else None

    return token


def _kind(body: dict[str, Any]) -> str:
    if "command" in body:
        return "command"
    if body.get("type") == "event_callback":
        return "event"
    if "actions" in body or body.get("type") in ("block_actions", "view_submission"):
        return "action"
    return "other"


def _stop_on_signals(stopping: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stopping.set)


async def serve(
    settings: Settings, host: str, port: int, *, with_worker: bool = True, events: bool = True
) -> None:
    """Run until SIGTERM/SIGINT: then stop taking requests, finish started work, and exit.

    ``events=False, with_worker=True`` is ``explainer worker``: only the inbox worker, with
    health and metrics endpoints; ``with_worker=False`` only acks (workers run elsewhere).
    """
    async with runtime(settings) as rt:
        web_app = build_web_app(rt) if events else build_health_app(rt)
        runner = web.AppRunner(web_app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        log.info("listening on %s:%d (events=%s, worker=%s)", host, port, events, with_worker)
        stopping = asyncio.Event()
        _stop_on_signals(stopping)
        worker = asyncio.create_task(rt.worker.run(stopping)) if with_worker else None
        await stopping.wait()
        log.info("shutting down: no new requests; finishing started work")
        await runner.cleanup()
        if worker is not None:
            await worker


async def socket_mode(settings: Settings) -> None:
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    if settings.slack_app_token is None:
        raise ValueError("SLACK_APP_TOKEN is not set")
    async with runtime(settings) as rt:
        handler = AsyncSocketModeHandler(rt.app, settings.slack_app_token.get_secret_value())
        stopping = asyncio.Event()
        _stop_on_signals(stopping)
        worker = asyncio.create_task(rt.worker.run(stopping))
        await handler.connect_async()  # type: ignore[no-untyped-call]
        await stopping.wait()
        await handler.close_async()  # type: ignore[no-untyped-call]
        await worker
