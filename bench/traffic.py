"""Signed Slack requests over keep-alive connections, recorded so they can be replayed."""

from __future__ import annotations

import asyncio
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bench.config import KINDS
from testkit.slack_client import Sent, SlackSender

# (offset from the start, kind, keyword arguments): what a replay sends again.
Logged = tuple[float, str, dict[str, Any]]


@dataclass
class KeepAliveSender(SlackSender):
    """``SlackSender`` (same bodies, same signatures) over one keep-alive session; the timer
    covers only the HTTP round trip, not signing."""

    session: aiohttp.ClientSession | None = None

    async def post(self, body: str, content_type: str, **kw: Any) -> Sent:
        if self.session is None:
            raise RuntimeError("KeepAliveSender needs a session")
        headers = self.headers(body, content_type=content_type, **kw)
        data = body.encode()
        started = time.perf_counter()
        async with self.session.post(self.url, data=data, headers=headers) as r:
            text = await r.text()
        return Sent(r.status, text, time.perf_counter() - started)


async def send(sender: SlackSender, kind: str, kw: dict[str, Any]) -> Sent:
    if kind == "command":
        return await sender.command(**kw)
    if kind == "event":
        return await sender.event(kw["event"])
    return await sender.action(**kw)


@dataclass
class Recorder:
    """Sends requests, keeps their round trips per kind and the sequence for a replay."""

    sender: SlackSender
    t0: float = field(default_factory=time.perf_counter)
    samples: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)
    log: list[Logged] = field(default_factory=list)
    # (kind, channel, when it was sent): what replies are matched to.
    sent: list[tuple[str, str, float]] = field(default_factory=list)

    async def send(self, kind: str, **kw: Any) -> Sent:
        now = time.perf_counter()
        self.log.append((now - self.t0, kind, kw))
        channel = kw["event"]["channel"] if kind == "event" else kw["channel"]
        self.sent.append((kind, str(channel), now))
        sent = await send(self.sender, kind, kw)
        self.samples[kind].append(sent.elapsed)
        if sent.status != 200:
            self.errors[f"{kind}:{sent.status}"] += 1
        return sent

    def requests(self) -> int:
        """How many requests were answered, of every kind."""
        return sum(len(self.samples[k]) for k in KINDS)


async def replay(sender: SlackSender, log: list[Logged]) -> Recorder:
    """The same requests at the same offsets from the start (rebuilt and signed afresh)."""
    rec = Recorder(sender)
    tasks: list[asyncio.Task[Sent]] = []
    for offset, kind, kw in sorted(log, key=lambda x: x[0]):
        delay = rec.t0 + offset - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(rec.send(kind, **kw)))
    await asyncio.gather(*tasks)
    return rec
