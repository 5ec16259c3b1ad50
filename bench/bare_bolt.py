"""Bare Bolt AsyncApps: the floors that ``python -m bench`` compares Explainer to.

The default app only acks. Same shape as ``explainer serve`` (bot/slack/server.py):
``process_before_response=True``, the request verified with the signing secret, dispatched
through Bolt's aiohttp adapter functions, and answered by aiohttp on ``POST /slack/events`` (plus
``GET /healthz``). The listeners do no work at all: the command and the action ack, the message
event returns (Bolt acks it).

With ``--reply`` the app acks at once and then answers every request with one
``chat.postMessage`` where it came from: the least any bot does.

Bolt's single-workspace authorization calls ``auth.test`` once, on the first request, so the
client points at ``--slack-api-url`` (the bench's mock Slack).

    python -m bench.bare_bolt --port 3100 --slack-api-url http://127.0.0.1:PORT/api/ [--reply]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import signal
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

DEFAULT_SECRET = "test-signing-secret"  # noqa: S105 -- the tests' fixture secret
EVENTS_PATH = "/slack/events"


def create_app(signing_secret: str, slack_api_url: str, token: str) -> AsyncApp:
    app = AsyncApp(
        client=AsyncWebClient(token=token, base_url=slack_api_url, timeout=10),
        signing_secret=signing_secret,
        process_before_response=True,
        raise_error_for_unhandled_request=False,
    )

    @app.command("/explainer")
    async def on_command(ack: AsyncAck) -> None:
        await ack()

    @app.event("message")
    async def on_message() -> None:
        return None

    @app.action(re.compile(".+"))
    async def on_action(ack: AsyncAck) -> None:
        await ack()

    return app


def create_reply_app(signing_secret: str, slack_api_url: str, token: str) -> AsyncApp:
    """Acks at once, then posts one message where the request came from."""
    client = AsyncWebClient(token=token, base_url=slack_api_url, timeout=10)
    app = AsyncApp(client=client, signing_secret=signing_secret)

    @app.command("/explainer")
    async def on_command(ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        await client.chat_postMessage(channel=body["channel_id"], text="ok")

    @app.event("message")
    async def on_message(event: dict[str, Any]) -> None:
        thread = event.get("thread_ts") or event["ts"]
        await client.chat_postMessage(channel=event["channel"], thread_ts=thread, text="ok")

    @app.action(re.compile(".+"))
    async def on_action(ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        thread = (body.get("container") or {}).get("thread_ts")
        await client.chat_postMessage(channel=body["channel"]["id"], thread_ts=thread, text="ok")

    return app


def build_web_app(app: AsyncApp) -> web.Application:
    async def events(request: web.Request) -> web.Response:
        bolt_resp = await app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(bolt_resp)

    async def healthz(_: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    web_app = web.Application(client_max_size=1024 * 1024)
    web_app.router.add_post(EVENTS_PATH, events)
    web_app.router.add_get("/healthz", healthz)
    return web_app


async def serve(host: str, port: int, app: AsyncApp) -> None:
    runner = web.AppRunner(build_web_app(app), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stopping.set)
    print(f"bare bolt listening on {host}:{port}", flush=True)
    await stopping.wait()
    await runner.cleanup()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m bench.bare_bolt", description=(__doc__ or "").splitlines()[0]
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--slack-api-url", default=os.environ.get("SLACK_API_URL", ""))
    p.add_argument(
        "--signing-secret", default=os.environ.get("SLACK_SIGNING_SECRET", DEFAULT_SECRET)
    )
    p.add_argument("--token", default=os.environ.get("SLACK_BOT_TOKEN", "xoxb-test"))
    p.add_argument("--reply", action="store_true", help="post one message for every request")
    args: Any = p.parse_args(argv)
    if not args.slack_api_url:
        p.error("--slack-api-url (or SLACK_API_URL) is required: Bolt calls auth.test once")
    create = create_reply_app if args.reply else create_app
    app = create(args.signing_secret, args.slack_api_url, args.token)
    asyncio.run(serve(args.host, args.port, app))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
