"""Fixed-window rate limits in Redis (per user and per thread), one pipelined round trip."""

from __future__ import annotations

import time
from dataclasses import dataclass

import redis.asyncio as aioredis


@dataclass(frozen=True)
class Limited:
    scope: str
    first: bool  # the first message over the limit in this window: tell the user, once


class RateLimiter:
    def __init__(
        self,
        client: aioredis.Redis,
        *,
        prefix: str = "explainer",
        per_user: int = 20,
        per_thread: int = 30,
        window_seconds: int = 60,
    ) -> None:
        self._client = client
        self._prefix = prefix
        self._limits = {"user": per_user, "thread": per_thread}
        self._window = window_seconds

    async def hit(self, user_key: str, thread_key: str) -> Limited | None:
        """Count one message against both windows; which limit it exceeds, if any.

        Callers pass hashed keys: these names must not carry user ids.
        """
        window = int(time.time()) // self._window
        keys = {
            "user": f"{self._prefix}:rl:{{u:{user_key}}}:{window}",
            "thread": f"{self._prefix}:rl:{{t:{thread_key}}}:{window}",
        }
        async with self._client.pipeline(transaction=False) as pipe:
            for key in keys.values():
                pipe.incr(key)
                pipe.expire(key, self._window * 2)
            replies = await pipe.execute()
        for (scope, _), count in zip(keys.items(), replies[::2], strict=True):
            over = int(count) - self._limits[scope]
            if over > 0:
                return Limited(scope=scope, first=over == 1)
        return None
