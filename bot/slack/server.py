"""HTTP and Socket Mode front ends: the Bolt app, the inbox worker, health endpoints, shutdown,
and the worker processes ``explainer serve`` supervises."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import gc
import json
import logging
import math
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import IO, Any
from urllib.parse import parse_qsl

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.request.async_internals import build_async_context
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from bot.metrics import CONTENT_TYPE, Metrics, merge_expositions
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
from bot.slack.worker import ENTRY_TIMEOUT_SECONDS, SlackWorker, slack_worker
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
        # Writes must be possible, not only a PING: a master (in a cluster, every master with
        # cluster_state ok), and with Sentinel a replica to confirm them.
        ready = await rt.services.store.ready()
        body: dict[str, Any] = {"ok": ready.ok, "redis": ready.ok, "topology": ready.topology}
        if ready.problem:
            body["problem"] = ready.problem
        return web.json_response(body, status=200 if ready.ok else 503)

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
    settings: Settings,
    host: str,
    port: int,
    *,
    with_worker: bool = True,
    events: bool = True,
    workers: int = 0,
    health_socket: str | None = None,
) -> None:
    """Run until SIGTERM/SIGINT: then stop taking requests, finish started work, and exit.

    With ``workers`` > 0 this process only acks and persists, and that many worker processes
    (restarted when one dies, stopped and drained with it) process the inbox, so no ack
    waits behind a turn; with 0 the inbox is processed in this event loop.
    ``events=False, with_worker=True`` is ``explainer worker``: only the inbox worker, with
    health and metrics endpoints (on ``health_socket`` instead of a port when one is given);
    ``with_worker=False`` only acks (workers run elsewhere).
    """
    async with runtime(settings) as rt:
        web_app = build_web_app(rt) if events else build_health_app(rt)
        runner = web.AppRunner(web_app, access_log=None)
        await runner.setup()
        site: web.BaseSite
        if health_socket:
            site = web.UnixSite(runner, health_socket)
        else:
            site = web.TCPSite(runner, host, port)
        await site.start()
        pool = None
        if events and with_worker and workers > 0:
            embedded = rt.services.embedded
            url = embedded.url if embedded else settings.redis_url
            pool = WorkerPool(workers, redis_url=url)
            rt.workers = pool
            await pool.start()
        log.info(
            "listening on %s (events=%s, worker=%s, worker processes=%d)",
            health_socket or f"{host}:{port}",
            events,
            with_worker,
            workers if pool else 0,
        )
        stopping = asyncio.Event()
        _stop_on_signals(stopping)
        in_loop = with_worker and pool is None
        worker = asyncio.create_task(rt.worker.run(stopping)) if in_loop else None
        await stopping.wait()
        log.info("shutting down: no new requests; finishing started work")
        await runner.cleanup()
        if pool is not None:
            await pool.stop()
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


# -- worker processes -------------------------------------------------------------------------

# A worker is given this long to drain after SIGTERM (its units of work are cut off after
# ENTRY_TIMEOUT_SECONDS), then killed: what it had not finished stays pending in the inbox.
STOP_GRACE_SECONDS = ENTRY_TIMEOUT_SECONDS + 5.0
# A worker that lived this long was healthy: if it dies, it is restarted at once. One that
# dies sooner is restarted after a pause that doubles each time, up to the cap, so a worker
# that cannot start (Redis unreachable, say) does not spin.
_STABLE_SECONDS = 30.0
_FIRST_PAUSE_SECONDS = 0.5
_MAX_PAUSE_SECONDS = 30.0
_SCRAPE_SECONDS = 2.0
_PR_SET_PDEATHSIG = 1
# Workers yield the CPU to the process that acks (and to Redis) whenever both want it: an ack
# that waits for a core is late however idle its event loop is.
WORKER_NICENESS = 19


def default_workers(cgroup: Path = Path("/sys/fs/cgroup")) -> int:
    """One worker process per core this process may use: its CPU affinity, capped by the
    container's CPU limit (cgroup ``cpu.max``, or the v1 CFS quota) when there is one."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    limit = _cgroup_cpu_limit(cgroup)
    if limit is not None:
        cores = min(cores or 1, math.ceil(limit))
    return max(1, cores or 1)


def _cgroup_cpu_limit(root: Path = Path("/sys/fs/cgroup")) -> float | None:
    try:
        quota, period = (root / "cpu.max").read_text().split()[:2]
        return None if quota == "max" else int(quota) / int(period)
    except (OSError, ValueError):
        pass
    try:
        quota_us = int((root / "cpu" / "cpu.cfs_quota_us").read_text())
        period_us = int((root / "cpu" / "cpu.cfs_period_us").read_text())
    except (OSError, ValueError):
        return None
    return quota_us / period_us if quota_us > 0 and period_us > 0 else None


@dataclass(frozen=True)
class Handoff:
    """What a supervised worker is told on its standard input when it starts: where to serve
    its health and metrics, the supervisor's pid, and the embedded Redis the supervisor
    started, if any (passed this way rather than in arguments, which anyone can list)."""

    socket: str
    parent: int
    redis_url: str | None = None

    def encode(self) -> bytes:
        data = {"socket": self.socket, "parent": self.parent, "redis_url": self.redis_url}
        return json.dumps(data).encode() + b"\n"

    @classmethod
    def read(cls, stream: IO[bytes]) -> Handoff:
        data = json.loads(stream.readline() or b"null")
        if not isinstance(data, dict) or not isinstance(data.get("socket"), str):
            raise ValueError("a supervised worker needs its handoff on standard input")
        url = data.get("redis_url")
        return cls(data["socket"], int(data.get("parent") or 0), url if url else None)


