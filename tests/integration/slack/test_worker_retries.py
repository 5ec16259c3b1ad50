"""What the worker does with an entry that fails: retried, and set aside only for its own fault."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import redis.asyncio as aioredis
from redis.exceptions import ResponseError

from bot.slack.inbound import Inbound
from bot.slack.turns import Work
from bot.slack.worker import MAX_DELIVERIES, SlackWorker
from bot.store.inbox import Inbox
from bot.store.steps import NotReplicated
from testkit.redis_servers import RedisServer

MESSAGE = Inbound(kind="message", key="msg:D1:1.0", team="T1", channel="D1", user="U1", ts="1.0")


class _Failing:
    """A handler that fails every time with ``exc``, counting its attempts."""

    def __init__(self, exc: Exception, enough: int) -> None:
        self.exc = exc
        self.attempts = 0
        self.enough = enough
        self.tried = asyncio.Event()

    async def __call__(self, work: Work) -> None:
        self.attempts += 1
        if self.attempts >= self.enough:
            self.tried.set()
        raise self.exc


class _Recording:
    """A handler that keeps what it is given."""

    def __init__(self) -> None:
        self.seen: list[Work] = []
        self.tried = asyncio.Event()

    async def __call__(self, work: Work) -> None:
        self.seen.append(work)
        self.tried.set()


async def _run(inbox: Inbox, handler: _Failing | _Recording) -> None:
    worker = SlackWorker({"message": handler}, inbox)
    stopping = asyncio.Event()
    running = asyncio.create_task(worker.run(stopping))
    async with asyncio.timeout(20):
        await handler.tried.wait()
    await asyncio.sleep(0.2)  # what follows a failure (the count, the set-aside) has run
    stopping.set()
    await running


# A turn that runs out of time (the worker's own timeout) is the entry's fault too.
@pytest.mark.parametrize("exc", [ValueError("bad entry"), TimeoutError()])
async def test_an_entry_at_fault_is_set_aside_after_its_tries(
    redis_client: aioredis.Redis, redis_prefix: str, exc: Exception
) -> None:
    inbox = Inbox(redis_client, prefix=redis_prefix, claim_idle_ms=100)
    assert await inbox.accept(MESSAGE.key, MESSAGE.to_bytes())
    handler = _Failing(exc, MAX_DELIVERIES)
    await _run(inbox, handler)
    assert await inbox.pending() == 0
    assert await redis_client.xlen(f"{redis_prefix}:{{inbox}}:dead") == 1


async def _no_replica_refusal(data_dir: Path) -> Exception:
    """What a master that lost its replicas answers a write with (min-replicas-to-write), as
    for the seconds after a failover while the other replica resyncs."""
    server = RedisServer(data_dir, appendonly=False)
    server.start()
    client = aioredis.Redis(port=server.port)
    try:
        await client.config_set("min-replicas-to-write", 1)
        with pytest.raises(ResponseError) as refused:
            await client.set("k", "v")
        return refused.value
    finally:
        await client.aclose()
        server.stop()


@pytest.mark.parametrize("refusal", ["not_replicated", "no_replicas"])
async def test_an_entry_is_never_set_aside_while_the_store_is_out_of_reach(
    redis_client: aioredis.Redis, redis_prefix: str, refusal: str, tmp_path: Path
) -> None:
    inbox = Inbox(redis_client, prefix=redis_prefix, claim_idle_ms=100)
    assert await inbox.accept(MESSAGE.key, MESSAGE.to_bytes())
    # A failover, longer than MAX_DELIVERIES tries: writes no replica confirmed, or refused
    # by a master with no replica.
    exc = (
        NotReplicated("no replica confirmed the write")
        if refusal == "not_replicated"
        else await _no_replica_refusal(tmp_path / "alone")
    )
    handler = _Failing(exc, MAX_DELIVERIES + 2)
    await _run(inbox, handler)
    assert await inbox.pending() == 1
    assert await redis_client.xlen(f"{redis_prefix}:{{inbox}}:dead") == 0


async def test_the_handler_gets_the_binding_read_when_the_reply_was_accepted(
    redis_client: aioredis.Redis, redis_prefix: str
) -> None:
    inbox = Inbox(redis_client, prefix=redis_prefix)
    binding = f"{redis_prefix}:place:{{T1:C1:1.0}}"
    await redis_client.set(binding, "c-held")
    reply = Inbound(
        kind="message",
        key="msg:C1:2.0",
        team="T1",
        channel="C1",
        user="U1",
        ts="2.0",
        thread_ts="1.0",
        surface="slash",
    )
    status = await inbox.accept_message(
        reply.key, reply.to_bytes(), b"n", user="u", thread="t", thread_binding=binding
    )
    assert status == "accepted"
    handler = _Recording()
    await _run(inbox, handler)
    assert [(w.inbound.key, w.bound) for w in handler.seen] == [(reply.key, "c-held")]
