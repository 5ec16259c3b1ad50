"""HTTP and Socket Mode front ends: the Bolt app, the inbox worker, health endpoints, shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
import re
import signal
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from itertools import accumulate
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.request.async_internals import build_async_context
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from bot.metrics import CONTENT_TYPE, Metrics
from bot.services import Services
from bot.settings import Settings
from bot.slack.app import (
    create_app,
    make_client,
    make_oauth_flow,
    payload_kind,
    slack_session,
    type_label,
)
from bot.slack.inbound import check_envelope, envelope_ids
from bot.slack.oauth import find_bot_token
from bot.slack.worker import SlackWorker, slack_worker
from bot.store.inbox import Inbox
from bot.store.redis import warm_up

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024
EVENTS_PATH = "/slack/events"
# Slack's payloads nest a dozen levels at most; the JSON parser recurses, so depth is bounded
# before it runs.
MAX_JSON_DEPTH = 48
# Besides slash commands, what Bolt hands the listeners; any other payload is answered here.
_FOR_BOLT = frozenset({"event_callback", "block_actions", "message_action", "url_verification"})
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")
# A JSON string, or an unterminated one up to the end; possessive, so scanning stays linear.
_JSON_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"?', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


@dataclass
class Runtime:
    services: Services
    app: AsyncApp
    worker: SlackWorker
    metrics: Metrics
    warming: asyncio.Task[None]
    # The one Web API client of the process: the app's and the worker's.
    client: AsyncWebClient


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


def build_web_app(rt: Runtime) -> web.Application:
    """``POST /slack/events`` plus ``/healthz`` and ``/readyz``; bodies over 1 MiB get 413."""

    secret = rt.services.settings.slack_signing_secret
    verifier = SignatureVerifier(secret.get_secret_value()) if secret else None

    async def events(request: web.Request) -> web.Response:
        started = time.perf_counter()
        try:
            raw = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return web.json_response({"error": "body too large"}, status=413)
        try:
            text, body = _admit(raw, request.headers, verifier)
        except _Refused as refused:
            rt.metrics.rejected.labels(refused.reason).inc()
            return web.json_response({"error": refused.reason}, status=refused.status)
        kind = body.get("type")
        if "command" not in body and kind not in _FOR_BOLT:
            _answer_without_work(rt.metrics, body)
            return web.Response(status=200)
        bolt_req = AsyncBoltRequest(body=text, query=request.query_string, headers=request.headers)  # type: ignore[arg-type]
        if bolt_req.body != body:
            # Bolt reads a form whose text merely contains "payload" as an empty body.
            bolt_req.body = dict(body)
            bolt_req.context = build_async_context(AsyncBoltContext({}), bolt_req.body)
        bolt_resp = await rt.app.async_dispatch(bolt_req)
        rt.metrics.ack_seconds.labels(payload_kind(body)).observe(time.perf_counter() - started)
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


def _bot_tokens(oauth: AsyncOAuthFlow) -> Callable[[str, str], Awaitable[str | None]]:
    """``bot_token(team, enterprise="")``: the installed bot's token for a workspace, found in
    its Enterprise Grid org when it has one (``bot_token(team)`` alone still works)."""
    store = oauth.settings.installation_store

    async def bot_token(team: str, enterprise: str = "") -> str | None:
        return await find_bot_token(store, team, enterprise)

    return bot_token


class _Refused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def _admit(
    raw: bytes, headers: Mapping[str, str], verifier: SignatureVerifier | None
) -> tuple[str, dict[str, Any]]:
    """The body as text and as a dict, if it is a signed, well-formed Slack request; else
    :class:`_Refused`, checked cheapest first so a hostile body costs little.

    Headers that cannot be a signature are refused before the body is looked at; a body
    nested deeper than Slack's payloads before it is parsed; the signature before parsing.
    """
    stamp = headers.get("X-Slack-Request-Timestamp", "")
    signature = headers.get("X-Slack-Signature", "")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Refused(400, "malformed") from None
    content_type = headers.get("Content-Type", "").split(";")[0].strip().lower()
    # Read as Bolt reads it: JSON when it says so or looks like it, else a form whose
    # ``payload`` field (interactivity) is JSON.
    is_json = content_type == "application/json" or text.startswith("{")
    form = {} if is_json else dict(parse_qsl(text, keep_blank_values=True))
    if form.get("ssl_check") == "1" and not form.keys() & {"command", "payload"}:
        return text, form  # Slack's certificate check: answered unsigned, as Bolt does
    well_formed = _TIMESTAMP.fullmatch(stamp) and _SIGNATURE.fullmatch(signature)
    if verifier is not None and not well_formed:
        raise _Refused(401, "signature")
    document = text if is_json else form.get("payload")
    if document is not None and not nesting_within(document, MAX_JSON_DEPTH):
        raise _Refused(400, "too_deep")
    if verifier is not None and not verifier.is_valid(raw, stamp, signature):
        raise _Refused(401, "signature")
    try:
        body = json.loads(document) if document is not None else form
        return text, dict(check_envelope(body))
    except (ValueError, RecursionError):  # InvalidPayload is a ValueError
        raise _Refused(400, "malformed") from None


def nesting_within(document: str, limit: int) -> bool:
    """Whether JSON ``document`` nests at most ``limit`` deep, found without parsing it.

    Strings are set aside, then the running count of open brackets is taken, in C-speed
    steps; a megabyte of brackets takes tens of milliseconds. Unbalanced brackets are left
    to the parser, which refuses them.
    """
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", document))
    return max(accumulate(map(_BRACKET_STEP.__getitem__, brackets)), default=0) <= limit


def _answer_without_work(metrics: Metrics, body: Mapping[str, Any]) -> None:
    """Payloads the app has no work for: 200 (Slack does not retry) and a count by type."""
    if body.get("ssl_check") == "1":
        return
    kind = body.get("type")
    metrics.unhandled.labels(type_label(kind)).inc()
    if kind == "app_rate_limited":
        # Slack stopped sending events for a minute because the app fell behind.
        team, _ = envelope_ids(body)
        log.warning("slack rate-limited the app's events (type=app_rate_limited, team=%s)", team)


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
