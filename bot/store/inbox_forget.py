"""Forgetting a user in the inbox: their dead letters, greeting marker and rate counters."""

from __future__ import annotations

from typing import Any

import redis.asyncio as aioredis

from bot.logs import short_hash


class InboxForgetting:
    """The inbox's part of forgetting a user; mixed into :class:`bot.store.inbox.Inbox`."""

    _client: aioredis.Redis
    _seen: str
    _dead: str

    @property
    def _base(self) -> str:
        return self._seen.removesuffix("seen:")

    async def forget_marks(self, team: str, user: str) -> None:
        """The traces of ``user`` the ack path keeps under hashed names: their greeting marker
        and their rate-limit counters (named as ``bot.slack.app`` names them)."""
        counted = short_hash(f"{team}:{user}")
        doomed = [self._seen + f"greet:{short_hash(team + user)}"]
        for kind in ("u", "i", "nu"):
            async for key in self._client.scan_iter(match=f"{self._base}rl:{kind}:{counted}:*"):
                doomed.append(key)
        await self._client.delete(*doomed)

    async def forget_dead_letters(self, user: str) -> int:
        """Delete the dead letters of ``user`` (their payload holds the user's words).

        A payload is a JSON object naming its ``user``; one that does not parse goes when it
        holds the user id anywhere, as its owner cannot be told. Returns how many went.
        """
        import json

        if not user:
            return 0
        doomed: list[Any] = []
        start: Any = "-"
        while True:
            rows: list[Any] = list(
                await self._client.xrange(self._dead, min=start, count=500) or ()
            )
            for entry_id, fields in rows:
                raw = (fields or {}).get(b"p") or (fields or {}).get("p") or b""
                payload = raw if isinstance(raw, bytes) else str(raw).encode()
                try:
                    data = json.loads(payload)
                except ValueError:
                    data = None
                if isinstance(data, dict):
                    if data.get("user") == user:
                        doomed.append(entry_id)
                elif user.encode() in payload:
                    doomed.append(entry_id)
            if len(rows) < 500:
                break
            last = rows[-1][0]
            start = "(" + (last.decode() if isinstance(last, bytes) else str(last))
        for i in range(0, len(doomed), 500):
            await self._client.xdel(self._dead, *doomed[i : i + 500])
        return len(doomed)
