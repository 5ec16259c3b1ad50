"""The Redis Stream inbox: dedupe-and-enqueue, consumer group hand-off, claims, dead letters."""

from __future__ import annotations

import asyncio
from typing import Any

import redis.asyncio as aioredis

from bot.store.inbox import Inbox


async def test_accept_dedupes_and_read_hands_each_entry_to_one_consumer(
    redis_client: aioredis.Redis, redis_prefix: str
) -> None:
    a = Inbox(redis_client, prefix=redis_prefix, consumer="a")
    b = Inbox(redis_client, prefix=redis_prefix, consumer="b")
    assert await a.accept("msg:C1:1.0", b"one")
    assert not await b.accept("msg:C1:1.0", b"one again")
    assert await a.accept("msg:C1:2.0", b"two")
    got_a = await a.read(count=1, block_ms=100)
    got_b = await b.read(count=10, block_ms=100)
    assert [e.payload for e in got_a] + [e.payload for e in got_b] == [b"one", b"two"]
    assert not any(e.redelivered for e in got_a + got_b)
    assert await a.pending() == 2
    for e in got_a:
        a.ack_soon(e.id)
    for e in got_b:
        b.ack_soon(e.id)
    await a.flush()
    await b.flush()
    assert await a.pending() == 0
    assert await redis_client.xlen(a.stream) == 0


async def test_concurrent_duplicate_deliveries_enqueue_once(
    redis_client: aioredis.Redis, redis_prefix: str
) -> None:
    inbox = Inbox(redis_client, prefix=redis_prefix)
    results = await asyncio.gather(*(inbox.accept("ev:Ev1", b"x") for _ in range(20)))
    assert results.count(True) == 1
    assert await redis_client.xlen(inbox.stream) == 1


async def test_stale_entries_are_claimed_and_poison_ones_set_aside(
    redis_client: aioredis.Redis, redis_prefix: str
) -> None:
    a = Inbox(redis_client, prefix=redis_prefix, consumer="a", claim_idle_ms=100)
    b = Inbox(redis_client, prefix=redis_prefix, consumer="b", claim_idle_ms=100)
    await a.accept("k", b"poison")
    [held] = await a.read(block_ms=100)  # a dies holding it
    entry_id = held.id
    assert not held.redelivered
    assert await a.deliveries(entry_id) == 1
    await asyncio.sleep(0.15)
    claimed = await b.read(block_ms=100)
    assert [(e.id, e.redelivered) for e in claimed] == [(entry_id, True)]
    await asyncio.sleep(0.15)
    assert [e.id for e in await a.read(block_ms=100)] == [entry_id]  # and again
    assert await a.deliveries(entry_id) == 3
    await a.dead_letter(entry_id, b"poison")
    assert await a.pending() == 0
    [(_, fields)] = await redis_client.xrange(f"{redis_prefix}:{{inbox}}:dead") or []
    assert fields is not None and fields[b"p"] == b"poison"


async def test_ack_deletes_the_posted_outbox_in_the_same_trip(
    redis_client: aioredis.Redis, redis_prefix: str
) -> None:
    inbox = Inbox(redis_client, prefix=redis_prefix)
    await inbox.accept("k", b"x")
    [taken] = await inbox.read(block_ms=100)
    entry_id = taken.id
    outbox = f"{redis_prefix}:{{c:abc}}:out:1"
    await redis_client.set(outbox, b"replies")
    inbox.ack_soon(entry_id, also_delete=[outbox])
    await inbox.flush()
    assert await redis_client.exists(outbox) == 0


async def test_message_rate_limits_queue_one_notice_per_window(
    redis_client: aioredis.Redis, redis_prefix: str
) -> None:
    inbox = Inbox(redis_client, prefix=redis_prefix, per_user=3, per_thread=100)
    statuses = [
        await inbox.accept_message(f"msg:D1:{n}", b"turn", b"notice", user="u", thread=f"t{n}")
        for n in range(6)
    ]
    assert statuses == ["accepted"] * 3 + ["limited:user"] * 3
    payloads = [e.payload for e in await inbox.read(count=20, block_ms=100)]
    assert payloads == [b"turn"] * 3 + [b"notice"]  # one notice, not three
    again = await inbox.accept_message("msg:D1:0", b"turn", b"notice", user="u", thread="t0")
    assert again == "duplicate"  # a retry is a duplicate before it is a rate question
    other = await inbox.accept_message("msg:D2:0", b"turn", b"notice", user="v", thread="x")
    assert other == "accepted"  # limits are per user
    keys = [k async for k in redis_client.scan_iter(match=f"{redis_prefix}:*rl*")]
    assert keys
    for k in keys:
        assert await redis_client.ttl(k) > 0


