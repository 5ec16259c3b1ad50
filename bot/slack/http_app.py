"""The aiohttp application: ``POST /slack/events`` through Bolt, the OAuth install routes,
and health and metrics endpoints."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncBoltContext
from slack_bolt.request.async_internals import build_async_context
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.signature import SignatureVerifier

from bot.metrics import CONTENT_TYPE, Metrics, merge_expositions
from bot.services import Runtime
from bot.slack.admission import _admit, _Refused
from bot.slack.app import payload_kind, type_label
from bot.slack.inbound import envelope_ids

# Under the name these records have always had, so log filters keep working.
log = logging.getLogger("bot.slack.server")

MAX_BODY_BYTES = 1024 * 1024
EVENTS_PATH = "/slack/events"
# Besides slash commands, what Bolt hands the listeners; any other payload is answered here.
_FOR_BOLT = frozenset({"event_callback", "block_actions", "message_action", "url_verification"})


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
        answer = await _dispatch(rt, text, body, request)
        rt.metrics.ack_seconds.labels(payload_kind(body)).observe(time.perf_counter() - started)
        return await to_aiohttp_response(answer)

    async def healthz(_: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    async def readyz(_: web.Request) -> web.Response:
        return await _readiness(rt)

    async def metrics(_: web.Request) -> web.Response:
        body = rt.metrics.render()
        if rt.workers is not None:
            body = merge_expositions([body, *await rt.workers.scrape()])
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})

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


async def _dispatch(
    rt: Runtime, text: str, body: dict[str, Any], request: web.Request
) -> BoltResponse:
    """The fast lane's answer where it has one, else Bolt's."""
    lane = rt.lane
    if lane is not None and lane.ready:
        fast = await lane.dispatch(body)
        if fast is not None:
            return fast
    bolt_req = AsyncBoltRequest(body=text, query=request.query_string, headers=request.headers)  # type: ignore[arg-type]
    if bolt_req.body != body:
        # Bolt reads a form whose text merely contains "payload" as an empty body.
        bolt_req.body = dict(body)
        bolt_req.context = build_async_context(AsyncBoltContext({}), bolt_req.body)
    answer = await rt.app.async_dispatch(bolt_req)
    if lane is not None:
        lane.learn(bolt_req.context)
    return answer


async def _readiness(rt: Runtime) -> web.Response:
    # Writes must be possible, not only a PING: a master (in a cluster, every master with
    # cluster_state ok), and with Sentinel a replica to confirm them.
    ready = await rt.services.store.ready()
    body: dict[str, Any] = {"ok": ready.ok, "redis": ready.ok, "topology": ready.topology}
    if ready.problem:
        body["problem"] = ready.problem
    if rt.workers is not None:
        # Said, not required: acks are persisted whether or not a worker is up yet.
        body["workers"] = {"ready": await rt.workers.ready(), "expected": rt.workers.count}
    return web.json_response(body, status=200 if ready.ok else 503)


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
