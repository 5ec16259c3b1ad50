"""The Redis Stream inbox: dedupe-and-enqueue, consumer group hand-off, claims, dead letters."""

from __future__ import annotations

import asyncio

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
    assert [p for _, p in got_a] + [p for _, p in got_b] == [b"one", b"two"]
    assert await a.pending() == 2
    for entry_id, _ in got_a:
        await a.ack(entry_id)
    for entry_id, _ in got_b:
        await b.ack(entry_id)
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
    [(entry_id, _)] = await a.read(block_ms=100)  # a dies holding it
    assert await a.deliveries(entry_id) == 1
    await asyncio.sleep(0.15)
    assert [e for e, _ in await b.read(block_ms=100)] == [entry_id]  # claimed
    await asyncio.sleep(0.15)
    assert [e for e, _ in await a.read(block_ms=100)] == [entry_id]  # and again
    assert await a.deliveries(entry_id) == 3
    await a.dead_letter(entry_id, b"poison")
    assert await a.pending() == 0
    dead = await redis_client.xrange(f"{redis_prefix}:{{inbox}}:dead")
    assert [fields[b"p"] for _, fields in dead] == [b"poison"]


async def test_ack_deletes_the_posted_outbox_in_the_same_trip(
    redis_client: aioredis.Redis, redis_prefix: str
) -> None:
    inbox = Inbox(redis_client, prefix=redis_prefix)
    await inbox.accept("k", b"x")
    [(entry_id, _)] = await inbox.read(block_ms=100)
    outbox = f"{redis_prefix}:{{c:abc}}:out:1"
    await redis_client.set(outbox, b"replies")
    await inbox.ack(entry_id, also_delete=[outbox])
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
    payloads = [p for _, p in await inbox.read(count=20, block_ms=100)]
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