class WorkerPool:
    """``count`` worker processes (``explainer worker --supervised``): each is restarted when
    it dies, and :meth:`stop` has them finish their work and waits for them.

    A worker dies with this process, even when it is killed outright (Linux's parent-death
    signal, and the end of its standard input), like a crashed replica: what it had taken
    from the inbox is claimed again later.
    """

    def __init__(
        self, count: int, *, redis_url: str | None = None, command: Sequence[str] = ()
    ) -> None:
        self.count = count
        self.restarts = 0
        self._redis_url = redis_url
        self._command = list(command) or [sys.executable, "-m", "bot", "worker", "--supervised"]
        self._dir = tempfile.mkdtemp(prefix="explainer-workers-")
        self._procs: dict[int, asyncio.subprocess.Process] = {}
        self._keepers: list[asyncio.Task[None]] = []
        self._stopping = asyncio.Event()

    def socket(self, slot: int) -> str:
        return os.path.join(self._dir, f"worker-{slot}.sock")

    @property
    def pids(self) -> list[int]:
        """The live workers' process ids."""
        return [p.pid for p in self._procs.values() if p.returncode is None]

    async def start(self) -> None:
        for slot in range(self.count):
            self._keepers.append(asyncio.create_task(self._keep(slot)))

    async def _spawn(self, slot: int) -> asyncio.subprocess.Process:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.socket(slot))
        # Started from the event loop's thread: Linux sends the parent-death signal when the
        # thread that forked the child ends, and this one lasts as long as the process.
        proc = await asyncio.create_subprocess_exec(*self._command, stdin=asyncio.subprocess.PIPE)
        if proc.stdin is not None:
            # Left open: the worker takes its end of file as this process's death.
            proc.stdin.write(Handoff(self.socket(slot), os.getpid(), self._redis_url).encode())
            with contextlib.suppress(ConnectionError):
                await proc.stdin.drain()
        return proc

    async def _keep(self, slot: int) -> None:
        quick_deaths = 0
        while not self._stopping.is_set():
            started = time.monotonic()
            try:
                proc = await self._spawn(slot)
            except OSError as exc:
                log.error("worker %d could not start: %s", slot, type(exc).__name__)
            else:
                self._procs[slot] = proc
                log.info("worker %d started (pid %d)", slot, proc.pid)
                if self._stopping.is_set():  # stop() came while it was starting
                    with contextlib.suppress(ProcessLookupError):
                        proc.send_signal(signal.SIGTERM)
                code = await proc.wait()
                if self._stopping.is_set():
                    return
                log.warning("worker %d (pid %d) exited with %s; restarting", slot, proc.pid, code)
            self.restarts += 1
            lived = time.monotonic() - started
            quick_deaths = 0 if lived >= _STABLE_SECONDS else quick_deaths + 1
            if quick_deaths:
                pause = min(_MAX_PAUSE_SECONDS, _FIRST_PAUSE_SECONDS * 2 ** (quick_deaths - 1))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), pause)

    async def stop(self, grace: float = STOP_GRACE_SECONDS) -> None:
        """SIGTERM to every worker, then wait for them to drain (killed after ``grace``)."""
        self._stopping.set()
        for proc in self._procs.values():
            if proc.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    proc.send_signal(signal.SIGTERM)
        try:
            async with asyncio.timeout(grace):
                await asyncio.gather(*self._keepers, return_exceptions=True)
        except TimeoutError:
            log.warning("workers still busy after %.0f s; killing them", grace)
            for proc in self._procs.values():
                if proc.returncode is None:
                    with contextlib.suppress(ProcessLookupError):
                        proc.kill()
            await asyncio.gather(*self._keepers, return_exceptions=True)
        shutil.rmtree(self._dir, ignore_errors=True)

    async def scrape(self) -> list[bytes]:
        """The live workers' ``/metrics`` texts (a worker that does not answer is left out)."""

        async def one(path: str) -> bytes:
            connector = aiohttp.UnixConnector(path=path)
            timeout = aiohttp.ClientTimeout(total=_SCRAPE_SECONDS)
            async with (
                aiohttp.ClientSession(connector=connector, timeout=timeout) as session,
                session.get("http://worker/metrics") as resp,
            ):
                resp.raise_for_status()
                return await resp.read()

        slots = [slot for slot, p in self._procs.items() if p.returncode is None]
        found = await asyncio.gather(*(one(self.socket(s)) for s in slots), return_exceptions=True)
        return [text for text in found if isinstance(text, bytes)]


def die_with_parent(parent: int) -> None:
    """In a supervised worker: end with the supervisor, however it ends.

    Linux sends SIGKILL when the parent dies (``prctl``); anywhere, the end of standard
    input (the supervisor holds its other end) ends the process, as a crash would.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            prctl = ctypes.CDLL(None, use_errno=True).prctl
            prctl.argtypes = [ctypes.c_int, ctypes.c_ulong]
            prctl.restype = ctypes.c_int
            prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if parent and os.getppid() != parent:
        os._exit(70)  # the supervisor died before the request took effect


def exit_on_end_of_input(stream: IO[bytes]) -> None:
    """Exit at once when ``stream`` (the supervisor's pipe) reaches its end."""
    fd = stream.fileno()

    def readable() -> None:
        try:
            data = os.read(fd, 4096)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            log.error("the supervising process is gone; exiting")
            os._exit(70)

    asyncio.get_running_loop().add_reader(fd, readable)


async def supervised_worker(settings: Settings, handoff: Handoff) -> None:
    """A worker process under ``explainer serve``: the inbox loop, with health and metrics on
    the handoff's Unix socket."""
    exit_on_end_of_input(sys.stdin.buffer)
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)
    if handoff.redis_url:
        settings = settings.model_copy(update={"redis_url": handoff.redis_url})
    await serve(settings, "", 0, events=False, health_socket=handoff.socket)
