"""Consultations driven through bot replicas as Slack delivers them, counted at the end."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Delivery:
    """What Slack saw delivering one request: the statuses, in order, and when each came."""

    statuses: list[int] = field(default_factory=list)
    refused_at: list[float] = field(default_factory=list)


@dataclass
class ConsultationRun:
    """Drives DM consultations through ``explainer serve`` replicas as Slack would: every
    refused delivery (a 503) is sent again, with Slack's retry headers, until it is accepted.

    Each consultation is three turns, spread over the replicas in turn: a message that
    starts it, a reply in its thread, and *Decide now*. ``check()`` then counts what landed.
    """

    slack: Any
    senders: list[Any]
    retry_every: float = 0.3
    deadline: float = 60.0
    # How long a turn's reply may take (a failover, a claim after a crash, included).
    wait: float = 30.0
    deliveries: list[Delivery] = field(default_factory=list)
    threads: list[str] = field(default_factory=list)
    decided: set[str] = field(default_factory=set)
    _sent: int = 0

    async def deliver(self, send: Callable[..., Any], **kw: Any) -> None:
        record = Delivery()
        self.deliveries.append(record)
        stop = time.monotonic() + self.deadline
        retry = None
        while True:
            sent = await send(**kw, **({"retry": retry} if retry else {}))
            record.statuses.append(sent.status)
            if sent.status == 200:
                return
            # Refused for now, never failed: 503 asks Slack to deliver again.
            assert sent.status == 503, f"{sent.status} {sent.body[:200]}"
            record.refused_at.append(time.monotonic())
            if time.monotonic() > stop:
                raise TimeoutError(f"never accepted: {record.statuses}")
            retry = (retry or 0) + 1
            await asyncio.sleep(self.retry_every)

    def _sender(self) -> Any:
        self._sent += 1
        return self.senders[self._sent % len(self.senders)]

    def replies(self, thread: str) -> list[Any]:
        """Questions, cards and notices that landed in the thread (not what was understood)."""
        return [
            c
            for c in self.slack.calls_to("chat.postMessage")
            if c.args.get("thread_ts") == thread and c.landed and not _understood(c)
        ]

    async def answered(self, thread: str, count: int) -> list[Any]:
        """The first ``count`` replies in the thread, once they have landed."""
        return list(
            await self.slack.wait_for(
                "chat.postMessage",
                count=count,
                timeout=self.wait,
                where=lambda c: (
                    c.args.get("thread_ts") == thread and c.landed and not _understood(c)
                ),
            )
        )

    async def start(self, n: int, text: str) -> str:
        """Turn 1: a DM that starts consultation ``n``; returns its thread."""
        ts = f"{time.time():.6f}{n:03d}"
        self.threads.append(ts)
        event = {
            "type": "message",
            "channel": f"D{n:04d}",
            "channel_type": "im",
            "user": f"U{n:04d}",
            "ts": ts,
            "text": text,
        }
        await self.deliver(self._sender().event, event=event, event_id=f"EvStart{n}-{ts}")
        return ts

    async def reply(self, n: int, thread: str, text: str) -> None:
        """Turn 2, once turn 1 has its reply: a message in the thread."""
        await self.answered(thread, 1)
        event = {
            "type": "message",
            "channel": f"D{n:04d}",
            "channel_type": "im",
            "user": f"U{n:04d}",
            "ts": f"{time.time():.6f}{n:03d}",
            "thread_ts": thread,
            "text": text,
        }
        await self.deliver(self._sender().event, event=event, event_id=f"EvReply{n}-{thread}")

    async def decide(self, n: int, thread: str) -> None:
        """Turn 3, once turn 2 has its reply: *Decide now* on the latest question."""
        latest = (await self.answered(thread, 2))[-1]
        buttons = _buttons(latest)
        if "decide_now" not in buttons:
            return  # turn 2 already ended with the card
        self.decided.add(thread)
        await self.deliver(
            self._sender().action,
            action_id="decide_now",
            value=buttons["decide_now"],
            channel=f"D{n:04d}",
            user=f"U{n:04d}",
            message_ts=latest.response["ts"],
            thread_ts=thread,
            trigger_id=f"trig.decide-{n}-{thread}",
        )

    async def finished(self) -> None:
        """Every consultation has its card."""
        for thread in self.threads:
            await self.slack.wait_for(
                "chat.postMessage",
                timeout=self.wait,
                where=lambda c, t=thread: c.args.get("thread_ts") == t and c.landed and _card(c),
            )

    def check(self) -> dict[str, Any]:
        """Counted from what landed in Slack: consultations completed (their card posted);
        turns lost (accepted, never answered); replies duplicated (the same reply of the
        same turn twice) or unexpected (e.g. a notice that the consultation had expired);
        and deliveries refused (how many, over how long)."""
        completed = lost = duplicated = unexpected = 0
        for thread in self.threads:
            posts = [
                c
                for c in self.slack.calls_to("chat.postMessage")
                if c.args.get("thread_ts") == thread and c.landed
            ]
            tags = [_tag(c) for c in posts]
            duplicated += len(tags) - len(set(tags))
            replies = {_tag(c): c for c in posts if not _understood(c)}
            completed += any(_card(c) for c in replies.values())
            # One question or card for each turn.
            expected = 2 + (thread in self.decided)
            lost += max(0, expected - len(replies))
            unexpected += max(0, len(replies) - expected)
        refused = [t for d in self.deliveries for t in d.refused_at]
        return {
            "consultations": len(self.threads),
            "completed": completed,
            "lost": lost,
            "duplicated": duplicated,
            "unexpected": unexpected,
            "deliveries": len(self.deliveries),
            "refused": len(refused),
            "refused_for_s": round(max(refused) - min(refused), 2) if refused else 0.0,
        }


def _understood(c: Any) -> bool:
    return bool(c.understood_alone)


def _card(c: Any) -> bool:
    return bool((c.args.get("metadata") or {}).get("event_type") == "explainer_decision")


def _tag(c: Any) -> str:
    payload = (c.args.get("metadata") or {}).get("event_payload") or {}
    return str(payload.get("tag") or f"untagged:{c.response.get('ts')}")


def _buttons(call: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for block in call.args.get("blocks") or []:
        for el in block.get("elements", []) if block.get("type") == "actions" else []:
            if el.get("type") == "button":
                out[el["action_id"]] = el.get("value", "")
    return out
