"""Watching the mock Slack: when each of the bot's posts arrived, and waiting for the next one."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from testkit.mock_slack import Call, MockSlack


def buttons(call: Call) -> dict[str, str]:
    out: dict[str, str] = {}
    for block in call.args.get("blocks") or []:
        if block.get("type") != "actions":
            continue
        for el in block.get("elements", []):
            if el.get("type") == "button":
                out[el["action_id"]] = el.get("value", "")
    return out


def is_card(call: Call) -> bool:
    return bool((call.args.get("metadata") or {}).get("event_type") == "explainer_decision")


class PostClock:
    """When each ``chat.postMessage`` reached the mock Slack (its thread stamps it on arrival,
    on this process's clock): what a user sees as the bot's reply, to the millisecond."""

    def __init__(self, slack: MockSlack) -> None:
        self.arrivals: dict[str, list[float]] = defaultdict(list)
        self._slack = slack
        slack.on("chat.postMessage", self._post)

    def _post(self, call: Call) -> dict[str, Any]:
        self.arrivals[str(call.args.get("channel"))].append(time.perf_counter())
        return self._slack._chat_post_message(call)

    def replies(self, sent: list[tuple[str, str, float]]) -> dict[str, list[float]]:
        """Per kind of request, seconds from sending it to the first post in its channel after
        it (the flows send a channel's next request only once the turn's posts are in)."""
        out: dict[str, list[float]] = defaultdict(list)
        for kind, channel, at in sent:
            after = [t for t in self.arrivals.get(channel, []) if t >= at]
            if after:
                out[kind].append(min(after) - at)
        return out


class PostWatcher:
    """Follows the mock's successful ``chat.postMessage`` calls, indexed by channel; one poller
    (every 5 ms) for every waiting consultation."""

    def __init__(self, slack: MockSlack) -> None:
        self.slack = slack
        self._seen = 0
        self._unanswered: list[Call] = []
        self.posts: dict[str, list[tuple[float, Call]]] = defaultdict(list)
        self._waiters: dict[str, list[asyncio.Future[None]]] = defaultdict(list)
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            self.poll()
            await asyncio.sleep(0.005)

    def poll(self) -> None:
        calls = self.slack.calls
        fresh = calls[self._seen :]
        self._seen = len(calls)
        now = time.perf_counter()
        waiting: list[Call] = []
        for c in [*self._unanswered, *fresh]:
            if not c.answered:
                waiting.append(c)
            elif c.method == "chat.postMessage" and c.ok:
                self._posted(now, c)
        self._unanswered = waiting

    def _posted(self, now: float, c: Call) -> None:
        channel = str(c.args.get("channel"))
        self.posts[channel].append((now, c))
        for fut in self._waiters.pop(channel, []):
            if not fut.done():
                fut.set_result(None)

    def matching(self, channel: str, where: Callable[[Call], bool]) -> list[tuple[float, Call]]:
        return [(t, c) for t, c in self.posts.get(channel, []) if where(c)]

    async def wait(
        self, channel: str, where: Callable[[Call], bool], *, count: int = 1, within: float
    ) -> tuple[float, Call]:
        """The ``count``-th post in ``channel`` that matches, with when it was seen."""
        deadline = time.perf_counter() + within
        while True:
            found = self.matching(channel, where)
            if len(found) >= count:
                return found[count - 1]
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"no post #{count} in {channel} within {within}s")
            fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._waiters[channel].append(fut)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(fut, remaining)