async def test_thread_limit_applies_across_users(
    redis_client: aioredis.Redis, redis_prefix: str
) -> None:
    inbox = Inbox(redis_client, prefix=redis_prefix, per_user=100, per_thread=2)
    statuses = [
        await inbox.accept_message(f"msg:C1:{n}", b"turn", b"notice", user=f"u{n}", thread="t")
        for n in range(3)
    ]
    assert statuses == ["accepted", "accepted", "limited:thread"]


async def test_deferred_acks_ride_with_the_next_read(
    redis_client: aioredis.Redis, redis_prefix: str
) -> None:
    inbox = Inbox(redis_client, prefix=redis_prefix)
    for n in range(3):
        await inbox.accept(f"k{n}", b"x")
    first = await inbox.read(count=2, block_ms=100)
    outboxes = [f"{redis_prefix}:{{c:{e.id}}}:out:1" for e in first]
    for e, outbox in zip(first, outboxes, strict=True):
        await redis_client.set(outbox, b"replies")
        inbox.ack_soon(e.id, also_delete=[outbox])
    assert await inbox.pending() == 2  # queued, not sent yet
    before = await redis_client.info("stats")
    rest = await inbox.read(count=5, block_ms=100)
    after = await redis_client.info("stats")
    assert [e.payload for e in rest] == [b"x"]
    assert await inbox.pending() == 1
    assert await redis_client.exists(*outboxes) == 0
    # XACK, XDEL, a DEL per outbox and XREADGROUP: one round trip (the second INFO is one).
    assert after["total_commands_processed"] - before["total_commands_processed"] == 6
    assert after["total_reads_processed"] - before["total_reads_processed"] == 2
    await inbox.close()


async def test_deferred_acks_are_sent_soon_without_a_read_and_at_close(
    redis_client: aioredis.Redis, redis_prefix: str
) -> None:
    inbox = Inbox(redis_client, prefix=redis_prefix, ack_delay=0.05)
    await inbox.accept("k1", b"x")
    await inbox.accept("k2", b"y")
    one, two = await inbox.read(count=2, block_ms=100)
    inbox.ack_soon(one.id)
    assert await inbox.pending() == 2
    await asyncio.sleep(0.2)  # nobody reads: the delayed flush sends it
    assert await inbox.pending() == 1
    inbox.ack_soon(two.id)
    await inbox.close()  # shutting down sends the rest at once
    assert await inbox.pending() == 0


async def test_one_slow_down_notice_per_window_even_when_both_limits_trip(
    redis_client: aioredis.Redis, redis_prefix: str
) -> None:
    inbox = Inbox(redis_client, prefix=redis_prefix, per_user=2, per_thread=3)
    statuses = [
        await inbox.accept_message(f"msg:C1:{n}", b"turn", b"notice", user="u", thread="t")
        for n in range(5)
    ]
    # The user's limit trips first, the thread's a message later: still one notice.
    assert statuses == ["accepted"] * 2 + ["limited:user"] * 3
    other = await inbox.accept_message("msg:C1:9", b"turn", b"notice", user="v", thread="t")
    assert other == "limited:thread"  # and the thread has had its notice this window
    payloads = [e.payload for e in await inbox.read(count=20, block_ms=100)]
    assert payloads == [b"turn", b"turn", b"notice"]


async def test_replies_in_threads_the_bot_does_not_hold_use_no_budget(
    redis_client: aioredis.Redis, redis_prefix: str
) -> None:
    inbox = Inbox(redis_client, prefix=redis_prefix, per_user=2, per_thread=2)
    binding = f"{redis_prefix}:place:{{T1:C1:1.0}}"
    for n in range(5):
        status = await inbox.accept_message(
            f"msg:C1:{n}", b"chatter", b"notice", user="u", thread="t", thread_binding=binding
        )
        assert status == "accepted"
    assert not [k async for k in redis_client.scan_iter(match=f"{redis_prefix}:*rl*")]
    await redis_client.set(binding, "c1")  # the bot holds a consultation there now
    statuses = [
        await inbox.accept_message(
            f"msg:C1:1{n}", b"turn", b"notice", user="u", thread="t", thread_binding=binding
        )
        for n in range(3)
    ]
    assert statuses == ["accepted", "accepted", "limited:user"]


async def test_an_entry_carries_its_threads_binding_so_no_worker_looks_it_up_again(
    redis_client: aioredis.Redis, redis_prefix: str
) -> None:
    inbox = Inbox(redis_client, prefix=redis_prefix)
    binding = f"{redis_prefix}:place:{{T1:C1:3.0}}"
    await redis_client.set(binding, "c-held")
    # A reply in a channel thread the bot holds, and a direct message in a thread (it counts
    # whatever the binding; the binding is read only to be passed on).
    await inbox.accept_message("msg:C1:x", b"a", b"n", user="u", thread="t", thread_binding=binding)
    await inbox.accept_message(
        "msg:D1:y", b"b", b"n", user="u", thread="t", thread_binding=binding, always_counts=True
    )
    # Where nothing is bound, or nothing was asked, the entry says nothing.
    unbound = f"{redis_prefix}:place:{{T1:D1:4.0}}"
    await inbox.accept_message(
        "msg:D1:z", b"c", b"n", user="u", thread="t", thread_binding=unbound, always_counts=True
    )
    await inbox.accept_message("msg:D1:w", b"d", b"n", user="u", thread="t")
    entries = await inbox.read(count=10, block_ms=100)
    assert [(e.payload, e.bound) for e in entries] == [
        (b"a", "c-held"),
        (b"b", "c-held"),
        (b"c", ""),
        (b"d", ""),
    ]


