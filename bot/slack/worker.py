"""The inbox loop: delivery, per-thread order, time limits and dead letters.

Handlers only persist (see ``bot.slack.app``); everything slow happens here, from Redis, so a
crash after the ack loses nothing and any replica can pick the work up. What each kind of work
does is in ``bot.slack.handlers``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.core.service import ConsultationService
from bot.knowledge.base import KnowledgeBase
from bot.metrics import Metrics
from bot.slack.handlers import Handler, Handlers
from bot.slack.inbound import Inbound, Kind
from bot.slack.poster import SlackApi, SlackPoster, Tokens
from bot.slack.turns import Turns, Work
from bot.store.inbox import Entry, Inbox
from bot.store.steps import store_unreachable

log = logging.getLogger(__name__)

# A unit of work that takes longer is abandoned here and claimed again later (see Inbox).
ENTRY_TIMEOUT_SECONDS = 45.0
MAX_DELIVERIES = 3


class SlackWorker:
    def __init__(
        self, handlers: dict[Kind, Handler], inbox: Inbox, *, concurrency: int = 256
    ) -> None:
        self._handlers = handlers
        self._inbox = inbox
        self._slots = asyncio.Semaphore(concurrency)
        self._tasks: set[asyncio.Task[None]] = set()
        # One thread's turns run in order within this process.
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    async def run(self, stopping: asyncio.Event) -> None:
        """Read and process until ``stopping`` is set, then finish what was started."""
        while not stopping.is_set():
            try:
                entries = await self._inbox.read(count=16, block_ms=500)
            except Exception as exc:  # Redis down: keep the process up and try again.
                # The error's kind only: its text may carry addresses.
                log.warning("inbox read failed (%s); retrying", type(exc).__name__)
                await asyncio.sleep(1.0)
                continue
            for entry in entries:
                await self._slots.acquire()
                task = asyncio.create_task(self._run_one(entry))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
        await self.drain()
        try:
            await self._inbox.close()
        except Exception:  # Redis down: the entries stay pending and are redone elsewhere.
            log.warning("inbox acknowledgements lost at shutdown")

    async def drain(self) -> None:
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _run_one(self, entry: Entry) -> None:
        entry_id, payload = entry.id, entry.payload
        try:
            work = Work(Inbound.from_bytes(payload), fresh=not entry.redelivered, bound=entry.bound)
            key = _lock_key(work.inbound)
            lock, users = self._locks.get(key, (asyncio.Lock(), 0))
            self._locks[key] = (lock, users + 1)
            try:
                async with lock, asyncio.timeout(ENTRY_TIMEOUT_SECONDS):
                    await self.process(work)
            finally:
                lock, users = self._locks[key]
                if users <= 1:
                    del self._locks[key]
                else:
                    self._locks[key] = (lock, users - 1)
            self._inbox.ack_soon(entry_id, also_delete=work.receipts)
        except Exception as exc:
            # Left pending: another attempt (here or in another replica) claims it later,
            # up to MAX_DELIVERIES; then it is set aside for an operator to look at. Not when
            # the store was out of reach (a failover, a write no replica confirmed): that says
            # nothing about the entry, and it is tried again for as long as that lasts.
            log.error("inbox entry %s failed: %s", entry_id, type(exc).__name__)
            if store_unreachable(exc):
                return
            with contextlib.suppress(Exception):
                if await self._inbox.deliveries(entry_id) >= MAX_DELIVERIES:
                    await self._inbox.dead_letter(entry_id, payload)
                    log.error("inbox entry %s set aside after %d tries", entry_id, MAX_DELIVERIES)
        finally:
            self._slots.release()

    async def process(self, work: Work) -> None:
        """Run one unit of work through the handler for its kind."""
        handler = self._handlers.get(work.inbound.kind)
        if handler is None:
            log.warning("no handler for %s", work.inbound.kind)
            return
        await handler(work)


def _lock_key(i: Inbound) -> str:
    return f"{i.channel}:{i.thread_ts or i.ts}" if i.channel else i.key


def slack_worker(
    svc: ConsultationService,
    kb: KnowledgeBase,
    client: SlackApi,
    inbox: Inbox,
    *,
    metrics: Metrics,
    tokens: Tokens | None = None,
    concurrency: int = 256,
    status_delay: float = 0.0,
) -> SlackWorker:
    """The worker with its handlers, posting through ``client``."""
    poster = SlackPoster(client, metrics=metrics, tokens=tokens)
    turns = Turns(svc, kb, poster, metrics, status_delay)
    handlers = Handlers(svc, turns, poster, metrics)
    return SlackWorker(handlers.table(), inbox, concurrency=concurrency)
