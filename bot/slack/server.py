"""The front ends a process runs until it is told to stop: HTTP (with or without supervised
worker processes), Socket Mode, and a supervised worker; each shuts down after finishing its
started work."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys

from aiohttp import web

from bot.services import runtime
from bot.settings import Settings
from bot.slack.http_app import build_health_app, build_web_app
from bot.slack.worker_pool import (
    Handoff,
    WorkerPool,
    exit_on_end_of_input,
)

log = logging.getLogger(__name__)


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
    # Messages are read here only when this process works the inbox itself.
    in_loop = with_worker and not (events and workers > 0)
    async with runtime(settings, reads=in_loop) as rt:
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


async def supervised_worker(settings: Settings, handoff: Handoff) -> None:
    """A worker process under ``explainer serve``: the inbox loop, with health and metrics on
    the handoff's Unix socket."""
    exit_on_end_of_input(sys.stdin.buffer)
    with contextlib.suppress(OSError):
        os.nice(settings.worker_niceness)
    if handoff.redis_url:
        settings = settings.model_copy(update={"redis_url": handoff.redis_url})
    await serve(settings, "", 0, events=False, health_socket=handoff.socket)
