"""A real runtime's /slack/events endpoint over HTTP, and requests signed as Slack signs them."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp.test_utils import TestServer

from bot.services import Runtime, runtime
from bot.settings import Settings
from bot.slack.http_app import EVENTS_PATH, build_web_app
from bot.slack.inbound import Inbound
from testkit.mock_slack import MockSlack
from testkit.redis_servers import RedisServer
from testkit.slack_client import SECRET, Sent, SlackSender

STREAM = "explainer:{inbox}:stream"


FORM = "application/x-www-form-urlencoded"


@dataclass
class Edge:
    """A running ``/slack/events`` and what it wrote."""

    rt: Runtime
    url: str
    slack: MockSlack
    sender: SlackSender

    async def queued(self) -> list[Inbound]:
        found = []
        for _, fields in await self.rt.services.redis.xrange(STREAM) or []:
            # The runtime's client does not decode replies: each entry's payload is bytes.
            assert fields is not None
            payload = fields[b"p"]
            assert isinstance(payload, bytes)
            found.append(Inbound.from_bytes(payload))
        return found

    async def post(self, body: str | bytes, content_type: str, **headers: str) -> Sent:
        """``body`` signed as Slack signs it, unless ``headers`` say otherwise."""
        raw = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body
        stamp = str(int(time.time()))
        signed = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": sign(stamp, raw),
            **headers,
        }
        started = time.perf_counter()
        async with aiohttp.ClientSession() as s, s.post(self.url, data=raw, headers=signed) as r:
            text = await r.text()
        return Sent(r.status, text, time.perf_counter() - started)

    async def event(self, event: dict[str, Any], **envelope: Any) -> Sent:
        return await self.post(json.dumps(envelope_for(event, **envelope)), "application/json")

    def metric(self, name: str, **labels: str) -> float:
        value = self.rt.metrics.registry.get_sample_value(name, labels)
        return float(value or 0.0)


_ids = iter(range(1, 10**9))


def sign(stamp: str, raw: bytes) -> str:
    """Slack's signature over raw bytes (slack_sdk's own signer wants them to be UTF-8)."""
    mac = hmac.new(SECRET.encode(), b"v0:" + stamp.encode() + b":" + raw, hashlib.sha256)
    return "v0=" + mac.hexdigest()


def envelope_for(event: dict[str, Any], **envelope: Any) -> dict[str, Any]:
    return {
        "token": "legacy",
        "team_id": "T1",
        "api_app_id": "A1",
        "type": "event_callback",
        "event_id": f"Ev{next(_ids):08d}",
        "event_time": int(time.time()),
        "event": event,
        "authorizations": [{"team_id": "T1", "user_id": "UBOT", "is_bot": True}],
        **envelope,
    }


def dm(text: str, user: str, **kw: Any) -> dict[str, Any]:
    return {
        "type": "message",
        "channel": "D1",
        "channel_type": "im",
        "user": user,
        "ts": f"{time.time():.6f}",
        "text": text,
        **kw,
    }


@contextlib.asynccontextmanager
async def serving(tmp: Path, **env: str | None) -> AsyncIterator[Edge]:
    """A runtime on its own Redis with ``build_web_app`` listening; ``env`` overrides settings."""
    server = RedisServer(tmp / "redis", appendonly=False)
    server.start()
    try:
        async with MockSlack() as slack:
            values: dict[str, Any] = {
                "REDIS_URL": server.url,
                "SLACK_BOT_TOKEN": "xoxb-test",
                "SLACK_SIGNING_SECRET": SECRET,
                "SLACK_API_URL": slack.url,
                "EXPLAINER_LLM": "offline",
                "EXPLAINER_DATA_DIR": str(tmp / "data"),
                **env,
            }
            settings_ = Settings(_env_file=None, **values)
            async with runtime(settings_) as rt:
                site = TestServer(build_web_app(rt))
                await site.start_server()
                try:
                    url = str(site.make_url(EVENTS_PATH))
                    yield Edge(rt, url, slack, SlackSender(url))
                finally:
                    await site.close()
    finally:
        server.kill()