async def test_commands_and_presses_have_their_own_budget(
    redis_client: aioredis.Redis, redis_prefix: str
) -> None:
    inbox = Inbox(redis_client, prefix=redis_prefix, per_user=1, per_user_interactive=3)
    assert await inbox.accept_message("msg:D1:1", b"turn", b"n", user="u", thread="t") == (
        "accepted"
    )
    statuses = [await inbox.accept_interactive(f"act:{n}", b"press", user="u") for n in range(4)]
    assert statuses == ["accepted"] * 3 + ["limited:interactive"]
    assert await inbox.accept_interactive("act:0", b"press", user="u") == "duplicate"
    assert await inbox.accept_interactive("act:9", b"press", user="v") == "accepted"
    payloads = [e.payload for e in await inbox.read(count=20, block_ms=100)]
    assert payloads == [b"turn"] + [b"press"] * 4


class _CountingRedis(aioredis.Redis):
    """A client that counts what it sends: each command, or each pipeline, is a round trip."""

    sent = 0

    async def execute_command(self, *args: Any, **options: Any) -> Any:
        self.sent += 1
        return await super().execute_command(*args, **options)  # type: ignore[no-untyped-call]

    def pipeline(self, transaction: bool = True, shard_hint: Any = None) -> Any:
        self.sent += 1
        return super().pipeline(transaction, shard_hint)


async def test_a_reply_in_a_thread_is_accepted_in_one_round_trip_on_one_server(
    redis_url: str, redis_prefix: str
) -> None:
    client = _CountingRedis(connection_pool=aioredis.ConnectionPool.from_url(redis_url))
    try:
        inbox = Inbox(client, prefix=redis_prefix, per_user=1)
        binding = f"{redis_prefix}:place:{{T1:C1:2.0}}"
        # The script is loaded on the first call; count the calls after it.
        await inbox.accept_message("msg:C1:w", b"x", b"n", user="w", thread="w")
        await client.set(binding, "c1")
        client.sent = 0
        first = await inbox.accept_message(
            "msg:C1:a", b"turn", b"n", user="u", thread="t", thread_binding=binding
        )
        assert (first, client.sent) == ("accepted", 1)
        # And the binding the script read counts the reply against the user's budget.
        second = await inbox.accept_message(
            "msg:C1:b", b"turn", b"n", user="u", thread="t", thread_binding=binding
        )
        assert second == "limited:user"
    finally:
        keys = [k async for k in client.scan_iter(match=f"{redis_prefix}:*")]
        if keys:
            await client.unlink(*keys)
        await client.aclose(close_connection_pool=True)


class _PipelineCountingRedis(_CountingRedis):
    pipelines = 0

    def pipeline(self, transaction: bool = True, shard_hint: Any = None) -> Any:
        self.pipelines += 1
        return super().pipeline(transaction, shard_hint)


async def test_every_accept_is_one_plain_command_and_survives_an_empty_script_cache(
    redis_url: str, redis_prefix: str
) -> None:
    client = _PipelineCountingRedis(connection_pool=aioredis.ConnectionPool.from_url(redis_url))
    try:
        inbox = Inbox(client, prefix=redis_prefix, per_user_interactive=1)
        # A restarted server has no scripts: each accept loads its own and runs once.
        await client.script_flush()
        assert await inbox.accept("ev:Ev9", b"home")
        assert await inbox.accept_interactive("cmd:t9", b"cmd", user="u9") == "accepted"
        assert await inbox.accept_message("msg:D9:1.0", b"m", b"n", user="u9", thread="t9") == (
            "accepted"
        )
        assert await client.xlen(inbox.stream) == 3
        # Loaded now: one command each, no pipeline, and the statuses come back the same way.
        client.sent = client.pipelines = 0
        assert not await inbox.accept("ev:Ev9", b"home again")
        assert await inbox.accept_interactive("cmd:t10", b"cmd", user="u9") == (
            "limited:interactive"
        )
        assert await inbox.accept_message("msg:D9:1.0", b"m", b"n", user="u9", thread="t9") == (
            "duplicate"
        )
        assert (client.sent, client.pipelines) == (3, 0)
    finally:
        keys = [k async for k in client.scan_iter(match=f"{redis_prefix}:*")]
        if keys:
            await client.unlink(*keys)
        await client.aclose(close_connection_pool=True)
