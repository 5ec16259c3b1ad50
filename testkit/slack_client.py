"""Builds signed Slack requests (slash commands, events, interactivity) and sends them over HTTP."""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import aiohttp
from slack_sdk.signature import SignatureVerifier

SECRET = "test-signing-secret"
_counter = itertools.count(1)
_last_us = 0


def slack_ts() -> str:
    """A new message ts, later than any made before in this process and never equal to one.

    Counted in whole microseconds: a float bumped by 1e-6 and printed with six decimals
    repeats now and then (a float near 1.8e9 is only good to about 2e-7).
    """
    global _last_us
    _last_us = max(time.time_ns() // 1000, _last_us + 1)
    return f"{_last_us // 1_000_000}.{_last_us % 1_000_000:06d}"


@dataclass
class Sent:
    status: int
    body: str
    elapsed: float


@dataclass
class SlackSender:
    """Signs like Slack does and posts to the bot's ``/slack/events``."""

    url: str
    secret: str = SECRET
    team: str = "T1"
    verifier: SignatureVerifier = field(init=False)

    def __post_init__(self) -> None:
        self.verifier = SignatureVerifier(self.secret)

    def headers(
        self,
        body: str,
        *,
        content_type: str,
        ts: int | None = None,
        retry: int | None = None,
        signature: str | None = None,
    ) -> dict[str, str]:
        stamp = str(ts if ts is not None else int(time.time()))
        signature = signature or self.verifier.generate_signature(timestamp=stamp, body=body)
        # The SDK answers None only when it is given no timestamp.
        assert signature is not None
        h = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature,
        }
        if retry is not None:
            h["X-Slack-Retry-Num"] = str(retry)
            h["X-Slack-Retry-Reason"] = "http_timeout"
        return h

    async def post(self, body: str, content_type: str, **kw: Any) -> Sent:
        started = time.perf_counter()
        async with (
            aiohttp.ClientSession() as s,
            s.post(
                self.url,
                data=body.encode(),
                headers=self.headers(body, content_type=content_type, **kw),
            ) as r,
        ):
            text = await r.text()
        return Sent(r.status, text, time.perf_counter() - started)

    async def command(
        self, text: str, *, channel: str, user: str, response_url: str, **kw: Any
    ) -> Sent:
        body = urlencode(
            {
                "token": "legacy",
                "team_id": self.team,
                "team_domain": "acme",
                "channel_id": channel,
                "channel_name": "general",
                "user_id": user,
                "user_name": "someone",
                "command": "/explainer",
                "text": text,
                "api_app_id": "A1",
                "response_url": response_url,
                "trigger_id": f"trig.{next(_counter)}",
            }
        )
        return await self.post(body, "application/x-www-form-urlencoded", **kw)

    async def event(self, event: dict[str, Any], *, event_id: str | None = None, **kw: Any) -> Sent:
        body = json.dumps(
            {
                "token": "legacy",
                "team_id": self.team,
                "api_app_id": "A1",
                "type": "event_callback",
                "event_id": event_id or f"Ev{next(_counter):06d}",
                "event_time": int(time.time()),
                "event": event,
                "authorizations": [{"team_id": self.team, "user_id": "UBOT", "is_bot": True}],
            }
        )
        return await self.post(body, "application/json", **kw)

    async def action(
        self,
        action_id: str,
        value: str,
        *,
        channel: str,
        user: str,
        message_ts: str,
        thread_ts: str | None,
        kind: str = "button",
        response_url: str = "",
        trigger_id: str | None = None,
        blocks: list[dict[str, Any]] | None = None,
        **kw: Any,
    ) -> Sent:
        """A block_actions payload; the same ``trigger_id`` twice is what a retry looks like.
        ``blocks``: the message's blocks, which Slack sends back with an action on it."""
        action: dict[str, Any] = {
            "action_id": action_id,
            "block_id": "b",
            "type": kind,
            "action_ts": f"{time.time():.6f}",
        }
        if kind in ("static_select", "overflow"):
            action["selected_option"] = {
                "value": value,
                "text": {"type": "plain_text", "text": value},
            }
        elif kind == "conversations_select":
            action["selected_conversation"] = value
        else:
            action["value"] = value
        message: dict[str, Any] = {"ts": message_ts, "type": "message"}
        if thread_ts:
            message["thread_ts"] = thread_ts
        if blocks is not None:
            message["blocks"] = blocks
        payload = {
            "type": "block_actions",
            "team": {"id": self.team},
            "user": {"id": user},
            "api_app_id": "A1",
            "trigger_id": trigger_id or f"trig.{next(_counter)}",
            "channel": {"id": channel},
            "response_url": response_url,
            "container": {
                "type": "message",
                "message_ts": message_ts,
                "channel_id": channel,
                "thread_ts": thread_ts,
            },
            "message": message,
            "actions": [action],
        }
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded", **kw)

    async def shortcut(
        self, callback_id: str, *, channel: str, user: str, message: dict[str, Any], **kw: Any
    ) -> Sent:
        """A message_action payload: a message shortcut used on ``message``."""
        payload = {
            "type": "message_action",
            "callback_id": callback_id,
            "team": {"id": self.team},
            "user": {"id": user},
            "channel": {"id": channel},
            "trigger_id": f"trig.{next(_counter)}",
            "action_ts": f"{time.time():.6f}",
            "message_ts": message["ts"],
            "message": message,
            "response_url": kw.pop("response_url", ""),
        }
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded", **kw)
