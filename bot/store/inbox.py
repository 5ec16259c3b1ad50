"""A durable inbox for incoming Slack work: dedupe and enqueue in one atomic step.

Handlers persist an event here before Slack gets its 200; workers in any replica read it
through a Redis Stream consumer group, and entries left pending by a crashed worker are
claimed by another once idle for long enough. Accepting goes through ``run_script``: with
Sentinel an accepted entry is on a replica before the ack, and a cluster runs each script on
the node of the inbox's slot.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
from collections.abc import Sequence
from typing import Any, NamedTuple

import redis.asyncio as aioredis
from redis.exceptions import ResponseError

from bot.store.client import topology
from bot.store.inbox_forget import InboxForgetting
from bot.store.inbox_scripts import ACCEPT, ACCEPT_COUNTED, ACCEPT_MESSAGE, status
from bot.store.steps import ScriptCall, run_script, run_steps

log = logging.getLogger(__name__)

DEFAULT_DEDUPE_TTL = 24 * 3600
# Longer than a worker may spend on one entry (ENTRY_TIMEOUT_SECONDS), so live work is not
# claimed twice.
DEFAULT_CLAIM_IDLE_MS = 60_000
# Past this many entries waiting (or being worked on), new work is refused rather than queued:
# Slack delivers it again later. Nothing already accepted is ever trimmed.
DEFAULT_BACKLOG_LIMIT = 100_000
# How long a finished entry's acknowledgement may wait for the next read to carry it: as long
# as a worker's blocking read, so that one turn after another also shares the trip.
DEFAULT_ACK_DELAY_SECONDS = 0.5


class Entry(NamedTuple):
    id: str
    payload: bytes
    # Handed out before (to a worker that died or gave up on it): its work may be half done.
    redelivered: bool = False
    # The consultation bound to the message's thread when it was accepted ("" if unknown).
    bound: str = ""


def default_consumer_name() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


class Inbox(InboxForgetting):
    """Every inbox key shares the ``{inbox}`` hash tag, so the accept scripts run on one shard
    (a message's thread binding, read to tell the bot's threads from others, lives elsewhere:
    on one server the script reads it too; in a cluster it is read just before).

    Nothing accepted is ever trimmed: past ``backlog_limit`` entries, accepting raises
    :class:`InboxFull` instead.
    """

    def __init__(
        self,
        client: aioredis.Redis,
        *,
        prefix: str = "explainer",
        group: str = "workers",
        consumer: str | None = None,
        dedupe_ttl: int = DEFAULT_DEDUPE_TTL,
        claim_idle_ms: int = DEFAULT_CLAIM_IDLE_MS,
        per_user: int = 20,
        per_thread: int = 30,
        per_user_interactive: int = 60,
        window_seconds: int = 60,
        ack_delay: float = DEFAULT_ACK_DELAY_SECONDS,
        backlog_limit: int = DEFAULT_BACKLOG_LIMIT,
    ) -> None:
        self._client = client
        self._ack_delay = ack_delay
        self._stream = f"{prefix}:{{inbox}}:stream"
        self._seen = f"{prefix}:{{inbox}}:seen:"
        self._dead = f"{prefix}:{{inbox}}:dead"
        self._group = group
        self.consumer = consumer or default_consumer_name()
        self._ttl = dedupe_ttl
        self._claim_idle_ms = claim_idle_ms
        self._accept = client.register_script(ACCEPT)
        self._accept_counted = client.register_script(ACCEPT_COUNTED)
        self._accept_message = client.register_script(ACCEPT_MESSAGE)
        # Every key on one node: a script may read keys of any hash slot.
        self._one_node = topology(client) != "cluster"
        self.per_user = per_user
        self.per_thread = per_thread
        self.per_user_interactive = per_user_interactive
        self.window_seconds = window_seconds
        self.backlog_limit = backlog_limit
        self._group_ready = False
        self._next_claim = 0.0
        self._acks: list[tuple[str, Sequence[str]]] = []
        self._flusher: asyncio.Task[None] | None = None

    @property
    def stream(self) -> str:
        return self._stream

    async def ensure_group(self) -> None:
        if self._group_ready:
            return
        try:
            await self._client.xgroup_create(self._stream, self._group, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise
        self._group_ready = True

    async def accept(self, key: str, payload: bytes, *, dedupe_ttl: int | None = None) -> bool:
        """Persist one unit of work; False when ``key`` was already accepted (a duplicate).

        Raises :class:`InboxFull` when the backlog is at its limit.
        """
        result = await run_script(
            self._client,
            ScriptCall(
                self._accept,
                [self._seen + key, self._stream],
                [payload, dedupe_ttl or self._ttl, self.backlog_limit],
            ),
        )
        return status(result) == "accepted"

    async def accept_interactive(self, key: str, payload: bytes, *, user: str) -> str:
        """Persist a command or button press within the user's budget for them.

        Returns ``accepted``, ``duplicate`` or ``limited:interactive``; raises
        :class:`InboxFull`. ``user`` is a hash: key names must not carry user ids.
        """
        window = int(time.time()) // self.window_seconds
        result = await run_script(
            self._client,
            ScriptCall(
                self._accept_counted,
                [self._seen + key, self._stream, f"{self._base}rl:i:{user}:{window}"],
                [
                    payload,
                    self._ttl,
                    self.backlog_limit,
                    self.window_seconds * 2,
                    self.per_user_interactive,
                ],
            ),
        )
        return status(result)

    async def accept_message(
        self,
        key: str,
        payload: bytes,
        notice: bytes,
        *,
        user: str,
        thread: str,
        thread_binding: str | None = None,
        always_counts: bool = False,
    ) -> str:
        """Persist a user message within the rate limits, in one step.

        Returns ``accepted``, ``duplicate``, or ``limited:user`` / ``limited:thread``; raises
        :class:`InboxFull`. ``user`` and ``thread`` are hashes: key names must not carry user
        ids. With ``thread_binding`` (the key that exists while the bot holds a consultation
        in the message's thread) the message counts only if that key exists; without, it
        always counts (a direct message or a mention is for the bot).

        On one server (or Sentinel's master) the script reads the binding itself, in the same
        round trip. In a cluster the binding is in another hash slot than the inbox, so it is
        read first, on its own: a binding made in between only means one message went
        uncounted.

        ``always_counts`` (a direct message or mention in a thread): the binding is read only
        to be passed on. On one server the entry carries the binding's consultation id
        (:attr:`Entry.bound`), read in the same step.
        """
        counts = "1"
        extra: list[str] = []
        if thread_binding is not None and self._one_node:
            counts, extra = "hint" if always_counts else "key", [thread_binding]
        elif thread_binding is not None and not always_counts:
            [held] = await run_steps(
                self._client, [lambda pipe: pipe.exists(thread_binding)], durable=False
            )
            counts = "1" if held else "0"
        window = int(time.time()) // self.window_seconds
        base = self._base
        result = await run_script(
            self._client,
            ScriptCall(
                self._accept_message,
                [
                    self._seen + key,
                    self._stream,
                    f"{base}rl:u:{user}:{window}",
                    f"{base}rl:t:{thread}:{window}",
                    f"{base}rl:nu:{user}:{window}",
                    f"{base}rl:nt:{thread}:{window}",
                    *extra,
                ],
                [
                    payload,
                    self._ttl,
                    self.backlog_limit,
                    self.window_seconds * 2,
                    notice,
                    self.per_user,
                    self.per_thread,
                    counts,
                ],
            ),
        )
        return status(result)

    async def backlog(self) -> int:
        """Entries waiting or being worked on (what the backlog limit counts)."""
        return int(await self._client.xlen(self._stream))

    async def read(self, count: int = 16, block_ms: int = 1000) -> list[Entry]:
        """Entries for this consumer: stale ones claimed from dead workers first, then new ones.

        Acknowledgements queued with :meth:`ack_soon` go out in the same round trip.
        """
        await self.ensure_group()
        # Claiming is for crashed peers; checking every few idle periods is enough.
        if time.monotonic() >= self._next_claim:
            self._next_claim = time.monotonic() + self._claim_idle_ms / 2000
            claimed = await self._claim(count)
            if claimed:
                return claimed
        acks, self._acks = self._acks, []
        try:
            async with self._client.pipeline(transaction=False) as pipe:
                self._queue_acks(pipe, acks)
                pipe.xreadgroup(
                    self._group, self.consumer, {self._stream: ">"}, count=count, block=block_ms
                )
                results = await pipe.execute(raise_on_error=False)
        except Exception:
            self._acks[:0] = acks  # acknowledging again is harmless
            raise
        reply = results[-1]
        if isinstance(reply, ResponseError) and "NOGROUP" in str(reply):
            # The stream was deleted (e.g. Redis restarted empty): recreate the group.
            self._group_ready = False
            return []
        if isinstance(reply, Exception):
            raise reply
        if any(isinstance(r, Exception) for r in results[:-1]):
            # The read went through, so its entries are handled; the acks go out again later.
            log.warning("inbox acknowledgements failed; retrying with the next read")
            self._acks[:0] = acks
        streams: list[Any] = list(reply or ())
        return [e for item in streams for e in _entries(item[1])]

    async def _claim(self, count: int) -> list[Entry]:
        try:
            reply = await self._client.xautoclaim(
                self._stream,
                self._group,
                self.consumer,
                self._claim_idle_ms,
                start_id="0-0",
                count=count,
            )
        except ResponseError as exc:
            if "NOGROUP" not in str(exc):
                raise
            self._group_ready = False
            return []
        return [e._replace(redelivered=True) for e in _entries(reply[1])] if reply else []

    def ack_soon(self, entry_id: str, *, also_delete: Sequence[str] = ()) -> None:
        """Done with an entry; ``also_delete`` (e.g. a posted outbox) goes in the same trip.

        Carried by the next read, or sent after ``ack_delay`` (or by :meth:`flush`).

        Saves a round trip per entry. Until it is sent the entry is still pending: if the
        process is killed in that window, another worker redoes the entry, finds its turn
        saved and posts the saved replies again (a repeat, never a loss). Under load reads
        follow each other closely, so the window is milliseconds; a graceful stop flushes.
        """
        self._acks.append((entry_id, also_delete))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush_later())

    async def _flush_later(self) -> None:
        await asyncio.sleep(self._ack_delay)
        try:
            await self.flush()
        except Exception:  # Redis down: the next read or flush carries them.
            log.warning("inbox acknowledgements not sent; retrying with the next read")

    async def flush(self) -> None:
        """Send the acknowledgements still queued (call before shutting down)."""
        acks, self._acks = self._acks, []
        if not acks:
            return
        try:
            async with self._client.pipeline(transaction=False) as pipe:
                self._queue_acks(pipe, acks)
                await pipe.execute()
        except Exception:
            self._acks[:0] = acks
            raise

    async def close(self) -> None:
        """Flush what is queued and stop the delayed flush."""
        if self._flusher is not None:
            self._flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._flusher
        await self.flush()

    def _queue_acks(self, pipe: Any, acks: Sequence[tuple[str, Sequence[str]]]) -> None:
        if not acks:
            return
        ids = [entry_id for entry_id, _ in acks]
        pipe.xack(self._stream, self._group, *ids)
        pipe.xdel(self._stream, *ids)
        for _, keys in acks:
            if keys:  # one entry's keys share a slot; several entries' may not
                pipe.delete(*keys)

    async def deliveries(self, entry_id: str) -> int:
        """How many times the entry has been handed to a consumer."""
        rows = await self._client.xpending_range(
            self._stream, self._group, min=entry_id, max=entry_id, count=1
        )
        return int(rows[0]["times_delivered"]) if rows else 0

    async def dead_letter(self, entry_id: str, payload: bytes) -> None:
        """Move a poison entry aside (a capped stream operators can read) and ack it."""
        async with self._client.pipeline(transaction=False) as pipe:
            pipe.xadd(self._dead, {"p": payload, "id": entry_id}, maxlen=1000, approximate=True)
            pipe.xack(self._stream, self._group, entry_id)
            pipe.xdel(self._stream, entry_id)
            await pipe.execute()

    async def pending(self) -> int:
        await self.ensure_group()
        info = await self._client.xpending(self._stream, self._group)
        return int(info["pending"]) if info else 0


def _entries(entries: Any) -> list[Entry]:
    out: list[Entry] = []
    for entry_id, fields in entries or ():
        if not fields:  # deleted while pending
            continue
        eid = entry_id.decode() if isinstance(entry_id, bytes) else str(entry_id)
        payload = fields.get(b"p") or fields.get("p")
        bound = fields.get(b"c") or fields.get("c") or b""
        if payload is not None:
            out.append(
                Entry(
                    eid,
                    payload if isinstance(payload, bytes) else str(payload).encode(),
                    bound=bound.decode() if isinstance(bound, bytes) else str(bound),
                )
            )
    return out
